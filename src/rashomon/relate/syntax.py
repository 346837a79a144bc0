"""A claim's tokens and their parse, as the relate stage's verb readers (``opposites``, ``first_movers``)
read them."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rashomon.model import Claim, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class ClaimParse:
    """The claim's tokens in text order, every token of its article by index, and the claim's tokens by
    the index of their head."""

    inside: list[Token]
    by_index: Mapping[int, Token]
    children: Mapping[int, list[Token]]

    def text(self, claim: Claim, token: Token) -> str:
        return claim.text[token.start - claim.start : token.end - claim.start]


def tokens_by_article(tokens: Sequence[Token]) -> dict[str, list[Token]]:
    by_article: dict[str, list[Token]] = defaultdict(list)
    for token in tokens:
        by_article[token.article].append(token)
    for items in by_article.values():
        items.sort(key=lambda t: t.start)
    return by_article


def claim_parse(claim: Claim, tokens: list[Token]) -> ClaimParse | None:
    """The parse of a body claim, out of its article's tokens in text order; None when it has no tokens."""
    first = bisect_left(tokens, claim.start, key=lambda t: t.start)
    inside = []
    for token in tokens[first:]:
        if token.start >= claim.end:
            break
        inside.append(token)
    if not inside:
        return None
    children: dict[int, list[Token]] = defaultdict(list)
    for token in inside:
        children[token.head].append(token)
    return ClaimParse(inside, {t.index: t for t in tokens}, children)


def verb_subject(token: Token, parse: ClaimParse, passive: bool = True) -> Token | None:
    """The verb's noun subject, or that of the verb it is coordinated with ("was inspected and had
    passed"); None for a pronoun or no subject. ``passive``: a passive subject counts too."""
    deps = SUBJECT_DEPS if passive else frozenset({"nsubj"})
    current: Token | None = token
    for _ in range(3):
        if current is None:
            return None
        subject = next((c for c in parse.children.get(current.index, []) if c.dep in SUBJECT_DEPS), None)
        if subject is not None:
            return subject if subject.dep in deps and subject.pos in ("NOUN", "PROPN") else None
        current = parse.by_index.get(current.head) if current.dep == "conj" else None
    return None

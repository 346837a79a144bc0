"""Candidate concept mentions from the parse: base noun phrases, the names inside them, and the links
(apposition, predicate nominal) that say two phrases in one sentence name the same thing.

A base noun phrase is a noun's head plus everything its left dependents span ("the released memos",
"Mr. Kim 's invitation"); right-hand modifiers are left out because NewsWCL50's coders, like most
readers, label the phrase that carries the loaded word, which sits left of the head. Where the phrase
ends in a name behind other words ("the C.I.A. director Mike Pompeo") the name is a candidate of its
own too, since the two parts can belong to different concepts (the agency's country, the person).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.model import Sentence, Token

NOMINAL = frozenset({"NOUN", "PROPN"})
# Dependents that belong to the head inside its phrase rather than naming something of their own.
INNER = frozenset({"compound", "flat", "nmod"})
LINKING = frozenset({"appos", "attr"})
EDGE_PUNCT = frozenset({"PUNCT", "SYM"})


@dataclass(frozen=True, slots=True)
class ConceptMention:
    """A phrase naming a concept; ``start``/``end`` are character offsets into the article text."""

    article: str
    start: int
    end: int
    text: str


def candidate_mentions(
    article: str, text: str, sentences: Sequence[Sentence], tokens: Sequence[Token]
) -> list[ConceptMention]:
    """Base noun phrases headed by a noun or name, plus the trailing name inside each."""
    del sentences  # the dependency heads already keep phrases inside their sentence
    by_index = {t.index: t for t in tokens}
    children = _children(tokens)
    found: dict[tuple[int, int], ConceptMention] = {}
    for token in tokens:
        if token.pos not in NOMINAL or token.dep in INNER:
            continue
        for first, last in _spans(token, by_index, children):
            found.setdefault(
                (first.start, last.end),
                ConceptMention(article, first.start, last.end, text[first.start : last.end]),
            )
    return sorted(found.values(), key=lambda m: (m.start, m.end))


def candidate_links(
    mentions: Sequence[ConceptMention], tokens: Sequence[Token], *, predicates: bool = False
) -> list[tuple[ConceptMention, ConceptMention]]:
    """Pairs one sentence equates: "its leader, Kim Jong-un" (apposition), with ``predicates`` also
    "the deal is a disaster" (predicate nominal). Predicates are off by default: they are mostly the
    loaded label a writer pins on a concept, which NewsWCL50's coders keep as a concept of its own
    (on dev events 0-6, merging them cost 0.3 F1 points, event 4 alone 2.8)."""
    kinds = LINKING if predicates else frozenset({"appos"})
    ending = {(m.article, m.end): m for m in sorted(mentions, key=lambda m: m.start, reverse=True)}
    by_index = {t.index: t for t in tokens}
    links: list[tuple[ConceptMention, ConceptMention]] = []
    for token in tokens:
        if token.dep not in kinds or token.pos not in NOMINAL:
            continue
        anchor = by_index.get(token.head)
        if anchor is not None and token.dep == "attr":
            anchor = _subject_of(anchor, tokens)
        if anchor is None or anchor.pos not in NOMINAL:
            continue
        a = ending.get((anchor.article, anchor.end))
        b = ending.get((token.article, token.end))
        if a is not None and b is not None and a != b:
            links.append((a, b))
    return links


def _children(tokens: Sequence[Token]) -> dict[int, list[Token]]:
    children: dict[int, list[Token]] = {}
    for token in tokens:
        if token.head != token.index:
            children.setdefault(token.head, []).append(token)
    return children


def _spans(
    head: Token, by_index: dict[int, Token], children: dict[int, list[Token]]
) -> list[tuple[Token, Token]]:
    left = [c for c in children.get(head.index, []) if c.index < head.index]
    first_index = min((_left_edge(c, children) for c in left), default=head.index)
    phrase = [by_index[i] for i in range(first_index, head.index + 1) if i in by_index]
    while phrase and (phrase[0].pos in EDGE_PUNCT or phrase[0].dep == "cc"):
        phrase.pop(0)
    if not phrase:
        return []
    spans = [(phrase[0], head)]
    name = _trailing_name(phrase)
    if name is not None and name is not phrase[0]:
        spans.append((name, head))
    return spans


def _left_edge(token: Token, children: dict[int, list[Token]]) -> int:
    edge = token.index
    for child in children.get(token.index, []):
        edge = min(edge, _left_edge(child, children))
    return edge


def _trailing_name(phrase: list[Token]) -> Token | None:
    """First token of the run of proper nouns (joined by hyphens) that ends the phrase, if any."""
    if phrase[-1].pos != "PROPN":
        return None
    first = phrase[-1]
    for token in reversed(phrase[:-1]):
        if token.pos != "PROPN" and token.tag != "HYPH":
            break
        first = token
    return first


def _subject_of(verb: Token, tokens: Sequence[Token]) -> Token | None:
    return next((t for t in tokens if t.head == verb.index and t.dep in ("nsubj", "nsubjpass")), None)

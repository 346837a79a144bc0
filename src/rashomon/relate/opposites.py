"""Claims that say opposite things of one subject: "the plant had been inspected in March and had passed"
against "the plant failed two safety inspections, the most recent in March".

Neither negates the other, no count or date differs, and no dispute word is used: the verbs are opposites.
The opposites are a short list of verb pairs whose two sides cannot both hold of one subject on one
occasion (pass / fail, win / lose, acquit / convict, survive / die; not trends such as rise / fall, which
change over a story's weeks); the
subject is the verb's grammatical subject, read off the parse (through a coordinated verb: "was inspected
and had passed"), compared by its lemma. Claims on different days are different occasions, and a pair
must be about the same thing (``MIN_COSINE``), and verbs with different objects are different acts:
"acquitted of bribery" and "convicted of accounting fraud" both hold, "won the first round" and "lost the
run-off" too; "acquitted of all charges" does not hold beside either conviction.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping, Sequence
from itertools import product

import numpy as np
import numpy.typing as npt

from rashomon.model import Claim, Relation, Token
from rashomon.nlp.quantities import same_occasion

# Each verb with its class and side: a claim on one side of a class contradicts one on the other.
OPPOSITES: dict[str, tuple[str, int]] = {
    "pass": ("pass/fail", 0), "fail": ("pass/fail", 1),
    "win": ("win/lose", 0), "lose": ("win/lose", 1),
    "acquit": ("acquit/convict", 0), "convict": ("acquit/convict", 1),
    "survive": ("survive/die", 0), "die": ("survive/die", 1),
}  # fmt: skip
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
ALL = frozenset({"all", "every", "each", "any"})  # "acquitted of all charges" meets "convicted of fraud"
# Two claims must be about one thing to contradict: cosine of their MiniLM vectors. Not fitted (no
# benchmark pairs opposite verbs); in the Kessmoor story the two inspection claims sit at 0.5-0.6.
MIN_COSINE = 0.45
MAX_PER_SIDE = 20  # claims per subject and side compared: a story repeats one account a few times


def opposite_claims(
    claims: Sequence[Claim],
    group_of: Mapping[str, str],
    tokens: Sequence[Token],
    vectors: npt.NDArray[np.float32],
) -> list[Relation]:
    """``contradict`` relations between the groups of claims whose verbs are opposites of one subject.
    ``vectors``: the claims' unit vectors, in ``claims`` order."""
    by_article: dict[str, list[Token]] = defaultdict(list)
    for token in tokens:
        by_article[token.article].append(token)
    for items in by_article.values():
        items.sort(key=lambda t: t.start)
    Side = list[tuple[int, str, frozenset[str]]]
    sides: dict[tuple[str, str], tuple[Side, Side]] = {}
    for index, claim in enumerate(claims):
        if claim.field != "text":
            continue
        for kind, side, subject, verb, what in _opposite_verbs(claim, by_article[claim.article]):
            pair = sides.setdefault((kind, subject), ([], []))
            if len(pair[side]) < MAX_PER_SIDE:
                pair[side].append((index, verb, what))
    relations = []
    seen: set[tuple[str, str]] = set()
    proper = {t.lemma.lower() for t in tokens if t.pos == "PROPN"}
    for (_, subject), (one, other) in sides.items():
        for (i, verb_i, what_i), (j, verb_j, what_j) in product(one, other):
            if what_i and what_j and not what_i & what_j and not (what_i | what_j) & ALL:
                continue  # "acquitted of bribery" and "convicted of accounting fraud" both hold
            a, b = claims[i], claims[j]
            ga, gb = group_of[a.id], group_of[b.id]
            key = (min(ga, gb), max(ga, gb))
            cosine = float(vectors[i] @ vectors[j])
            if ga == gb or key in seen or cosine < MIN_COSINE or not same_occasion(a.dates, b.dates):
                continue
            seen.add(key)
            shown = subject.capitalize() if subject in proper else f"the {subject}"
            explanation = f"both cannot hold: one says {shown} {verb_i}, the other {verb_j}"
            relations.append(Relation(ga, gb, "contradict", round(cosine, 3), (a.id, b.id), explanation))
    return relations


def _opposite_verbs(claim: Claim, tokens: list[Token]) -> list[tuple[str, int, str, str, frozenset[str]]]:
    """(class, side, subject lemma, verb as written, what it is of) for each opposite verb in the claim
    with a noun subject; what: the lemmas of its object or "of" phrase ("bribery"; "all charges"), empty
    when it has none."""
    starts = [t.start for t in tokens]
    first = bisect_left(starts, claim.start)
    inside = [t for t in tokens[first:] if t.start < claim.end]
    if not inside:
        return []
    by_index = {t.index: t for t in tokens}
    children: dict[int, list[Token]] = defaultdict(list)
    for token in inside:
        children[token.head].append(token)
    found = []
    for token in inside:
        entry = OPPOSITES.get(token.lemma.lower())
        if entry is None or token.pos not in ("VERB", "AUX"):
            continue
        subject = _subject(token, by_index, children)
        if subject is not None:
            text = claim.text[token.start - claim.start : token.end - claim.start]
            found.append((entry[0], entry[1], subject, text, _complement(token, children)))
    return found


def _complement(verb: Token, children: Mapping[int, list[Token]]) -> frozenset[str]:
    """Content lemmas of the verb's object or "of"/"in" phrase: "acquitted *of bribery*", "failed *two
    safety inspections*"."""
    heads = [c for c in children.get(verb.index, []) if c.dep in ("dobj", "obj")]
    for prep in (
        c for c in children.get(verb.index, []) if c.dep == "prep" and c.lemma.lower() in ("of", "on")
    ):
        heads += [c for c in children.get(prep.index, []) if c.dep == "pobj"]
    words: set[str] = set()
    stack = list(heads)
    while stack:
        token = stack.pop()
        if token.pos in ("NOUN", "PROPN", "ADJ", "DET") and token.lemma.lower() not in ("the", "a", "an"):
            words.add(token.lemma.lower())
        stack.extend(c for c in children.get(token.index, []) if c.dep in ("compound", "amod", "det", "conj"))
    return frozenset(words)


def _subject(token: Token, by_index: Mapping[int, Token], children: Mapping[int, list[Token]]) -> str | None:
    """The lemma of the verb's noun subject, or of the verb it is coordinated with ("was inspected and had
    passed"); None for a pronoun or no subject."""
    current: Token | None = token
    for _ in range(3):
        if current is None:
            return None
        subject = next((c for c in children.get(current.index, []) if c.dep in SUBJECT_DEPS), None)
        if subject is not None:
            return subject.lemma.lower() if subject.pos in ("NOUN", "PROPN") else None
        current = by_index.get(current.head) if current.dep == "conj" else None
    return None

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
run-off" too; "acquitted of all charges" does not hold beside either conviction. A verb under a modal
("were sure he would win") is an expectation, not the act, and is not compared.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import product

import numpy as np
import numpy.typing as npt

from rashomon.model import Claim, Relation, Token
from rashomon.nlp.quantities import same_occasion
from rashomon.relate.syntax import claim_parse, tokens_by_article, verb_subject

# Each verb with its class and side: a claim on one side of a class contradicts one on the other.
OPPOSITES: dict[str, tuple[str, int]] = {
    "pass": ("pass/fail", 0), "fail": ("pass/fail", 1),
    "win": ("win/lose", 0), "lose": ("win/lose", 1),
    "acquit": ("acquit/convict", 0), "convict": ("acquit/convict", 1),
    "survive": ("survive/die", 0), "die": ("survive/die", 1),
}  # fmt: skip
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
    by_article = tokens_by_article(tokens)
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
    parse = claim_parse(claim, tokens)
    if parse is None:
        return []
    found = []
    by_index = {t.index: t for t in parse.inside}
    for token in parse.inside:
        entry = OPPOSITES.get(token.lemma.lower())
        if entry is None or token.pos not in ("VERB", "AUX") or _modal(token, parse.children):
            continue
        head = by_index.get(token.head)
        if token.dep == "xcomp" and head is not None and head.lemma.lower() == "fail":
            continue  # "failed to pass" does not say it passed
        # "failed to pass his proposal": what failed is the proposal
        failed = token.lemma.lower() == "fail"
        acts = [c for c in parse.children.get(token.index, []) if c.dep == "xcomp" and failed]
        subject = verb_subject(token, parse)
        if subject is not None:
            found.append(
                (
                    entry[0],
                    entry[1],
                    subject.lemma.lower(),
                    parse.text(claim, token),
                    _complement(acts[0] if acts else token, parse.children),
                )
            )
    return found


def _modal(verb: Token, children: Mapping[int, list[Token]]) -> bool:
    """Whether a modal hangs on the verb: "were sure he *would win*", "I never thought he *would be losing*",
    "could lose" expect or imagine the act; they do not say it happened."""
    return any(c.dep == "aux" and c.tag == "MD" for c in children.get(verb.index, []))


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

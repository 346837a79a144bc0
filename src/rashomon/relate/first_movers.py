"""Claims about who started it that cannot both hold: "protesters had attacked police first" against
"police had fired tear gas and rubber bullets at peaceful marchers first".

Accounts of a clash, a border incident or a war most often disagree on who acted first, and they do it
with different verbs and no number, date or negation to compare. A first-mover claim is an act of force
whose verb "first" modifies ("attacked police first", "opened fire first"), an act of force on "the
first shot" ("fired the first shots", "threw the first stone"), or a start of the violence ("started the
clashes", "provoked the fighting"). Its actor is the verb's active subject; what it was done to, its
object and "at"/"on"/"against" phrase. Two such claims contradict when their actors differ and the roles
are reversed: one's actor is what the other's was done to ("police" in both examples). Without that
reversal two actors may be one side under two names ("police", "officers"), so the pair is left alone;
a few collective nouns of such reports count as one side (police / officers; protesters / marchers).
Claims on different days are different occasions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import numpy.typing as npt

from rashomon.model import Claim, Relation, Token
from rashomon.nlp.quantities import same_occasion
from rashomon.relate.syntax import ClaimParse, claim_parse, tokens_by_article, verb_subject

FORCE_VERBS = frozenset(
    "attack fire shoot open strike hit throw charge launch shell bomb assault beat storm raid invade "
    "cross violate break use push punch stab ram kill target ambush clash engage shove".split()
)
STARTERS = frozenset("start provoke spark trigger instigate initiate incite begin".split())
VIOLENCE = frozenset(
    "violence fighting fight clash clashes confrontation hostility hostilities war skirmish "
    "attack attacks riot unrest shooting".split()
)
FIRST_OBJECTS = frozenset("shot shots stone stones blow blows punch salvo round".split())
TARGET_PREPS = frozenset({"at", "on", "against", "upon"})
# One side under several names, in the collective nouns of clash reports.
SIDES = {
    "officer": "police", "policeman": "police", "policemen": "police", "policewoman": "police",
    "demonstrator": "protester", "marcher": "protester", "protestor": "protester", "rioter": "protester",
    "troop": "soldier", "army": "soldier", "military": "soldier",
}  # fmt: skip
MIN_COSINE = 0.35  # about one incident: not fitted (no benchmark pairs who-started-it claims)


@dataclass(frozen=True, slots=True)
class FirstMove:
    index: int  # the claim's position in the run's claims
    actor: str  # the side the actor is on (lemma, ``SIDES`` folded)
    targets: frozenset[str]  # the sides it was done to
    who: str  # the actor as written
    words: str  # the verb as written


def first_mover_conflicts(
    claims: Sequence[Claim],
    group_of: Mapping[str, str],
    tokens: Sequence[Token],
    vectors: npt.NDArray[np.float32],
) -> list[Relation]:
    """``contradict`` relations between the groups of claims that name different first movers with their
    roles reversed. ``vectors``: the claims' unit vectors, in ``claims`` order."""
    by_article = tokens_by_article(tokens)
    moves = []
    for index, claim in enumerate(claims):
        if claim.field == "text" and (parse := claim_parse(claim, by_article[claim.article])) is not None:
            moves.extend(_first_moves(index, claim, parse))
    relations = []
    seen: set[tuple[str, str]] = set()
    for x, y in combinations(moves, 2):
        a, b = claims[x.index], claims[y.index]
        ga, gb = group_of[a.id], group_of[b.id]
        key = (min(ga, gb), max(ga, gb))
        if ga == gb or key in seen or x.actor == y.actor:
            continue
        if x.actor not in y.targets and y.actor not in x.targets:
            continue  # no reversal: perhaps one side under two names
        cosine = float(vectors[x.index] @ vectors[y.index])
        if cosine < MIN_COSINE or not same_occasion(a.dates, b.dates):
            continue
        seen.add(key)
        explanation = (
            f"both cannot hold: one says {x.who} acted first (“{x.words}”), the other {y.who} (“{y.words}”)"
        )
        relations.append(Relation(ga, gb, "contradict", round(cosine, 3), (a.id, b.id), explanation))
    return relations


def _first_moves(index: int, claim: Claim, parse: ClaimParse) -> list[FirstMove]:
    found = []
    for verb in parse.inside:
        if verb.pos != "VERB" or not _moves_first(verb, parse):
            continue
        actor = verb_subject(verb, parse, passive=False)
        if actor is not None:
            who = parse.text(claim, actor)
            who = who if actor.pos == "PROPN" else f"the {who.lower()}"
            found.append(FirstMove(index, _side(actor), _targets(verb, parse), who, parse.text(claim, verb)))
    return found


def _moves_first(verb: Token, parse: ClaimParse) -> bool:
    """ "attacked first", "fired the first shots", "started the clashes"."""
    lemma = verb.lemma.lower()
    kids = parse.children.get(verb.index, [])
    if lemma in FORCE_VERBS and any(k.dep == "advmod" and k.lemma.lower() == "first" for k in kids):
        return True
    objects = [k for k in kids if k.dep in ("dobj", "obj")]
    if lemma in FORCE_VERBS and any(
        o.lemma.lower() in FIRST_OBJECTS
        and any(m.dep == "amod" and m.lemma.lower() == "first" for m in parse.children.get(o.index, []))
        for o in objects
    ):
        return True
    return lemma in STARTERS and any(o.lemma.lower() in VIOLENCE for o in objects)


def _targets(verb: Token, parse: ClaimParse) -> frozenset[str]:
    """The sides named as the verb's object or "at"/"on"/"against" phrase, on the verb or on its object
    ("fired the first shots at the soldiers")."""
    objects = [k for k in parse.children.get(verb.index, []) if k.dep in ("dobj", "obj")]
    heads = list(objects)
    for head in (verb, *objects):
        for prep in parse.children.get(head.index, []):
            if prep.dep == "prep" and prep.lemma.lower() in TARGET_PREPS:
                heads += [c for c in parse.children.get(prep.index, []) if c.dep == "pobj"]
    return frozenset(_side(h) for h in heads if h.pos in ("NOUN", "PROPN"))


def _side(token: Token) -> str:
    lemma = token.lemma.lower()
    return SIDES.get(lemma, lemma)

"""Relations between claim groups: agree, contradict, dispute, each with evidence and an explanation.

Candidates are the near-miss claim pairs the aligner's blocking already found (claims about the same
entities and predicate that were not merged); disputes come from ``relate.disputes`` and conflicting
counts from ``relate.quantities``. Then:
- ``contradict``: comparable slots disagree (a different date, number or actor for the same predicate),
  or one side negates what the other asserts;
- ``dispute``: one side reports doubt, challenge or missing evidence about the other;
- ``agree``: close but distinct claims (one elaborates the other), with no conflict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from rashomon.align.claim_features import different_subjects
from rashomon.align.features import dates_near
from rashomon.align.similarity import Mention, candidate_pairs, conflicts
from rashomon.claims.reporting import REPORTING_LEMMAS, asks
from rashomon.model import Claim, ClaimGroup, Relation
from rashomon.nlp.quantities import tally_conflicts
from rashomon.relate.cues import dispute_cue
from rashomon.relate.disputes import short as _short

# Near misses this close (claim-model probability: even odds that they are one claim) and this similar
# (cosine) elaborate one another; looser pairs on one story are merely about the same people. Read by hand
# (docs/real-stories.md): below even odds 11 of 28 pairs elaborated one another ("the depot passed its
# inspection" / "the inspection was postponed" did not), above it 11 of 19 on real stories.
AGREE_MIN_PROBABILITY = 0.5
AGREE_MIN_COSINE = 0.65
CONTRADICT_MIN_COSINE = 0.6  # a conflict only counts between claims about the same thing
MAX_RELATIONS_PER_GROUP = 4


@dataclass(frozen=True, slots=True)
class _Pair:
    i: int
    j: int
    cosine: float
    probability: float


def relate_groups(
    claims: Sequence[Claim],
    groups: Sequence[ClaimGroup],
    mentions: Sequence[Mention],
    found: Sequence[Relation],
) -> list[Relation]:
    """``found``: relations other finders made (disputes, conflicting counts); the near-miss pairs
    of the aligner add contradictions of slots and agreements, and each pair of groups keeps its strongest."""
    group_of = {claim_id: g.id for g in groups for claim_id in g.claims}
    best: dict[tuple[str, str], Relation] = {}
    for relation in found:
        key = (min(relation.a, relation.b), max(relation.a, relation.b))
        if key not in best or _rank(relation) > _rank(best[key]):
            best[key] = relation
    for pair in _candidates(mentions):
        a, b = claims[pair.i], claims[pair.j]
        ga, gb = group_of[a.id], group_of[b.id]
        if ga == gb:
            continue
        near_miss = _relation(a, b, ga, gb, mentions[pair.i], mentions[pair.j], pair)
        if near_miss is None:
            continue
        relation = near_miss
        key = (min(ga, gb), max(ga, gb))
        if key not in best or _rank(relation) > _rank(best[key]):
            best[key] = relation
    return _capped(best.values())


def _candidates(mentions: Sequence[Mention]) -> list[_Pair]:
    from rashomon.align.claim_model import claim_model

    pairs = candidate_pairs(mentions, claim_model())
    return [_Pair(i, j, _cos(mentions, i, j), p) for i, j, p in pairs]


def _cos(mentions: Sequence[Mention], i: int, j: int) -> float:
    return float(np.dot(mentions[i].embedding, mentions[j].embedding))


def _relation(a: Claim, b: Claim, ga: str, gb: str, ma: Mention, mb: Mention, pair: _Pair) -> Relation | None:
    if dispute_cue(a.text) or dispute_cue(b.text):
        return None  # handled by relate.disputes, against the disputed proposition
    if _asked(a) or _asked(b):
        return None  # "(the question of) where Obama was born" asserts nothing to contradict or agree with
    if pair.cosine >= CONTRADICT_MIN_COSINE:
        # dates far apart are two occasions (two earthquakes), kept apart but no contradiction; so are the
        # figures of a running tally on two days ("three had died" on Saturday, "five dead" on Monday)
        tally = bool(ma.counts and mb.counts) and not tally_conflicts(
            ma.counts, ma.occasion or ma.dates, mb.counts, mb.occasion or mb.dates
        )
        found = [
            f
            for f in conflicts(ma, mb)
            if not (f.startswith("date:") and not dates_near(ma, mb))
            and not (tally and f.startswith(("number:", "count:")))
            # positions and intentions ("can't impeach" / "to impeach") stay apart but contradict no fact,
            # nor does a light verb ("had no intention of resigning" / "... that have underpinned ...")
            and not (f.startswith("one negates") and not _polar_act(ma, mb))
        ]
        same_event_verb = (
            ma.predicate and ma.predicate == mb.predicate and ma.predicate not in REPORTING_LEMMAS
        ) and _polar_act(ma, mb)
        polar = ma.negated != mb.negated and not different_subjects(ma.subject, mb.subject)
        if not found and same_event_verb and polar:
            found = [f"one negates '{ma.predicate}', the other asserts it"]
        if found:
            explanation = f"both cannot hold: {'; '.join(found)}"
            return Relation(ga, gb, "contradict", round(pair.cosine, 3), (a.id, b.id), explanation)
    # one negating what the other asserts never agrees, whoever's act it is ("the campaign had not been in
    # contact with WikiLeaks" / "Trump Jr. releases messages with WikiLeaks")
    opposed = ma.negated is not None and mb.negated is not None and ma.negated != mb.negated
    if pair.probability >= AGREE_MIN_PROBABILITY and pair.cosine >= AGREE_MIN_COSINE and not opposed:
        explanation = f"“{_short(a.text)}” and “{_short(b.text)}” tell the same account in different detail"
        return Relation(ga, gb, "agree", round(pair.probability, 3), (a.id, b.id), explanation)
    return None


def _asked(claim: Claim) -> bool:
    """Whether a claim is a question someone's words leave open: "whether" under any cue, another question
    word under a cue of asking or doubting ("raised the question | *where Obama was born*"); not
    "described | *how the soldiers fired*" (what happened), nor a sentence opening with a clause ("When the
    court ...")."""
    return claim.cue is not None and claim.text[:1].islower() and asks(claim.text, claim.cue)


# Verbs that carry no act of their own: "had no intention", "did not", "got".
LIGHT_VERBS = frozenset({"have", "do", "get"})


def _polar_act(a: Mention, b: Mention) -> bool:
    """Whether a negation of one claim's verb can contradict the other: both assert facts (not positions
    under "can't", "should", "to ...") and the verb is an act, not a light verb."""
    return a.asserted and b.asserted and a.predicate not in LIGHT_VERBS and b.predicate not in LIGHT_VERBS


def _rank(relation: Relation) -> tuple[int, float]:
    order = {"contradict": 2, "dispute": 1, "agree": 0}
    return order[relation.type], relation.score


def _capped(relations: Iterable[Relation]) -> list[Relation]:
    """Keep each group's strongest relations, so one hub claim cannot flood the contested view."""
    kept: list[Relation] = []
    count: dict[str, int] = defaultdict(int)
    for relation in sorted(relations, key=_rank, reverse=True):
        if count[relation.a] < MAX_RELATIONS_PER_GROUP and count[relation.b] < MAX_RELATIONS_PER_GROUP:
            kept.append(relation)
            count[relation.a] += 1
            count[relation.b] += 1
    return kept

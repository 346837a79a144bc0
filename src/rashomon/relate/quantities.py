"""Counts that cannot both hold, as relations between claim groups (the counts themselves are read by
``rashomon.nlp.quantities``): "at least 12 people were killed" against "eight people died"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import combinations

from rashomon.model import Claim, Relation
from rashomon.nlp.quantities import Quantity, describe, quantities, tally_conflicts


def count_conflicts(
    claims: Sequence[Claim],
    group_of: dict[str, str],
    read: Mapping[str, Sequence[Quantity]] | None = None,
    occasions: Mapping[str, frozenset[str]] | None = None,
) -> list[Relation]:
    """``contradict`` relations between groups whose claims give counts that cannot both hold. Counts of
    different days are compared only as a running tally (``tally_conflicts``: the later lower). Only
    claims that state a count are compared, each with each, once per group and count: a story has few
    distinct ones. ``read``: claim id -> its counts, when the caller has read them (the alignment mentions
    carry them); ``occasions``: claim id -> the days its counts are of (its own, else its sentence's, for
    a running tally the sentence's before or its report's publication day)."""
    counted: dict[tuple[str, tuple[Quantity, ...], tuple[str, ...]], tuple[Claim, Sequence[Quantity]]] = {}
    for claim in claims:
        stated = read[claim.id] if read is not None else quantities(claim.text)  # each claim read once
        if stated:
            key = (group_of[claim.id], tuple(replace(q, text="") for q in stated), claim.dates)
            counted.setdefault(key, (claim, stated))
    relations = []
    for (a, stated_a), (b, stated_b) in combinations(counted.values(), 2):
        ga, gb = group_of[a.id], group_of[b.id]
        on_a = (occasions or {}).get(a.id) or a.dates
        on_b = (occasions or {}).get(b.id) or b.dates
        if ga == gb:
            continue
        conflicts = tally_conflicts(stated_a, on_a, stated_b, on_b)
        if conflicts:
            x, y = conflicts[0]
            relations.append(
                Relation(
                    a=ga,
                    b=gb,
                    type="contradict",
                    score=1.0,
                    evidence=(a.id, b.id),
                    explanation=f"both cannot hold: {describe(x)} (“{x.text}”) vs {describe(y)} (“{y.text}”)",
                )
            )
    return relations

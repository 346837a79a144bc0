"""Which mentions say the same thing: the calibrated pair probability and the clusterer built on it.

``cluster`` scores only blocked candidate pairs (``blocking``), then runs average-link agglomeration over
them: two groups merge while the mean probability across them stays at or above the threshold and no pair
across them has a slot conflict (``conflicts``). Conflicting groups stay apart for the caller to relate as a
possible contradiction.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.align.blocking import candidate_indices
from rashomon.align.features import conflicts, pair_features
from rashomon.align.mention import Mention
from rashomon.align.scorer import (
    PairModel,
    calibrated_threshold,
    default_model,
    feature_matrix,
    same_probability,
)

__all__ = [
    "CALIBRATED",
    "ClusterStats",
    "Mention",
    "candidate_pairs",
    "cluster",
    "conflicts",
    "pair_features",
    "same_probability",
]

# The merge threshold fitted with the model: the cut that maximised CoNLL F1 on the ECB+ training topics
# (see model.json "calibration" and docs/alignment.md).
CALIBRATED = calibrated_threshold()
# Above this many pairs between two groups the missing probabilities are not computed: the mean over the
# scored (blocked) pairs stands for the whole. Bounds the work per merge.
LAZY_PAIRS = 64


@dataclass(slots=True)
class ClusterStats:
    """How much work a ``cluster`` call did: pairs scored by the model and groups merged."""

    comparisons: int = 0
    merges: int = 0


def candidate_pairs(
    mentions: Sequence[Mention], model: PairModel | None = None
) -> list[tuple[int, int, float]]:
    """The blocked pairs ``(i, j, probability)``, ``i < j``: what ``cluster`` weighs, to relate groups."""
    model = model or default_model()
    indices = candidate_indices(mentions)
    if not indices:
        return []
    probabilities = model.probabilities(feature_matrix((mentions[i], mentions[j]) for i, j in indices))
    return [(i, j, float(p)) for (i, j), p in zip(indices, probabilities.tolist(), strict=True)]


def cluster(
    mentions: Sequence[Mention],
    threshold: float = CALIBRATED,
    *,
    model: PairModel | None = None,
    stats: ClusterStats | None = None,
) -> list[list[int]]:
    """Groups of mention indices that say the same thing; every index is in exactly one group."""
    model = model or default_model()
    stats = stats if stats is not None else ClusterStats()
    pairs = candidate_pairs(mentions, model)
    stats.comparisons += len(pairs)
    return _Agglomeration(mentions, model, threshold, stats).run(pairs)


class _Agglomeration:
    """Average-link merging over a sparse graph of scored pairs, with a conflict veto."""

    def __init__(self, mentions: Sequence[Mention], model: PairModel, threshold: float, stats: ClusterStats):
        self.mentions = mentions
        self.model = model
        self.threshold = threshold
        self.stats = stats
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(mentions))}
        self.scored: dict[tuple[int, int], tuple[float, bool]] = {}
        # links[a][b] = [sum of probabilities, pairs scored, conflicting pairs] between groups a and b
        self.links: dict[int, dict[int, list[float]]] = {i: {} for i in range(len(mentions))}

    def run(self, pairs: list[tuple[int, int, float]]) -> list[list[int]]:
        for i, j, probability in pairs:
            # A conflict only matters between pairs that could otherwise merge; skip the check elsewhere.
            conflict = probability >= self.threshold / 2 and bool(
                conflicts(self.mentions[i], self.mentions[j])
            )
            self._record(i, j, probability, conflict)
        heap = [(-self._linkage(a, b), a, b) for a in self.links for b in self.links[a] if a < b]
        heap = [entry for entry in heap if -entry[0] >= self.threshold]
        heapq.heapify(heap)
        while heap:
            negative, a, b = heapq.heappop(heap)
            if a not in self.members or b not in self.members or b not in self.links[a]:
                continue
            self._complete(a, b)
            linkage = self._linkage(a, b)
            if linkage < self.threshold or self.links[a][b][2]:
                continue
            if linkage < -negative - 1e-12:
                heapq.heappush(heap, (-linkage, a, b))  # its score fell once all pairs were known
                continue
            self._merge(a, b, heap)
        return sorted((sorted(group) for group in self.members.values()), key=lambda group: group[0])

    def _record(self, i: int, j: int, probability: float, conflict: bool) -> None:
        self.scored[(i, j)] = (probability, conflict)
        link = self._link(i, j)
        link[0] += probability
        link[1] += 1
        link[2] += conflict

    def _link(self, a: int, b: int) -> list[float]:
        """The one statistics list both groups share for their pair (created empty when new)."""
        link = self.links[a].get(b)
        if link is None:
            link = [0.0, 0.0, 0.0]
            self.links[a][b] = link
            self.links[b][a] = link
        return link

    def _linkage(self, a: int, b: int) -> float:
        total, scored, _ = self.links[a][b]
        return total / scored if scored else 0.0

    def _complete(self, a: int, b: int) -> None:
        """Score the pairs not yet scored between two small groups, so their linkage is the true average."""
        left, right = self.members[a], self.members[b]
        if len(left) * len(right) > LAZY_PAIRS or self.links[a][b][1] == len(left) * len(right):
            return
        for i in left:
            for j in right:
                key = (min(i, j), max(i, j))
                if key in self.scored:
                    continue
                x, y = self.mentions[key[0]], self.mentions[key[1]]
                probability = self.model.probability(pair_features(x, y))
                self.stats.comparisons += 1
                self.scored[key] = (probability, bool(conflicts(x, y)))
                link = self.links[a][b]
                link[0] += probability
                link[1] += 1
                link[2] += self.scored[key][1]

    def _merge(self, a: int, b: int, heap: list[tuple[float, int, int]]) -> None:
        self.stats.merges += 1
        self.members[a].extend(self.members.pop(b))
        del self.links[a][b]
        for other, link in self.links.pop(b).items():
            if other == a:
                continue
            del self.links[other][b]
            merged = self._link(a, other)
            for k in range(3):
                merged[k] += link[k]
        for other in self.links[a]:
            linkage = self._linkage(a, other)
            if linkage >= self.threshold and not self.links[a][other][2]:
                heapq.heappush(heap, (-linkage, min(a, other), max(a, other)))

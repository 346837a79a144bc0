"""Coreference scores as the CoNLL reference scorer and coval define them: MUC, B³, CEAF-e, CoNLL F1.

Clusterings are sets of mention ids; ``key`` is the gold, ``response`` the system's. Singletons count
(the ECB+ convention of Cybulska & Vossen 2015, Barhom et al. 2019, Cattan et al. 2021). Mentions in only
one side are handled as coval handles them: a response mention missing from the key lowers precision, a
key mention missing from the response lowers recall.

* MUC (Vilain et al. 1995): recall = Σ(|K| - |partitions of K by the response|) / Σ(|K| - 1).
* B³ (Bagga & Baldwin 1998): recall = Σ_K Σ_R |K ∩ R|² / |K|, over all key mentions.
* CEAF-e (Luo 2005): φ4(K, R) = 2|K ∩ R| / (|K| + |R|), the best one-to-one alignment (Kuhn-Munkres);
  recall = Σφ4 / #key clusters, precision = Σφ4 / #response clusters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass

import numpy as np

Clustering = Sequence[Collection[Hashable]]


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def muc(key: Clustering, response: Clustering) -> PRF:
    return PRF(precision=_ratio(*_muc_counts(response, key)), recall=_ratio(*_muc_counts(key, response)))


def b_cubed(key: Clustering, response: Clustering) -> PRF:
    return PRF(precision=_ratio(*_b3_counts(response, key)), recall=_ratio(*_b3_counts(key, response)))


def ceaf_e(key: Clustering, response: Clustering) -> PRF:
    # scipy (a dependency of scikit-learn) is needed by scoring only.
    from scipy.optimize import linear_sum_assignment

    keys = [set(cluster) for cluster in key if cluster]
    responses = [set(cluster) for cluster in response if cluster]
    if not keys or not responses:
        return PRF(0.0, 0.0)
    where: dict[Hashable, int] = {m: r for r, cluster in enumerate(responses) for m in cluster}
    similarity = np.zeros((len(keys), len(responses)))
    for k, cluster in enumerate(keys):
        for r, overlap in Counter(where[m] for m in cluster if m in where).items():
            similarity[k, r] = 2 * overlap / (len(cluster) + len(responses[r]))
    rows, columns = linear_sum_assignment(similarity, maximize=True)
    total = float(similarity[rows, columns].sum())
    return PRF(precision=total / len(responses), recall=total / len(keys))


def conll_scores(key: Clustering, response: Clustering) -> dict[str, float]:
    """Every metric as a percentage, rounded to 2 decimals; ``conll_f1`` is the mean of the three F1s."""
    scores: dict[str, float] = {}
    for name, metric in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        prf = metric(key, response)
        scores[f"{name}_precision"] = prf.precision
        scores[f"{name}_recall"] = prf.recall
        scores[f"{name}_f1"] = prf.f1
    scores["conll_f1"] = (scores["muc_f1"] + scores["b3_f1"] + scores["ceafe_f1"]) / 3
    return {name: round(100 * value, 2) for name, value in scores.items()}


def _muc_counts(key: Clustering, response: Clustering) -> tuple[float, float]:
    where = {m: r for r, cluster in enumerate(response) for m in cluster}
    numerator = denominator = 0
    for cluster in key:
        partitions = {where[m] for m in cluster if m in where}
        unaligned = sum(1 for m in cluster if m not in where)  # each its own partition
        numerator += len(cluster) - len(partitions) - unaligned
        denominator += len(cluster) - 1
    return numerator, denominator


def _b3_counts(key: Clustering, response: Clustering) -> tuple[float, float]:
    where = {m: r for r, cluster in enumerate(response) for m in cluster}
    numerator = 0.0
    denominator = 0
    for cluster in key:
        overlaps = Counter(where[m] for m in cluster if m in where)
        numerator += sum(count * count for count in overlaps.values()) / len(cluster)
        denominator += len(cluster)
    return numerator, denominator


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0

"""The SemEval-2020 Task 11 scores, as the official scorers compute them.

SI (``tools/task-SI_scorer.py``, Da San Martino 2019): gold spans of an article that share a character are
merged (transitively) into one; predicted spans are merged the same way (the scorer's ``-m`` option; we
never emit overlapping spans anyway). With ``|x|`` the number of characters of a span,

    P = sum over articles, predicted p, gold g of |p ∩ g| / |p|   divided by the number of predicted spans
    R = sum over articles, predicted p, gold g of |p ∩ g| / |g|   divided by the number of gold spans

and F1 their harmonic mean (1.0 when both counts are 0, 0.0 when P or R is 0). Recall's denominator counts
the gold spans of every article, predicted or not.

TC (``tools/task-TC_scorer.py``): one predicted technique per gold instance; the predictions of instances
that share a span are reordered to match gold as well as possible, then micro-F1 over all instances (which
equals accuracy) and per-technique F1 over the aligned label lists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SpanScores:
    precision: float
    recall: float
    f1: float


def merge_overlapping(spans: Sequence[Span]) -> list[Span]:
    """Spans that share at least one character become one (touching ``[a,b) [b,c)`` stay apart)."""
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def harmonic(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision > 0 and recall > 0 else 0.0


def si_scores(gold: Mapping[str, Sequence[Span]], predicted: Mapping[str, Sequence[Span]]) -> SpanScores:
    """Official SI precision, recall and F1 over all articles (keys: article ids)."""
    gold_merged = {name: merge_overlapping(spans) for name, spans in gold.items()}
    predicted_merged = {name: merge_overlapping(spans) for name, spans in predicted.items()}
    n_gold = sum(len(spans) for spans in gold_merged.values())
    n_predicted = sum(len(spans) for spans in predicted_merged.values())
    if n_gold == 0 and n_predicted == 0:
        return SpanScores(0.0, 0.0, 1.0)
    precision_sum = recall_sum = 0.0
    for name, spans in predicted_merged.items():
        for p in spans:
            for g in gold_merged.get(name, []):
                shared = _overlap(p, g)
                precision_sum += shared / (p[1] - p[0])
                recall_sum += shared / (g[1] - g[0])
    precision = precision_sum / n_predicted if n_predicted else 0.0
    recall = recall_sum / n_gold if n_gold else 0.0
    return SpanScores(precision, recall, harmonic(precision, recall))


def align_labels(gold: Sequence[str], predicted: Sequence[str]) -> list[str]:
    """``predicted`` (labels for instances sharing one span) reordered to match ``gold`` where it can."""
    remaining = Counter(predicted)
    aligned: list[str | None] = []
    for label in gold:
        if remaining[label] > 0:
            remaining[label] -= 1
            aligned.append(label)
        else:
            aligned.append(None)
    rest = list(remaining.elements())
    return [label if label is not None else rest.pop(0) for label in aligned]


def tc_scores(
    gold: Sequence[str], predicted: Sequence[str], techniques: Sequence[str]
) -> tuple[float, dict[str, float]]:
    """Micro-F1 and per-technique F1 of aligned label lists (one entry per gold instance)."""
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    per_technique = {}
    for technique in techniques:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == technique)
        n_gold = sum(1 for g in gold if g == technique)
        n_predicted = sum(1 for p in predicted if p == technique)
        per_technique[technique] = 2 * tp / (n_gold + n_predicted) if tp else 0.0
    return (correct / len(gold) if gold else 0.0), per_technique

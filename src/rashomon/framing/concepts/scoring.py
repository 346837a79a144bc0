"""Mention-to-concept scoring as Hamborg, Zhukova & Gipp (JCDL 2019) describe it, plus B³ for context.

Each gold concept is compared with the predicted concept that holds most of its mentions (ties: the
smaller one, i.e. the purer): precision is the share of that predicted concept's mentions that belong
to the gold concept, recall the share of the gold concept's mentions it holds. Per-concept figures are
averaged weighted by the gold concept's mention count, so "Trump" (300 mentions) weighs more than a
concept coded twice. Only coded phrases count: NewsWCL50's coders marked the concepts they studied, not
every noun phrase, so a predicted mention that overlaps no coded phrase is neither right nor wrong.

A predicted mention finds a coded phrase when they overlap by at least half of the longer of the two
(one to one, best overlap first); a coded phrase no predicted mention finds is a concept of its own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from rashomon.framing.concepts.benchmark import GoldMention
from rashomon.framing.concepts.mentions import ConceptMention

# The overlap a predicted phrase needs with a coded one, as a share of the longer: half lets "President
# Trump" find "Trump" is not enough, "the released memos" find "memos" is; an assumption, not tuned.
MIN_OVERLAP = 0.5

Span = tuple[str, int, int]


@dataclass(frozen=True, slots=True)
class ConceptScores:
    precision: float
    recall: float
    f1: float
    concepts: int
    mentions: int


def span_of(mention: GoldMention | ConceptMention) -> Span:
    return (mention.article, mention.start, mention.end)


def assign_clusters(
    gold: Sequence[GoldMention], predicted: Sequence[Sequence[ConceptMention]]
) -> dict[Span, Hashable]:
    """Coded span -> id of the predicted concept whose mention found it (the span itself when none did)."""
    cluster_of = {span_of(m): index for index, cluster in enumerate(predicted) for m in cluster}
    by_article: dict[str, list[Span]] = defaultdict(list)
    for span in cluster_of:
        by_article[span[0]].append(span)
    pairs: list[tuple[float, Span, Span]] = []
    for gold_span in {span_of(m) for m in gold}:
        for pred_span in by_article.get(gold_span[0], []):
            share = _overlap(gold_span, pred_span)
            if share >= MIN_OVERLAP:
                pairs.append((share, gold_span, pred_span))
    assigned: dict[Span, Hashable] = {span_of(m): span_of(m) for m in gold}
    used: set[Span] = set()
    matched: set[Span] = set()
    for _, gold_span, pred_span in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if gold_span not in matched and pred_span not in used:
            assigned[gold_span] = cluster_of[pred_span]
            matched.add(gold_span)
            used.add(pred_span)
    return assigned


def _overlap(a: Span, b: Span) -> float:
    shared = min(a[2], b[2]) - max(a[1], b[1])
    longest = max(a[2] - a[1], b[2] - b[1])
    return shared / longest if shared > 0 and longest > 0 else 0.0


def concept_scores(gold: Sequence[GoldMention], assigned: dict[Span, Hashable]) -> ConceptScores:
    """Hamborg et al.'s per-concept precision/recall/F1, weighted by each gold concept's size."""
    concepts: dict[str, set[Span]] = defaultdict(set)
    for mention in gold:
        concepts[mention.concept].add(span_of(mention))
    size = Counter(assigned.values())
    totals = [0.0, 0.0, 0.0]
    weight = 0
    for spans in concepts.values():
        held = Counter(assigned[s] for s in spans)
        best = min(held, key=lambda c: (-held[c], size[c], str(c)))
        precision, recall = held[best] / size[best], held[best] / len(spans)
        for i, value in enumerate((precision, recall, _f1(precision, recall))):
            totals[i] += len(spans) * value
        weight += len(spans)
    if not weight:
        return ConceptScores(0.0, 0.0, 0.0, 0, 0)
    p, r, f = (100.0 * t / weight for t in totals)
    return ConceptScores(p, r, f, len(concepts), weight)


def b_cubed(gold: Sequence[GoldMention], assigned: dict[Span, Hashable]) -> tuple[float, float, float]:
    """B³ over the coded spans (a span coded twice keeps its first concept), in percent."""
    concept_of: dict[Span, str] = {}
    for mention in gold:
        concept_of.setdefault(span_of(mention), mention.concept)
    members: dict[Hashable, set[Span]] = defaultdict(set)
    for span in concept_of:
        members[assigned[span]].add(span)
    peers: dict[str, set[Span]] = defaultdict(set)
    for span, concept in concept_of.items():
        peers[concept].add(span)
    precision = recall = 0.0
    for span, concept in concept_of.items():
        shared = len(members[assigned[span]] & peers[concept])
        precision += shared / len(members[assigned[span]])
        recall += shared / len(peers[concept])
    n = len(concept_of) or 1
    p, r = 100.0 * precision / n, 100.0 * recall / n
    return p, r, _f1(p, r)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

"""Clustering ECB+ event mentions topic by topic and scoring the result against the gold clusters."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from rashomon.align.coref_metrics import conll_scores
from rashomon.align.ecbplus import EventMention
from rashomon.align.mention import Mention
from rashomon.align.scorer import PairModel
from rashomon.align.similarity import ClusterStats, cluster


def gold_clusters(events: Sequence[EventMention]) -> list[set[str]]:
    clusters: dict[str, set[str]] = defaultdict(set)
    for event in events:
        clusters[event.cluster].add(event.key)
    return list(clusters.values())


def cluster_topics(
    events: Sequence[EventMention],
    mentions: Sequence[Mention],
    threshold: float,
    model: PairModel | None = None,
    *,
    by_topic: bool = True,
    document_groups: Mapping[str, object] | None = None,
    stats: ClusterStats | None = None,
) -> list[set[str]]:
    """System clusters (sets of mention keys). Mentions are clustered group by group: the documents'
    predicted stories when ``document_groups`` is given, else each gold topic on its own (Cattan et al.
    2021's gold-topic setting), or the whole split at once (``by_topic=False``, through the blocking)."""
    groups: dict[object, list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        if document_groups is not None:
            groups[document_groups[event.document]].append(index)
        else:
            groups[event.topic if by_topic else 0].append(index)
    found: list[set[str]] = []
    for indices in groups.values():
        subset = [mentions[i] for i in indices]
        for members in cluster(subset, threshold, model=model, stats=stats):
            found.append({subset[i].key for i in members})
    return found


def score_topics(
    events: Sequence[EventMention],
    mentions: Sequence[Mention],
    threshold: float,
    model: PairModel | None = None,
    *,
    by_topic: bool = True,
    document_groups: Mapping[str, object] | None = None,
) -> dict[str, float]:
    response = cluster_topics(
        events, mentions, threshold, model, by_topic=by_topic, document_groups=document_groups
    )
    return conll_scores(gold_clusters(events), response)

"""Clustering ECB+ event mentions topic by topic and scoring the result against the gold clusters.

``cluster_topics``/``score_topics`` use the claim-level pair model (``model.json``, what ``align.train``
calibrates); ``cluster_events_by_group`` the event model (``ecb_model.py``) that ``alignment-ecb`` scores."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

from rashomon.align.coref_metrics import conll_scores
from rashomon.align.ecb_mentions import document_date, trigger_vectors
from rashomon.align.ecb_model import (
    EventMentionView,
    EventModel,
    cluster_events,
    document_context,
)
from rashomon.align.ecbplus import EcbDocument, EventMention
from rashomon.align.mention import Mention
from rashomon.align.scorer import PairModel
from rashomon.align.similarity import ClusterStats, cluster
from rashomon.align.stories import Encoder, StoryDocument


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


def event_views(
    documents: Sequence[EcbDocument],
    events: Sequence[EventMention],
    mentions: Sequence[Mention],
    cache: Path | None = None,
) -> list[EventMentionView]:
    """The event model's view of every gold mention: its ``Mention``, contextual trigger and dates."""
    triggers = trigger_vectors(documents, events, cache)
    dates = {document.name: document_date(document) for document in documents}
    return [
        EventMentionView(mention, event.sentence, triggers[row], dates[event.document])
        for row, (event, mention) in enumerate(zip(events, mentions, strict=True))
    ]


def story_documents(documents: Sequence[EcbDocument]) -> list[StoryDocument]:
    return [
        StoryDocument(d.name, tuple(" ".join(t) for _, t in sorted(d.sentences.items()))) for d in documents
    ]


def cluster_events_by_group(
    documents: Sequence[EcbDocument],
    events: Sequence[EventMention],
    views: Sequence[EventMentionView],
    model: EventModel,
    groups: Mapping[str, object],
    encode: Encoder | None = None,
) -> list[set[str]]:
    """System clusters with the event model, every document group (gold topic or predicted story) on its
    own; the document evidence is computed among the group's documents only."""
    members: dict[object, list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        members[groups[event.document]].append(index)
    story_of = {d.name: s for d, s in zip(documents, story_documents(documents), strict=True)}
    found: list[set[str]] = []
    for group, indices in members.items():
        # Every document of the group, with or without annotated mentions: the pipeline sees them all.
        group_docs = [story_of[d.name] for d in documents if groups.get(d.name) == group]
        context = document_context(group_docs, encode)
        labels = cluster_events([views[i] for i in indices], context, model)
        clusters: dict[int, set[str]] = defaultdict(set)
        for index, label in zip(indices, labels, strict=True):
            clusters[label].add(events[index].key)
        found.extend(clusters.values())
    return found

"""Alignment scored on ECB+ (``rashomon eval alignment-ecb`` and ``stories-ecb``).

``alignment-ecb``: cross-document event coreference with gold event mentions, the standard setup
(Cybulska & Vossen 2015; Barhom et al. 2019; Cattan et al. 2021): the validated sentences only, every
``ACTION``/``NEG_ACTION`` mention, singletons kept. ``dev`` is the standard split's 8 dev topics; the event
model (``align.ecb_model``) was fitted on the other 25 of topics 1-35. Mentions are clustered per gold topic
(the gold-topic setting); ``conll_f1_predicted_stories`` instead clusters inside the document groups the
story clusterer predicts, the way the pipeline runs; ``conll_f1_lemma_baseline`` is the same-head-lemma
baseline per gold topic. Metrics as the CoNLL reference scorer (``align.coref_metrics``).

``stories-ecb``: the documents of topics 1-35 (``dev``) or 36-45 (``test``) grouped into topics and
sub-topics (each topic has an ECB and an ECB+ seminal event), scored with B³ F1 at both levels;
``*_dev_topics`` repeats the scores over the 8 dev topics alone (the other 25 trained the story model).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

from rashomon.align.coref_metrics import conll_scores
from rashomon.align.ecb_eval import cluster_events_by_group, event_views, gold_clusters, story_documents
from rashomon.align.ecb_mentions import build_mentions, cache_folder
from rashomon.align.ecb_model import default_event_model
from rashomon.align.ecbplus import DEV_TOPICS, EventMention, read_topics
from rashomon.align.mention import Mention
from rashomon.align.stories import cluster_stories
from rashomon.align.train_stories import b3, cached_encoder, read_story_documents
from rashomon.evaluation.registry import EvalTask, Scores, register


def score_alignment(data: Path, split: str, limit: int | None) -> Scores:
    documents, events = read_topics(data, split, limit)
    mentions = build_mentions(documents, events)
    views = event_views(documents, events, mentions)
    model = default_event_model()
    encode = cached_encoder(cache_folder())
    key = gold_clusters(events)
    topics = {document.name: document.topic for document in documents}
    metrics = conll_scores(key, cluster_events_by_group(documents, events, views, model, topics, encode))
    labels = cluster_stories(story_documents(documents), encode=encode)
    groups = {document.name: label[1] for document, label in zip(documents, labels, strict=True)}
    predicted = cluster_events_by_group(documents, events, views, model, groups, encode)
    metrics["conll_f1_predicted_stories"] = conll_scores(key, predicted)["conll_f1"]
    lemma = conll_scores(key, lemma_baseline(events, mentions, topics))
    metrics["conll_f1_lemma_baseline"] = lemma["conll_f1"]
    return Scores(n=len(events), metrics=metrics, primary="conll_f1")


def lemma_baseline(
    events: Sequence[EventMention], mentions: Sequence[Mention], groups: Mapping[str, object]
) -> list[set[str]]:
    """The same-head-lemma baseline inside each document group: the reference any model must beat."""
    clusters: dict[tuple[object, str], set[str]] = defaultdict(set)
    for event, mention in zip(events, mentions, strict=True):
        clusters[(groups[event.document], mention.predicate or event.key)].add(event.key)
    return list(clusters.values())


def score_stories(data: Path, split: str, limit: int | None) -> Scores:
    rows = read_story_documents(data, split)
    if limit is not None:
        kept = sorted({row[1] for row in rows})[:limit]
        rows = [row for row in rows if row[1] in kept]
    labels = cluster_stories([row[0] for row in rows], encode=cached_encoder(cache_folder()))
    metrics = {
        "topic_b3_f1": round(b3([label[0] for label in labels], [row[1] for row in rows]), 4),
        "subtopic_b3_f1": round(b3([label[1] for label in labels], [row[2] for row in rows]), 4),
    }
    if split == "dev":
        dev = [i for i, row in enumerate(rows) if row[1] in DEV_TOPICS]
        if dev:
            metrics["topic_b3_f1_dev_topics"] = round(
                b3([labels[i][0] for i in dev], [rows[i][1] for i in dev]), 4
            )
            metrics["subtopic_b3_f1_dev_topics"] = round(
                b3([labels[i][1] for i in dev], [rows[i][2] for i in dev]), 4
            )
    return Scores(n=len(rows), metrics=metrics, primary="subtopic_b3_f1")


register(
    EvalTask(
        name="alignment-ecb",
        dataset="ecbplus",
        primary="conll_f1",
        anchor="~80-86 CoNLL F1 (gold mentions; Cattan et al. 2021 ~81, Held et al. 2021 ~85.7, test topics)",
        splits=("dev", "test"),
        run=score_alignment,
    )
)
register(
    EvalTask(
        name="stories-ecb",
        dataset="ecbplus",
        primary="subtopic_b3_f1",
        anchor="none comparable",
        splits=("dev", "test"),
        run=score_stories,
    )
)

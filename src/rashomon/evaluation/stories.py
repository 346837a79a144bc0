"""The online story clusterer scored on ECB+ and on AllSides stories.

``stories-stream-ecb``: the ECB+ documents of topics 1-35 (``dev``) or 36-45 (``test``) streamed in a
fixed shuffled order through ``stories.online`` (the clusterer ``rashomon analyze`` uses on a mixed
corpus), scored with B3 F1 against the gold sub-topics (one seminal event each) and topics.
``*_dev_topics`` streams the 8 dev topics alone (the other 25 trained the model). ECB+ has no dates, so
the time feature is idle here.

``stories-allsides``: every left/centre/right article of the AllSides raw stories (title and the opening
paragraphs AllSides shows), dated by the story's date, streamed together; the task is to recover each
story's articles among all of them. Scored with pairwise F1 (primary) and B3 F1. Stories overlapping
the NeuS test split are withheld (``--split test``). The three articles of a story all carry the
story's date, which flatters the time feature: here every date gap means another story.
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

from rashomon.align.ecb_mentions import cache_folder
from rashomon.align.ecbplus import DEV_TOPICS
from rashomon.align.train_stories import b3, cached_encoder
from rashomon.errors import DataError
from rashomon.evaluation.registry import EvalTask, Scores, register
from rashomon.stories.features import StoryArticle, day_number
from rashomon.stories.online import cluster_articles, encode_leads

ALLSIDES_DEV = "raw_crawled/allsides_stories_dev.jsonl"
ALLSIDES_TEST = "HIDDEN/allsides_stories_HIDDEN_overlaps_test.jsonl"


def score_stream_ecb(data: Path, split: str, limit: int | None) -> Scores:
    from rashomon.stories.train import ecb_stream

    stream = ecb_stream(data, split, limit=limit)
    labels = cluster_articles(stream.articles, leads=stream.leads)
    metrics = {
        "subtopic_b3_f1": round(b3(labels, stream.subtopics), 4),
        "topic_b3_f1": round(b3(labels, stream.topics), 4),
        "stories": float(len(set(labels))),
    }
    if split == "dev":
        dev = [i for i, topic in enumerate(stream.topics) if topic in DEV_TOPICS]
        if dev:
            inner = cluster_articles([stream.articles[i] for i in dev], leads=stream.leads[dev])
            metrics["subtopic_b3_f1_dev_topics"] = round(b3(inner, [stream.subtopics[i] for i in dev]), 4)
    return Scores(n=len(labels), metrics=metrics, primary="subtopic_b3_f1")


def allsides_articles(data: Path, split: str) -> tuple[list[StoryArticle], list[str]]:
    path = data / (ALLSIDES_TEST if split == "test" else ALLSIDES_DEV)
    if not path.is_file():
        raise DataError(f"'{path}' does not exist", hint="point --data at neus_allsides/")
    articles: list[StoryArticle] = []
    gold: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        story = json.loads(line)
        day = day_number(str(story.get("date") or "")[:10])
        for side, news in sorted((story.get("news") or {}).items()):
            if not isinstance(news, dict):
                continue
            body = "\n".join(p for p in news.get("newBody") or [] if isinstance(p, str))
            title = str(news.get("newsTitle") or "")
            if title or body:
                articles.append(StoryArticle(f"{story['id']}-{side}", title, body, day))
                gold.append(str(story["id"]))
    return articles, gold


def pairwise_f1(labels: list[int], gold: list[str]) -> float:
    predicted = _pairs(labels)
    truth = _pairs(gold)
    hits = len(predicted & truth)
    if not hits:
        return 0.0
    precision, recall = hits / len(predicted), hits / len(truth)
    return 2 * precision * recall / (precision + recall)


def _pairs(labels: list[int] | list[str]) -> set[tuple[int, int]]:
    members: dict[object, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(label, []).append(index)
    return {pair for group in members.values() for pair in combinations(group, 2)}


def score_allsides(data: Path, split: str, limit: int | None) -> Scores:
    articles, gold = allsides_articles(data, split)
    if limit is not None:
        kept = sorted(set(gold))[:limit]
        chosen = [i for i, g in enumerate(gold) if g in kept]
        articles, gold = [articles[i] for i in chosen], [gold[i] for i in chosen]
    leads = encode_leads(articles, cached_encoder(cache_folder()))
    labels = cluster_articles(articles, leads=leads)
    metrics = {
        "pairwise_f1": round(pairwise_f1(labels, gold), 4),
        "b3_f1": round(b3(labels, gold), 4),
        "stories": float(len(set(labels))),
        "gold_stories": float(len(set(gold))),
    }
    return Scores(n=len(articles), metrics=metrics, primary="pairwise_f1")


register(
    EvalTask(
        name="stories-stream-ecb",
        dataset="ecbplus",
        primary="subtopic_b3_f1",
        anchor="Miranda et al. 2018 English story F1 94.1 (their own news stream, not ECB+: not comparable)",
        splits=("dev", "test"),
        run=score_stream_ecb,
    )
)
register(
    EvalTask(
        name="stories-allsides",
        dataset="neus_allsides",
        primary="pairwise_f1",
        anchor="none",
        splits=("dev", "test"),
        run=score_allsides,
    )
)

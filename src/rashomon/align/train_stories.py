"""Fitting the story (topic / sub-topic) model on the ECB+ training topics; called by ``align.train``."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from rashomon.align.coref_metrics import b_cubed
from rashomon.align.ecb_mentions import embed
from rashomon.align.logistic import fit_logistic
from rashomon.align.stories import (
    Encoder,
    LevelModel,
    StoryDocument,
    StoryModel,
    average_link,
    cluster_stories,
    pair_design,
    probability_matrix,
    similarities,
)
from rashomon.errors import DataError

DOCS_DEV = "ecbplus_docs_dev.jsonl"
DOCS_TEST = "HIDDEN/ecbplus_docs_test.jsonl"
THRESHOLDS = tuple(round(0.1 + 0.05 * i, 2) for i in range(16))  # 0.10 .. 0.85


def read_story_documents(data: Path, split: str) -> list[tuple[StoryDocument, int, str, str]]:
    """(document, topic, sub-topic, standard split) per line of the convenience export."""
    path = data / (DOCS_TEST if split == "test" else DOCS_DEV)
    if not path.exists():
        raise DataError(f"'{path}' does not exist", hint="point --data at ecbplus/")
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            document = StoryDocument(row["doc"], tuple(row["sentences"]))
            found.append(
                (document, int(row["topic"]), str(row["subtopic"]), str(row.get("standard_split", "")))
            )
    return found


def cached_encoder(cache: Path | None) -> Encoder:
    def encode(texts: list[str]) -> np.ndarray:
        return np.vstack(embed(texts, cache)) if texts else np.zeros((0, 384), dtype=np.float32)

    return encode


def b3(labels: Sequence[object], gold: Sequence[object]) -> float:
    key: dict[object, set[int]] = defaultdict(set)
    response: dict[object, set[int]] = defaultdict(set)
    for index, (label, truth) in enumerate(zip(labels, gold, strict=True)):
        key[truth].add(index)
        response[label].add(index)
    return b_cubed(list(key.values()), list(response.values())).f1


def train_stories(data: Path, cache: Path | None, l2: float = 1.0) -> StoryModel:
    rows = [row for row in read_story_documents(data, "dev") if row[3] == "train"]
    documents = [row[0] for row in rows]
    topics = np.array([row[1] for row in rows])
    subtopics = np.array([row[2] for row in rows])
    matrices = similarities(documents, cached_encoder(cache))
    first, second = np.triu_indices(len(rows), 1)
    topic_w, topic_b = fit_logistic(
        pair_design(matrices, first, second), (topics[first] == topics[second]) * 1.0, l2
    )
    inside = topics[first] == topics[second]
    sub_x = pair_design(matrices, first[inside], second[inside])
    sub_w, sub_b = fit_logistic(sub_x, (subtopics[first[inside]] == subtopics[second[inside]]) * 1.0, l2)
    topic_p = probability_matrix(matrices, LevelModel(topic_w, topic_b, 0.5))
    topic_curve = {t: round(b3(average_link(topic_p, t), topics.tolist()), 4) for t in THRESHOLDS}
    topic_t = max(topic_curve, key=lambda t: (topic_curve[t], -abs(t - 0.5)))
    sub_curve: dict[float, float] = {}
    for t in THRESHOLDS:
        model = StoryModel(LevelModel(topic_w, topic_b, topic_t), LevelModel(sub_w, sub_b, t), {})
        labels = cluster_stories(documents, model, cached_encoder(cache))
        sub_curve[t] = round(b3([label[1] for label in labels], subtopics.tolist()), 4)
    sub_t = max(sub_curve, key=lambda t: (sub_curve[t], -abs(t - 0.5)))
    record: dict[str, object] = {
        "data": {"corpus": "ECB+ documents of the standard split's training topics", "documents": len(rows)},
        "calibration": {
            "metric": "B3 F1 on the training documents",
            "topic_curve": topic_curve,
            "subtopic_curve": sub_curve,
        },
    }
    return StoryModel(LevelModel(topic_w, topic_b, topic_t), LevelModel(sub_w, sub_b, sub_t), record)

"""Fit the ECB+ event coreference model (``ecb_model.py``) and write ``ecb_model.json``.

    python -m rashomon.align.ecb_train --data <ecbplus> --out src/rashomon/align/ecb_model.json

Training pairs: every pair of gold event mentions inside one training topic (topics 1-35 minus the
standard dev topics), labelled 1 when they share a gold cluster; the document evidence is computed among
the topic's documents, as the evaluation computes it. The merge cut is chosen by 5-fold cross-validation
over the training topics (topics dealt round-robin to folds): fit on four folds, cluster the fifth at
every cut, score CoNLL F1 over all held-out clusters. Deterministic (Newton's method from zero), so the
same data gives the same file; the record names the data's fingerprint. Needs spaCy and MiniLM (once:
``RASHOMON_ALIGN_CACHE=<folder>`` keeps parses and vectors).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from rashomon.align.coref_metrics import conll_scores
from rashomon.align.ecb_eval import event_views, gold_clusters, story_documents
from rashomon.align.ecb_mentions import build_mentions, cache_folder
from rashomon.align.ecb_model import (
    EVENT_FEATURES,
    EventModel,
    document_context,
    feature_tensor,
)
from rashomon.align.ecbplus import EventMention, fingerprint, read_topics, topic_files
from rashomon.align.logistic import fit_logistic
from rashomon.align.stories import average_link
from rashomon.align.train_stories import cached_encoder

L2 = 1.0
FOLDS = 5
THRESHOLDS = tuple(round(0.15 + 0.05 * i, 2) for i in range(8))  # 0.15 .. 0.50
COMMAND = "python -m rashomon.align.ecb_train --data <ecbplus> --out src/rashomon/align/ecb_model.json"


def topic_tensors(data: Path) -> tuple[list[EventMention], dict[int, tuple[list[int], np.ndarray]]]:
    """The training events and, per topic, their indices and pair-feature tensor."""
    documents, events = read_topics(data, "train")
    mentions = build_mentions(documents, events)
    views = event_views(documents, events, mentions)
    encode = cached_encoder(cache_folder())
    stories = {d.name: s for d, s in zip(documents, story_documents(documents), strict=True)}
    by_topic: dict[int, list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        by_topic[event.topic].append(index)
    tensors = {}
    for topic, indices in sorted(by_topic.items()):
        # Every document of the topic, as the evaluation computes it (``cluster_events_by_group``).
        context = document_context([stories[d.name] for d in documents if d.topic == topic], encode)
        tensors[topic] = (indices, feature_tensor([views[i] for i in indices], context))
    return events, tensors


def fit(
    events: Sequence[EventMention],
    tensors: dict[int, tuple[list[int], np.ndarray]],
    topics: Sequence[int],
    l2: float,
) -> tuple[np.ndarray, float, int, int]:
    rows, labels = [], []
    for topic in topics:
        indices, tensor = tensors[topic]
        upper = np.triu_indices(len(indices), 1)
        rows.append(tensor[upper])
        clusters = np.array([events[i].cluster for i in indices])
        labels.append((clusters[:, None] == clusters[None, :])[upper].astype(np.float64))
    x, y = np.concatenate(rows), np.concatenate(labels)
    weights, bias = fit_logistic(x, y, l2=l2)
    return weights, bias, len(y), int(y.sum())


def cross_validated_curve(
    events: Sequence[EventMention], tensors: dict[int, tuple[list[int], np.ndarray]], l2: float
) -> dict[float, float]:
    topics = sorted(tensors)
    response: dict[float, list[set[str]]] = {t: [] for t in THRESHOLDS}
    for fold in range(FOLDS):
        held = topics[fold::FOLDS]
        weights, bias, _, _ = fit(events, tensors, [t for t in topics if t not in held], l2)
        model = EventModel(weights, bias, 0.5, {})
        for topic in held:
            indices, tensor = tensors[topic]
            probabilities = model.probability_matrix(tensor)
            for threshold in THRESHOLDS:
                groups: dict[int, set[str]] = defaultdict(set)
                for index, label in zip(indices, average_link(probabilities, threshold), strict=True):
                    groups[label].add(events[index].key)
                response[threshold].extend(groups.values())
    key = gold_clusters(events)
    return {t: conll_scores(key, clusters)["conll_f1"] for t, clusters in response.items()}


def train(data: Path, l2: float = L2) -> EventModel:
    started = time.monotonic()
    events, tensors = topic_tensors(data)
    curve = cross_validated_curve(events, tensors, l2)
    best = max(curve, key=lambda t: (curve[t], -abs(t - 0.3)))
    weights, bias, pairs, positive = fit(events, tensors, sorted(tensors), l2)
    record: dict[str, object] = {
        "data": {
            "corpus": "ECB+ (Cybulska & Vossen 2014), training topics of the standard split",
            "topics": sorted(tensors),
            "mentions": len(events),
            "pairs": pairs,
            "positive_pairs": positive,
            "fingerprint": "sha256:" + fingerprint(data, topic_files(data, "train")),
        },
        "l2": l2,
        "calibration": {
            "metric": f"CoNLL F1, {FOLDS}-fold cross-validation over the training topics (gold topics)",
            "curve": curve,
            "chosen": best,
        },
        "seconds": round(time.monotonic() - started, 1),
        "command": COMMAND,
    }
    return EventModel(weights, bias, best, record)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m rashomon.align.ecb_train", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--data", type=Path, required=True, help="the ecbplus benchmark folder")
    parser.add_argument("--out", type=Path, required=True, help="where to write ecb_model.json")
    parser.add_argument("--l2", type=float, default=L2)
    args = parser.parse_args(argv)
    model = train(args.data, args.l2)
    args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    weights = ", ".join(f"{n}={w:+.2f}" for n, w in zip(EVENT_FEATURES, model.weights, strict=True))
    print(
        f"wrote {args.out}: threshold {model.threshold}; {weights}; bias {model.bias:+.2f}", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

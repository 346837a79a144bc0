"""Fit the pair model on the ECB+ training topics and write ``model.json``.

    python -m rashomon.align.train --data ../shared/benchmarks/ecbplus --out src/rashomon/align/model.json

Training pairs: every pair of gold event mentions inside one training topic (the standard split's topics
1-35 minus the dev topics), labelled 1 when they share a gold cluster. The merge threshold is then chosen
on the same topics: the value on a 0.05 grid whose clustering gives the best CoNLL F1. Deterministic: the
fit is Newton's method from zero, the blocking seed is fixed, and the record names the data's fingerprint.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from rashomon.align.ecb_eval import score_topics
from rashomon.align.ecb_mentions import build_mentions, cache_folder
from rashomon.align.ecbplus import EventMention, fingerprint, read_topics, topic_files
from rashomon.align.features import FEATURE_NAMES
from rashomon.align.logistic import fit_logistic
from rashomon.align.mention import Mention
from rashomon.align.scorer import PairModel, feature_matrix
from rashomon.align.train_stories import train_stories

# Penalty of the fit. Picked on dev CoNLL F1 among 0.1 / 1 / 10 (differences < 0.3 points; see
# docs/alignment.md): the data has ~200k pairs, so the penalty matters little.
L2 = 1.0
THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(14))  # 0.20 .. 0.85


def training_pairs(
    events: Sequence[EventMention], mentions: Sequence[Mention]
) -> tuple[np.ndarray, np.ndarray]:
    by_topic: dict[int, list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        by_topic[event.topic].append(index)
    pairs: list[tuple[Mention, Mention]] = []
    labels: list[float] = []
    for indices in by_topic.values():
        for position, i in enumerate(indices):
            for j in indices[position + 1 :]:
                pairs.append((mentions[i], mentions[j]))
                labels.append(float(events[i].cluster == events[j].cluster))
    return feature_matrix(pairs), np.asarray(labels)


def train(data: Path, l2: float = L2) -> PairModel:
    events = read_topics(data, "train")
    mentions = build_mentions(*events)
    x, y = training_pairs(events[1], mentions)
    weights, bias = fit_logistic(x, y, l2=l2)
    record: dict[str, object] = {
        "data": {
            "corpus": "ECB+ (Cybulska & Vossen 2014), training topics of the standard split",
            "topics": sorted({event.topic for event in events[1]}),
            "mentions": len(mentions),
            "pairs": len(y),
            "positive_pairs": int(y.sum()),
            "fingerprint": "sha256:" + fingerprint(data, topic_files(data, "train")),
        },
        "l2": l2,
        "command": "python -m rashomon.align.train --data <ecbplus> --out src/rashomon/align/model.json",
    }
    model = PairModel(weights, bias, 0.5, record)
    curve = {t: score_topics(events[1], mentions, t, model)["conll_f1"] for t in THRESHOLDS}
    best = max(curve, key=lambda t: (curve[t], -abs(t - 0.5)))
    record["calibration"] = {"metric": "CoNLL F1 on the training topics", "curve": curve, "chosen": best}
    return PairModel(weights, bias, best, record)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m rashomon.align.train", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--data", type=Path, required=True, help="the ecbplus benchmark folder")
    parser.add_argument(
        "--out", type=Path, required=True, help="where to write model.json (stories.json beside it)"
    )
    parser.add_argument("--l2", type=float, default=L2)
    args = parser.parse_args(argv)
    model = train(args.data, args.l2)
    args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    stories = train_stories(args.data, cache_folder(), args.l2)
    stories_out = args.out.with_name("stories.json")
    stories_out.write_text(json.dumps(stories.to_json(), indent=1) + "\n", encoding="utf-8")
    print(
        f"wrote {stories_out}: cuts {stories.topic.threshold} topic, {stories.subtopic.threshold} sub-topic",
        file=sys.stderr,
    )
    weights = ", ".join(f"{n}={w:+.2f}" for n, w in zip(FEATURE_NAMES, model.weights, strict=True))
    print(
        f"wrote {args.out}: threshold {model.threshold}; {weights}; bias {model.bias:+.2f}", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

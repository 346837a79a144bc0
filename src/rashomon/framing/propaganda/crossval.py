"""Scoring a network on PTC articles: SI spans, TC on gold spans, and k-fold cross-validation by article.

Used by ``train --cv`` (the dev figures written into ``fingerprint.json``) and by ``rashomon eval
propaganda`` (dev: cross-validation, retraining per fold; test: the shipped network on the withheld set).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from rashomon.framing.propaganda.corpus import TECHNIQUES, PtcArticle
from rashomon.framing.propaganda.decode import INSIDE_BIAS, OUTSIDE_BIAS, decode
from rashomon.framing.propaganda.features import Encoded, Matrix, token_range
from rashomon.framing.propaganda.network import HyperParams
from rashomon.framing.propaganda.scoring import Span, align_labels, si_scores, tc_scores
from rashomon.framing.propaganda.tagger import Model, Tagged, classify, tag

# Predicted for a gold span that covers no visible token (whitespace only): the most frequent technique.
FALLBACK_TECHNIQUE = "Loaded_Language"


@dataclass(slots=True)
class Predictions:
    """Per-article gold and predictions, pooled over the articles scored."""

    gold_spans: dict[str, list[Span]] = field(default_factory=dict)
    log_probs: dict[str, Matrix] = field(default_factory=dict)
    tokens: dict[str, list[Span]] = field(default_factory=dict)  # visible tokens' character ranges
    tc_gold: list[str] = field(default_factory=list)
    tc_predicted: list[str] = field(default_factory=list)

    def si_spans(
        self, outside_bias: float = OUTSIDE_BIAS, inside_bias: float = INSIDE_BIAS
    ) -> dict[str, list[Span]]:
        predicted = {}
        for name, log_probs in self.log_probs.items():
            rows = self.tokens[name]
            found = decode(log_probs, outside_bias, inside_bias)
            predicted[name] = [(rows[s.first][0], rows[s.last][1]) for s in found]
        return predicted

    def metrics(
        self, outside_bias: float = OUTSIDE_BIAS, inside_bias: float = INSIDE_BIAS
    ) -> dict[str, float]:
        si = si_scores(self.gold_spans, self.si_spans(outside_bias, inside_bias))
        micro, per_technique = tc_scores(self.tc_gold, self.tc_predicted, TECHNIQUES)
        scores = {"si_f1": si.f1, "si_precision": si.precision, "si_recall": si.recall, "tc_micro_f1": micro}
        scores.update({f"tc_f1_{name}": value for name, value in per_technique.items()})
        return {name: round(value, 4) for name, value in scores.items()}


def technique_predictions(
    model: Model, article: PtcArticle, item: Encoded, tagged: Tagged
) -> tuple[list[str], list[str]]:
    """(gold labels, aligned predictions) for the article's gold instances; a span with m gold
    instances gets its m most probable techniques."""
    by_span: dict[Span, list[str]] = defaultdict(list)
    for gold in article.techniques:
        by_span[(gold.start, gold.end)].append(gold.technique)
    groups = sorted(by_span.items())
    found = [token_range(item.tokens, span) for span, _ in groups]
    probs = classify(model, article.text, item, tagged, [f for f in found if f is not None])
    gold_labels: list[str] = []
    predicted: list[str] = []
    row = 0
    for (_, labels), where in zip(groups, found, strict=True):
        guesses = [FALLBACK_TECHNIQUE] * len(labels)
        if where is not None:
            order = np.argsort(-probs[row])
            guesses = [TECHNIQUES[int(order[k % len(order)])] for k in range(len(labels))]
            row += 1
        gold_labels += labels
        predicted += align_labels(labels, guesses)
    return gold_labels, predicted


def predict(
    model: Model, articles: Sequence[PtcArticle], items: Sequence[Encoded], into: Predictions
) -> Predictions:
    for article, item in zip(articles, items, strict=True):
        tagged = tag(model, item)
        into.gold_spans[article.name] = list(article.spans)
        into.log_probs[article.name] = tagged.log_probs
        into.tokens[article.name] = [(t.start, t.end) for t in item.tokens]
        gold, predicted = technique_predictions(model, article, item, tagged)
        into.tc_gold += gold
        into.tc_predicted += predicted
    return into


def folds_of(n: int, folds: int, seed: int) -> list[int]:
    """A seeded fold number per article (articles are the unit: no article is split)."""
    order = np.random.default_rng(seed).permutation(n)
    fold = [0] * n
    for rank, index in enumerate(order):
        fold[int(index)] = rank % folds
    return fold


def cross_validate(
    articles: Sequence[PtcArticle], items: Sequence[Encoded], hp: HyperParams, folds: int, seed: int
) -> Predictions:
    """Out-of-fold predictions: each fold scored by networks (``hp.members`` seeds) trained on the other
    folds."""
    from rashomon.framing.propaganda.train import make_example, train_ensemble

    fold = folds_of(len(articles), folds, seed)
    pooled = Predictions()
    for k in range(folds):
        train = [make_example(a, i) for a, i, f in zip(articles, items, fold, strict=True) if f != k]
        print(f"fold {k + 1}/{folds}: training on {len(train)} articles", file=sys.stderr)
        nets = train_ensemble(train, hp, seed + k)
        held = [j for j, f in enumerate(fold) if f == k]
        predict(nets, [articles[j] for j in held], [items[j] for j in held], pooled)
    return pooled

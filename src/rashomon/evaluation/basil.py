"""``rashomon eval bias-basil``: informational and lexical bias on BASIL (Fan et al. 2019).

Primary metric: sentence-level informational-bias F1 of the positive class, 0-1, where a body sentence is
positive when it holds at least one ``inf`` span; the definition of Fan et al. 2019 (their BERT sentence
classifier) and van den Berg & Markert 2020 (sentence classification, 10-fold CV over events). Also its
precision and recall, the same F1 for lexical bias (``lex`` spans), and two span-level lexical scores:
token F1 (a word token is gold when it overlaps a ``lex`` span, predicted when it overlaps a predicted
span) and overlap span F1 (a predicted span is right when it overlaps a gold span of the same sentence; a
gold span is found when a predicted span overlaps it).

Dev is 10-fold cross-validation over the 80 dev triplets grouped by triplet, retraining per fold (so dev
numbers are honest for any code version); test scores the shipped model on the 20 withheld triplets.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rashomon.evaluation.registry import EvalTask, Scores, register
from rashomon.framing.informational.lexicon import marked_tokens

if TYPE_CHECKING:
    from rashomon.framing.informational.train import ArticlePrediction

Spans = Sequence[tuple[int, int]]


def precision_recall_f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return precision, recall, f1


def sentence_counts(gold: Sequence[int], predicted: Sequence[int]) -> tuple[int, int, int]:
    tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p and not g)
    fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g and not p)
    return tp, fp, fn


def token_counts(sentence: str, gold: Spans, predicted: Spans) -> tuple[int, int, int]:
    """Word tokens of one sentence inside gold / predicted spans, as (tp, fp, fn)."""
    g, p = marked_tokens(sentence, gold), marked_tokens(sentence, predicted)
    return sentence_counts([int(x) for x in g], [int(x) for x in p])


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def overlap_counts(gold: Spans, predicted: Spans) -> tuple[int, int, int, int]:
    """(predicted spans that hit a gold span, predicted spans, gold spans hit, gold spans)."""
    right = sum(1 for p in predicted if any(_overlaps(p, g) for g in gold))
    found = sum(1 for g in gold if any(_overlaps(p, g) for p in predicted))
    return right, len(predicted), found, len(gold)


def span_f1(right: int, predicted: int, found: int, gold: int) -> float:
    precision = right / predicted if predicted else 0.0
    recall = found / gold if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _lexical_span_metrics(predictions: Sequence[ArticlePrediction]) -> dict[str, float]:
    tokens = [0, 0, 0]
    spans = [0, 0, 0, 0]
    for item in predictions:
        gold_spans = item.rows.lex_spans()
        for sentence, gold, predicted in zip(
            item.rows.article.sentences, gold_spans, item.lex_spans, strict=True
        ):
            tokens = [a + b for a, b in zip(tokens, token_counts(sentence, gold, predicted), strict=True)]
            spans = [a + b for a, b in zip(spans, overlap_counts(gold, predicted), strict=True)]
    return {"lex_token_f1": precision_recall_f1(*tokens)[2], "lex_span_overlap_f1": span_f1(*spans)}


def basil_metrics(predictions: Sequence[ArticlePrediction]) -> dict[str, float]:
    inf_gold = [y for item in predictions for y in item.rows.inf]
    inf_pred = [y for item in predictions for y in item.inf]
    lex_gold = [y for item in predictions for y in item.rows.lex]
    lex_pred = [y for item in predictions for y in item.lex]
    precision, recall, f1 = precision_recall_f1(*sentence_counts(inf_gold, inf_pred))
    return {
        "inf_sentence_f1": f1,
        "inf_precision": precision,
        "inf_recall": recall,
        "lex_sentence_f1": precision_recall_f1(*sentence_counts(lex_gold, lex_pred))[2],
        **_lexical_span_metrics(predictions),
    }


def _run_basil(data: Path, split: str, limit: int | None) -> Scores:
    from rashomon.framing.informational.train import evaluate_basil

    predictions = evaluate_basil(data, split, limit)
    n = sum(len(item.inf) for item in predictions)
    return Scores(n=n, metrics=basil_metrics(predictions), primary="inf_sentence_f1")


register(
    EvalTask(
        name="bias-basil",
        dataset="basil",
        primary="inf_sentence_f1",
        anchor="~0.44 (van den Berg & Markert 2020, 10-fold CV; Fan et al. 2019 BERT ~0.4)",
        splits=("dev", "test"),
        run=_run_basil,
    )
)

"""``rashomon eval stance-fnc1`` and ``stance-emergent``: rashomon's own stance model on its benchmarks.

FNC-1's weighted score mirrors the official scorer (``scorer.py`` in FakeNewsChallenge/fnc-1, and
``utils/score.py`` in fnc-1-baseline): +0.25 when gold and prediction agree; +0.50 more when that
agreed label is a related one; +0.25 whenever both are related (agree/disagree/discuss), even if they
differ. An exactly right related pair earns 1.0, a right unrelated pair 0.25. Reported as a percentage
of the score of a perfect submission, as the leaderboard's relative score.

Dev retrains the head on the fly, so dev numbers are honest for any code version: FNC-1 dev trains on the
bodies outside ``splits/train_holdout_body_ids.txt``; Emergent dev is 5-fold cross-validation grouped by
claim. ``test`` scores the shipped model (trained on the whole shipped split by
``python -m rashomon.relate.stance.train``) on the withheld official test in ``HIDDEN/``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rashomon.evaluation.registry import EvalTask, Scores, register

FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")
FNC_RELATED = frozenset(FNC_LABELS[:3])
EMERGENT_LABELS = ("for", "against", "observing")


def fnc_points(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """The official FNC-1 score, summed over pairs."""
    score = 0.0
    for g, p in zip(gold, predicted, strict=True):
        if g == p:
            score += 0.25
            if g != "unrelated":
                score += 0.50
        if g in FNC_RELATED and p in FNC_RELATED:
            score += 0.25
    return score


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Relative FNC-1 score in percent: points over the points of a perfect submission."""
    best = fnc_points(gold, gold)
    return 100.0 * fnc_points(gold, predicted) / best if best else 0.0


def class_f1(gold: Sequence[str], predicted: Sequence[str], label: str) -> float:
    tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
    fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label and g != label)
    fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def classification_metrics(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]
) -> dict[str, float]:
    """Accuracy, F1 per class and their unweighted mean (Hanselowski et al. 2018's F1m)."""
    per_class = {f"f1_{label}": class_f1(gold, predicted, label) for label in labels}
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    return {
        "accuracy": correct / len(gold) if gold else 0.0,
        "macro_f1": sum(per_class.values()) / len(labels),
        **per_class,
    }


def fnc_metrics(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    related_gold = ["related" if g in FNC_RELATED else g for g in gold]
    related_pred = ["related" if p in FNC_RELATED else p for p in predicted]
    return {
        "fnc_score": fnc_score(gold, predicted),
        **classification_metrics(gold, predicted, FNC_LABELS),
        "related_accuracy": classification_metrics(related_gold, related_pred, ("related",))["accuracy"],
    }


def _run_fnc1(data: Path, split: str, limit: int | None) -> Scores:
    from rashomon.relate.stance.train import evaluate_fnc1

    gold, predicted = evaluate_fnc1(data, split, limit)
    return Scores(n=len(gold), metrics=fnc_metrics(gold, predicted), primary="fnc_score")


def _run_emergent(data: Path, split: str, limit: int | None) -> Scores:
    from rashomon.relate.stance.train import evaluate_emergent

    gold, predicted = evaluate_emergent(data, split, limit)
    return Scores(
        n=len(gold), metrics=classification_metrics(gold, predicted, EMERGENT_LABELS), primary="accuracy"
    )


register(
    EvalTask(
        name="stance-fnc1",
        dataset="fnc1",
        primary="fnc_score",
        anchor="82.02 (2017 winner, official test); feature baseline 78.8",
        splits=("dev", "test"),
        run=_run_fnc1,
    )
)
register(
    EvalTask(
        name="stance-emergent",
        dataset="emergent",
        primary="accuracy",
        anchor="0.730 (official test); train on Emergent only: FNC-1 train shares headlines with its test",
        splits=("dev", "test"),
        run=_run_emergent,
    )
)

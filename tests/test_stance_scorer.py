"""The stance scorers against hand-computed numbers (the official FNC-1 weighting, class-wise F1)."""

from __future__ import annotations

import pytest

from rashomon.evaluation.stance import class_f1, classification_metrics, fnc_metrics, fnc_points, fnc_score

GOLD = ["agree", "disagree", "discuss", "unrelated", "unrelated"]
PREDICTED = ["agree", "discuss", "unrelated", "unrelated", "agree"]


def test_fnc_points_follow_the_official_weights() -> None:
    # exact related 1.0; related-but-wrong 0.25; related called unrelated 0; unrelated right 0.25;
    # unrelated called related 0.
    assert fnc_points(GOLD, PREDICTED) == pytest.approx(1.5)
    assert fnc_points(GOLD, GOLD) == pytest.approx(3.5)
    assert fnc_score(GOLD, PREDICTED) == pytest.approx(100 * 1.5 / 3.5)


def test_fnc_maximum_matches_the_competition_test() -> None:
    # The README's maximum on the competition test: 18,349 unrelated and 7,064 related pairs.
    gold = ["unrelated"] * 18349 + ["discuss"] * 7064
    assert fnc_points(gold, gold) == pytest.approx(11651.25)
    assert fnc_score(gold, ["unrelated"] * len(gold)) == pytest.approx(100 * 18349 * 0.25 / 11651.25)


def test_class_f1_and_macro() -> None:
    assert class_f1(GOLD, PREDICTED, "agree") == pytest.approx(2 / 3)  # tp 1, fp 1 (the last pair), fn 0
    assert class_f1(GOLD, PREDICTED, "disagree") == 0.0
    assert class_f1(GOLD, PREDICTED, "unrelated") == pytest.approx(0.5)  # tp 1, fp 1, fn 1
    metrics = classification_metrics(GOLD, PREDICTED, ("agree", "disagree", "discuss", "unrelated"))
    assert metrics["accuracy"] == pytest.approx(0.4)
    assert metrics["macro_f1"] == pytest.approx((2 / 3 + 0 + 0 + 0.5) / 4)


def test_fnc_metrics_report_the_related_decision() -> None:
    metrics = fnc_metrics(GOLD, PREDICTED)
    assert metrics["fnc_score"] == pytest.approx(100 * 1.5 / 3.5)
    assert metrics["related_accuracy"] == pytest.approx(3 / 5)  # pairs 1, 2 and 4 are on the right side
    assert set(metrics) >= {"f1_disagree", "macro_f1", "accuracy"}

"""The coreference scorers against hand-computed numbers from the literature."""

from __future__ import annotations

import pytest

from rashomon.align.coref_metrics import b_cubed, ceaf_e, conll_scores, muc

# Pradhan et al. 2014 ("Scoring coreference partitions of predicted mentions: a reference
# implementation"), Figure 1: key {a b c} {d e f g}, response {a b} {c d} {f g h i}.
KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def test_muc_matches_the_reference_example() -> None:
    # recall: (3 - 2) + (4 - 3) over (2 + 3); precision: (2 - 1) + (2 - 2) + (4 - 3) over (1 + 1 + 3)
    score = muc(KEY, RESPONSE)
    assert score.recall == pytest.approx(0.4)
    assert score.precision == pytest.approx(0.4)


def test_b_cubed_matches_the_reference_example() -> None:
    # recall: (4/3 + 1/3 + 1/4 + 4/4) / 7 = 35/84; precision: (4/2 + 2/2 + 4/4) / 8 = 1/2
    score = b_cubed(KEY, RESPONSE)
    assert score.recall == pytest.approx(35 / 84)
    assert score.precision == pytest.approx(0.5)
    assert score.f1 == pytest.approx(0.4545, abs=1e-4)


def test_ceaf_e_matches_the_reference_example() -> None:
    # best alignment: {a b c}-{a b} phi4 = 4/5, {d e f g}-{f g h i} phi4 = 4/8; total 1.3
    score = ceaf_e(KEY, RESPONSE)
    assert score.recall == pytest.approx(1.3 / 2)
    assert score.precision == pytest.approx(1.3 / 3)
    assert score.f1 == pytest.approx(0.52)


def test_identical_clusterings_score_100() -> None:
    scores = conll_scores(KEY, KEY)
    assert scores["conll_f1"] == 100.0


def test_singletons_count_in_b_cubed_and_ceaf_but_not_muc() -> None:
    key = [{"a"}, {"b"}, {"c"}]
    response = [{"a", "b", "c"}]
    assert muc(key, response).recall == 0.0  # no key links to recover
    assert b_cubed(key, response).recall == pytest.approx(1.0)
    assert b_cubed(key, response).precision == pytest.approx(1 / 3)
    assert ceaf_e(key, response).precision == pytest.approx(0.5)  # phi4 = 2*1/(1+3)


def test_conll_f1_is_the_mean_of_the_three_f1s() -> None:
    scores = conll_scores(KEY, RESPONSE)
    mean = (scores["muc_f1"] + scores["b3_f1"] + scores["ceafe_f1"]) / 3
    assert scores["conll_f1"] == pytest.approx(mean, abs=0.01)

"""Loading the two stance benchmarks' layouts, from made-up fixtures under tests/data/stance/."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.errors import DataError
from rashomon.relate.stance.data import emergent_test, emergent_train, fnc1_split, read_emergent
from rashomon.relate.stance.train import claim_folds

FIXTURES = Path(__file__).parent / "data" / "stance"


def test_fnc1_dev_holds_out_the_listed_bodies() -> None:
    train, held = fnc1_split(FIXTURES / "fnc1", "dev")
    assert {p.group for p in held} == {"2", "4"}
    assert {p.group for p in train} == {"1", "3"}
    assert len(train) + len(held) == 7


def test_fnc1_test_reads_hidden_and_trains_on_everything() -> None:
    train, test = fnc1_split(FIXTURES / "fnc1", "test")
    assert len(train) == 7
    assert [p.label for p in test] == ["agree", "disagree", "unrelated"]
    assert test[1].text.startswith("The zoo later said")


def test_emergent_pairs_group_by_claim() -> None:
    pairs = emergent_train(FIXTURES / "emergent")
    assert len(pairs) == 15
    assert pairs[0].claim == "A tech firm will buy a small robot maker"
    assert pairs[0].text == "Tech firm agrees to buy robot maker"
    folds = claim_folds(pairs, 5)
    by_claim = {p.group: f for p, f in zip(pairs, folds, strict=True)}
    assert all(by_claim[p.group] == f for p, f in zip(pairs, folds, strict=True))
    assert sorted(by_claim.values()) == [0, 1, 2, 3, 4]
    assert len(emergent_test(FIXTURES / "emergent")) == 3


def test_missing_and_bad_files_raise_data_errors(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="missing"):
        fnc1_split(tmp_path, "dev")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "id,claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId\n0,a,b,maybe,x,y\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="unknown stance 'maybe'"):
        read_emergent(bad)

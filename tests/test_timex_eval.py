"""`rashomon eval timex`: the TimeML loader and the TempEval-3 scorer on a fixture of our own."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rashomon.evaluation.tasks  # noqa: F401
from rashomon.errors import DataError
from rashomon.evaluation.registry import TASKS
from rashomon.evaluation.timex import read_timeml, score_documents, score_timex
from rashomon.timeline import Timex, find_timexes

FIXTURE = Path(__file__).parent / "data" / "timex" / "harbour.tml"


def test_reads_text_timexes_and_creation_time() -> None:
    document = read_timeml(FIXTURE)
    assert document.dct == "2020-01-13"
    assert [timex.text for timex in document.timexes] == [
        "Sunday", "seven months ago", "10 days", "Jan. 3 in the morning", "last year", "spring",
    ]  # fmt: skip
    for timex in document.timexes:
        assert document.text[timex.start : timex.end] == timex.text
    assert "the clerk said, and" in document.text  # EVENT tags are flattened, not dropped


def _system(text: str, spans: Sequence[tuple[str, str, str]]) -> list[Timex]:
    """Hand-made system output: (surface, type, value), located by first occurrence."""
    found = []
    for surface, kind, value in spans:
        start = text.index(surface)
        found.append(Timex(start, start + len(surface), surface, kind, value, None, False))
    return found


def test_scores_as_the_tempeval3_toolkit() -> None:
    document = read_timeml(FIXTURE)
    output = [
        ("Sunday", "DATE", "2020-01-12"),  # strict, type and value right
        ("months ago", "DATE", "2019-07"),  # relaxed only, value wrong
        ("10 days", "DATE", "P10D"),  # strict, type wrong
        ("Jan. 3", "DATE", "2020-01-03"),  # relaxed only, value right
        ("ferry", "DATE", "2020"),  # spurious
    ]  # "last year" and "spring" are missed
    counts = score_documents([document], lambda text, dct: _system(text, output))
    metrics = counts.metrics()
    # strict 2 of 5 system, 2 of 6 gold; relaxed 4/5, 4/6; type and value right in 3 of 4 relaxed matches
    assert metrics["strict_precision"] == 40.0 and metrics["strict_recall"] == 33.33
    assert metrics["strict_f1"] == 36.36
    assert metrics["relaxed_precision"] == 80.0 and metrics["relaxed_recall"] == 66.67
    assert metrics["relaxed_f1"] == 72.73
    assert metrics["type_accuracy"] == 75.0 and metrics["type_f1"] == 54.55
    assert metrics["value_accuracy"] == 75.0 and metrics["value_f1"] == 54.55


def test_the_rules_on_the_fixture() -> None:
    metrics = score_documents([read_timeml(FIXTURE)]).metrics()
    assert metrics["value_f1"] == 100.0 and metrics["strict_recall"] == 83.33  # "in the morning" is left out


def test_task_is_registered_on_the_tempeval3_layout(tmp_path: Path) -> None:
    task = TASKS["timex"]
    assert (task.dataset, task.primary, task.splits) == ("tempeval3", "value_f1", ("dev", "test"))
    platinum = tmp_path / "HIDDEN" / "Evaluation" / "te3-platinum"
    platinum.mkdir(parents=True)
    (platinum / FIXTURE.name).write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    scores = score_timex(tmp_path, "test", None)
    assert scores.n == 1 and scores.primary == "value_f1" and scores.metrics["value_f1"] == 100.0
    with pytest.raises(DataError):
        score_timex(tmp_path, "dev", None)


def test_unreadable_timeml_is_a_data_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.tml"
    broken.write_text("<TimeML><TEXT>never closed", encoding="utf-8")
    with pytest.raises(DataError):
        read_timeml(broken)


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("abcdefgJMSTWay0123456789 .,-'/:\n")) | st.characters(), max_size=120
    ),
    doc_date=st.sampled_from([None, "2020-01-13", "2020-01", "2020", "garbage", "2020-02-30"]),
)
def test_arbitrary_text_never_raises_and_spans_stay_inside(text: str, doc_date: str | None) -> None:
    for timex in find_timexes(text, doc_date):
        assert 0 <= timex.start < timex.end <= len(text)
        assert text[timex.start : timex.end] == timex.text


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(
            ["last", "next", "this", "week", "May", "June", "3", "2019", "Friday", "ago", "two", "years",
             "quarter", "third", "the", "day", "before", "spring", "of", "a.m.", "10:30", "every", "now"]
        ),
        max_size=12,
    ),
)  # fmt: skip
def test_temporal_word_salad_never_raises(words: list[str]) -> None:
    text = " ".join(words)
    for timex in find_timexes(text, "2020-01-13"):
        assert text[timex.start : timex.end] == timex.text

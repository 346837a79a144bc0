"""The two extraction eval tasks: loaders and scorers, checked on hand-computed numbers.

The fixture under tests/data/extraction/ is made up (four tiny pages in the Zyte benchmark's layout,
one of them a corrupt .gz); no benchmark text is copied.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import rashomon.evaluation.tasks  # noqa: F401  (registers the tasks)
from rashomon.errors import DataError
from rashomon.evaluation import TASKS, run_task
from rashomon.evaluation.extraction import (
    SegmentCounts,
    score_segments,
    score_shingles,
    shingle_counts,
    shingle_metrics,
)

FIXTURE = Path(__file__).parent / "data" / "extraction"
TRUTH: dict[str, dict[str, str]] = json.loads(
    (FIXTURE / "HIDDEN" / "ground-truth.json").read_text(encoding="utf-8")
)
PREDICTIONS: dict[str, str] = {
    "https://example.org/flood": TRUTH["flood"]["articleBody"],  # exact: P = R = 1
    "https://example.org/vote": TRUTH["vote"]["articleBody"] + " Subscribe to our newsletter today.",
    "https://example.org/fire": "",  # nothing found: no precision term, recall 0
}


def fake_extractor(html: str, url: str | None) -> str:
    return PREDICTIONS[url or ""]


def test_shingle_counts_match_upstream_by_hand() -> None:
    # 11 tokens -> 8 shingles; 5 more tokens -> 5 more shingles, all false positives.
    truth = "Council members voted five to two in favour of the plan."
    assert shingle_counts(truth, truth) == (1.0, 0.0, 0.0)
    assert shingle_counts(truth, truth + " Subscribe to our newsletter today.") == pytest.approx(
        (8 / 13, 5 / 13, 0)
    )
    assert shingle_counts("", "") == (0.0, 0.0, 0.0)
    assert shingle_counts("Short text", "") == (0.0, 0.0, 1.0)  # under 4 tokens: one shingle of all of them
    assert shingle_counts("", "a b c d e") == (0.0, 1.0, 0.0)


def test_shingle_metrics_average_over_pages() -> None:
    # Upstream leaves pages with tp + fp == 0 out of precision and tp + fn == 0 out of recall.
    metrics = shingle_metrics([(1.0, 0.0, 0.0), (0.0, 0.0, 1.0), (0.0, 1.0, 0.0)], [True, False, False])
    assert metrics["precision"] == pytest.approx(0.5)  # pages 1 and 3
    assert metrics["recall"] == pytest.approx(0.5)  # pages 1 and 2
    assert metrics["f1"] == pytest.approx(0.5)
    assert metrics["accuracy"] == pytest.approx(1 / 3)
    assert shingle_metrics([], [])["f1"] == 0.0


def test_zyte_task_on_the_fixture() -> None:
    scores = score_shingles(FIXTURE, None, fake_extractor)
    assert scores.n == 4
    assert scores.primary == "f1"
    # precision: mean(1, 8/13) = 21/26; recall: mean(1, 1, 0, 0) = 1/2 (the corrupt .gz is an empty page)
    assert scores.metrics["precision"] == pytest.approx(21 / 26)
    assert scores.metrics["recall"] == pytest.approx(0.5)
    assert scores.metrics["f1"] == pytest.approx(21 / 34)
    assert scores.metrics["accuracy"] == pytest.approx(0.25)


def test_zyte_task_limit() -> None:
    scores = score_shingles(FIXTURE, 2, fake_extractor)
    assert scores.n == 2
    assert scores.metrics["precision"] == pytest.approx(21 / 26)
    assert scores.metrics["recall"] == pytest.approx(1.0)


def test_zyte_task_through_the_registry_with_the_real_extractor() -> None:
    result = run_task("extraction", FIXTURE, split="test")
    assert result.n == 4 and result.primary == "f1"
    assert 0.0 <= result.score <= 1.0
    # the flood page is plain: its body is found, so recall is at least its share
    assert result.metrics["recall"] >= 0.25


def test_missing_hidden_folder_names_the_folder_and_the_fix(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        score_shingles(tmp_path, None)
    assert str(tmp_path / "HIDDEN") in caught.value.message
    assert caught.value.hint and "ground-truth.json" in caught.value.hint


def test_tasks_are_registered_with_anchors() -> None:
    assert TASKS["extraction"].splits == ("test",)
    assert TASKS["extraction-segments"].splits == ("dev",)
    assert "0.925" in TASKS["extraction-segments"].anchor
    assert "0.970" in TASKS["extraction"].anchor


def test_segment_counts_follow_upstream() -> None:
    counts = SegmentCounts()
    # matching is on whitespace-normalised text, case-sensitive
    counts.add(
        ["two  words\n here", "absent", "Case"],
        ["boiler plate", "nowhere"],
        "two words here\n\nboiler plate case",
    )
    assert (counts.tp, counts.fn, counts.fp, counts.tn) == (1, 2, 1, 1)
    metrics = counts.metrics()
    assert metrics["precision"] == pytest.approx(0.5)
    assert metrics["recall"] == pytest.approx(1 / 3)
    assert metrics["f1"] == pytest.approx(0.4)  # 2*1 / (2*1 + 1 + 2)
    assert metrics["accuracy"] == pytest.approx(0.4)  # (1 + 1) / 5


def _segment_corpus(root: Path) -> Path:
    (root / "html").mkdir()
    pages = {
        "https://example.org/a": {"file": "a.html", "with": ["first body line"], "without": ["menu item"]},
        "b-not-a-url": {"file": "b.html", "with": ["second body"], "without": ["footer"]},
    }
    (root / "evaldata.json").write_text(json.dumps(pages), encoding="utf-8")
    (root / "html" / "a.html.gz").write_bytes(gzip.compress(b"<p>page a</p>"))
    (root / "html" / "b.html.gz").write_bytes(b"corrupt")
    return root


def test_segment_task_scores_a_corpus(tmp_path: Path) -> None:
    data = _segment_corpus(tmp_path)
    seen: list[str | None] = []

    def extractor(html: str, url: str | None) -> str:
        seen.append(url)
        return "first body line and a menu item"

    scores = score_segments(data, None, extractor)
    assert scores.n == 2
    assert seen == ["https://example.org/a"]  # the corrupt page is an empty extraction, not a call
    # page a: tp 1, fp 1; page b: fn 1, tn 1
    assert scores.metrics["precision"] == pytest.approx(0.5)
    assert scores.metrics["recall"] == pytest.approx(0.5)
    assert scores.metrics["f1"] == pytest.approx(0.5)
    assert score_segments(data, 1, extractor).n == 1

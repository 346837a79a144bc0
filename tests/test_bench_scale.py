"""The scale bench: cross-document stages timed at growing article counts over one per-article pass."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from rashomon.bench.scale import measure_scale

pytestmark = pytest.mark.integration

TOPICS = ["the harbour bridge", "the city budget", "the river flood", "the school strike", "the new museum"]


def _bodies(folder: Path, count: int) -> Path:
    (folder / "fnc1").mkdir(parents=True)
    with (folder / "fnc1" / "train_bodies.csv").open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["Body ID", "articleBody"])
        for i in range(count):
            topic = TOPICS[i % len(TOPICS)]
            sentences = [
                f"Officials in Northbridge said on Monday that {topic} would cost {i + 3} million dollars, "
                f"Mayor Ana Ortiz said.",
                f"Critics of {topic} told reporters plan {i} was rushed, Councillor Ben Hale said.",
                *[f"Report {i} line {j} notes details about {topic} and its schedule." for j in range(14)],
            ]
            writer.writerow([i, " ".join(sentences)])
    return folder


def test_runs_grow_and_report_ratios(tmp_path: Path) -> None:
    pytest.importorskip("sentence_transformers")
    result = measure_scale(_bodies(tmp_path, 8), (4, 8))
    assert [row["articles"] for row in result["runs"]] == [4, 8]
    assert result["article_ratio"] == 2.0
    assert result["runs"][1]["claims"] > result["runs"][0]["claims"] > 0
    assert set(result["stage_ratios"]) >= {"entities", "claims", "align", "provenance", "relate", "timeline"}

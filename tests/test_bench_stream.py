"""The stream bench: a mixed run's cross-document work, story by story, over a stream of articles."""

from __future__ import annotations

import gzip
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from rashomon.bench.stream import LAP_DAYS, measure_one, stream_of
from rashomon.model import Article
from rashomon.model.article import PublishedDate

TOPICS = {
    "bridge": "The harbour bridge in Northbridge will close for repairs, Mayor Ana Ortiz said on Monday.",
    "flood": "The river flood in Eastvale forced two thousand people from their homes, officials said.",
}


def _abp_folder(folder: Path) -> Path:
    """Six made-up articles in the Article-Bias-Prediction layout: three on each of two stories."""
    rows = []
    for i in range(6):
        topic = "bridge" if i % 2 == 0 else "flood"
        sentences = [TOPICS[topic], f"Report {i} adds that the work on the {topic} began last week, he said."]
        sentences += [f"Line {j} of report {i} describes the {topic} and what people saw." for j in range(8)]
        rows.append(
            {
                "title": f"Update {i} on the {topic}",
                "content_original": " ".join(sentences),
                "source": "Daily Example" if i < 3 else "Evening Example",
                "date": f"2020-03-0{1 + i // 2}",
                "url": f"https://news.example/{i}",
            }
        )
    with gzip.open(folder / "abp_media_valid.jsonl.gz", "wt", encoding="utf-8") as out:
        out.writelines(json.dumps(row) + "\n" for row in rows)
    return folder


def test_stream_repeats_with_fresh_ids_moved_in_time() -> None:
    first = Article(id="art_a", source="a.json", text="x", published=PublishedDate("2020-03-01", "day"))
    second = Article(id="art_b", source="b.json", text="y")
    stream = stream_of([first, second], 5)
    assert [a.id for a in stream] == ["art_a", "art_b", "art_a-1", "art_b-1", "art_a-2"]
    assert stream[2].published.value != first.published.value
    assert stream[4].published.value == (date(2020, 3, 1) + timedelta(days=2 * LAP_DAYS)).isoformat()
    assert stream[3].published == second.published  # no date: nothing to move
    assert stream_of([], 3) == []


@pytest.mark.integration
def test_measures_every_story_of_a_stream(tmp_path: Path) -> None:
    row = measure_one(_abp_folder(tmp_path), 9, workers=1)
    assert row["articles"] == 9 and row["distinct_texts"] == 6
    # The six share a template (one story at least); the three repeats, moved past the story window,
    # cannot join it.
    assert row["stories"] >= 2
    assert row["claims"] > 0 and row["groups"] > 0
    assert set(row["stage_seconds"]) == {
        "entities",
        "claims",
        "align",
        "provenance",
        "relate",
        "timeline",
        "framing",
    }
    assert row["cross_document_seconds"] > 0 and row["peak_mib"] >= row["loaded_mib"] > 0


@pytest.mark.integration
def test_bench_command_runs_only_the_stream_when_articles_is_zero(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from rashomon.cli import cli

    (tmp_path / "article_bias_prediction").mkdir()
    _abp_folder(tmp_path / "article_bias_prediction")
    result = CliRunner().invoke(
        cli, ["bench", "--articles", "0", "--story-stages", "4,8", "--workers", "1", "--data", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert "articles_per_s" not in summary  # the throughput run was skipped
    runs = summary["story_stages"]["runs"]
    assert [row["articles"] for row in runs] == [4, 8]
    assert summary["story_stages"]["article_ratio"] == 2.0
    assert "corpus stages" in result.stderr


def test_bench_refuses_a_negative_article_count() -> None:
    from click.testing import CliRunner

    from rashomon.cli import cli

    result = CliRunner().invoke(cli, ["bench", "--articles", "-1"])
    assert result.exit_code == 2 and "-1" in result.output


@pytest.mark.integration
def test_a_whole_mixed_run_is_measured_with_every_output_written(tmp_path: Path) -> None:
    from rashomon.bench.mixed import measure_one as measure_mixed_run
    from rashomon.bench.mixed import write_inputs

    folder = _abp_folder(tmp_path)
    (tmp_path / "in").mkdir()
    assert write_inputs(folder, tmp_path / "in", 8) == 6
    files = sorted((tmp_path / "in").iterdir())
    first, repeat = (json.loads(files[n].read_text(encoding="utf-8")) for n in (0, 6))
    assert repeat["title"] == first["title"] and repeat["text"] != first["text"]  # not a duplicate
    assert repeat["published"] == (date(2020, 3, 1) + timedelta(days=LAP_DAYS)).isoformat()
    row = measure_mixed_run(folder, 8, workers=1)
    assert row["articles"] == row["inputs"] == 8 and row["stories"] >= 2  # the repeats start new stories
    assert row["output_mib"] > 0 and row["peak_mib"] >= row["loaded_mib"]

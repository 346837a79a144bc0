"""The bench's articles: distinct, of realistic length, and (``--words``) of a chosen length."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rashomon.bench.corpus import bench_articles
from rashomon.cli import cli


def _data(folder: Path, lengths: list[int]) -> Path:
    abp = folder / "article_bias_prediction"
    abp.mkdir(parents=True)
    rows = [
        {"title": f"Report {i}", "content_original": " ".join(f"w{i}x{k}" for k in range(n))}
        for i, n in enumerate(lengths)
    ]
    with gzip.open(abp / "abp_media_valid.jsonl.gz", "wt", encoding="utf-8") as out:
        out.writelines(json.dumps(row) + "\n" for row in rows)
    return folder


def test_articles_of_a_chosen_length(tmp_path: Path) -> None:
    data = _data(tmp_path, [100, 450, 600, 751, 750, 200])
    assert [len(a["text"].split()) for a in bench_articles(data, 10)] == [450, 600, 751, 750, 200]
    chosen = bench_articles(data, 10, (450, 750))
    assert [len(a["text"].split()) for a in chosen] == [450, 600, 750]
    assert len(bench_articles(data, 2, (450, 750))) == 2


@pytest.mark.parametrize("value", ["600", "750-450", "0-10", "a-b"])
def test_bench_refuses_a_bad_word_range(value: str) -> None:
    result = CliRunner().invoke(cli, ["bench", "--articles", "1", "--words", value])
    assert result.exit_code == 2 and "--words" in result.output

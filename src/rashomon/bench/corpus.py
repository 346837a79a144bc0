"""Distinct, realistic articles for benchmarking, read from the shipped benchmark data (never copied).

Article Bias Prediction holds thousands of full news articles of every leaning; FNC-1 bodies add more.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from rashomon.errors import DataError

MIN_WORDS = 150  # skip stubs and teasers: the bench is about articles of realistic length


def bench_articles(
    benchmarks: Path, count: int, words: tuple[int, int] | None = None
) -> list[dict[str, str]]:
    """The first ``count`` distinct articles of at least ``MIN_WORDS`` words, or with ``words`` (low,
    high) of that many words, both included."""
    low, high = words or (MIN_WORDS, None)
    articles: list[dict[str, str]] = []
    seen: set[str] = set()
    for article in _all_articles(benchmarks):
        key = article["text"][:200]
        length = len(article["text"].split())
        if key in seen or length < low or (high is not None and length > high):
            continue
        seen.add(key)
        articles.append(article)
        if len(articles) == count:
            return articles
    if not articles:
        raise DataError(
            f"no benchmark articles found under '{benchmarks}'",
            hint="pass --data pointing at shared/benchmarks (with article_bias_prediction/ or fnc1/)",
        )
    return articles


def _all_articles(benchmarks: Path) -> Iterator[dict[str, str]]:
    abp = benchmarks / "article_bias_prediction"
    for name in ("abp_media_valid.jsonl.gz", "abp_media_train_sample4000.jsonl.gz"):
        if (abp / name).exists():
            with gzip.open(abp / name, "rt", encoding="utf-8") as lines:
                for line in lines:
                    record = json.loads(line)
                    yield {"title": record.get("title") or "", "text": record.get("content_original") or ""}
    bodies = benchmarks / "fnc1" / "train_bodies.csv"
    if bodies.exists():
        csv.field_size_limit(10_000_000)
        with bodies.open(encoding="utf-8") as file:
            for row in csv.DictReader(file):
                yield {"title": "", "text": row.get("articleBody") or ""}

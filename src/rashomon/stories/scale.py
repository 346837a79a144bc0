"""Story clustering at stream scale: seconds and peak memory at 2k, 5k and 20k articles (``rashomon bench``).

The articles are Article-Bias-Prediction records (whole articles with titles and dates; 6,356 of them
ship). Larger streams repeat them with fresh ids, each repetition shifted in time by more than the story
window, so a repeat starts new stories instead of joining its original, as a longer feed would. What is
timed is the clustering (terms, TF-IDF, the online pass). The lead vectors are per-article work that a
run computes once per article (and a store caches), so here they are stand-ins of MiniLM's width (384):
hashed bags of the lead's words, which keeps the cost of every comparison and roughly which stories form.
Each size runs in a fresh process, so its peak resident memory is its own; the resident memory after
the articles are loaded and before clustering starts is reported too (``base_mib``).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.stories.corpora import abp_records
from rashomon.stories.features import StoryArticle, day_number
from rashomon.stories.online import WINDOW_DAYS, cluster_with_stats
from rashomon.testing import HashedEncoder

SIZES = (2000, 5000, 20000)
LAP_DAYS = WINDOW_DAYS + 30  # how far each repetition of the shipped articles is moved in time


def stream_articles(folder: Path, count: int) -> tuple[list[StoryArticle], int]:
    """``count`` articles and how many distinct texts they came from (the rest are shifted repeats)."""
    base = [
        StoryArticle(f"abp{i}", r["title"], r["text"], day_number(r["published"]))
        for i, r in enumerate(abp_records(folder))
    ]
    if not base:
        return [], 0
    found = []
    for n in range(count):
        item = base[n % len(base)]
        lap = n // len(base)
        day = None if item.day is None else item.day + lap * LAP_DAYS
        found.append(StoryArticle(f"{item.key}-{lap}", item.title, item.text, day))
    return found, min(count, len(base))


def stand_in_leads(articles: Sequence[StoryArticle]) -> npt.NDArray[np.float32]:
    return HashedEncoder().encode([article.lead for article in articles])


def measure_story_scale(folder: Path, sizes: Sequence[int] = SIZES) -> list[dict[str, Any]]:
    """One row per size, each measured in its own process (see ``measure_one``)."""
    return [run_apart("rashomon.stories.scale", "measure_one", folder, size) for size in sizes]


def runs_apart(
    module: str,
    folder: Path,
    sizes: Sequence[int],
    *numbers: int,
    measured: Callable[[dict[str, Any]], None] = lambda row: None,
) -> list[dict[str, Any]]:
    """``module.measure_one(folder, size, *numbers)`` for each size, smallest first, each in its own
    process (``run_apart``); ``measured`` is told each row as it comes."""
    rows = []
    for size in sorted(set(sizes)):
        rows.append(run_apart(module, "measure_one", folder, size, *numbers))
        measured(rows[-1])
    return rows


def run_apart(module: str, function: str, folder: Path, *numbers: int) -> dict[str, Any]:
    """``module.function(folder, *numbers)`` in a fresh interpreter, so that its peak resident memory is
    its own; the function returns a JSON-able row."""
    arguments = ", ".join([f"Path({str(folder)!r})", *(str(int(n)) for n in numbers)])
    code = (
        f"import json; from pathlib import Path; from {module} import {function}; "
        f"print(json.dumps({function}({arguments})))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    row: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return row


def measure_one(folder: Path, size: int) -> dict[str, Any]:
    """Articles, distinct texts, stories, comparisons, seconds, ms per article, base and peak MiB."""
    articles, distinct = stream_articles(folder, size)
    leads = stand_in_leads(articles)
    base = peak_mib()
    started = time.perf_counter()
    labels, comparisons = cluster_with_stats(articles, leads=leads)
    seconds = time.perf_counter() - started
    return {
        "articles": len(articles),
        "distinct_texts": distinct,
        "stories": len(set(labels)),
        "comparisons": comparisons,
        "seconds": round(seconds, 2),
        "ms_per_article": round(1000 * seconds / max(len(articles), 1), 3),
        "base_mib": base,
        "peak_mib": peak_mib(),
    }


def peak_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux

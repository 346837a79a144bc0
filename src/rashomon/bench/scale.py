"""How the cross-document stages grow with the run: the same stages timed at several article counts.

The per-article stages are not what this measures, so they run once over the largest set with the fast
stand-ins of ``rashomon.testing`` (regular-expression sentences, tokens, names and "X said" attributions:
the per-article results "from cache" in the issue's words); every cross-document stage then runs for real
(MiniLM embeddings included) on the first N of those articles, for each N. Quadratic work would show as a
time ratio far above the article ratio.
"""

from __future__ import annotations

import json
import resource
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rashomon.config import Config
from rashomon.model import Source
from rashomon.pipeline import Batch, Stage


def _stages(config: Config) -> tuple[list[Stage], list[Stage]]:
    from rashomon.stories.run import split_stages
    from rashomon.testing import fake_pipeline

    cluster, per_article, corpus = split_stages(fake_pipeline(config).stages)
    return [*cluster, *per_article], corpus


def first_articles(batch: Batch, count: int) -> Batch:
    """The batch cut to its first ``count`` articles, with their slices of every per-article artifact."""
    from rashomon.stories.assign import Story
    from rashomon.stories.run import story_slice

    return story_slice(batch, Story("first", "", tuple(a.id for a in batch.articles[:count])))


def measure_scale(benchmarks: Path, sizes: Sequence[int], config: Config | None = None) -> dict[str, Any]:
    from rashomon.bench.corpus import bench_articles

    config = config or Config()
    sizes = sorted(set(sizes))
    texts = bench_articles(benchmarks, sizes[-1])
    sources = tuple(
        Source(name=f"bench/{i:06d}.json", data=json.dumps(article).encode("utf-8"))
        for i, article in enumerate(texts)
    )
    per_article, corpus = _stages(config)
    batch = Batch(sources=sources)
    for stage in per_article:
        stage.warm_up()
        batch = stage.run(batch)
    for stage in corpus:
        stage.warm_up()
    rows: list[dict[str, Any]] = []
    for size in sizes:
        current = first_articles(batch, size)
        seconds: dict[str, float] = {}
        for stage in corpus:
            started = time.perf_counter()
            current = stage.run(current)
            seconds[stage.name] = round(time.perf_counter() - started, 3)
        rows.append(
            {
                "articles": len(current.articles),
                "claims": len(current.claims),
                "groups": len(current.groups),
                "seconds": seconds,
                "total_seconds": round(sum(seconds.values()), 3),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
    first, last = rows[0], rows[-1]
    return {
        "per_article_stages": "fast stand-ins (rashomon.testing), run once: not measured here",
        "runs": rows,
        "article_ratio": round(last["articles"] / max(first["articles"], 1), 2),
        "time_ratio": cost_ratio(last["total_seconds"], first["total_seconds"]),
        "stage_ratios": {
            name: cost_ratio(last["seconds"][name], first["seconds"][name]) for name in last["seconds"]
        },
    }


def cost_ratio(large: float, small: float) -> float:
    """``large / small`` rounded for a report, a millisecond at least below."""
    return round(large / max(small, 1e-3), 2)

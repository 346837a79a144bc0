"""The cross-document work of a mixed run as the stream grows: stories found, then each story's stages.

``rashomon analyze`` on a mixed corpus clusters the articles into stories (``stories.assign``) and runs the
corpus stages (entities, claims, align, provenance, relate, timeline, framing) and the evidence map once
per story (``stories.run.analyze_slice``). This times that part at stream sizes such as 2,000, 5,000 and
20,000 articles, each size in a fresh process (so its peak memory is its own), with the per-article
results standing in for a cache, as the issue allows ("per-article results may come from cache"):

- **Articles**: the Article-Bias-Prediction records through the real ingest and clean stages, once. A
  stream longer than the 6,356 distinct ones that ship repeats them with fresh ids, each repetition's
  dates shifted past the story window (```stories.scale.stream_articles``): a repeat starts new stories.
- **Per-article records** (nlp, attribution, techniques): the regular-expression stand-ins of
  ``rashomon.testing``, made per story when the story is analysed and timed apart.
- **Vectors**: every MiniLM call of the clustering and the corpus stages (leads, sub-sentence claims,
  dispute propositions, act words) goes to ``testing.HashedEncoder``, the cost of a look-up in a cache of
  vectors by text. MiniLM's own cost is per text: linear in the claims, whatever the stream's size.

A story's records are made when the story is analysed and dropped after it, so no process holds the
per-article records of the whole stream (``rashomon analyze`` itself does: docs/scale.md). What is kept
per story is its figures.
"""

from __future__ import annotations

import json
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rashomon.bench.scale import cost_ratio
from rashomon.config import Config
from rashomon.model import Article, Source
from rashomon.pipeline import Batch, Stage
from rashomon.pipeline.processes import fork_map
from rashomon.stories.assign import Story, assign_stories
from rashomon.stories.corpora import abp_records
from rashomon.stories.scale import LAP_DAYS, SIZES, peak_mib, runs_apart
from rashomon.testing import HashedEncoder


@dataclass(slots=True)
class StoryFigures:
    """What one story cost: seconds per corpus stage, the evidence map's seconds, the stand-ins' seconds."""

    articles: int
    claims: int
    groups: int
    stand_in_seconds: float
    stage_seconds: dict[str, float] = field(default_factory=dict)
    evidence_seconds: float = 0.0

    @property
    def cross_document_seconds(self) -> float:
        return sum(self.stage_seconds.values()) + self.evidence_seconds


def cleaned_articles(folder: Path, config: Config) -> list[Article]:
    """The shipped Article-Bias-Prediction articles through the real ingest and clean stages."""
    from rashomon.clean import CleanStage
    from rashomon.ingest import IngestStage

    sources = tuple(
        Source(name=f"abp/{i:06d}.json", data=json.dumps(record).encode("utf-8"))
        for i, record in enumerate(abp_records(folder))
    )
    batch = Batch(sources=sources)
    for stage in (IngestStage(config), CleanStage(config)):
        batch = stage.run(batch)
    return list(batch.articles)


def stream_of(articles: Sequence[Article], count: int) -> list[Article]:
    """``count`` articles: the given ones in order, then again with fresh ids, each lap moved in time."""
    found = []
    for n in range(count if articles else 0):
        article, lap = articles[n % len(articles)], n // len(articles)
        found.append(article if lap == 0 else _moved(article, lap))
    return found


def _moved(article: Article, lap: int) -> Article:
    published = article.published
    if published.value is not None and published.precision == "day":
        day = date.fromisoformat(published.value[:10]) + timedelta(days=lap * LAP_DAYS)
        published = replace(published, value=day.isoformat())
    return replace(article, id=f"{article.id}-{lap}", source=f"{article.source}#{lap}", published=published)


def stand_in_stages(config: Config) -> tuple[list[Stage], list[Stage]]:
    """(the per-article stand-ins, the real corpus stages with every encoder swapped for the hashed one)."""
    from rashomon.stories.run import split_stages
    from rashomon.testing import fake_pipeline

    _, per_article, corpus = split_stages(fake_pipeline(config, encoder=HashedEncoder()).stages)
    return per_article, corpus


def story_figures(
    story: Story, articles: dict[str, Article], per_article: Sequence[Stage], corpus: Sequence[Stage]
) -> StoryFigures:
    """One story as ``rashomon analyze`` runs it, its per-article records made by the stand-ins first."""
    from rashomon.report.evidence import build_evidence
    from rashomon.stories.run import artifacts_after, run_stages

    batch = Batch(articles=tuple(articles[a] for a in story.articles))
    started = time.perf_counter()
    for stage in per_article:
        batch = stage.run(batch)
    stand_in = time.perf_counter() - started
    seconds: dict[str, float] = {}
    given = artifacts_after(per_article, frozenset({"sources", "articles"}))
    batch = run_stages(corpus, batch, None, seconds, given)
    started = time.perf_counter()
    build_evidence(batch)
    return StoryFigures(
        articles=len(story.articles),
        claims=len(batch.claims),
        groups=len(batch.groups),
        stand_in_seconds=stand_in,
        stage_seconds=seconds,
        evidence_seconds=time.perf_counter() - started,
    )


def measure_one(folder: Path, size: int, workers: int = 1) -> dict[str, Any]:
    """One stream size, measured in this process: stories found, then every story's corpus stages."""
    config = Config()
    base = cleaned_articles(folder, config)
    stream = stream_of(base, size)
    loaded_mib = peak_mib()
    started = time.perf_counter()
    stories = assign_stories(stream, encode=HashedEncoder().encode)
    clustering = time.perf_counter() - started
    per_article, corpus = stand_in_stages(config)
    for stage in (*per_article, *corpus):
        stage.warm_up()  # before the fork: the workers start with spaCy loaded
    by_id = {article.id: article for article in stream}
    started = time.perf_counter()
    figures = list(fork_map(lambda story: story_figures(story, by_id, per_article, corpus), stories, workers))
    wall = time.perf_counter() - started
    stages: dict[str, float] = {}
    for item in figures:
        for name, value in item.stage_seconds.items():
            stages[name] = stages.get(name, 0.0) + value
    cross = sum(item.cross_document_seconds for item in figures)
    return {
        "articles": len(stream),
        "distinct_texts": len(base[:size]),
        "stories": len(stories),
        "largest_story": max((len(s.articles) for s in stories), default=0),
        "claims": sum(item.claims for item in figures),
        "groups": sum(item.groups for item in figures),
        "workers": workers,
        "clustering_seconds": round(clustering, 2),
        "cross_document_seconds": round(cross, 2),
        "cross_document_ms_per_article": round(1000 * cross / max(len(stream), 1), 2),
        "stage_seconds": {name: round(value, 2) for name, value in stages.items()},
        "evidence_seconds": round(sum(item.evidence_seconds for item in figures), 2),
        "stand_in_seconds": round(sum(item.stand_in_seconds for item in figures), 2),
        "stories_wall_seconds": round(wall, 2),
        "loaded_mib": loaded_mib,
        "peak_mib": peak_mib(),
        "worker_peak_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


def measure_stream(
    folder: Path,
    sizes: Sequence[int] = SIZES,
    workers: int = 1,
    measured: Callable[[dict[str, Any]], None] = lambda row: None,
) -> dict[str, Any]:
    """One row per size, each in its own process (``measured`` is told each as it comes), and the cost
    ratios of the largest size to the smallest."""
    rows = runs_apart("rashomon.bench.stream", folder, sizes, workers, measured=measured)
    first, last = rows[0], rows[-1]
    return {
        "per_article_results": "stand-ins made per story (rashomon.testing), vectors hashed: as from a cache",
        "runs": rows,
        "article_ratio": round(last["articles"] / max(first["articles"], 1), 2),
        "cross_document_ratio": cost_ratio(last["cross_document_seconds"], first["cross_document_seconds"]),
        "clustering_ratio": cost_ratio(last["clustering_seconds"], first["clustering_seconds"]),
    }

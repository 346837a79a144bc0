"""``rashomon analyze --engine ray``: the local engine's run (``stories.run``), its two wide steps on Ray.

The split is the local engine's: ingest and clean run on the driver (they decide duplicates across the
inputs), the stories are found on the cleaned articles on the driver (the clustering index is the one
thing that sees every article), the per-article stages run as Ray Data ``map_batches`` over an actor
pool whose actors hold the models, and each story's corpus stages run on a pool of Ray actors, one story
block per call. Records cross processes as codec JSON (``engine.wire``), so the answers are the local
engine's, record for record.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from rashomon.api import Analysis
from rashomon.config import Config
from rashomon.engine import wire
from rashomon.engine.inputs import read_inputs
from rashomon.engine.workers import (
    ArticleWorker,
    CorpusWorker,
    merge_article_results,
    shipped,
    timed,
)
from rashomon.errors import UsageError
from rashomon.model import Source
from rashomon.pipeline import Batch, Progress, SilentProgress, Stage
from rashomon.pipeline.cache import per_article
from rashomon.pipeline.stage import made_by
from rashomon.pipeline.state import given_back
from rashomon.report.evidence import build_evidence
from rashomon.stories.assign import Story, assign_stories
from rashomon.stories.online import Encoder
from rashomon.stories.run import (
    StoryAnalysis,
    StoryRun,
    StorySlicer,
    artifacts_after,
    combined,
    run_stages,
    split_stages,
)

# The two Ray phases, as they show in progress output and in ``stage_seconds``.
ARTICLE_PHASE = "ray: per-article stages"
CORPUS_PHASE = "ray: corpus stages"


@dataclass(frozen=True, slots=True)
class RayOptions:
    """Where and how wide to run. ``batch_size``: articles per ``map_batches`` call (spaCy's own batch is
    16, so one call fills it); ``factory`` names the stage list each worker builds for itself."""

    workers: int = 2
    address: str | None = None
    batch_size: int = 16
    factory: str = wire.DEFAULT_FACTORY


def connect(options: RayOptions) -> Any:
    """Ray, started locally (``workers`` CPUs, at least 2) or joined at ``address``; reused if running."""
    try:
        import ray
    except ImportError as error:
        raise UsageError("the ray engine needs Ray", hint="pip install 'rashomon[ray]'") from error
    if not ray.is_initialized():
        os.environ.setdefault("RAY_AUTH_MODE", "disabled")  # a local instance: no token to hand around
        if options.address:
            ray.init(address=options.address, log_to_driver=False)
        else:
            ray.init(num_cpus=max(2, options.workers), include_dashboard=False, log_to_driver=False)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    return ray


def analyze_ray(
    inputs: Sequence[str | Path | Source],
    config: Config | None = None,
    *,
    options: RayOptions | None = None,
    progress: Progress | None = None,
    stdin: BinaryIO | None = None,
    encode: Encoder | None = None,
    parquet: Path | None = None,
) -> StoryRun:
    """``stories.run.analyze_stories`` on Ray; ``parquet`` also writes each article's per-article records."""
    options = options or RayOptions()
    config = config or Config()
    ray = connect(options)
    stages = wire.all_stages(options.factory, config)
    batch = Batch(**read_inputs(ray, inputs, stdin, config.limits))  # type: ignore[arg-type]
    cluster, front, corpus = split_stages(stages)
    wide = _leading(front)
    seconds: dict[str, float] = {}
    batch = run_stages(cluster, batch, progress, seconds, frozenset({"sources", "inputs"}))
    started = time.perf_counter()
    stories = assign_stories(batch.articles, encode=encode)
    timed(seconds, "stories", started)
    given = artifacts_after(cluster, frozenset({"sources", "inputs"}))
    shown = progress or SilentProgress()
    shown.stage_started(ARTICLE_PHASE, len(batch.articles))
    batch, rows = _article_stages(ray, wide, batch, options, config, given, seconds)
    shown.advance(len(batch.articles))
    shown.stage_finished(ARTICLE_PHASE, seconds.get(ARTICLE_PHASE, 0.0))
    if parquet is not None:
        write_parquet(batch, rows, parquet)
    batch = run_stages(front[len(wide) :], batch, progress, seconds, artifacts_after(wide, given))
    shown.stage_started(CORPUS_PHASE, len(stories))
    run = _corpus_stages(ray, corpus, batch, stories, options, config, artifacts_after(front, given), seconds)
    shown.advance(len(stories))
    shown.stage_finished(CORPUS_PHASE, seconds.get(CORPUS_PHASE, 0.0))
    return run


def _leading(stages: Sequence[Stage]) -> list[Stage]:
    """The leading stages whose results are article by article: those go to the actor pool."""
    chosen: list[Stage] = []
    for stage in stages:
        if not per_article(stage):
            break
        chosen.append(stage)
    return chosen


def _article_stages(
    ray: Any,
    stages: Sequence[Stage],
    batch: Batch,
    options: RayOptions,
    config: Config,
    given: frozenset[str],
    seconds: dict[str, float],
) -> tuple[Batch, list[dict[str, Any]]]:
    """The per-article stages as ``map_batches`` over an actor pool; the records merged in article order."""
    if not stages or not batch.articles:
        return batch, []
    started = time.perf_counter()
    items = [{"id": a.id, "article": wire.dump_article(a)} for a in batch.articles]
    names = [stage.name for stage in stages]
    mapped = ray.data.from_items(items).map_batches(
        ArticleWorker,
        fn_constructor_args=(options.factory, wire.dump_config(config), names, sorted(given)),
        compute=ray.data.ActorPoolStrategy(size=options.workers),
        batch_size=options.batch_size,
        batch_format="numpy",
        num_cpus=1,
    )
    rows: list[dict[str, Any]] = mapped.take_all()
    produces = artifacts_after(stages, frozenset())
    timed(seconds, ARTICLE_PHASE, started)
    return merge_article_results(batch, rows, produces), rows


def _corpus_stages(
    ray: Any,
    stages: Sequence[Stage],
    batch: Batch,
    stories: Sequence[Story],
    options: RayOptions,
    config: Config,
    given: frozenset[str],
    seconds: dict[str, float],
) -> StoryRun:
    """Each story's corpus stages on an actor of a pool; one story: the whole batch, as the local engine."""
    started = time.perf_counter()
    mixed = len(stories) > 1
    slicer = StorySlicer(batch) if mixed else None
    slices = [slicer.slice(story) for story in stories] if slicer else [batch]
    results = _on_pool(ray, stages, [shipped(s) for s in slices], options, config, given, seconds)
    made = made_by(stages)
    finished = [given_back(result, sent, made) for result, sent in zip(results, slices, strict=True)]
    timed(seconds, CORPUS_PHASE, started)
    if not mixed:
        analysis = Analysis(finished[0], build_evidence(finished[0]), seconds)
        return StoryRun(analysis, tuple(StoryAnalysis(s, analysis) for s in stories), seconds)
    analyses = tuple(
        StoryAnalysis(story, Analysis(result, build_evidence(result)))
        for story, result in zip(stories, finished, strict=True)
    )
    whole = combined(batch, [item.analysis.batch for item in analyses])
    evidence = build_evidence(whole, [item.analysis.evidence for item in analyses])
    return StoryRun(Analysis(whole, evidence, seconds), analyses, seconds)


def _on_pool(
    ray: Any,
    stages: Sequence[Stage],
    batches: Sequence[Batch],
    options: RayOptions,
    config: Config,
    given: frozenset[str],
    seconds: dict[str, float],
) -> list[Batch]:
    """Run the stages on each batch, ``workers`` actors at a time; results in the batches' order.

    Each actor has one batch in flight: a batch is encoded when an actor is free for it and its answer
    decoded as soon as it comes back, so the driver never holds every story's wire text at once."""
    if not stages:
        return list(batches)
    names = [stage.name for stage in stages]
    remote = ray.remote(num_cpus=1)(CorpusWorker)
    size = max(1, min(options.workers, len(batches)))
    args = (options.factory, wire.dump_config(config), names, sorted(given))
    actors = [remote.remote(*args) for _ in range(size)]
    results: dict[int, Batch] = {}
    waiting = iter(enumerate(batches))
    in_flight: dict[Any, tuple[int, Any]] = {}

    def give(actor: Any) -> None:
        item = next(waiting, None)
        if item is not None:
            in_flight[actor.run.remote(wire.dump_batch(item[1]))] = (item[0], actor)

    try:
        for actor in actors:
            give(actor)
        while in_flight:
            [done], _ = ray.wait(list(in_flight), num_returns=1)
            index, actor = in_flight.pop(done)
            text, timing = ray.get(done)
            results[index] = wire.load_batch(text)
            for name, value in timing.items():
                seconds[name] = seconds.get(name, 0.0) + value
            give(actor)
    finally:
        for actor in actors:
            ray.kill(actor)
    return [results[index] for index in range(len(batches))]


def write_parquet(batch: Batch, rows: Sequence[dict[str, Any]], path: Path) -> Path:
    """One row per article: id, source, title and its per-article records (codec JSON), for other tools."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = {str(row["id"]): str(row["records"]) for row in rows}
    table = pa.table(
        {
            "id": [a.id for a in batch.articles],
            "source": [a.source for a in batch.articles],
            "title": [a.title for a in batch.articles],
            "records": [records.get(a.id, "{}") for a in batch.articles],
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)
    return path

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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from rashomon.api import Analysis
from rashomon.config import Config
from rashomon.engine import wire
from rashomon.engine.inputs import read_inputs
from rashomon.engine.spool import RecordSpool
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
    in_waves,
    run_stages,
    settled,
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
    sink: Callable[[StoryAnalysis], None] | None = None,
    spool: Path | None = None,
) -> StoryRun:
    """``stories.run.analyze_stories`` on Ray; ``parquet`` also writes each article's per-article records.

    ``sink`` is ``analyze_stories``' (a mixed run hands each finished story to it and keeps none);
    ``spool``: the folder for the per-article records while the run goes on (the system's temporary
    folder if None)."""
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
    with RecordSpool(spool) as records:
        shown.stage_started(ARTICLE_PHASE, len(batch.articles))
        _article_stages(ray, wide, batch, options, config, given, seconds, records, shown.advance)
        shown.stage_finished(ARTICLE_PHASE, seconds.get(ARTICLE_PHASE, 0.0))
        if parquet is not None:
            write_parquet(batch, records, parquet)
        phase = _Phase(
            wide, front[len(wide) :], records, artifacts_after(wide, given), progress, seconds, shown.advance
        )
        shown.stage_started(CORPUS_PHASE, len(stories))
        with CorpusPool(ray, corpus, options, config, artifacts_after(front, given), seconds) as pool:
            run = _corpus_phase(phase, pool, batch, stories, sink)
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
    records: RecordSpool,
    advance: Callable[[int], None],
) -> None:
    """The per-article stages as ``map_batches`` over an actor pool; each article's records go to
    ``records`` as they stream back (the driver never holds them all), and ``advance`` hears of each."""
    if not stages or not batch.articles:
        advance(len(batch.articles))
        return
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
    del items
    for row in mapped.iter_rows():
        records.add(str(row["id"]), str(row["records"]))
        advance(1)
    timed(seconds, ARTICLE_PHASE, started)


@dataclass(frozen=True)
class _Phase:
    """What the corpus phase needs to finish a slice of the run: the per-article records (``records``,
    made by ``wide``), the per-article stages that run on the driver after them (``rest``), and where
    their seconds and progress go."""

    wide: Sequence[Stage]
    rest: Sequence[Stage]
    records: RecordSpool
    given: frozenset[str]
    progress: Progress | None
    seconds: dict[str, float]
    advance: Callable[[int], None]

    def ready(self, front: Batch) -> Batch:
        """``front`` (articles without per-article records) with its articles' records from the spool, and
        the per-article stages after the actor pool's run on it."""
        if self.wide:
            front = merge_article_results(
                front, self.records.rows(a.id for a in front.articles), made_by(self.wide)
            )
        return run_stages(self.rest, front, self.progress, self.seconds, self.given)


def _corpus_phase(
    phase: _Phase,
    pool: CorpusPool,
    batch: Batch,
    stories: Sequence[Story],
    sink: Callable[[StoryAnalysis], None] | None,
) -> StoryRun:
    """Each story's corpus stages on the actor pool; one story: the whole batch, as the local engine. A
    mixed run goes a wave of stories at a time, through the local engine's own loop (``in_waves``)."""
    seconds = phase.seconds
    started = time.perf_counter()
    if len(stories) <= 1:
        whole = phase.ready(batch)
        [finished] = pool.run([whole])
        timed(seconds, CORPUS_PHASE, started)
        phase.advance(len(stories))
        analysis = Analysis(finished, build_evidence(finished), seconds)
        return StoryRun(analysis, tuple(StoryAnalysis(s, analysis) for s in stories), seconds)

    def wave(members: Sequence[Story], front: Batch) -> Iterator[StoryAnalysis]:
        ready = phase.ready(front)
        slicer = StorySlicer(ready)
        for story, result in zip(members, pool.run([slicer.slice(s) for s in members]), strict=True):
            phase.advance(1)
            yield StoryAnalysis(story, settled(Analysis(result, build_evidence(result))))

    # Nothing after clean reads the raw documents (see stories.run), so they are let go of here too.
    run = in_waves(replace(batch, raw=()), stories, wave, seconds, sink)
    timed(seconds, CORPUS_PHASE, started)
    return run


class CorpusPool:
    """Ray actors that run the corpus stages, one batch (a story's slice) in flight per actor; started on
    first use, reused for every wave, ended on ``close`` (use it as a context manager)."""

    def __init__(
        self,
        ray: Any,
        stages: Sequence[Stage],
        options: RayOptions,
        config: Config,
        given: frozenset[str],
        seconds: dict[str, float],
    ) -> None:
        self.ray = ray
        self.stages = list(stages)
        self.workers = max(1, options.workers)
        self.args = (options.factory, wire.dump_config(config), [s.name for s in stages], sorted(given))
        self.seconds = seconds
        self.made = made_by(stages)
        self.actors: list[Any] = []

    def run(self, batches: Sequence[Batch]) -> list[Batch]:
        """The stages' results on each batch, in the batches' order (each batch as it was given, plus what
        the stages made: actors get ``shipped`` batches and send back only their stages' records).

        A batch is encoded when an actor is free for it and its answer decoded as soon as it comes back,
        so the driver never holds every story's wire text at once."""
        if not self.stages:
            return list(batches)
        remote = self.ray.remote(num_cpus=1)(CorpusWorker)
        while len(self.actors) < min(self.workers, len(batches)):
            self.actors.append(remote.remote(*self.args))
        results: dict[int, Batch] = {}
        waiting = iter(enumerate(batches))
        in_flight: dict[Any, tuple[int, Any]] = {}

        def give(actor: Any) -> None:
            item = next(waiting, None)
            if item is not None:
                in_flight[actor.run.remote(wire.dump_batch(shipped(item[1])))] = (item[0], actor)

        for actor in self.actors[: len(batches)]:
            give(actor)
        while in_flight:
            [done], _ = self.ray.wait(list(in_flight), num_returns=1)
            index, actor = in_flight.pop(done)
            text, timing = self.ray.get(done)
            results[index] = given_back(wire.load_batch(text), batches[index], self.made)
            for name, value in timing.items():
                self.seconds[name] = self.seconds.get(name, 0.0) + value
            give(actor)
        return [results[index] for index in range(len(batches))]

    def close(self) -> None:
        for actor in self.actors:
            self.ray.kill(actor)
        self.actors = []

    def __enter__(self) -> CorpusPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def write_parquet(batch: Batch, records: RecordSpool, path: Path) -> Path:
    """One row per article, in the batch's order: id, source, title and its per-article records (codec
    JSON), for other tools; written a row group at a time from the spool."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, pa.string()) for name in ("id", "source", "title", "records")])
    path.parent.mkdir(parents=True, exist_ok=True)
    with pq.ParquetWriter(path, schema) as out:
        for start in range(0, max(len(batch.articles), 1), PARQUET_ROWS):
            part = batch.articles[start : start + PARQUET_ROWS]
            columns = {
                "id": [a.id for a in part],
                "source": [a.source for a in part],
                "title": [a.title for a in part],
                "records": [records.get(a.id, "{}") for a in part],
            }
            out.write_table(pa.table(columns, schema=schema))
    return path


# Articles per Parquet row group (and the most whose records the driver holds while writing it).
PARQUET_ROWS = 256

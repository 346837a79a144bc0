"""Runs stages in order after checking that every artifact a stage requires is made before it."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from rashomon.errors import RashomonError
from rashomon.pipeline.cache import per_article
from rashomon.pipeline.chunks import ARTICLE_CHUNK, run_in_chunks, stage_groups
from rashomon.pipeline.processes import usable_cores
from rashomon.pipeline.stage import Stage
from rashomon.pipeline.state import ARTIFACTS, Batch

if TYPE_CHECKING:
    from rashomon.pipeline.cache import CacheSession


class PipelineError(RashomonError):
    code = "pipeline"


class Progress(Protocol):
    """What a shell implements to show progress; the library never prints."""

    def stage_started(self, name: str, total: int) -> None: ...

    def advance(self, n: int) -> None: ...

    def stage_finished(self, name: str, seconds: float) -> None: ...


class SilentProgress:
    def stage_started(self, name: str, total: int) -> None:
        return None

    def advance(self, n: int) -> None:
        return None

    def stage_finished(self, name: str, seconds: float) -> None:
        return None


@dataclass(frozen=True, slots=True)
class RunResult:
    batch: Batch
    stage_seconds: dict[str, float] = field(default_factory=dict)


def check_chain(stages: Sequence[Stage], given: frozenset[str] = frozenset({"sources"})) -> None:
    """Fail before any work if a stage needs an artifact no earlier stage makes."""
    available = set(given)
    for stage in stages:
        unknown = (stage.requires | stage.produces) - ARTIFACTS
        if unknown:
            raise PipelineError(f"stage '{stage.name}' names unknown artifacts {sorted(unknown)}")
        missing = stage.requires - available
        if missing:
            raise PipelineError(
                f"stage '{stage.name}' requires {sorted(missing)}, which no earlier stage produces",
                hint="reorder the stages or add the stage that produces them",
            )
        available |= stage.produces


class Pipeline:
    """An ordered, checked list of stages. ``warm_up`` loads every model once per process.

    Consecutive per-article stages run ``chunk`` articles at a time (``rashomon.pipeline.chunks``; 0:
    each stage over the whole batch), on ``workers`` processes (at most the usable cores;
    ``rashomon.pipeline.processes``), unless a cache session decides article by article what to run."""

    def __init__(
        self,
        stages: Sequence[Stage],
        given: frozenset[str] = frozenset({"sources"}),
        cache: CacheSession | None = None,
        chunk: int = ARTICLE_CHUNK,
        workers: int = 1,
    ) -> None:
        check_chain(stages, given)
        self.stages = tuple(stages)
        self.cache = cache  # reuse stored results (rashomon.pipeline.cache); None: run every stage
        self.chunk = chunk
        self.workers = max(1, min(workers, usable_cores()))
        self._warm = False

    def warm_up(self) -> None:
        if not self._warm:
            for stage in self.stages:
                stage.warm_up()
            self._warm = True

    def run(self, batch: Batch, progress: Progress | None = None) -> RunResult:
        shown = progress or SilentProgress()
        self.warm_up()
        seconds: dict[str, float] = {}
        position = 0
        for group in stage_groups(self.stages):
            if self._chunked(group, len(batch.articles)):
                batch = self._run_chunked(group, batch, shown, seconds)
                position += len(group)
                continue
            for _ in group:
                batch = self._run_one(position, batch, shown, seconds)
                position += 1
        return RunResult(batch=batch, stage_seconds=seconds)

    def _chunked(self, group: list[Stage], articles: int) -> bool:
        if self.cache is not None or self.chunk <= 0 or not all(per_article(stage) for stage in group):
            return False
        if self.workers > 1:
            return articles > 1
        return len(group) > 1 and self.chunk < articles

    def _run_one(self, position: int, batch: Batch, shown: Progress, seconds: dict[str, float]) -> Batch:
        stage = self.stages[position]
        shown.stage_started(stage.name, stage.units(batch))
        started = time.perf_counter()
        if self.cache is None:
            batch = stage.run(batch, shown.advance)
        else:
            batch = self.cache.run(self.stages[: position + 1], batch, shown.advance)
        seconds[stage.name] = time.perf_counter() - started
        shown.stage_finished(stage.name, seconds[stage.name])
        return batch

    def _run_chunked(
        self, group: list[Stage], batch: Batch, shown: Progress, seconds: dict[str, float]
    ) -> Batch:
        """One progress bar for the group (its stages take turns on each chunk), a finish line per stage."""
        shown.stage_started(" + ".join(stage.name for stage in group), sum(s.units(batch) for s in group))
        batch = run_in_chunks(group, batch, self.chunk, shown.advance, seconds, self.workers)
        for stage in group:
            shown.stage_finished(stage.name, seconds[stage.name])
        return batch

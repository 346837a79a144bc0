"""Work spread over forked worker processes, so a run uses every core it is given.

One process reaches one core for most of rashomon's work: spaCy parses on one thread, the taggers'
BiLSTMs run step by step on one thread, and the corpus stages are Python. ``fork_map`` runs a task over
items on ``workers`` processes with one torch thread each; the pipeline gives it the chunks of a group
of per-article stages (``run_parts``) and ``stories.run`` the stories of a mixed corpus.

The workers are forked from the process that warmed the stages up, so each starts with every model
loaded (the weights are shared copy-on-write, not copied) and with the task and everything it reads:
only the items go to a worker and only their results come back. A worker runs every stage of a group
on its chunk, so the shared token embedder's memo still serves the second tagger there. Results come
back in the items' order, so the records are the same, in the same order, as one process makes them.
Where fork is not available (not Linux) the items run here, one by one.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from rashomon.pipeline.stage import Stage, made_by
from rashomon.pipeline.state import Batch

# What a forked worker calls on each item: set in the parent just before the fork, inherited by the child.
_TASK: Callable[[Any], Any] | None = None
_FORKING = threading.Lock()

Made = tuple[dict[str, tuple[Any, ...]], dict[str, float]]
Item = TypeVar("Item")
Result = TypeVar("Result")


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def fork_map(task: Callable[[Item], Result], items: Sequence[Item], workers: int) -> Iterator[Result]:
    """``task`` of each item, in the order of ``items``, on ``workers`` forked processes (here, one by
    one, with one worker, one item or no fork). ``task`` and what it reads are inherited, not sent: only
    the items go out and the results come back, pickled."""
    global _TASK
    if workers <= 1 or len(items) <= 1 or not can_fork():
        yield from map(task, items)
        return
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(items)),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_one_thread,
    )
    try:
        with _FORKING:  # the workers are forked, and every item submitted, while _TASK holds this task
            _TASK = task
            try:
                results = pool.map(_call_task, items)
            finally:
                _TASK = None
        yield from results
    except BaseException:  # an error, an interrupt, or the caller stopped reading: stop the workers now
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Ends the workers without running what is queued for them (Ctrl-C must not wait for chunks);
    ``ProcessPoolExecutor`` has no public way to do this before Python 3.14 (``terminate_workers``)."""
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def wall_scaled(spent: dict[str, float], wall: float, workers: int) -> dict[str, float]:
    """Stage seconds summed over workers, scaled to the wall time they took together (so shares of a
    run still add up); with one worker they are the wall time already."""
    total = sum(spent.values())
    scale = wall / total if workers > 1 and total > 0 else 1.0
    return {name: value * scale for name, value in spent.items()}


def run_parts(stages: Sequence[Stage], parts: Sequence[Batch], workers: int) -> Iterator[Made]:
    """Each part's produced records and per-stage seconds, in the order of ``parts``, as they finish."""
    chosen = tuple(stages)
    return fork_map(lambda part: _run_part(part, chosen), parts, workers)


def _one_thread() -> None:
    """Each worker has a core: torch's intra-op threads would only contend with the other workers."""
    try:
        import torch
    except ImportError:
        return
    torch.set_num_threads(1)


def _call_task(item: Any) -> Any:
    assert _TASK is not None
    return _TASK(item)


def _run_part(part: Batch, stages: tuple[Stage, ...]) -> Made:
    seconds: dict[str, float] = {}
    for stage in stages:
        started = time.perf_counter()
        part = stage.run(part)
        seconds[stage.name] = seconds.get(stage.name, 0.0) + time.perf_counter() - started
    produces = made_by(stages)
    return {name: tuple(getattr(part, name)) for name in produces}, seconds

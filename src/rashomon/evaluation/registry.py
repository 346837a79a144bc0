"""The evaluation gate: each capability registers a task scored on a public benchmark folder.

A task reads ``--data DIR`` laid out as ``../shared/benchmarks/<dataset>/``; ``split="test"`` reads the
withheld files under ``DIR/HIDDEN/``. It returns its metrics; the runner adds timing and prints the
contract's JSON line.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rashomon.errors import DataError, UsageError


@dataclass(frozen=True, slots=True)
class Scores:
    """What a task computes: ``n`` items scored, every metric, and which one is primary."""

    n: int
    metrics: dict[str, float]
    primary: str


@dataclass(frozen=True, slots=True)
class EvalTask:
    name: str
    dataset: str
    primary: str
    anchor: str
    splits: tuple[str, ...]
    run: Callable[[Path, str, int | None], Scores]


@dataclass(frozen=True, slots=True)
class EvalResult:
    task: str
    split: str
    n: int
    metrics: dict[str, float]
    primary: str
    score: float
    seconds: float

    def as_json(self) -> dict[str, object]:
        return {
            "task": self.task,
            "split": self.split,
            "n": self.n,
            "metrics": self.metrics,
            "primary": self.primary,
            "score": self.score,
            "seconds": round(self.seconds, 3),
        }


TASKS: dict[str, EvalTask] = {}


def register(task: EvalTask) -> EvalTask:
    TASKS[task.name] = task
    return task


def run_task(name: str, data: Path, split: str = "dev", limit: int | None = None) -> EvalResult:
    task = TASKS.get(name)
    if task is None:
        known = ", ".join(sorted(TASKS))
        raise UsageError(f"unknown eval task '{name}'", hint=f"choose one of: {known}")
    if split not in task.splits:
        raise UsageError(
            f"task '{name}' has no '{split}' split", hint=f"use --split {' or '.join(task.splits)}"
        )
    if not data.is_dir():
        raise DataError(f"benchmark folder '{data}' does not exist", hint=f"point --data at {task.dataset}/")
    started = time.perf_counter()
    scores = task.run(data, split, limit)
    return EvalResult(
        task=name,
        split=split,
        n=scores.n,
        metrics=scores.metrics,
        primary=scores.primary,
        score=scores.metrics[scores.primary],
        seconds=time.perf_counter() - started,
    )

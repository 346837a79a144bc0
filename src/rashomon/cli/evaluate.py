"""``rashomon eval``: a readable table on stderr, the contract's JSON object as the last stdout line."""

from __future__ import annotations

import json
from pathlib import Path

import click

from rashomon.evaluation import TASKS, run_task


def _load_tasks() -> None:
    import rashomon.evaluation.tasks  # noqa: F401  (registers every task)


def list_eval_tasks() -> None:
    _load_tasks()
    for task in sorted(TASKS.values(), key=lambda t: t.name):
        click.echo(f"{task.name:<22} {task.dataset:<30} {task.primary:<22} anchor: {task.anchor}")


def run_eval(name: str, data: Path, split: str, limit: int | None) -> None:
    _load_tasks()
    result = run_task(name, data, split, limit)
    anchor = TASKS[name].anchor
    click.echo(f"{name} ({split}, n={result.n}, {result.seconds:.1f}s)", err=True)
    for metric, value in sorted(result.metrics.items()):
        marker = "  <- primary" if metric == result.primary else ""
        click.echo(f"  {metric:<28} {value:8.4f}{marker}", err=True)
    click.echo(f"  published anchor: {anchor}", err=True)
    click.echo(json.dumps(result.as_json()))

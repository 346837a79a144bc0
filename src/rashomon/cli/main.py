"""The ``rashomon`` command: a thin shell over the library. Errors become one line and an exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from rashomon.cli.analyze import engine_options
from rashomon.config import Config, Limits
from rashomon.errors import RashomonError

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def _fail(message: str, code: int = EXIT_USAGE) -> None:
    click.echo(f"rashomon: {message}", err=True)
    sys.exit(code)


class RashomonGroup(click.Group):
    """Turns rashomon's own errors into one line and exit code 2, for every command."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except RashomonError as error:
            click.echo(f"rashomon: {error.one_line()}", err=True)
            ctx.exit(EXIT_USAGE)


@click.group(cls=RashomonGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rashomon")
def cli() -> None:
    """rashomon: what many news articles about the same events actually establish."""


@cli.command()
@click.argument("inputs", nargs=-1)
@click.option(
    "-o", "--out", "out_dir", default="rashomon-out", show_default=True, type=click.Path(path_type=Path)
)
@click.option(
    "--format", "formats", default="html,json,md", show_default=True, help="Comma-separated outputs."
)
@click.option(
    "--date", "default_date", default=None, help="Publication date (YYYY-MM-DD) for undated articles."
)
@click.option("--max-input-bytes", type=int, default=Limits().max_input_bytes, show_default=True)
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    is_flag=False,
    flag_value="rashomon.db",
    default=None,
    help="Also keep everything in this SQLite store (./rashomon.db when given without a path).",
)
@click.option("--quiet", is_flag=True, help="No progress output.")
@engine_options
def analyze(
    inputs: tuple[str, ...],
    out_dir: Path,
    formats: str,
    default_date: str | None,
    max_input_bytes: int,
    db: Path | None,
    quiet: bool,
    engine: str,
    address: str | None,
    workers: int,
) -> None:
    """Analyse article files, folders, globs, or '-' (JSON Lines on stdin)."""
    from rashomon.cli.analyze import run_analyze

    config = Config(
        default_date=default_date, limits=Limits(max_input_bytes=max_input_bytes), workers=workers
    )
    sys.exit(
        run_analyze(
            list(inputs),
            out_dir,
            formats.split(","),
            config,
            quiet,
            db=db,
            engine=engine,
            address=address,
            workers=workers,
        )
    )


@cli.command(name="export")
@click.option("--db", type=click.Path(path_type=Path), required=True, help="The store to read.")
@click.option("--story", "story_id", default=None, help="The story id (omit to list them).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "parquet", "graphml"]),
    default="json",
    show_default=True,
)
@click.option(
    "-o", "--out", "out", type=click.Path(path_type=Path), default=None, help="File (default stdout)."
)
def export_command(db: Path, story_id: str | None, fmt: str, out: Path | None) -> None:
    """Export a stored story: its evidence map, a claim table (csv, parquet) or its provenance graph."""
    from rashomon.cli.export import run_export

    run_export(db, story_id, fmt, out)


@cli.command()
@click.option("--db", type=click.Path(path_type=Path), default="rashomon.db", show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Listen address (loopback by default).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--max-input-bytes", type=int, default=Limits().max_input_bytes, show_default=True)
def serve(db: Path, host: str, port: int, max_input_bytes: int) -> None:
    """Web app over a store: stories, search, evidence maps, article pages, uploads, JSON API."""
    from rashomon.cli.serve import run_serve

    run_serve(db, host, port, Config(limits=Limits(max_input_bytes=max_input_bytes)))


@cli.group(name="outlets", invoke_without_command=True)
@click.option("--db", type=click.Path(path_type=Path), default="rashomon.db", show_default=True)
@click.option(
    "--ratings", "ratings_file", type=click.Path(path_type=Path), help="Import this CSV/JSON first."
)
@click.option("--json", "as_json", is_flag=True, help="Print the profiles, with their evidence, as JSON.")
@click.option(
    "--outlet", default=None, help="Only this outlet, with the claims and articles behind each figure."
)
@click.option("--registry", type=click.Path(path_type=Path), help="Your own outlet registry (JSON) on top.")
@click.pass_context
def outlets(
    ctx: click.Context,
    db: Path,
    ratings_file: Path | None,
    as_json: bool,
    outlet: str | None,
    registry: Path | None,
) -> None:
    """Outlet profiles from the stored evidence: origins, echoes, sourcing, hedging, omissions, disputes."""
    if ctx.invoked_subcommand is None:
        from rashomon.cli.outlets import run_outlets

        run_outlets(db, ratings_file, as_json, outlet, registry)


@outlets.command(name="import-ratings")
@click.argument("ratings_file", type=click.Path(path_type=Path))
@click.option("--db", type=click.Path(path_type=Path), default="rashomon.db", show_default=True)
@click.option("--registry", type=click.Path(path_type=Path), help="Your own outlet registry (JSON) on top.")
def import_ratings_command(ratings_file: Path, db: Path, registry: Path | None) -> None:
    """Import outlet ratings you may use (CSV/JSON: outlet, lean, reliability) into the store."""
    from rashomon.cli.outlets import run_import

    run_import(db, ratings_file, registry)


@cli.command(name="eval")
@click.argument("task", required=False)
@click.option(
    "--data", type=click.Path(path_type=Path), help="Benchmark folder, laid out as in shared/benchmarks."
)
@click.option("--split", default="dev", show_default=True, type=click.Choice(["dev", "test"]))
@click.option("--limit", type=int, default=None, help="Score only the first N items.")
@click.option("--list", "list_tasks", is_flag=True, help="List the tasks with their anchors.")
def eval_command(
    task: str | None, data: Path | None, split: str, limit: int | None, list_tasks: bool
) -> None:
    """Score one capability on its public benchmark; the last stdout line is JSON."""
    from rashomon.cli.evaluate import list_eval_tasks, run_eval

    if list_tasks:
        list_eval_tasks()
        return
    if task is None or data is None:
        _fail("eval needs a TASK and --data DIR (see 'rashomon eval --list')")
    assert task is not None and data is not None
    run_eval(task, data, split, limit)


def _article_counts(name: str, help_text: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """An option taking a list of article counts ("2000,5000,20000"; empty: not asked for)."""
    return click.option(name, default="", metavar="N,N,...", help=help_text)


@cli.command()
@click.option(
    "--articles",
    type=click.IntRange(0),
    default=100,
    show_default=True,
    help="How many articles to run through the whole pipeline (0: only the runs asked for below).",
)
@click.option(
    "--words",
    default="",
    metavar="MIN-MAX",
    help="Only articles of this many words (e.g. 450-750: about 600); default: any of 150 or more.",
)
@click.option(
    "--data", type=click.Path(path_type=Path), default=None, help="Benchmarks folder (shared/benchmarks)."
)
@_article_counts(
    "--scale", "Also time the cross-document stages at these article counts (e.g. 250,500,1000,2000)."
)
@_article_counts(
    "--stream", "Also time story clustering of a stream of this many articles (e.g. 2000,5000,20000)."
)
@_article_counts(
    "--story-stages",
    "Also time a mixed run's cross-document work, story by story, on streams of this many articles "
    "(e.g. 2000,5000,20000; per-article results from stand-ins, as from a cache).",
)
@_article_counts(
    "--mixed-run",
    "Also run a whole mixed rashomon analyze of this many articles, every output written, for its peak "
    "memory (e.g. 2000,20000; per-article stages from stand-ins).",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=2,
    show_default=True,
    help="Processes for the per-article stages, as rashomon analyze (at most the usable cores).",
)
def bench(
    articles: int,
    words: str,
    data: Path | None,
    scale: str,
    stream: str,
    story_stages: str,
    mixed_run: str,
    workers: int,
) -> None:
    """Throughput benchmark: articles/s, peak RSS, per-stage times, pipeline/model-inference ratio."""
    from rashomon.bench.run import BenchPlan, run_bench_cli

    plan = BenchPlan(
        articles=articles,
        words=_word_range(words),
        scale=_counts("--scale", scale),
        stream=_counts("--stream", stream),
        story_stages=_counts("--story-stages", story_stages),
        mixed_run=_counts("--mixed-run", mixed_run),
    )
    run_bench_cli(plan, data, workers)


def _word_range(value: str) -> tuple[int, int] | None:
    if not value.strip():
        return None
    low, _, high = value.partition("-")
    try:
        bounds = (int(low), int(high))
    except ValueError:
        _fail(f"--words '{value}' is not a range of word counts (e.g. 450-750)")
    if not 0 < bounds[0] <= bounds[1]:
        _fail(f"--words '{value}': give MIN-MAX with 0 < MIN <= MAX")
    return bounds


def _counts(option: str, value: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part) for part in value.split(",") if part.strip())
    except ValueError:
        _fail(f"{option} '{value}' is not a list of article counts (e.g. 2000,5000,20000)")
    if any(size < 1 for size in sizes):
        _fail(f"{option} '{value}': article counts must be positive")
    return sizes


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        cli(standalone_mode=True)
    except RashomonError as error:
        _fail(error.one_line())
    except KeyboardInterrupt:
        _fail("interrupted", 130)

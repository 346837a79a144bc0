"""``rashomon analyze``: run the library, write the reports, summarise outcomes on stderr."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from rashomon.api import Analysis, check_formats, write_reports
from rashomon.cli.progress import BarProgress, PlainProgress, choose_progress
from rashomon.config import Config
from rashomon.errors import RashomonError, UsageError
from rashomon.model import InputStatus
from rashomon.pipeline import Batch
from rashomon.report.evidence import build_evidence

if TYPE_CHECKING:
    from rashomon.stories.output import StoryWriter
    from rashomon.stories.run import StoryRun as FinishedRun

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2
Command = TypeVar("Command", bound=Callable[..., object])


def engine_options(command: Command) -> Command:
    """``--engine``, ``--address`` and ``--workers`` for ``rashomon analyze`` (see docs/scale.md)."""
    options = [
        click.option(
            "--engine",
            type=click.Choice(["local", "ray"]),
            default="local",
            show_default=True,
            help="Where to run: this process, or Ray (pip install 'rashomon[ray]').",
        ),
        click.option("--address", default=None, help="With --engine ray: a running Ray cluster (ray://...)."),
        click.option(
            "--workers",
            type=click.IntRange(1),
            default=2,
            show_default=True,
            help="Processes for the per-article stages (local; at most the usable cores), or Ray actors.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def run_analyze(
    inputs: list[str],
    out_dir: Path,
    formats: list[str],
    config: Config,
    quiet: bool,
    db: Path | None = None,
    engine: str = "local",
    address: str | None = None,
    workers: int = 2,
) -> int:
    from rashomon.stories.output import StoryWriter
    from rashomon.stories.run import StoryRun, analyze_stories

    progress = choose_progress(quiet)
    chosen = [f.strip() for f in formats if f.strip()]
    stories: StoryRun | None = None  # a mixed corpus: one evidence map per story (rashomon.stories)
    writer: StoryWriter | None = None  # a mixed run's stories, written as they are finished
    try:
        try:
            if db is not None and engine == "ray":
                raise UsageError("--engine ray does not write a store yet", hint="leave out --db")
            check_formats(chosen)  # before the folder is made and the articles read
            writable(out_dir)
            if engine == "ray":
                writer = StoryWriter(out_dir, chosen)
                stories = analyze_on_ray(inputs, config, out_dir, progress, address, workers, writer)
                analysis = stories.analysis
            elif db is not None:
                analysis = analyze_into_store(inputs, config, db, progress, quiet)
            else:
                writer = StoryWriter(out_dir, chosen)
                stdin = sys.stdin.buffer if "-" in inputs else None
                stories = analyze_stories(inputs, config, progress=progress, stdin=stdin, sink=writer.add)
                analysis = stories.analysis
        except RashomonError as error:
            click.echo(f"rashomon: {error.one_line()}", err=True)
            return EXIT_USAGE
        finally:
            if isinstance(progress, BarProgress):
                progress.close()
        try:
            return _report(analysis, stories, writer, out_dir, chosen, quiet)
        except OSError as error:
            click.echo(f"rashomon: {_unwritable(out_dir, error).one_line()}", err=True)
            return EXIT_USAGE
    finally:
        if writer is not None:
            writer.close()  # its spool, however the run ended


def writable(out_dir: Path) -> None:
    """Make the output folder and check a file can be written in it, before hours of analysis."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out_dir):
            pass
    except OSError as error:
        raise _unwritable(out_dir, error) from error


def _unwritable(out_dir: Path, error: OSError) -> UsageError:
    reason = error.strerror or str(error)
    message = f"cannot write the reports to '{out_dir}': {reason}"
    return UsageError(message, hint="choose another folder with -o")


def _report(
    analysis: Analysis,
    stories: FinishedRun | None,
    writer: StoryWriter | None,
    out_dir: Path,
    chosen: list[str],
    quiet: bool,
) -> int:
    """The run's summary on stderr and its outputs (a streamed run's stories are written already)."""
    for problem in analysis.problems:
        click.echo(f"rashomon: {problem['status']}: {problem['source']}: {problem['reason']}", err=True)
    articles = len(analysis.evidence["articles"])
    if articles == 0:
        click.echo("rashomon: nothing could be analysed; no report written", err=True)
        return EXIT_USAGE
    if stories is not None and writer is not None:
        written = writer.finish_run(stories)
        for note in writer.notes:
            click.echo(f"rashomon: {note}", err=True)
    else:
        written = write_reports(analysis, out_dir, chosen)
    if not quiet:
        duplicates = analysis.count(InputStatus.DUPLICATE)
        click.echo(
            f"rashomon: {articles} articles analysed, {duplicates} duplicates, "
            f"{len(analysis.problems)} skipped or failed; wrote {', '.join(str(p) for p in written)}",
            err=True,
        )
    return EXIT_PARTIAL if analysis.problems else EXIT_OK


def analyze_into_store(
    inputs: list[str], config: Config, db: Path, progress: BarProgress | PlainProgress | None, quiet: bool
) -> Analysis:
    """Add the inputs to the store's story; the reports are that story's evidence map (all its articles)."""
    from rashomon.ingest import sources_from_args
    from rashomon.store import Store

    if not inputs:
        raise UsageError("no input given", hint="name article files, folders or '-' for JSON Lines on stdin")
    sources, outcomes = sources_from_args(inputs, sys.stdin.buffer if "-" in inputs else None)
    with Store(db, config) as store:
        result = store.add(sources, progress=progress, outcomes=outcomes)
        if isinstance(progress, BarProgress):
            progress.close()
        for warning in result.warnings:
            click.echo(f"rashomon: warning: {warning}", err=True)
        if not result.story_id:
            evidence = build_evidence(Batch())
            evidence["inputs"] = [
                {"source": source, "status": "skipped", "reason": reason} for source, reason in result.skipped
            ]
            return Analysis(Batch(), evidence)
        if not quiet:
            click.echo(f"rashomon: {store.describe(result)}", err=True)
            click.echo(f"rashomon: story {result.story_id} in {db}", err=True)
        return Analysis(Batch(), store.evidence(result.story_id))


def analyze_on_ray(
    inputs: list[str],
    config: Config,
    out_dir: Path,
    progress: BarProgress | PlainProgress | None,
    address: str | None,
    workers: int,
    writer: StoryWriter,
) -> FinishedRun:
    """The Ray engine: the same maps as the local one, plus each article's records as Parquet. The
    per-article records wait in ``out_dir`` (an unnamed file) for their wave of stories."""
    from rashomon.engine.ray_run import RayOptions, analyze_ray

    options = RayOptions(workers=workers, address=address)
    stdin = sys.stdin.buffer if "-" in inputs else None
    parquet = out_dir / "articles.parquet"
    return analyze_ray(
        inputs,
        config,
        options=options,
        progress=progress,
        stdin=stdin,
        parquet=parquet,
        sink=writer.add,
        spool=out_dir,
    )

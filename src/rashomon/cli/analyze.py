"""``rashomon analyze``: run the library, write the reports, summarise outcomes on stderr."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rashomon.api import Analysis, write_reports
from rashomon.cli.progress import BarProgress, PlainProgress, choose_progress
from rashomon.config import Config
from rashomon.errors import RashomonError, UsageError
from rashomon.model import InputStatus
from rashomon.pipeline import Batch
from rashomon.report.evidence import build_evidence

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def run_analyze(
    inputs: list[str], out_dir: Path, formats: list[str], config: Config, quiet: bool, db: Path | None = None
) -> int:
    from rashomon.stories.run import StoryRun, analyze_stories, write_story_reports

    progress = choose_progress(quiet)
    stories: StoryRun | None = None  # a mixed corpus: one evidence map per story (rashomon.stories)
    try:
        if db is not None:
            analysis = analyze_into_store(inputs, config, db, progress, quiet)
        else:
            stories = analyze_stories(
                inputs, config, progress=progress, stdin=sys.stdin.buffer if "-" in inputs else None
            )
            analysis = stories.analysis
    except RashomonError as error:
        click.echo(f"rashomon: {error.one_line()}", err=True)
        return EXIT_USAGE
    finally:
        if isinstance(progress, BarProgress):
            progress.close()
    for problem in analysis.problems:
        click.echo(f"rashomon: {problem['status']}: {problem['source']}: {problem['reason']}", err=True)
    articles = len(analysis.evidence["articles"])
    if articles == 0:
        click.echo("rashomon: nothing could be analysed; no report written", err=True)
        return EXIT_USAGE
    chosen = [f.strip() for f in formats if f.strip()]
    if stories is not None:
        written = write_story_reports(stories, out_dir, chosen)
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

"""``rashomon analyze``: run the library, write the reports, summarise outcomes on stderr."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rashomon.api import analyze, write_reports
from rashomon.cli.progress import BarProgress, choose_progress
from rashomon.config import Config
from rashomon.errors import RashomonError
from rashomon.model import InputStatus

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def run_analyze(inputs: list[str], out_dir: Path, formats: list[str], config: Config, quiet: bool) -> int:
    progress = choose_progress(quiet)
    try:
        analysis = analyze(
            inputs, config, progress=progress, stdin=sys.stdin.buffer if "-" in inputs else None
        )
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
    written = write_reports(analysis, out_dir, [f.strip() for f in formats if f.strip()])
    if not quiet:
        duplicates = analysis.count(InputStatus.DUPLICATE)
        click.echo(
            f"rashomon: {articles} articles analysed, {duplicates} duplicates, "
            f"{len(analysis.problems)} skipped or failed; wrote {', '.join(str(p) for p in written)}",
            err=True,
        )
    return EXIT_PARTIAL if analysis.problems else EXIT_OK

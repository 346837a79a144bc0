"""``rashomon export``: one stored story to a file or stdout, in json, csv, parquet or graphml."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from rashomon.errors import UsageError


def run_export(db: Path, story_id: str | None, fmt: str, out: Path | None) -> None:
    from rashomon.store import Store
    from rashomon.store.export import export

    with Store(db, create=False) as store:
        if story_id is None:
            listed = "; ".join(f"{s.id} ({s.title}, {s.articles} articles)" for s in store.stories())
            raise UsageError("export needs --story ID", hint=f"stories in {db}: {listed or 'none'}")
        data = export(store.evidence(story_id), fmt)
    if out is None:
        if fmt == "parquet" and sys.stdout.isatty():
            raise UsageError("parquet is binary", hint="write it to a file with -o FILE")
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    _write_atomic(out, data)
    click.echo(f"rashomon: wrote {out} ({len(data):,} bytes)", err=True)


def _write_atomic(path: Path, data: bytes) -> None:
    """A reader never sees half a file: write beside it, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

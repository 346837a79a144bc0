"""The inputs of a Ray run: what ``analyze`` reads locally, plus large tables and archives read by Ray Data.

A Parquet file, or any input named by a URI pyarrow's filesystems read (``s3://``, ``gs://``, ``hdfs://``,
``file://``...), is read with Ray Data: JSON Lines and Parquet rows in chunks of ``CHUNK_ROWS`` become
JSON Lines sources (ingest reads each row as one article record, as it reads a ``.jsonl`` file), WARC
archives become one source each. A local JSON Lines file over the input size limit (which the local
engine skips: it reads an input whole) is read line by line into sources of ``CHUNK_ROWS`` lines, named
``path#first-line``: a crawl's JSON Lines file is a container of articles, as a WARC archive is.
Everything else goes through ``ingest.sources_from_args`` unchanged, so local inputs give the local
engine's sources, names and outcomes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from rashomon.config import Limits
from rashomon.model import InputOutcome, Source

# Rows per JSON Lines source: about 5 MB of news text at ~5 kB a row, well under the 20 MB input limit.
CHUNK_ROWS = 1000
LOCAL_SCHEMES = ("http://", "https://")  # ingest fetches web pages itself
JSON_LINES = (".jsonl", ".ndjson")


def read_with_ray(arg: str) -> bool:
    lower = arg.lower()
    return lower.endswith(".parquet") or ("://" in arg and not lower.startswith(LOCAL_SCHEMES))


def read_inputs(
    ray: Any, inputs: Sequence[str | Path | Source], stdin: BinaryIO | None, limits: Limits | None = None
) -> dict[str, tuple[Source, ...] | tuple[InputOutcome, ...]]:
    """The ``sources`` and ``inputs`` (outcomes) fields of the first batch, in the order given."""
    from rashomon.errors import UsageError
    from rashomon.ingest import sources_from_args

    if not inputs:
        raise UsageError("no input given", hint="name article files, folders or '-' for JSON Lines on stdin")
    sources: list[Source] = [item for item in inputs if isinstance(item, Source)]
    outcomes: list[InputOutcome] = []
    for item in inputs:
        if isinstance(item, Source):
            continue
        if read_with_ray(str(item)):
            sources += ray_sources(ray, str(item))
        else:
            found, problems = sources_from_args([str(item)], stdin)
            sources += [part for source in found for part in json_lines_parts(source, limits or Limits())]
            outcomes += problems
    return {"sources": tuple(sources), "inputs": tuple(outcomes)}


def ray_sources(ray: Any, uri: str) -> list[Source]:
    """Sources for one large input read by Ray Data (a file, a folder or a glob pyarrow resolves)."""
    lower = uri.lower().removesuffix(".gz")
    if lower.endswith((".warc", ".arc")):
        archives = ray.data.read_binary_files(uri, include_paths=True)
        return [Source(name=str(row["path"]), data=bytes(row["bytes"])) for row in archives.iter_rows()]
    table = ray.data.read_parquet(uri) if lower.endswith(".parquet") else ray.data.read_json(uri)
    found = []
    for number, chunk in enumerate(table.iter_batches(batch_size=CHUNK_ROWS, batch_format="pyarrow")):
        lines = "".join(json.dumps(row, default=str, ensure_ascii=False) + "\n" for row in chunk.to_pylist())
        found.append(Source(name=f"{uri}#{number * CHUNK_ROWS}", data=lines.encode("utf-8")))
    return found


def json_lines_parts(source: Source, limits: Limits, rows: int = CHUNK_ROWS) -> list[Source]:
    """A local JSON Lines file over ``limits.max_input_bytes`` as sources of at most ``rows`` lines and
    that many bytes each, read line by line; any other source as it is. A single line over the limit is a
    part of its own, which ingest then skips as too large (its name says which line)."""
    path = source.path
    if source.data is not None or path is None or not path.name.lower().endswith(JSON_LINES):
        return [source]
    try:
        if not path.is_file() or path.stat().st_size <= limits.max_input_bytes:
            return [source]
        parts: list[Source] = []
        lines: list[bytes] = []
        first, size = 1, 0
        with path.open("rb") as stream:
            for number, line in enumerate(stream, start=1):
                if lines and (len(lines) >= rows or size + len(line) > limits.max_input_bytes):
                    parts.append(Source(name=f"{path}#{first}", data=b"".join(lines)))
                    lines, first, size = [], number, 0
                lines.append(line)
                size += len(line)
    except OSError:
        return [source]  # ingest reads it again and reports the problem in its own words
    if lines:
        parts.append(Source(name=f"{path}#{first}", data=b"".join(lines)))
    return parts

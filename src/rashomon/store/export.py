"""A stored story in other tools' formats: the evidence map (json), a claim table (csv, parquet), and the
provenance graph (graphml). Pure functions of the evidence map; the shell decides where bytes go."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rashomon.errors import UsageError
from rashomon.report.evidence import Evidence
from rashomon.store.summary import claim_rows

FORMATS = ("json", "csv", "parquet", "graphml")
COLUMNS = (
    "claim",
    "article",
    "outlet",
    "title",
    "speaker",
    "cue",
    "source_type",
    "quote",
    "text",
    "group",
    "independent_origins",
    "hedged",
    "checkworthiness",
    "field",
    "start",
    "end",
)
# A spreadsheet runs a cell that starts with one of these as a formula; article text is hostile.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export(evidence: Evidence, fmt: str) -> bytes:
    if fmt == "json":
        return (json.dumps(evidence, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "csv":
        return to_csv(claim_rows(evidence)).encode("utf-8")
    if fmt == "parquet":
        return to_parquet(claim_rows(evidence))
    if fmt == "graphml":
        from rashomon.provenance.graph import build_graph, to_graphml

        return to_graphml(build_graph(evidence)).encode("utf-8")
    raise UsageError(f"unknown export format '{fmt}'", hint=f"use one of {', '.join(FORMATS)}")


def _cell(value: Any) -> Any:
    """Text cells that a spreadsheet would evaluate get a leading apostrophe (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: _cell(row[name]) for name in COLUMNS})
    return out.getvalue()


def to_parquet(rows: list[dict[str, Any]]) -> bytes:
    """The same table, typed, as Parquet (text kept verbatim: Parquet readers evaluate nothing)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = {"independent_origins": pa.int32(), "hedged": pa.bool_(), "checkworthiness": pa.float64()}
    kinds |= {"start": pa.int64(), "end": pa.int64()}
    schema = pa.schema([(name, kinds.get(name, pa.string())) for name in COLUMNS])
    table = pa.Table.from_pylist([{name: row[name] for name in COLUMNS} for row in rows], schema=schema)
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()

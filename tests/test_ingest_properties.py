"""Property: no bytes under any suffix make ingest raise; every input yields documents or an outcome."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon.config import Limits
from rashomon.ingest import read_sources
from rashomon.model import Source

SUFFIXES = [".txt", ".html", ".json", ".jsonl", ".warc", ".warc.gz", ".html.gz", ".dat", ""]
# Starts that steer the readers into their deeper paths: magic numbers, markup, JSON, WARC headers, BOMs.
PREFIXES = [
    b"",
    b"%PDF-",
    b"\x1f\x8b",
    b"<!doctype html><meta charset=koi8-r>",
    b'{"text": ',
    b'[{"html": "',
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 20\r\n\r\n",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
]

inputs = st.tuples(
    st.sampled_from(PREFIXES),
    st.one_of(st.binary(max_size=600), st.text(max_size=300).map(str.encode)),
    st.sampled_from(SUFFIXES),
    st.booleans(),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(inputs, min_size=1, max_size=4))
def test_arbitrary_bytes_never_raise(files: list[tuple[bytes, bytes, str, bool]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        sources = []
        for index, (prefix, body, suffix, compress) in enumerate(files):
            data = prefix + body
            if compress and suffix.endswith(".gz"):
                data = gzip.compress(data)
            path = Path(folder) / f"input{index}{suffix}"
            path.write_bytes(data)
            sources.append(Source(name=str(path), path=path))
        docs, outcomes = read_sources(sources, Limits(max_input_bytes=4_000))
    for source in sources:
        named = [doc for doc in docs if doc.source.startswith(source.name)]
        mentioned = [o for o in outcomes if o.source.startswith(source.name)]
        from_warc = source.name.endswith((".warc", ".warc.gz")) and any(doc.url for doc in docs)
        assert named or mentioned or from_warc, source.name
    for outcome in outcomes:
        assert outcome.reason and "\n" not in outcome.reason
        assert "unexpected error" not in outcome.reason, outcome.reason
    for doc in docs:
        assert doc.content.strip() and "\x00" not in doc.content

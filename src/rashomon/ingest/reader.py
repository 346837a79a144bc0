"""Reading sources into raw documents: dispatch by format, isolate failures, drop exact duplicates."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence

from rashomon.config import Limits
from rashomon.ingest.formats import ARC_START, WARC_STARTS, parse_payload
from rashomon.ingest.load import format_name, open_source, read_payload, scan
from rashomon.ingest.outcomes import Rejected, empty_input, one_line
from rashomon.ingest.records import Parsed
from rashomon.ingest.sniff import Format, format_for
from rashomon.ingest.warc import read_warc
from rashomon.model import InputOutcome, InputStatus, RawDocument, Source


def read_sources(sources: Sequence[Source], limits: Limits) -> tuple[list[RawDocument], list[InputOutcome]]:
    """Every source read in order: its documents, or an outcome saying why it was skipped or failed."""
    reader = SourceReader(limits)
    docs: list[RawDocument] = []
    outcomes: list[InputOutcome] = []
    for source in sources:
        found, problems = reader.read(source)
        docs += found
        outcomes += problems
    return docs, outcomes


class SourceReader:
    """Reads one source at a time, remembering content hashes so a repeated input is read once."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._seen: dict[str, str] = {}  # content hash -> name of the first source with it

    def read(self, source: Source) -> Parsed:
        try:
            docs, outcomes = self._read(source)
        except Rejected as problem:
            return [], [problem.outcome(source.name)]
        except Exception as error:  # a bug or an unforeseen input must not stop the batch
            return [], [_unexpected(source.name, error)]
        return self._drop_duplicate_documents(docs, outcomes)

    def _read(self, source: Source) -> Parsed:
        fmt, gzipped = format_for(format_name(source))
        if fmt is Format.WARC:
            return self._read_warc(source)
        payload = read_payload(source, self.limits, gzipped=gzipped)
        self._claim("input:" + hashlib.sha256(payload).hexdigest(), source.name)
        if fmt is Format.SNIFF and payload.startswith(WARC_STARTS):
            arc = payload.startswith(ARC_START)
            return read_warc(io.BytesIO(payload), source.name, self.limits, arc=arc)
        return parse_payload(payload, fmt, source.name)

    def _read_warc(self, source: Source) -> Parsed:
        # Archives are streamed: the size limit applies to each page inside, not to the whole file.
        with open_source(source) as stream:
            digest, blank = scan(stream)
            if blank:
                raise empty_input()
            self._claim("input:" + digest, source.name)
            stream.seek(0)
            arc = format_name(source).lower().endswith((".arc", ".arc.gz"))
            return read_warc(stream, source.name, self.limits, arc=arc)

    def _claim(self, key: str, name: str) -> None:
        """Remember this content, or reject it as a duplicate of the first source that had it."""
        first = self._seen.get(key)
        if first is None:
            self._seen[key] = name
            return
        raise Rejected(
            InputStatus.DUPLICATE,
            f"same content as {first}",
            "it was given twice or is a copy; only the first is read",
        )

    def _drop_duplicate_documents(self, docs: list[RawDocument], outcomes: list[InputOutcome]) -> Parsed:
        kept: list[RawDocument] = []
        for doc in docs:
            key = "doc:" + hashlib.sha256(f"{doc.kind}\x1f{doc.content}".encode()).hexdigest()
            try:
                self._claim(key, doc.source)
            except Rejected as problem:
                outcomes.append(problem.outcome(doc.source))
                continue
            kept.append(doc)
        return kept, outcomes


def _unexpected(name: str, error: Exception) -> InputOutcome:
    reason = (
        f"unexpected error while reading it ({type(error).__name__}: {one_line(error)}); "
        "please report this as a bug with the file attached"
    )
    return InputOutcome(source=name, status=InputStatus.FAILED, reason=reason)

"""WARC (and ARC) archives: every successful HTML response is one page, named by its target URI.

warcio stops at the first damaged record; what was read before it is kept and the archive gets a
"failed" outcome saying how far it got. warcio reads from a `BoundedArchive`, which inflates gzip
itself and stops at the archive limits (a "skipped" outcome that says which limit).
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass, field, replace
from typing import Any, BinaryIO

from warcio.archiveiterator import ARCIterator, WARCIterator

from rashomon.config import Limits
from rashomon.ingest.bounded import ArchiveLimit, BoundedArchive
from rashomon.ingest.decode import decode_bytes
from rashomon.ingest.outcomes import Rejected, failed, human_size, one_line, skipped
from rashomon.model import InputOutcome, InputStatus, RawDocument

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)


@dataclass(slots=True)
class _Progress:
    """What has been read from one archive so far."""

    records: int = 0
    bad_boundaries: int = 0
    pages: list[RawDocument] = field(default_factory=list)
    outcomes: list[InputOutcome] = field(default_factory=list)


def read_warc(
    stream: BinaryIO, name: str, limits: Limits, *, arc: bool = False
) -> tuple[list[RawDocument], list[InputOutcome]]:
    """Pages and per-record outcomes from one archive, plus one outcome for the archive if it stops early.

    ``arc`` reads the older ARC format; otherwise only WARC records are accepted, because warcio's
    ARC parser takes any line of text for a record header.
    """
    progress = _Progress()
    try:
        # warcio writes warnings about bad record boundaries to stderr; a library must not print.
        with contextlib.redirect_stderr(io.StringIO()):
            bounded = BoundedArchive(stream, limits)
            iterator = (ARCIterator if arc else WARCIterator)(bounded)
            if _read_records(iterator, bounded, name, limits, progress):
                _check_complete(iterator, bounded, progress)
    except ArchiveLimit as error:
        progress.outcomes.append(_stopped(name, progress, error))
    except Exception as error:  # any parser error on a hostile archive ends this archive, not the batch
        progress.outcomes.append(_damaged(name, progress, error))
    if progress.bad_boundaries:
        note = f"the archive has {progress.bad_boundaries} records with a wrong length; pages may be cut"
        progress.pages = [replace(page, warnings=(*page.warnings, note)) for page in progress.pages]
    if not progress.pages and not progress.outcomes:
        progress.outcomes.append(_no_pages(name, progress.records))
    return progress.pages, progress.outcomes


def _read_records(
    iterator: Any, bounded: BoundedArchive, name: str, limits: Limits, progress: _Progress
) -> bool:
    """Read pages into ``progress``; False when the page limit stopped it before the end."""
    record = None
    for record in iterator:
        progress.records += 1
        progress.bad_boundaries = iterator.err_count
        length = record.rec_headers.get_header("Content-Length") or ""
        if record.format.startswith("warc") and not length.strip():
            # Every WARC record has a length; without one the headers were cut off mid-way.
            raise ValueError(f"record {progress.records} has no Content-Length; its headers are cut short")
        _allow_record(bounded, record, progress.records, limits)
        content_type = _html_content_type(record)
        if content_type is None:
            continue
        if len(progress.pages) >= limits.max_warc_records:
            progress.outcomes.append(_over_limit(name, limits))
            return False
        label = record.rec_headers.get_header("WARC-Target-URI") or f"{name}#record {progress.records}"
        try:
            progress.pages.append(_page(record, label, content_type, limits))
        except Rejected as problem:
            progress.outcomes.append(problem.outcome(label))
    progress.bad_boundaries = iterator.err_count
    if record is not None and getattr(record.raw_stream, "limit", 0) > 0:
        # warcio reads a cut-off last record without complaint; its length header tells us.
        raise EOFError(f"the archive ends inside record {progress.records}, which is cut short")
    return True


def _allow_record(bounded: BoundedArchive, record: Any, number: int, limits: Limits) -> None:
    """Let the stream read this record's declared length; refuse one that declares more than the limit
    up front, so a bomb that says how big it is costs nothing to refuse."""
    length = record.length if isinstance(record.length, int) else 0
    if length > limits.max_decompressed_bytes:
        raise ArchiveLimit(
            f"record {number} declares {human_size(length)}, more than the "
            f"{human_size(limits.max_decompressed_bytes)} max_decompressed_bytes limit "
            "(a gzip bomb or a huge download)",
            "split the archive or raise the limit",
        )
    bounded.allow(length)


def _check_complete(iterator: Any, bounded: BoundedArchive, progress: _Progress) -> None:
    """warcio also ends quietly when the archive stops inside a record's headers: bytes are left over."""
    while bounded.read(1 << 16):
        pass
    if bounded.produced > iterator.offset:
        raise EOFError(f"the archive ends inside the headers of record {progress.records + 1}")


def _html_content_type(record: Any) -> str | None:
    """The Content-Type of a successful HTML response (or stored HTML resource), else None."""
    if record.rec_type == "response" and record.http_headers is not None:
        if not record.http_headers.get_statuscode().startswith("2"):
            return None  # redirects and error pages are not articles
        content_type = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    media_type = content_type.split(";", 1)[0].strip().lower()
    return content_type if media_type in _HTML_TYPES else None


def _page(record: Any, label: str, content_type: str, limits: Limits) -> RawDocument:
    payload: bytes = record.content_stream().read(limits.max_input_bytes + 1)
    if len(payload) > limits.max_input_bytes:
        raise skipped(
            f"this page is over the {human_size(limits.max_input_bytes)} limit", "raise --max-input-bytes"
        )
    if not payload.strip():
        raise skipped("empty page", "nothing to analyse in this response")
    charset = _CHARSET.search(content_type)
    decoded = decode_bytes(payload, declared=charset.group(1) if charset else None, markup=True)
    return RawDocument(source=label, kind="html", content=decoded.text, url=label, warnings=decoded.warnings)


def _damaged(name: str, progress: _Progress, error: Exception) -> InputOutcome:
    if progress.records == 0:
        problem = failed(
            f"not a readable WARC archive ({one_line(error)})", "check that it is a .warc or .warc.gz file"
        )
    else:
        problem = failed(
            f"damaged archive: reading stopped after {progress.records} records ({one_line(error)})",
            f"the {len(progress.pages)} pages before it were read; re-download or re-create the archive",
        )
    return problem.outcome(name)


def _stopped(name: str, progress: _Progress, error: ArchiveLimit) -> InputOutcome:
    """An archive cut short by a limit: skipped from there on, the pages before it kept."""
    named = error.message.startswith("record ")  # the message already says which record
    where = f"reading stopped after record {progress.records}: " if progress.records and not named else ""
    pages = len(progress.pages)
    kept = f" ({pages} {'page' if pages == 1 else 'pages'} before it read)" if pages else ""
    reason = f"{where}{error.message}; {error.hint}{kept}"
    return InputOutcome(source=name, status=InputStatus.SKIPPED, reason=reason)


def _over_limit(name: str, limits: Limits) -> InputOutcome:
    reason = (
        f"stopped after {limits.max_warc_records} pages, the per-archive limit; "
        "split the archive or raise the max_warc_records limit"
    )
    return InputOutcome(source=name, status=InputStatus.SKIPPED, reason=reason)


def _no_pages(name: str, records: int) -> InputOutcome:
    problem = skipped(
        f"no HTML pages among its {records} records",
        "nothing to analyse; check that the crawl saved the pages",
    )
    return problem.outcome(name)

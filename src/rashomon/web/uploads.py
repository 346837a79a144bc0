"""Uploaded files and pasted text as ``Source`` records: checked, size-limited, never written to disk.

Nothing from the request names a file on the server: an upload's name is cut to its last component, kept
only to tell its format by suffix and to name it in outcomes, and its bytes travel in ``Source.data``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from rashomon.errors import UsageError
from rashomon.ingest.sniff import Format, binary_kind, format_for
from rashomon.model import Source

ACCEPTED = ".txt, .md, .html, .htm, .json, .jsonl, .warc, .warc.gz"
MAX_FILES = 20
MAX_FIELD_CHARS = 2_000  # title, outlet, byline, url: longer is not metadata
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_UNSAFE_NAME = re.compile(r"[^\w.\- ]+")


@dataclass(frozen=True, slots=True)
class Upload:
    """One uploaded file as received: its client-side name and its bytes."""

    filename: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Pasted:
    """Article text pasted into the form, with the metadata a reader knows."""

    text: str
    title: str = ""
    outlet: str = ""
    byline: str = ""
    url: str = ""
    published: str = ""


def sources_from_form(uploads: list[Upload], pasted: Pasted | None) -> list[Source]:
    """Every upload and the pasted text as Sources; the first bad one is refused with what to do instead."""
    if len(uploads) > MAX_FILES:
        raise UsageError(f"{len(uploads)} files sent at once", hint=f"send at most {MAX_FILES} per upload")
    sources = [upload_source(upload) for upload in uploads]
    if pasted is not None and pasted.text.strip():
        sources.append(pasted_source(pasted))
    if not sources:
        raise UsageError("nothing to add", hint=f"choose a file ({ACCEPTED}) or paste the article text")
    return sources


def safe_name(filename: str) -> str:
    """The last path component with odd characters replaced: a label, never a path."""
    last = re.split(r"[\\/]", filename)[-1].strip()
    cleaned = _UNSAFE_NAME.sub("_", last).lstrip(".")[:200]
    return cleaned or "upload"


def upload_source(upload: Upload) -> Source:
    name = safe_name(upload.filename)
    fmt, gzipped = format_for(name)
    if fmt is Format.SNIFF or (gzipped and fmt is not Format.WARC):
        raise UsageError(f"'{name}' is not a supported file type", hint=f"upload {ACCEPTED}")
    if not upload.data.strip():
        raise UsageError(f"'{name}' is empty", hint="choose the saved article itself")
    kind = binary_kind(upload.data) if fmt is not Format.WARC else None
    if kind is not None:
        raise UsageError(f"'{name}' looks like {kind}, not an article", hint=f"save it as one of {ACCEPTED}")
    return Source(name=name, data=upload.data)


def pasted_source(pasted: Pasted) -> Source:
    """A JSON article record, so title, outlet and date reach ingest as the user typed them."""
    fields = {
        "title": pasted.title,
        "outlet": pasted.outlet,
        "byline": pasted.byline,
        "url": pasted.url,
        "published": pasted.published,
    }
    for key, value in fields.items():
        if len(value) > MAX_FIELD_CHARS:
            raise UsageError(f"the {key} field is {len(value)} characters long", hint="shorten it")
    if pasted.published and _DATE.fullmatch(pasted.published.strip()) is None:
        raise UsageError(
            f"publication date {pasted.published[:40]!r} is not a date", hint="write it as YYYY-MM-DD"
        )
    record = {"text": pasted.text} | {k: v.strip() for k, v in fields.items() if v.strip()}
    digest = hashlib.sha256(pasted.text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    label = safe_name(pasted.title)[:60].strip() or "text"
    return Source(name=f"pasted {label} {digest}.json", data=json.dumps(record).encode("utf-8"))

"""What an input is: its format from the name, and binaries recognised by content before decoding."""

from __future__ import annotations

from enum import StrEnum

from rashomon.ingest.outcomes import Rejected, skipped


class Format(StrEnum):
    TEXT = "text"
    HTML = "html"
    JSON = "json"
    JSONL = "jsonl"
    WARC = "warc"
    SNIFF = "sniff"  # the name says nothing: decide from the content


_BY_SUFFIX = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.TEXT,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".shtml": Format.HTML,
    ".json": Format.JSON,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".warc": Format.WARC,
    ".arc": Format.WARC,  # warcio reads the older ARC format too
}

# (prefix, what it looks like). Checked at the start of every non-WARC input.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP (a .docx, .odt or .epub is a ZIP too)"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x7fELF", "an ELF executable"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc, .xls)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"{\\rtf", "RTF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"OggS", "Ogg audio"),
    (b"\x00asm", "WebAssembly"),
)

_FIX = {
    "gzip-compressed data": "decompress it first, or name it .gz",
    "RTF": "save it as plain text or HTML first",
}

# Bytes that plain text and HTML essentially never contain (tab, newlines, form feed and ESC excepted).
_CONTROL = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
# A stray NUL in real text is a glitch we strip; above 1% of bytes it is a binary format. Judgement,
# not calibration: text files have ~0% control bytes, images and executables typically 10-40%.
NUL_SHARE_BINARY = 0.01
CONTROL_SHARE_BINARY = 0.10
_SAMPLE = 65_536


def format_for(name: str) -> tuple[Format, bool]:
    """The format a file name announces, and whether it is gzip-wrapped (``page.html.gz``)."""
    lower = name.lower()
    if lower.endswith((".warc.gz", ".arc.gz")):
        return Format.WARC, False  # warcio reads gzip-per-record archives itself
    gzipped = lower.endswith(".gz")
    inner = lower.removesuffix(".gz")
    dot = inner.rfind(".")
    suffix = inner[dot:] if dot > inner.rfind("/") else ""
    return _BY_SUFFIX.get(suffix, Format.SNIFF), gzipped


def binary_kind(data: bytes) -> str | None:
    """What a binary input looks like ("PDF", "PNG", ...), or None when it may be text."""
    for prefix, kind in _MAGIC:
        if data.startswith(prefix):
            return kind
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "RIFF media (WebP, WAV or AVI)"
    if data[4:8] == b"ftyp":
        return "MP4, MOV or HEIC media"
    if data[257:262] == b"ustar":
        return "a tar archive"
    return None


def control_shares(data: bytes) -> tuple[float, float]:
    """Shares of NUL bytes and of all control bytes in the first 64 kB."""
    sample = data[:_SAMPLE]
    if not sample:
        return 0.0, 0.0
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    return sample.count(0) / len(sample), controls / len(sample)


def refuse_binary(kind: str) -> Rejected:
    return skipped(f"binary file (looks like {kind})", _FIX.get(kind, "convert it to text or HTML first"))


def check_not_binary(data: bytes) -> None:
    """Raise a skip for binaries; UTF-16 text without a byte-order mark must be handled before this."""
    kind = binary_kind(data)
    if kind is not None:
        raise refuse_binary(kind)
    nul_share, control_share = control_shares(data)
    if nul_share > NUL_SHARE_BINARY:
        raise refuse_binary("binary data: it holds NUL bytes")
    if control_share > CONTROL_SHARE_BINARY:
        raise refuse_binary("binary data: many control characters")


def looks_like_html(text: str, *, strict: bool) -> bool:
    """A page by its first tag. ``strict`` (for files named .txt) accepts only a document start."""
    head = text[:1024].lstrip().lower()
    if head.startswith("<?xml"):
        return "<html" in head
    starts = ("<!doctype html", "<html") if strict else ("<!doctype", "<html", "<head", "<body", "<p")
    return head.startswith(starts)

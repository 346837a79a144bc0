"""One file's bytes to documents, by the format its name announces or, failing that, its content."""

from __future__ import annotations

from dataclasses import replace

from rashomon.ingest.decode import Decoded, decode_bytes
from rashomon.ingest.outcomes import empty_input
from rashomon.ingest.records import Parsed, looks_like_json, parse_json, parse_json_lines
from rashomon.ingest.sniff import Format, looks_like_html
from rashomon.model import RawDocument
from rashomon.model.article import DocumentKind

# How a WARC or ARC file begins, for archives whose name does not say so.
ARC_START = b"filedesc://"
WARC_STARTS = (b"WARC/1.", b"WARC/0.", ARC_START)


def parse_payload(payload: bytes, fmt: Format, name: str) -> Parsed:
    """Documents and per-record outcomes from a non-WARC input; `Rejected` when the whole input is bad."""
    if not payload.strip():
        raise empty_input()
    decoded = decode_bytes(payload, markup=fmt in (Format.HTML, Format.SNIFF))
    if not decoded.text.strip():
        raise empty_input()
    if fmt is Format.SNIFF:
        fmt = _sniff(decoded.text)
    if fmt in (Format.JSON, Format.JSONL):
        return _parse_records(decoded, fmt, name)
    return [_document(decoded, fmt, name)], []


def _sniff(text: str) -> Format:
    if looks_like_html(text, strict=False):
        return Format.HTML
    if text.lstrip()[:1] in ("{", "[") and looks_like_json(text):
        return Format.JSON
    return Format.TEXT


def _document(decoded: Decoded, fmt: Format, name: str) -> RawDocument:
    warnings = decoded.warnings
    if fmt is Format.TEXT and looks_like_html(decoded.text, strict=True):
        fmt = Format.HTML
        warnings = (*warnings, "read as HTML: it is named as text but holds a web page")
    kind: DocumentKind = "html" if fmt is Format.HTML else "text"
    return RawDocument(source=name, kind=kind, content=decoded.text, warnings=warnings)


def _parse_records(decoded: Decoded, fmt: Format, name: str) -> Parsed:
    parse = parse_json_lines if fmt is Format.JSONL else parse_json
    docs, outcomes = parse(decoded.text, name)
    if decoded.warnings:  # the file's decoding applies to each of its records
        docs = [_with_warnings(doc, decoded.warnings) for doc in docs]
    return docs, outcomes


def _with_warnings(doc: RawDocument, warnings: tuple[str, ...]) -> RawDocument:
    return replace(doc, warnings=(*warnings, *doc.warnings))

"""JSON and JSON Lines inputs: each article object is one document; a bad record fails on its own.

Records are named ``path[3]`` (array index) or ``path:line 7`` so a user can find the broken one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from rashomon.ingest.outcomes import Rejected, empty_input, failed, one_line, skipped
from rashomon.model import InputOutcome, RawDocument
from rashomon.model.article import DocumentKind

Parsed = tuple[list[RawDocument], list[InputOutcome]]

_STRING_FIELDS = ("url", "title", "outlet", "published")
# Other names exports and scrapers give these fields (schema.org, RSS, newspaper3k, news-please, GDELT):
# read when the contract's own name is absent, so a crawl's "date" is not silently dropped.
_ALIASES = {
    "published": (
        "date", "published_at", "publish_date", "publication_date", "date_published", "datePublished",
        "pubDate", "pub_date", "date_publish",
    ),
    "title": ("headline",),
    "outlet": ("source_name", "publisher", "site_name", "source_domain"),
    "url": ("link", "source_url"),
}  # fmt: skip
_BYLINE_FIELDS = ("byline", "author", "authors")


def parse_json(text: str, name: str) -> Parsed:
    """One article object or an array of them; JSON Lines saved as .json is read line by line."""
    try:
        value = _loads(text)
    except json.JSONDecodeError as error:
        if _first_line_is_object(text):
            docs, outcomes = parse_json_lines(text, name)
            note = "read as JSON Lines: one article object per line"
            return [_with_warning(doc, note) for doc in docs], outcomes
        raise failed(
            f"not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})",
            "fix the file, or save one article object per line as .jsonl",
        ) from error
    if isinstance(value, list):
        return _collect((f"{name}[{index}]", item) for index, item in enumerate(value))
    return _collect([(name, value)])


def parse_json_lines(text: str, name: str) -> Parsed:
    docs: list[RawDocument] = []
    outcomes: list[InputOutcome] = []
    # Split on newlines only: str.splitlines would also cut at U+2028, which JSON strings may hold raw.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        label = f"{name}:line {number}"
        try:
            docs.append(article_from_record(_load_line(line), label))
        except Rejected as problem:
            outcomes.append(problem.outcome(label))
    if not docs and not outcomes:
        raise empty_input()
    return docs, outcomes


def looks_like_json(text: str) -> bool:
    """Content sniffing: a whole JSON value, or JSON Lines whose first line is an object."""
    try:
        _loads(text)
    except json.JSONDecodeError:
        return _first_line_is_object(text)
    except Rejected:
        return False
    return True


def article_from_record(record: Any, label: str) -> RawDocument:
    """A RawDocument from one article object; `Rejected` names what the record lacks."""
    if not isinstance(record, dict):
        raise failed(
            f"holds a JSON {_json_type(record)}, not an article object",
            'give an object such as {"text": "...", "title": "..."}',
        )
    kind, content = _body(record)
    warnings: list[str] = []
    fields = {key: _field(record, key, warnings) for key in _STRING_FIELDS}
    byline = next((found for key in _BYLINE_FIELDS if (found := _byline(record, key, warnings))), None)
    if "\x00" in content:
        warnings.append(f"removed {content.count(chr(0))} NUL characters")
        content = content.replace("\x00", "")
        if not content.strip():
            raise skipped("empty article (its body is only NUL characters)", "give the article body")
    return RawDocument(
        source=label, kind=kind, content=content, byline=byline, warnings=tuple(warnings), **fields
    )


def _body(record: dict[str, Any]) -> tuple[DocumentKind, str]:
    """The article body: ``text`` (already clean) is preferred over ``html`` when both are given."""
    present = [key for key in ("text", "html") if record.get(key) is not None]
    if not present:
        raise failed("has neither 'text' nor 'html'", "give the article body in one of them")
    for key in present:
        value = record[key]
        kind: DocumentKind = "text" if key == "text" else "html"
        if not isinstance(value, str):
            raise failed(f"'{key}' is a JSON {_json_type(value)}, not a string", f"give '{key}' as a string")
        if value.strip():
            return kind, value
    raise skipped(f"empty article ('{present[0]}' is blank)", "give the article body, or drop the record")


def _field(record: dict[str, Any], key: str, warnings: list[str]) -> str | None:
    """A field under its own name, else under the first of its other names the record has."""
    if record.get(key) is not None:
        return _string_field(record, key, warnings)
    alias = next((name for name in _ALIASES.get(key, ()) if record.get(name) is not None), None)
    return _string_field(record, alias, warnings) if alias else None


def _string_field(record: dict[str, Any], key: str, warnings: list[str]) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        warnings.append(f"ignored '{key}': a JSON {_json_type(value)}, not a string")
        return None
    return value.replace("\x00", "").strip() or None  # NUL is no character of a title or a name


def _byline(record: dict[str, Any], key: str, warnings: list[str]) -> str | None:
    value = record.get(key)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        names = (item.replace("\x00", "").strip() for item in value)
        return ", ".join(name for name in names if name) or None
    return _string_field(record, key, warnings)


def _load_line(line: str) -> Any:
    try:
        return _loads(line)
    except json.JSONDecodeError as error:
        raise failed(
            f"not valid JSON ({error.msg} at column {error.colno})", "fix or remove this line"
        ) from error


def _first_line_is_object(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return False
    try:
        return isinstance(_loads(lines[0]), dict)
    except (json.JSONDecodeError, Rejected):
        return False


def _loads(text: str) -> Any:
    """json.loads, with the non-syntax failures of hostile input (deep nesting, 5000-digit numbers)
    turned into a `Rejected`; syntax errors stay JSONDecodeError for the callers' positions."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except (ValueError, RecursionError) as error:
        raise failed(f"unreadable JSON ({one_line(error)})", "check how the file was made") from error


def _collect(items: Iterable[tuple[str, Any]]) -> Parsed:
    docs: list[RawDocument] = []
    outcomes: list[InputOutcome] = []
    for label, record in items:
        try:
            docs.append(article_from_record(record, label))
        except Rejected as problem:
            outcomes.append(problem.outcome(label))
    if not docs and not outcomes:
        raise skipped("empty JSON array", "give at least one article object")
    return docs, outcomes


def _with_warning(doc: RawDocument, warning: str) -> RawDocument:
    return replace(doc, warnings=(*doc.warnings, warning))


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)

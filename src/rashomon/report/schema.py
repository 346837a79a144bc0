"""The evidence-map JSON Schema, and a validator that also checks what a schema cannot say.

A schema checks shapes and enums; it cannot say that a span lies inside its article's text or that an id
points at something. Both matter here: every statement in the evidence map must point at exact text, so a
span off the end of an article or a dangling group id is a bug in the pipeline, not a cosmetic issue.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from importlib.resources import files
from typing import Any

# jsonschema ships no type information and the project pins no stubs for it.
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped]

Record = Mapping[str, Any]

_SINGULAR = {
    "articles": "article",
    "entities": "entity",
    "claims": "claim",
    "groups": "group",
    "events": "event",
    "timeline": "timeline entry",
}


@lru_cache(maxsize=1)
def _schema_text() -> str:
    return files("rashomon.report").joinpath("schema.json").read_text(encoding="utf-8")


def load_schema() -> dict[str, Any]:
    """The packaged schema (draft 2020-12); a fresh dict each call, so callers may change it."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema())


def validate_evidence(evidence: Mapping[str, Any]) -> list[str]:
    """Every problem found in an evidence map, as readable messages; an empty list means it is valid.

    Structure is checked first; spans and references are checked once the structure is sound, since
    they cannot be read reliably from a malformed map.
    """
    structural = sorted(_validator().iter_errors(evidence), key=lambda error: list(error.absolute_path))
    if structural:
        return [_describe(error) for error in structural]
    return [*_span_problems(evidence), *_reference_problems(evidence)]


def _describe(error: ValidationError) -> str:
    return f"{_path(error.absolute_path)}: {error.message}"


def _path(parts: Iterable[str | int]) -> str:
    return "$" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in parts)


# --- spans -------------------------------------------------------------------------------------------


def _span_problems(evidence: Record) -> Iterator[str]:
    articles = {article["id"]: article for article in evidence["articles"]}
    for path, span in _spans(evidence):
        yield from _check_span(path, span, articles)


def _spans(evidence: Record) -> Iterator[tuple[str, Record]]:
    """Every span in the map with its JSON path; framing spans take their article from the key."""
    for e, entity in enumerate(evidence["entities"]):
        for kind in ("mentions", "labels"):
            for s, span in enumerate(entity[kind]):
                yield f"$.entities[{e}].{kind}[{s}]", span
    for c, claim in enumerate(evidence["claims"]):
        yield f"$.claims[{c}]", claim
    for article_id, framing in evidence["framing"]["articles"].items():
        for s, span in enumerate(framing["loaded"]):
            yield f"$.framing.articles[{json.dumps(article_id)}].loaded[{s}]", {**span, "article": article_id}


def _check_span(path: str, span: Record, articles: Mapping[str, Record]) -> Iterator[str]:
    article = articles.get(span["article"])
    if article is None:
        yield f"{path}: article {span['article']!r} does not exist"
        return
    field = span.get("field", "text")
    target = article.get(field) or ""
    start, end = span["start"], span["end"]
    if not start <= end <= len(target):
        where = f"the {field} of article {span['article']!r} ({len(target)} chars)"
        yield f"{path}: span {start}..{end} is outside {where}"
    elif "text" in span and span["text"] != target[start:end]:
        found = target[start:end]
        yield f"{path}: text {span['text']!r} differs from the {field} at {start}..{end}: {found!r}"


# --- references --------------------------------------------------------------------------------------


def _reference_problems(evidence: Record) -> Iterator[str]:
    known = {
        kind: [record["id"] for record in evidence[kind]]
        for kind in ("articles", "entities", "claims", "groups", "events", "timeline")
    }
    for kind, ids in known.items():
        yield from _duplicates(f"$.{kind}", ids)
    existing = {kind: set(ids) for kind, ids in known.items()}
    for path, kind, value in _references(evidence):
        if value not in existing[kind]:
            yield f"{path}: {_SINGULAR[kind]} {value!r} does not exist"
    yield from _claims_outside_one_group(evidence)


def _duplicates(path: str, ids: Sequence[str]) -> Iterator[str]:
    for value, count in Counter(ids).items():
        if count > 1:
            yield f"{path}: id {value!r} is used {count} times"


def _references(evidence: Record) -> Iterator[tuple[str, str, str]]:
    """(path, kind of thing referred to, id) for every id used as a reference."""
    for c, claim in enumerate(evidence["claims"]):
        yield f"$.claims[{c}].article", "articles", claim["article"]
        if claim["speaker_entity"] is not None:
            yield f"$.claims[{c}].speaker_entity", "entities", claim["speaker_entity"]
    for g, group in enumerate(evidence["groups"]):
        yield from _many(f"$.groups[{g}].claims", "claims", group["claims"])
        yield from _many(f"$.groups[{g}].articles", "articles", group["articles"])
        for o, origin in enumerate(group["origins"]):
            yield from _many(f"$.groups[{g}].origins[{o}].claims", "claims", origin["claims"])
    for r, relation in enumerate(evidence["relations"]):
        yield f"$.relations[{r}].a", "groups", relation["a"]
        yield f"$.relations[{r}].b", "groups", relation["b"]
        yield from _many(f"$.relations[{r}].evidence", "claims", relation["evidence"])
    for e, event in enumerate(evidence["events"]):
        yield from _many(f"$.events[{e}].groups", "groups", event["groups"])
        yield from _many(f"$.events[{e}].articles", "articles", event["articles"])
    for t, entry in enumerate(evidence["timeline"]):
        yield from _many(f"$.timeline[{t}].claims", "claims", entry["claims"])
        yield from _many(f"$.timeline[{t}].articles", "articles", entry["articles"])
        yield from _many(f"$.timeline[{t}].disputed_by", "articles", entry["disputed_by"])
    yield from _framing_references(evidence["framing"])
    for f, flag in enumerate(evidence["flags"]):
        yield from _many(f"$.flags[{f}].articles", "articles", flag["articles"])
        yield from _many(f"$.flags[{f}].claims", "claims", flag["claims"])


def _framing_references(framing: Record) -> Iterator[tuple[str, str, str]]:
    for article_id, per_article in framing["articles"].items():
        path = f"$.framing.articles[{json.dumps(article_id)}]"
        yield path, "articles", article_id
        yield from _many(f"{path}.omits", "groups", per_article["omits"])
    for n, labels in enumerate(framing["labels"]):
        yield f"$.framing.labels[{n}].entity", "entities", labels["entity"]
        yield from _many(f"$.framing.labels[{n}].by_article", "articles", list(labels["by_article"]))


def _many(path: str, kind: str, values: Sequence[str]) -> Iterator[tuple[str, str, str]]:
    for index, value in enumerate(values):
        yield f"{path}[{index}]", kind, value


def _claims_outside_one_group(evidence: Record) -> Iterator[str]:
    """The contract says every claim is in exactly one group; the report's counts rely on it.

    A map with no groups at all comes from a run that stopped before grouping, which is not an error.
    """
    if not evidence["groups"]:
        return
    membership = Counter(claim_id for group in evidence["groups"] for claim_id in group["claims"])
    for c, claim in enumerate(evidence["claims"]):
        count = membership[claim["id"]]
        if count != 1:
            yield f"$.claims[{c}]: claim {claim['id']!r} is in {count} groups (each belongs to exactly one)"

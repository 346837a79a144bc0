"""The evidence-map schema and the checks a schema cannot express (spans inside texts, ids that exist)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from rashomon.report.schema import load_schema, validate_evidence
from report_fixtures import build_evidence, empty_evidence, hostile_evidence

Evidence = dict[str, Any]


def test_schema_is_valid_draft_2020_12() -> None:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema"] == {"const": "rashomon/evidence-map@1"}


def test_every_list_is_required() -> None:
    required = set(load_schema()["required"])
    assert required == {
        "schema",
        "articles",
        "entities",
        "claims",
        "groups",
        "relations",
        "events",
        "timeline",
        "framing",
        "flags",
        "inputs",
    }


def test_load_schema_returns_a_fresh_copy() -> None:
    load_schema()["required"].clear()
    assert load_schema()["required"]


@pytest.mark.parametrize("build", [build_evidence, empty_evidence, hostile_evidence])
def test_fixtures_are_valid(build: Callable[[], Evidence]) -> None:
    assert validate_evidence(build()) == []


def test_added_fields_are_allowed() -> None:
    evidence = build_evidence()
    evidence["stories"] = []
    evidence["claims"][0]["stance"] = "support"
    evidence["articles"][0]["language"] = "en"
    assert validate_evidence(evidence) == []


def test_claim_field_defaults_to_text() -> None:
    evidence = build_evidence()
    del evidence["claims"][0]["field"]
    assert validate_evidence(evidence) == []


def _set(path: str, value: Any) -> Callable[[Evidence], None]:
    """A mutation that sets one value by a dotted path ("claims.0.quote")."""

    def mutate(evidence: Evidence) -> None:
        *parents, last = path.split(".")
        target: Any = evidence
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return mutate


def _delete(path: str) -> Callable[[Evidence], None]:
    def mutate(evidence: Evidence) -> None:
        *parents, last = path.split(".")
        target: Any = evidence
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[last]

    return mutate


STRUCTURAL = {
    "wrong schema id": (_set("schema", "rashomon/evidence-map@2"), "$.schema"),
    "missing list": (_delete("flags"), "'flags' is a required property"),
    "missing claim key": (_delete("claims.0.hedged"), "'hedged' is a required property"),
    "source_type enum": (_set("claims.0.source_type", "rumour"), "$.claims[0].source_type"),
    "quote enum": (_set("claims.0.quote", "partial"), "$.claims[0].quote"),
    "hedged type": (_set("claims.0.hedged", "yes"), "$.claims[0].hedged"),
    "checkworthiness range": (_set("claims.0.checkworthiness", 1.5), "$.claims[0].checkworthiness"),
    "negative offset": (_set("claims.0.start", -1), "$.claims[0].start"),
    "span field enum": (_set("claims.0.field", "body"), "$.claims[0].field"),
    "relation type enum": (_set("relations.0.type", "refute"), "$.relations[0].type"),
    "origin kind enum": (_set("groups.0.origins.0.kind", "rumour"), "$.groups[0].origins[0].kind"),
    "independent_origins type": (
        _set("groups.0.independent_origins", 1.5),
        "$.groups[0].independent_origins",
    ),
    "published precision enum": (_set("articles.0.published.precision", "week"), "precision"),
    "published source enum": (_set("articles.0.published.source", "guess"), "$.articles[0].published.source"),
    "published date pattern": (
        _set("articles.0.published.value", "12/03/2024"),
        "$.articles[0].published.value",
    ),
    "season not allowed as published date": (
        _set("articles.0.published.value", "2024-SP"),
        "published.value",
    ),
    "timeline precision enum": (_set("timeline.0.precision", "week"), "$.timeline[0].precision"),
    "timeline date pattern": (_set("timeline.0.date", "2024-XX"), "$.timeline[0].date"),
    "timeline end pattern": (_set("timeline.0.end", "March 2024"), "$.timeline[0].end"),
    "event date pattern": (_set("events.0.date", "yesterday"), "$.events[0].date"),
    "input status enum": (_set("inputs.0.status", "ignored"), "$.inputs[0].status"),
    "null title allowed but not a number": (_set("articles.0.title", 7), "$.articles[0].title"),
    "framing without labels": (_delete("framing.labels"), "'labels' is a required property"),
}


@pytest.mark.parametrize("name", sorted(STRUCTURAL))
def test_structural_errors_are_reported(name: str) -> None:
    mutate, expected = STRUCTURAL[name]
    evidence = build_evidence()
    mutate(evidence)
    problems = validate_evidence(evidence)
    assert problems, name
    assert any(expected in problem for problem in problems), problems


@pytest.mark.parametrize(
    "date", ["2017", "2017-06", "2017-06-30", "2017-SP", "2017-SU", "2017-FA", "2017-WI"]
)
def test_timeline_accepts_every_documented_date_form(date: str) -> None:
    evidence = build_evidence()
    evidence["timeline"][0]["date"] = date
    assert validate_evidence(evidence) == []


SEMANTIC = {
    "claim past the end of its text": (_set("claims.0.end", 10_000), "$.claims[0]: span"),
    "claim that ends before it starts": (_set("claims.0.start", 200), "$.claims[0]: span"),
    "title span past the title": (_set("claims.9.end", 500), "outside the title"),
    "mention past the end": (_set("entities.0.mentions.0.end", 10_000), "$.entities[0].mentions[0]"),
    "label text not what the span covers": (_set("entities.0.labels.0.text", "Mayor"), "differs"),
    "loaded span past the end": (_set("framing.articles.a2.loaded.0.end", 10_000), "loaded[0]"),
    "claim in an unknown article": (_set("claims.0.article", "a9"), "article 'a9' does not exist"),
    "group with an unknown claim": (_set("groups.0.claims.1", "c99"), "$.groups[0].claims[1]: claim 'c99'"),
    "origin with an unknown claim": (_set("groups.0.origins.0.claims.0", "c99"), "origins[0].claims[0]"),
    "relation with an unknown group": (_set("relations.0.b", "g99"), "$.relations[0].b: group 'g99'"),
    "relation with unknown evidence": (_set("relations.0.evidence.0", "c99"), "$.relations[0].evidence[0]"),
    "event with an unknown group": (_set("events.0.groups.0", "g99"), "$.events[0].groups[0]"),
    "event with an unknown article": (_set("events.0.articles.0", "a9"), "$.events[0].articles[0]"),
    "timeline disputed by an unknown article": (_set("timeline.3.disputed_by.0", "a9"), "disputed_by[0]"),
    "framing omits an unknown group": (_set("framing.articles.a1.omits.0", "g99"), "omits[0]: group 'g99'"),
    "labels for an unknown entity": (_set("framing.labels.0.entity", "e-x"), "entity 'e-x' does not exist"),
    "flag with an unknown claim": (_set("flags.0.claims.0", "c99"), "$.flags[0].claims[0]"),
    "speaker entity that does not exist": (_set("claims.0.speaker_entity", "e-x"), "speaker_entity"),
    "duplicate claim id": (_set("claims.1.id", "c1"), "id 'c1' is used 2 times"),
}


@pytest.mark.parametrize("name", sorted(SEMANTIC))
def test_spans_and_references_are_checked(name: str) -> None:
    mutate, expected = SEMANTIC[name]
    evidence = build_evidence()
    mutate(evidence)
    problems = validate_evidence(evidence)
    assert any(expected in problem for problem in problems), problems


def test_framing_for_an_unknown_article_is_reported() -> None:
    evidence = build_evidence()
    evidence["framing"]["articles"]["a9"] = {"loaded": [], "central_act": [], "omits": []}
    assert any("article 'a9' does not exist" in problem for problem in validate_evidence(evidence))


def test_every_claim_is_in_exactly_one_group() -> None:
    twice = build_evidence()
    twice["groups"][2]["claims"].append("c1")
    assert any("'c1' is in 2 groups" in problem for problem in validate_evidence(twice))
    orphan = build_evidence()
    orphan["groups"][2]["claims"] = []
    assert any("'c2' is in 0 groups" in problem for problem in validate_evidence(orphan))


def test_a_map_not_yet_grouped_is_valid() -> None:
    ungrouped = build_evidence()
    for key in ("groups", "relations", "events", "timeline", "flags"):
        ungrouped[key] = []
    ungrouped["framing"] = {"articles": {}, "labels": []}
    assert validate_evidence(ungrouped) == []


def test_messages_name_where_the_problem_is() -> None:
    evidence = build_evidence()
    evidence["claims"][3]["quote"] = "partial"
    (problem,) = validate_evidence(evidence)
    assert problem.startswith("$.claims[3].quote: 'partial' is not one of")


def test_reports_are_written_with_the_usual_file_mode(tmp_path: Path) -> None:
    import os

    from rashomon.report.write import write_atomic

    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "report.md", "text")
    finally:
        os.umask(umask)
    assert (tmp_path / "report.md").stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temporary file left behind

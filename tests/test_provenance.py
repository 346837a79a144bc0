"""Origins: one relayed report counts once, headlines add no origin, independent own voice = public record."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from rashomon.model import Article, ChainLink, Claim, ClaimGroup, Entity, EntityMention
from rashomon.model.vectors import ClaimVectors
from rashomon.provenance.origins import RunSources, group_origins, trace_claims
from rashomon.provenance.public import public_events

SET = Path(__file__).parent / "data" / "provenance"


def claim(cid: str, article: str, sentence: int, **kw: object) -> Claim:
    return Claim(id=cid, article=article, start=0, end=5, text="x", sentence=sentence, **kw)  # type: ignore[arg-type]


ARTICLES = [
    Article(id="a1", source="a1.txt", text="", outlet="Coast Gazette"),
    Article(id="a2", source="a2.txt", text="", outlet="Daily Echo"),
    Article(id="a3", source="a3.txt", text="", outlet="Valley Times"),
]


def origins_of(claims: list[Claim], outlets: dict[str, str] | None = None) -> list[tuple[str, str]]:
    group = ClaimGroup(id="g", claims=tuple(c.id for c in claims), articles=(), summary="")
    result = group_origins(group, {c.id: c for c in claims}, trace_claims(claims, ARTICLES), outlets)
    return [(o.name, o.kind) for o in result.origins]


def test_three_outlets_relaying_one_report_are_one_origin() -> None:
    claims = [
        claim(f"c{i}", a, 0, cites=("NBC News",), source_type="outlet")
        for i, a in enumerate(("a1", "a2", "a3"))
    ]
    assert origins_of(claims) == [("NBC News", "report")]


def test_a_book_is_one_document_whoever_relays_it() -> None:
    book = (ChainLink("Mark Esper (book)", "writes"),)
    claims = [
        claim("c1", "a1", 0, chain=book, cites=("The New York Times",), source_type="named"),
        claim("c2", "a2", 0, chain=book, cites=("The Guardian",), source_type="named"),
    ]
    assert origins_of(claims) == [("Mark Esper (book)", "document")]


def test_own_voice_in_several_articles_is_one_public_record() -> None:
    claims = [claim("c1", "a1", 0), claim("c2", "a2", 0), claim("c3", "a3", 0)]
    assert origins_of(claims) == [("public record", "public_record")]


def test_own_voice_in_one_article_is_its_own_reporting() -> None:
    assert origins_of([claim("c1", "a1", 0)]) == [("Coast Gazette (own reporting)", "report")]


def test_a_relay_of_an_article_in_the_run_takes_its_origin() -> None:
    claims = [
        claim("c1", "a1", 0, speaker="Ann Reed", source_type="named"),
        claim("c2", "a2", 0, cites=("The Coast Gazette",), source_type="outlet"),
    ]
    assert origins_of(claims, {"coast gazette": "a1"}) == [("Ann Reed", "person")]


def test_a_headline_adds_no_origin_of_its_own() -> None:
    claims = [
        claim("t1", "a1", 0, field="title"),
        claim("c1", "a1", 1, cites=("NBC News",), source_type="outlet"),
        claim("c2", "a2", 0, cites=("NBC News",), source_type="outlet"),
    ]
    assert origins_of(claims) == [("NBC News", "report")]


def test_own_voice_right_after_a_cited_report_continues_it() -> None:
    claims = [
        claim("c1", "a2", 0, cites=("NBC News",), source_type="outlet"),
        claim("c2", "a2", 1),
    ]
    traces = trace_claims(claims, ARTICLES)
    assert traces["c2"].name == "NBC News" and traces["c2"].kind == "report"


def test_an_anonymous_source_right_after_a_cited_report_is_that_reports_source() -> None:
    claims = [
        claim("c1", "a2", 0, cites=("NBC News",), source_type="outlet"),
        claim("c2", "a2", 1, speaker="officials", source_type="anonymous"),
        claim("c3", "a2", 6, speaker="officials", source_type="anonymous"),
    ]
    traces = trace_claims(claims, ARTICLES)
    assert traces["c2"].name == "NBC News" and traces["c3"].name == "Daily Echo (own reporting)"


def test_wire_copy_in_two_outlets_is_the_agencys_one_report() -> None:
    claims = [
        claim("c1", "a1", 0, speaker="officials", source_type="anonymous"),
        claim("c2", "a2", 0, speaker="officials", source_type="anonymous"),
    ]
    group = ClaimGroup(id="g", claims=("c1", "c2"), articles=(), summary="")
    credits = {"a1": "Associated Press", "a2": "Associated Press"}
    traces = trace_claims(claims, ARTICLES, credits)
    result = group_origins(group, {c.id: c for c in claims}, traces)
    assert [(o.name, o.kind) for o in result.origins] == [("Associated Press", "report")]


def test_copied_text_takes_the_origin_of_what_it_copies() -> None:
    claims = [
        claim("c1", "a1", 0, speaker="officials", source_type="anonymous"),
        claim("c2", "a2", 0, speaker="officials", source_type="anonymous"),
    ]
    group = ClaimGroup(id="g", claims=("c1", "c2"), articles=(), summary="")
    traces = trace_claims(claims, ARTICLES)
    run = RunSources(derived={"c2": "a1"}, own={a.id: f"{a.outlet} (own reporting)" for a in ARTICLES})
    alone = group_origins(group, {c.id: c for c in claims}, traces)
    copied = group_origins(group, {c.id: c for c in claims}, traces, run=run)
    assert alone.independent_origins == 2 and copied.independent_origins == 1


def test_one_outlet_named_three_ways_is_one_origin() -> None:
    claims = [
        claim("c1", "a1", 0, cites=("The Associated Press",), source_type="outlet"),
        claim("c2", "a2", 0, cites=("AP",), source_type="outlet"),
    ]
    assert len(origins_of(claims)) == 1


def strike_claims() -> tuple[list[Claim], list[Entity]]:
    claims = [
        claim("s1", "a1", 0, dates=("2020-01-03",)),
        claim("s2", "a2", 4, dates=("2020-01",)),
        claim("s3", "a3", 2, dates=("XXXX-01-03",)),
        claim("x1", "a3", 5, dates=("2020-01-03",)),  # same day, other entities: another event
    ]
    claims = [replace(c, start=10 * i, end=10 * i + 9) for i, c in enumerate(claims)]

    def mention(c: Claim) -> EntityMention:
        return EntityMention(c.article, c.start, c.start + 5, "Name", "PERSON")

    general = Entity("e1", "Qassem Soleimani", "PERSON", (), tuple(mention(c) for c in claims[:3]))
    other = Entity("e2", "Kirkuk", "GPE", (), (mention(claims[3]),))
    return claims, [general, other]


def test_a_dated_event_stated_by_several_articles_is_one_public_record_across_groups() -> None:
    claims, entities = strike_claims()
    vectors = ClaimVectors(tuple(c.id for c in claims), np.tile(np.eye(1, 384, dtype=np.float32), (4, 1)))
    found = public_events(claims, entities, vectors)
    assert set(found) == {"s1", "s2", "s3"} and len(set(found.values())) == 1
    assert next(iter(found.values())) == "public event of 2020-01-03 (Qassem Soleimani)"
    groups = [ClaimGroup(id=f"g{c.id}", claims=(c.id,), articles=(), summary="") for c in claims[:3]]
    traces = trace_claims(claims, ARTICLES)
    names = {
        o.name
        for g in groups
        for o in group_origins(g, {c.id: c for c in claims}, traces, run=RunSources(public=found)).origins
    }
    assert names == {"public event of 2020-01-03 (Qassem Soleimani)"}


def test_a_public_event_needs_two_independent_articles_and_similar_words() -> None:
    claims, entities = strike_claims()
    apart = np.eye(4, 384, dtype=np.float32)  # orthogonal vectors: nothing alike
    assert public_events(claims, entities, ClaimVectors(tuple(c.id for c in claims), apart)) == {}
    copies = {"s2": "a1", "s3": "a1"}  # all copied from a1: one article's word, not a public record
    same = np.tile(np.eye(1, 384, dtype=np.float32), (4, 1))
    assert public_events(claims, entities, ClaimVectors(tuple(c.id for c in claims), same), copies) == {}


def test_the_scale_helper_runs_reuse_and_origins() -> None:
    from rashomon.provenance.scale import measure

    row = measure(40)
    assert row["articles"] == 40 and row["seconds"] > 0 and row["wire"] >= 1


@pytest.mark.integration
def test_eval_task_on_the_annotated_stories() -> None:
    from rashomon.evaluation.provenance import run_provenance

    scores = run_provenance(SET, "dev", None)
    assert scores.n >= 20
    # Regression gate on the project's own stories (see docs/provenance.md for what this does not show).
    assert scores.metrics["origin_count_accuracy"] >= 0.95 and scores.metrics["claim_origin_accuracy"] >= 0.95
    assert scores.metrics["citation_precision"] >= 0.85 and scores.metrics["citation_recall"] >= 0.85
    assert scores.metrics["reuse_precision"] >= 0.9 and scores.metrics["reuse_recall"] >= 0.9

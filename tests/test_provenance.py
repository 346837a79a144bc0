"""Origins: one relayed report counts once, headlines add no origin, independent own voice = public record."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.model import Article, ChainLink, Claim, ClaimGroup
from rashomon.provenance.origins import group_origins, trace_claims

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


@pytest.mark.integration
def test_eval_task_on_the_annotated_stories() -> None:
    from rashomon.evaluation.provenance import run_provenance

    scores = run_provenance(SET, "dev", None)
    assert scores.n == 5
    # Regression gate on the project's own stories (see docs/provenance.md for what this does not show).
    assert scores.metrics["origin_count_accuracy"] == 1.0
    assert scores.metrics["citation_precision"] == 1.0 and scores.metrics["citation_recall"] == 1.0

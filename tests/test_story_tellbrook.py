"""The invented Tellbrook plant closure (tests/data/relations/tellbrook/), through the real pipeline.

Only what rashomon gets right on this story is asserted here; the README lists what it misses."""

from __future__ import annotations

from typing import Any

import pytest

from story_fixtures import STORIES, analyze_story, group_texts, relations

pytestmark = pytest.mark.integration

FOLDER = STORIES / "tellbrook"


@pytest.fixture(scope="module")
def tellbrook() -> dict[str, Any]:
    return analyze_story("tellbrook")


def _claim(evidence: dict[str, Any], start: str) -> dict[str, Any]:
    (claim,) = [c for c in evidence["claims"] if c["text"].startswith(start)]
    return claim


def _article(evidence: dict[str, Any], outlet: str) -> str:
    return next(a["id"] for a in evidence["articles"] if a["outlet"] == outlet)


def test_the_unions_rejection_disputes_the_chief_executives_collapse(tellbrook: dict[str, Any]) -> None:
    """ "The Allied Motor Workers union rejected the company's claim that demand had collapsed" (wire)
    and "Kelling again rejected the company's claim ..." (labour outlet) against Dossel's own
    "Demand for compact petrol cars in Europe has collapsed"."""
    disputes = [
        (a, b, r)
        for a, b, r in relations(tellbrook, "dispute")
        if "claim that demand had collapsed" in a and "Demand for compact petrol cars" in b
    ]
    assert len(disputes) == 1
    rejecting = next(g for g in tellbrook["groups"] if g["id"] == disputes[0][2]["a"])
    assert len(rejecting["articles"]) == 2  # the wire and the labour outlet, three weeks apart


def test_the_first_report_its_relay_and_the_confirmation_are_one_group(tellbrook: dict[str, Any]) -> None:
    first = _claim(tellbrook, "Valdrin Motors is preparing to close")
    assert first["speaker"] == "people familiar with the matter" and first["source_type"] == "anonymous"
    group = next(g for g in tellbrook["groups"] if first["id"] in g["claims"])
    texts = group_texts(tellbrook, group["id"])
    assert any(t.startswith("Valdrin Motors is reportedly planning to close") for t in texts)  # the Courier
    assert any("cutting 1,200 jobs, or 15 percent of its workforce" in t for t in texts)  # the wire
    origins = {o["name"]: o["kind"] for o in group["origins"]}
    assert origins.get("Valdrin Motors") == "person"  # the company's confirmation is an origin of its own
    assert any("Mercantile Daily" in name for name in origins)


def test_the_tabloids_bloodbath_is_the_same_closure(tellbrook: dict[str, Any]) -> None:
    assert any(
        ("preparing to close" in a and "Car giant Valdrin is set to shut" in b)
        or ("preparing to close" in b and "Car giant Valdrin is set to shut" in a)
        for a, b, _ in relations(tellbrook, "agree")
    )


def test_the_tabloid_names_the_financial_daily_as_its_source(tellbrook: dict[str, Any]) -> None:
    relayed = _claim(tellbrook, "Bosses are reportedly ready to rubber-stamp")
    assert relayed["cites"] == ["The Mercantile Daily"] and relayed["source_type"] == "outlet"


def test_the_chief_executive_and_the_union_leader_speak_for_themselves(tellbrook: dict[str, Any]) -> None:
    speakers = {c["text"]: c["speaker"] for c in tellbrook["claims"]}
    necessary = next(s for t, s in speakers.items() if t.startswith("the job cuts were necessary"))
    assert necessary == "Henrik Dossel"  # "Dossel said", after "chief executive Henrik Dossel told reporters"
    ends = next(s for t, s in speakers.items() if t.startswith("Production of the Arlo will end"))
    assert ends == "Henrik Dossel"  # "..., he said, and its successor will be built at Harnau"
    assert speakers["the closure would cost about 2,000 jobs including suppliers"] == "Marta Kelling"
    assert speakers['"It is a fair deal that treats our people with respect,"'] == "Henrik Dossel"


def test_each_person_is_one_entity(tellbrook: dict[str, Any]) -> None:
    people = {e["name"]: e for e in tellbrook["entities"] if e["type"] == "PERSON"}
    assert sum("Dossel" in name for name in people) == 1
    assert {"Dossel", "Henrik Dossel"} <= set(people["Henrik Dossel"]["aliases"])
    assert {"Kelling", "Marta Kelling"} <= set(people["Marta Kelling"]["aliases"])
    assert len({m["article"] for m in people["Ruth Ambergast"]["mentions"]}) == 3  # Courier, wire, labour
    types = {e["name"]: e["type"] for e in tellbrook["entities"]}
    assert types["Valdrin Motors"] == "ORG" and types["Tellbrook"] == "GPE" and types["Harnau"] == "GPE"


def test_the_tabloid_headline_asserts_what_its_body_hedges(tellbrook: dict[str, Any]) -> None:
    flagged = [f["message"] for f in tellbrook["flags"] if f["kind"] == "headline-overstates"]
    assert any("3,500 JOBS AXED" in m and "could cost the town up to 3,500" in m for m in flagged)


def test_reports_and_conditionals_are_hedged_and_the_deal_is_not(tellbrook: dict[str, Any]) -> None:
    assert _claim(tellbrook, "Valdrin Motors is reportedly planning")["hedged"]
    assert _claim(tellbrook, "The decision could be announced")["hedged"]
    assert _claim(tellbrook, "Valdrin's boss Henrik Dossel reportedly took home")["hedged"]
    assert not _claim(tellbrook, "Under the deal, 940 jobs will be cut")["hedged"]


def test_the_agreement_and_the_new_closing_date_are_on_the_timeline(tellbrook: dict[str, Any]) -> None:
    by_date = {}
    for entry in tellbrook["timeline"]:
        by_date.setdefault(entry["date"], []).append(entry["summary"])
    # "signed an agreement on Wednesday, March 26"
    assert any("agreement" in s for s in by_date["2025-03-26"])
    assert any("June 2027" in s for s in by_date["2027-06"])
    assert any("December 2026" in s for s in by_date["2026-12"])


def test_the_agreements_figures_update_the_announcement_and_do_not_contradict_it(
    tellbrook: dict[str, Any],
) -> None:
    """940 jobs and a €52 million fund (March 26) replace 1,200 jobs and €40 million (March 4)."""
    for _, _, relation in relations(tellbrook, "contradict"):
        assert "940" not in relation["explanation"] and "52,000,000" not in relation["explanation"]
    deal = _claim(tellbrook, "Under the deal, 940 jobs will be cut")
    announced = _claim(tellbrook, "it would close its car assembly plant in Tellbrook")
    assert not any(deal["id"] in g["claims"] and announced["id"] in g["claims"] for g in tellbrook["groups"])


def test_the_labour_outlets_betrayal_is_loaded(tellbrook: dict[str, Any]) -> None:
    loaded = tellbrook["framing"]["articles"][_article(tellbrook, "The Union Standard")]["loaded"]
    assert any(w["field"] == "title" and w["text"] == "betrayal" for w in loaded)
    wire = tellbrook["framing"]["articles"][_article(tellbrook, "Northgate Wire")]["loaded"]
    assert not wire  # the wire's "restructuring" and "job cuts" are no loaded language

"""The invented Saltmere ferry story (tests/data/relations/saltmere/) through the real pipeline: what
rashomon gets right on it now. The misses are listed in the folder's README.md."""

from __future__ import annotations

from typing import Any

import pytest

from story_fixtures import STORIES, analyze_story, relations

pytestmark = pytest.mark.integration

FOLDER = STORIES / "saltmere"


@pytest.fixture(scope="module")
def saltmere() -> dict[str, Any]:
    return analyze_story("saltmere")


def _outlet_of(evidence: dict[str, Any]) -> dict[str, str]:
    """claim id -> the outlet of its article"""
    outlets = {a["id"]: a["outlet"] for a in evidence["articles"]}
    return {c["id"]: outlets[c["article"]] for c in evidence["claims"]}


def _claim(evidence: dict[str, Any], start: str, outlet: str | None = None) -> dict[str, Any]:
    outlets = _outlet_of(evidence)
    found = [
        c
        for c in evidence["claims"]
        if c["text"].startswith(start) and (outlet is None or outlets[c["id"]] == outlet)
    ]
    assert len(found) == 1, (start, [c["text"] for c in found])
    return found[0]


def test_the_hospital_and_coast_guard_tolls_of_the_same_sunday_contradict(saltmere: dict[str, Any]) -> None:
    """ "Saltmere General Hospital said 26 bodies had been brought to its morgue" (Courier) against
    "Ekdal said on Sunday that 19 people were confirmed dead" (business paper)."""
    found = [
        (a, b)
        for a, b, r in relations(saltmere, "contradict")
        if "26 dead" in r["explanation"] and "19 dead" in r["explanation"]
    ]
    assert found
    assert all(("morgue" in a and "19 people" in b) or ("morgue" in b and "19 people" in a) for a, b in found)


def test_the_saturday_and_sunday_tolls_are_updates(saltmere: dict[str, Any]) -> None:
    """ "By Saturday afternoon ... recovered eight bodies" and "said on Sunday that 19 people were
    confirmed dead" are dated a day apart: a later figure, not a contradiction."""
    assert _claim(saltmere, "By Saturday afternoon rescuers")["dates"] == ["2025-03-15"]
    assert _claim(saltmere, "that 19 people were confirmed dead")["dates"] == ["2025-03-16"]
    explanations = [r["explanation"] for _, _, r in relations(saltmere, "contradict")]
    assert not any("8 dead" in e and "19 dead" in e for e in explanations)


def test_the_company_denial_disputes_the_survivors_account(saltmere: dict[str, Any]) -> None:
    disputes = [(a, b) for a, b, _ in relations(saltmere, "dispute")]
    assert any("rejects any suggestion" in a and "far fuller than the manifest" in b for a, b in disputes)
    assert any(a == "the company denied that" and b == "the ship was overloaded" for a, b in disputes)
    denial = _claim(saltmere, "that the vessel had been overloaded")
    assert denial["speaker"] == "Dunvale Sea Lines" and denial["cue"] == "denied"


def test_the_ticket_scoop_is_one_group_across_three_outlets(saltmere: dict[str, Any]) -> None:
    outlets = _outlet_of(saltmere)
    scoops = [
        g for g in saltmere["groups"] if any("302 tickets" in c["text"] for c in _claims_of(saltmere, g))
    ]
    assert len(scoops) == 1
    assert {outlets[c] for c in scoops[0]["claims"]} == {
        "Calvessa Business Daily",
        "The Daily Beacon",
        "The Norhaven Times",
    }
    relayed = _claim(saltmere, "that investigators have found 302 tickets", "The Daily Beacon")
    assert relayed["cites"] == ["The Calvessa Business Daily"] and relayed["source_type"] == "outlet"


def _claims_of(evidence: dict[str, Any], group: dict[str, Any]) -> list[dict[str, Any]]:
    claims = {c["id"]: c for c in evidence["claims"]}
    return [claims[c] for c in group["claims"]]


def test_named_speakers(saltmere: dict[str, Any]) -> None:
    assert _claim(saltmere, "there were more than 300 of us")["speaker"] == "Jonas Trell"
    assert _claim(saltmere, '"Ferries of this size')["speaker"] == "Hana Osterby"
    assert _claim(saltmere, "that managers had pressed him to sail")["speaker"] == "Teodor Vasko"
    assert _claim(saltmere, "26 bodies had been brought")["speaker"] == "Saltmere General Hospital"
    assert _claim(saltmere, '"We knew it was too full')["speaker"] == "Mira Solheim"
    assert _claim(saltmere, "The ship's captain, Teodor Vasko, 58")["speaker"] == "his family"


def test_people_are_one_entity_across_outlets(saltmere: dict[str, Any]) -> None:
    entities = {e["name"]: e for e in saltmere["entities"]}
    assert {"Ekdal", "Rasmus Ekdal"} <= set(entities["Rasmus Ekdal"]["aliases"])
    assert "Solheim" in entities["Mira Solheim"]["aliases"]
    assert len({m["article"] for m in entities["Mira Solheim"]["mentions"]}) == 3
    assert len({m["article"] for m in entities["Teodor Vasko"]["mentions"]}) == 4
    assert entities["Dunvale Sea Lines"]["type"] == "ORG" and entities["Saltmere"]["type"] == "GPE"


def test_the_osterby_quote_is_reused_by_the_tabloid(saltmere: dict[str, Any]) -> None:
    outlets = {a["id"]: a["outlet"] for a in saltmere["articles"]}
    quotes = [r for r in saltmere["reuse"] if r["kind"] == "quote"]
    assert any(
        {outlets[a] for a in r["articles"]} == {"Calvessa Business Daily", "The Daily Beacon"} for r in quotes
    )


def test_the_capsizing_and_the_interim_report_are_dated(saltmere: dict[str, Any]) -> None:
    timeline = saltmere["timeline"]
    # every outlet dates the capsizing to Friday, March 14 ("late on Friday", "on the evening of March 14")
    assert any(
        t["date"] == "2025-03-14" and "capsized" in t["summary"] and len(t["articles"]) == 5 for t in timeline
    )
    # the interim report, "published in Saltmere on Tuesday" in an article of Wednesday, May 21
    assert any(t["date"] == "2025-05-20" and "routinely sold tickets" in t["summary"] for t in timeline)
    assert _claim(saltmere, "The national weather office had issued")["dates"] == ["2025-03-14T12:00"]
    assert _claim(saltmere, "the Maren Dawn had passed its annual")["dates"] == [
        "2024-11"
    ]  # the November before


def test_the_tabloid_is_the_loaded_one(saltmere: dict[str, Any]) -> None:
    outlets = {a["id"]: a["outlet"] for a in saltmere["articles"]}
    loaded = {
        outlets[a]: {x["text"] for x in v["loaded"]} for a, v in saltmere["framing"]["articles"].items()
    }
    assert {"DEATH", "doomed", "Greed"} <= loaded["The Daily Beacon"]
    assert all(
        len(words) < len(loaded["The Daily Beacon"]) for o, words in loaded.items() if o != "The Daily Beacon"
    )

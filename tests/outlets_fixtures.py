"""Two hand-built evidence maps (invented articles about an invented harbour) and a store holding them.

Every figure the outlet tests expect is worked out by hand in ``tests/test_outlets_profile.py`` from what
is written here; nothing here is produced by rashomon's pipeline.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from rashomon.store import Store


def article(article_id: str, day: str | None, title: str, text: str, **fields: Any) -> dict[str, Any]:
    precision = {4: "year", 7: "month", 10: "day"}.get(len(day or ""))
    return {
        "id": article_id,
        "source": fields.pop("source", f"{article_id}.txt"),
        "title": title,
        "outlet": fields.pop("outlet", None),
        "byline": fields.pop("byline", None),
        "url": fields.pop("url", None),
        "published": {
            "value": day,
            "precision": precision,
            "source": "page" if day else None,
            "evidence": None,
        },
        "text": text,
        "removed": fields.pop("removed", []),
    }


def claim(claim_id: str, article_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": claim_id,
        "article": article_id,
        "start": 0,
        "end": 3,
        "text": "The",
        "field": "text",
        "speaker": None,
        "cue": None,
        "chain": [],
        "source_type": fields.get("source_type", "named"),
        "quote": None,
        "hedged": fields.get("hedged", False),
        "checkworthiness": 0.5,
        "cites": fields.get("cites", []),
    }


def group(group_id: str, claims: list[str], articles: list[str], independent: int) -> dict[str, Any]:
    origin = {"name": f"origin of {group_id}", "kind": "person", "claims": claims}
    return {
        "id": group_id,
        "claims": claims,
        "articles": articles,
        "summary": group_id,
        "origins": [origin],
        "independent_origins": independent,
    }


def empty_map() -> dict[str, Any]:
    keys = ("articles", "entities", "claims", "groups", "relations", "events", "timeline", "flags", "inputs")
    return {"schema": "rashomon/evidence-map@1", **{key: [] for key in keys}}


def story_a() -> dict[str, Any]:
    """Reuters first (3 Jan), AFP (4 Jan, known by its byline) and Fox News (5 Jan) echo; one unknown."""
    evidence = empty_map()
    evidence["articles"] = [
        article(
            "a1",
            "2020-01-03",
            "Harbour closed",
            "The harbour closed on Monday officials said",
            outlet="Reuters",
        ),
        article("a2", "2020-01-05", "Harbour shut", "Harbour shut for days", outlet="Fox News (Online News)"),
        article("a3", "2020-01-04", "Storm", "Storm hits the coast", byline="By AFP"),
        article("a4", "2020-01-06", "Wall", "A new wall is planned"),
    ]
    evidence["claims"] = [
        claim("c1", "a1"),
        claim("c2", "a2", source_type="anonymous", hedged=True),
        claim("c3", "a3"),
        claim("c4", "a2", source_type="anonymous", cites=["Reuters"]),
        claim("c5", "a1"),
        claim("c6", "a4"),
    ]
    evidence["groups"] = [
        group("g1", ["c1", "c2", "c3"], ["a1", "a2", "a3"], 2),
        group("g2", ["c4"], ["a2"], 1),
        group("g3", ["c5"], ["a1"], 1),
        group("g4", ["c6"], ["a4"], 2),
    ]
    evidence["relations"] = [
        {"a": "g4", "b": "g1", "type": "contradict", "score": 0.9, "evidence": [], "explanation": ""},
        {"a": "g2", "b": "g3", "type": "agree", "score": 0.9, "evidence": [], "explanation": ""},
    ]
    evidence["framing"] = {
        "articles": {
            "a1": {
                "loaded": [
                    {"field": "text", "start": 0, "end": 3, "text": "closed", "technique": "Loaded_Language"}
                ],
                "central_act": [],
                "omits": ["g4"],
            },
            "a2": {
                "loaded": [
                    {
                        "field": "text",
                        "start": 0,
                        "end": 3,
                        "text": "shut",
                        "technique": "Name_Calling,Labeling",
                    },
                    {"field": "title", "start": 0, "end": 3, "text": "Harbour", "technique": None},
                ],
                "central_act": [],
                "omits": [],
            },
        },
        "labels": [],
    }
    evidence["flags"] = [{"kind": "headline-overstates", "message": "", "articles": ["a2"], "claims": ["c2"]}]
    return evidence


def story_b() -> dict[str, Any]:
    """A year-only Reuters date and a CNN article: order undetermined; a1 again (counted once); no framing."""
    evidence = empty_map()
    evidence["articles"] = [
        article("b1", "2021", "Port report", "Port trade fell", url="https://www.reuters.com/port"),
        article(
            "b2",
            "2021-03-02",
            "Port trade",
            "Trade at the port fell sharply",
            url="https://edition.cnn.com/x",
        ),
        article(
            "a1",
            "2020-01-03",
            "Harbour closed",
            "The harbour closed on Monday officials said",
            outlet="Reuters",
        ),
    ]
    evidence["claims"] = [claim("d1", "b1"), claim("d2", "b2"), claim("d3", "a1", source_type="anonymous")]
    evidence["groups"] = [group("g5", ["d1", "d2"], ["b1", "b2"], 1), group("g6", ["d3"], ["a1"], 1)]
    evidence["flags"] = [{"kind": "headline-overstates", "message": "", "articles": ["b2"], "claims": []}]
    return evidence


def hand_stories() -> list[tuple[str, dict[str, Any]]]:
    return [("sty_a", story_a()), ("sty_b", story_b())]


def hand_store(path: Path, stories: list[tuple[str, dict[str, Any]]] | None = None) -> Path:
    """A store file whose stories are the hand-built maps (written straight into the stories table)."""
    Store(path).close()
    with sqlite3.connect(path) as conn:
        for number, (story_id, evidence) in enumerate(stories or hand_stories()):
            stamp = f"2024-01-0{number + 1}T00:00:00+00:00"
            conn.execute(
                "INSERT INTO stories VALUES (?, ?, ?, ?, 1, ?, ?, 0, 0, '[]', NULL, NULL, ?, ?)",
                (
                    story_id,
                    story_id,
                    stamp,
                    stamp,
                    len(evidence["articles"]),
                    len(evidence["groups"]),
                    story_id,
                    json.dumps(evidence),
                ),
            )
    return path

"""The issue's timeline checks on the bundled example corpus, with the real models.

The USA Today-style article (003) is given the date the issue names, 13 January 2020, as JSON input
(``published``); the other four are read as they ship: Sputnik's page date is kept, the other three get
inferred windows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import rashomon
from rashomon.config import Config
from rashomon.errors import DependencyMissing

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "soleimani-2020"

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def evidence(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    corpus = tmp_path_factory.mktemp("soleimani")
    for path in sorted(EXAMPLE.glob("*.txt")):
        if path.name.startswith("003"):
            record = {"text": path.read_text(encoding="utf-8"), "published": "2020-01-13"}
            (corpus / (path.stem + ".json")).write_text(json.dumps(record), encoding="utf-8")
        else:
            (corpus / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    try:
        return rashomon.analyze([str(corpus)], Config()).evidence
    except DependencyMissing as error:
        pytest.skip(str(error))


def _source(evidence: dict, article_id: str) -> str:  # type: ignore[type-arg]
    return next(Path(a["source"]).name[:3] for a in evidence["articles"] if a["id"] == article_id)


def test_given_dates_are_kept_and_missing_ones_inferred(evidence: dict) -> None:  # type: ignore[type-arg]
    by_file = {Path(a["source"]).name[:3]: a["published"] for a in evidence["articles"]}
    assert by_file["003"]["value"] == "2020-01-13" and by_file["003"]["source"] == "user"
    assert by_file["001"]["value"] == "2022-05-07"  # the page's own date is never overridden
    for name in ("000", "002", "004"):
        assert by_file[name]["source"] == "inferred" and by_file[name]["evidence"]
        assert by_file[name]["value"] >= "2020"  # each reports the January 2020 strike


def test_strike_is_one_event_on_2020_01_03(evidence: dict) -> None:  # type: ignore[type-arg]
    that_day = [e for e in evidence["timeline"] if e["date"] == "2020-01-03"]
    strike = max(that_day, key=lambda e: len(e["articles"]))
    assert strike["precision"] == "day"
    outlets = {_source(evidence, a) for a in strike["articles"]}
    assert outlets == {"000", "001", "002", "003", "004"}  # 004 says "Jan. 2": US time, the same strike
    # what else is dated that day is one article's own statement, not a split-off report of the strike
    assert all(len(e["articles"]) == 1 for e in that_day if e is not strike)


def test_seven_months_ago_is_june_2019(evidence: dict) -> None:  # type: ignore[type-arg]
    claims = {c["id"]: c for c in evidence["claims"]}
    june = [e for e in evidence["timeline"] if e["date"] == "2019-06"]
    assert june and all(e["precision"] == "month" for e in june)
    texts = [claims[c]["text"] for e in june for c in e["claims"]]
    assert any("seven months ago" in text for text in texts)


def test_face_the_nation_remarks_fall_on_sunday_12_january(evidence: dict) -> None:  # type: ignore[type-arg]
    claims = {c["id"]: c for c in evidence["claims"]}
    sunday = [e for e in evidence["timeline"] if e["date"] == "2020-01-12"]
    texts = [claims[c]["text"] for e in sunday for c in e["claims"]]
    assert any("four embassies" in text for text in texts)  # "..." Esper said Sunday on "Face the Nation."


def test_august_2020_proposal_against_the_dead_soleimani_is_flagged(evidence: dict) -> None:  # type: ignore[type-arg]
    flags = [f for f in evidence["flags"] if f["kind"] == "date-after-death"]
    assert any("Soleimani" in f["message"] and "2020-08" in f["message"] for f in flags)
    flagged = {_source(evidence, a) for f in flags for a in f["articles"]}
    assert {"000", "001"} <= flagged  # the Press TV-style and Sputnik articles


def test_report_shows_the_timeline_view(tmp_path: Path, evidence: dict) -> None:  # type: ignore[type-arg]
    from rashomon.report.html import render_html

    page = render_html(evidence)
    assert 'id="timeline"' in page and "Supported by" in page

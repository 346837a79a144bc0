"""Timeline entries: dated claim groups in calendar terms, precision kept, disputes carried."""

from __future__ import annotations

from rashomon.claims.dates import claim_dates
from rashomon.model import Article, Claim, ClaimGroup, PublishedDate, Relation
from rashomon.timeline.entries import calendar_date, timeline_entries


def test_timeml_values_map_to_the_contract_without_inventing_days() -> None:
    assert calendar_date("2020-01-03") == ("2020-01-03", "day")
    assert calendar_date("2020-01-03T10:00") == ("2020-01-03", "day")
    assert calendar_date("2019-06") == ("2019-06", "month")
    assert calendar_date("2017-SP") == ("2017-SP", "season")
    assert calendar_date("2019-Q3") == ("2019", "year")
    assert calendar_date("2020-W02") == ("2020-01", "month")
    assert calendar_date("P7M") is None
    assert calendar_date("XXXX-06") is None


def test_entries_resolve_against_each_article_and_carry_disputes() -> None:
    dated = Article(
        id="a1", source="a", text="", published=PublishedDate("2020-01-13", "day", "page", "meta")
    )
    undated = Article(id="a2", source="b", text="")
    texts = {
        "c1": ("a1", "The order was given seven months ago."),
        "c2": ("a2", "The order was given in June."),
        "c3": ("a2", "Officials raised doubts about the order."),
    }
    dates = {"a1": "2020-01-13", "a2": None}
    claims = [  # as the claims stage makes them: dates resolved against each claim's own article
        Claim(id=cid, article=art, start=0, end=1, text=text, dates=claim_dates(text, dates[art]))
        for cid, (art, text) in texts.items()
    ]
    groups = [
        ClaimGroup(id="g1", claims=("c1", "c2"), articles=("a1", "a2"), summary="The order was given"),
        ClaimGroup(id="g2", claims=("c3",), articles=("a2",), summary="Doubts"),
    ]
    relations = [Relation("g2", "g1", "dispute", 0.8, ("c3", "c1"), "doubts")]
    entries = timeline_entries([dated, undated], claims, groups, relations)
    assert [(e.date, e.precision, e.articles) for e in entries] == [("2019-06", "month", ("a1",))]
    assert entries[0].disputed_by == ("a2",)  # the undated article's "June" has no year: not placed

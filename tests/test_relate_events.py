"""Distinct news events inside one story (``relate.events``): origins found events, people quoted do not."""

from __future__ import annotations

from rashomon.model import Article, Claim, ClaimGroup, Origin, Relation
from rashomon.relate.events import find_events


def _article(aid: str, outlet: str) -> Article:
    return Article(id=aid, source=f"{aid}.txt", text="x", language="en", outlet=outlet)


def _claims(*ids: tuple[str, str]) -> list[Claim]:
    return [Claim(id=cid, article=aid, start=0, end=1, text="x") for cid, aid in ids]


def test_articles_relaying_one_report_are_one_event_and_a_book_another() -> None:
    articles = [_article("a", "A"), _article("b", "B"), _article("c", "C")]
    claims = _claims(("a1", "a"), ("a2", "a"), ("b1", "b"), ("b2", "b"), ("c1", "c"), ("c2", "c"))
    groups = [
        ClaimGroup("g1", ("a1", "b1"), ("a", "b"), "scoop", (Origin("NBC News", "report", ("a1", "b1")),)),
        ClaimGroup("g2", ("a2", "b2"), ("a", "b"), "scoop 2", (Origin("NBC News", "report", ("a2", "b2")),)),
        ClaimGroup(
            "g3", ("c1", "c2"), ("c",), "memoir", (Origin("Mark Esper (book)", "document", ("c1", "c2")),)
        ),
    ]
    events = find_events(articles, claims, groups)
    assert sorted(e.articles for e in events) == [("a", "b"), ("c",)]


def test_people_quoted_found_no_event_and_own_reporting_sharing_a_fact_is_one() -> None:
    articles = [_article("a", "Wire"), _article("b", "Paper"), _article("c", "State TV")]
    claims = _claims(("a1", "a"), ("a2", "a"), ("b1", "b"), ("c1", "c"), ("c2", "c"))
    groups = [
        ClaimGroup("g1", ("a1", "a2"), ("a",), "lawyer", (Origin("Dmitri Vass", "person", ("a1", "a2")),)),
        ClaimGroup("g2", ("b1",), ("b",), "home", (Origin("Paper (own reporting)", "report", ("b1",)),)),
        ClaimGroup("g3", ("c1", "c2"), ("c",), "airport", (Origin("Irina Dabic", "person", ("c1", "c2")),)),
        ClaimGroup("g4", ("a1", "b1"), ("a", "b"), "detained", ()),
    ]
    relations = [Relation("g2", "g3", "contradict", 1.0, ("b1", "c1"), "date")]
    (event,) = find_events(articles, claims, groups, relations)
    assert event.articles == ("a", "b", "c")
    assert event.summary.startswith("own reporting of 3 outlets (Wire, Paper, State TV)")
    # without the contradiction, the state outlet shares nothing: an event of its own, named by its outlet
    apart = find_events(articles, claims, groups)
    assert sorted(e.articles for e in apart) == [("a", "b"), ("c",)]
    assert any(e.summary.startswith("State TV (own reporting)") for e in apart)


def test_an_event_others_joined_is_named_for_its_origin_and_their_own_reporting() -> None:
    articles = [_article("a", "A"), _article("b", "B"), _article("c", "C")]
    claims = _claims(("a1", "a"), ("a2", "a"), ("b1", "b"), ("c1", "c"))
    groups = [
        ClaimGroup("g1", ("a1", "a2"), ("a",), "scoop", (Origin("The Herald", "report", ("a1", "a2")),)),
        ClaimGroup("g2", ("a1", "b1", "c1"), ("a", "b", "c"), "seven killed in the blast", ()),
    ]
    (event,) = find_events(articles, claims, groups)
    assert event.summary.startswith("The Herald and own reporting of 2 outlets: ")


def test_an_events_line_is_a_sentence_before_a_quotation_or_a_fragment() -> None:
    """The group most articles share leads, unless it is a quotation or a fragment: "Momma, look you won"
    (three outlets quote it) does not say what happened; "Tlaib said ... on Friday" does."""
    articles = [_article("a", "A"), _article("b", "B"), _article("c", "C")]
    quoted = [
        Claim(id=f"q{x}", article=x, start=0, end=1, text="Momma, look you won", quote="direct")
        for x in "abc"
    ]
    told = [Claim(id=f"t{x}", article=x, start=0, end=1, text="x", checkworthiness=0.8) for x in "ab"] + [
        Claim(id="f", article="c", start=0, end=1, text="that's what")
    ]
    groups = [
        ClaimGroup("g1", ("qa", "qb", "qc"), ("a", "b", "c"), "Momma, look you won", ()),
        ClaimGroup("g2", ("ta", "tb"), ("a", "b"), "Tlaib made no apologies for the remark on Friday", ()),
        ClaimGroup("g3", ("f",), ("c",), "that's what", ()),
    ]
    (event,) = find_events(articles, [*quoted, *told], groups)
    assert event.summary.endswith(": Tlaib made no apologies for the remark on Friday")

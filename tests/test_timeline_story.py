"""Timeline events, document dates and temporal flags on invented articles (no models needed)."""

from __future__ import annotations

from rashomon.model import Article, Claim, ClaimGroup, Entity, PublishedDate
from rashomon.timeline.dating import ClaimDate
from rashomon.timeline.docdate import infer_published
from rashomon.timeline.events import timeline_events
from rashomon.timeline.flags import after_death_flags, upcoming_flags


def _claim(cid: str, article: str, text: str) -> Claim:
    return Claim(id=cid, article=article, start=0, end=len(text), text=text)


def _date(value: str, text: str, relative: bool = False) -> ClaimDate:
    return ClaimDate(value, relative, text)


def test_same_strike_reported_a_day_apart_is_one_event() -> None:
    claims = [
        _claim("c1", "a1", "A drone strike killed General Varko Dunn near the airport on January 3, 2021."),
        _claim("c2", "a2", "Dunn was killed by a drone strike at the airport on Jan. 2, Washington time."),
        _claim("c3", "a3", "The ministry published its harvest figures on January 3, 2021."),
    ]
    groups = [ClaimGroup(f"g{i}", (c.id,), (c.article,), c.text) for i, c in enumerate(claims)]
    dates = {
        "c1": (_date("2021-01-03", "January 3, 2021"),),
        "c2": (_date("XXXX-01-02", "Jan. 2"),),
        "c3": (_date("2021-01-03", "January 3, 2021"),),
    }
    entries = timeline_events([], claims, groups, [], dates)
    strike = [e for e in entries if "c1" in e.claims]
    assert len(strike) == 1 and set(strike[0].articles) == {"a1", "a2"}
    assert strike[0].date == "2021-01-03" and strike[0].precision == "day"
    assert all("c3" not in e.claims for e in strike)


def test_a_month_stays_a_month() -> None:
    claim = _claim("c1", "a1", "The order was given in June 2019.")
    entries = timeline_events(
        [],
        [claim],
        [ClaimGroup("g", ("c1",), ("a1",), claim.text)],
        [],
        {"c1": (_date("2019-06", "June 2019"),)},
    )
    assert [(e.date, e.precision) for e in entries] == [("2019-06", "month")]


def test_undated_article_gets_a_window_with_its_reason() -> None:
    article = Article(
        id="a1",
        source="x.txt",
        text="Earlier this month, the council met on March 4, 2021 to pass the budget. It failed in 2019.",
    )
    inferred = infer_published(article)
    assert inferred is not None and inferred.source == "inferred"
    assert inferred.value == "2021-03" and inferred.precision == "month"
    assert "2021-03-04" in (inferred.evidence or "") and "Earlier this month" in (inferred.evidence or "")


def test_a_year_naming_a_contest_bounds_no_publication_date() -> None:
    """A 2015 story about "running for president in 2016" was published before 2016."""
    text = "Christie said he is running for president in 2016, in his 2016 White House bid. He won in 2013."
    inferred = infer_published(Article(id="a1", source="x", text=text))
    assert inferred is not None and inferred.value == "2013"
    past = Article(id="a2", source="x", text="The inquiry into the 2016 election ended in 2019.")
    inferred = infer_published(past)
    assert inferred is not None and inferred.value == "2019"


def test_a_known_date_is_never_overridden() -> None:
    article = Article(
        id="a1",
        source="x",
        text="On March 4, 2021 it rained.",
        published=PublishedDate("2021-05-01", "day", "page", "meta"),
    )
    assert infer_published(article) is None


def test_future_dates_bound_nothing() -> None:
    article = Article(id="a1", source="x", text="The forthcoming book will be published on May 10, 2022.")
    assert infer_published(article) is None


def test_act_against_a_person_after_their_death_is_flagged() -> None:
    claims = [
        _claim("d", "a1", "General Varko Dunn was killed in a drone strike on January 3, 2021."),
        _claim("t", "a2", "He wanted to hit a senior army officer, in a veiled reference to Varko Dunn."),
        _claim("p", "a2", "On August 20, 2021 the minister proposed to strike a senior officer abroad."),
    ]
    people = [Entity("e1", "Varko Dunn", "PERSON", ("Varko Dunn", "Dunn"), ())]
    dates = {
        "d": (_date("2021-01-03", "January 3, 2021"),),
        "p": (_date("2021-08-20", "August 20, 2021"),),
        "t": (),
    }
    groups = [ClaimGroup(f"g{c.id}", (c.id,), (c.article,), c.text) for c in claims]
    timeline = timeline_events([], claims, groups, [], dates)
    articles = [
        Article(
            id="a2",
            source="x",
            text="He wanted to hit a senior army officer, in a veiled reference to Varko Dunn.",
        )
    ]
    flags = after_death_flags(articles, claims, people, timeline, dates, {c.id: c for c in claims})
    assert len(flags) == 1
    assert flags[0].kind == "date-after-death"
    assert set(flags[0].claims) >= {"p", "d"} and set(flags[0].articles) == {"a1", "a2"}


def test_a_death_in_an_event_takes_the_events_date_from_the_story() -> None:
    claims = [
        _claim("e", "a1", "A chemical depot exploded in the port on Tuesday night."),
        _claim("x", "a1", "The inspection was not rescheduled by the time of the explosion on June 10."),
        _claim("d", "a2", "A letter Marek Hollis, who died in the blast, sent in August 2024 warned of it."),
        _claim("p", "a3", "Hollis sent a complaint to the inspectorate in August 2025."),
    ]
    people = [Entity("e1", "Marek Hollis", "PERSON", ("Marek Hollis", "Hollis"), ())]
    dates = {
        "e": (_date("2025-06-10", "Tuesday night", relative=True),),
        "x": (_date("2025-06-10", "June 10"),),
        "d": (_date("2024-08", "August 2024"),),  # the letter's date, not the death's
        "p": (_date("2025-08", "August 2025"),),
    }
    groups = [ClaimGroup(f"g{c.id}", (c.id,), (c.article,), c.text) for c in claims]
    timeline = timeline_events([], claims, groups, [], dates)
    (flag,) = after_death_flags([], claims, people, timeline, dates, {c.id: c for c in claims})
    assert "death on 2025-06-10" in flag.message
    assert set(flag.claims) == {"p", "d"}


def test_no_flag_for_acts_before_the_death() -> None:
    claims = [
        _claim("d", "a1", "General Varko Dunn was killed in a drone strike on January 3, 2021."),
        _claim("p", "a2", "In June 2020 the president ordered a plan to strike Dunn."),
    ]
    people = [Entity("e1", "Varko Dunn", "PERSON", ("Varko Dunn",), ())]
    dates = {"d": (_date("2021-01-03", "January 3, 2021"),), "p": (_date("2020-06", "June 2020"),)}
    groups = [ClaimGroup(f"g{c.id}", (c.id,), (c.article,), c.text) for c in claims]
    timeline = timeline_events([], claims, groups, [], dates)
    assert after_death_flags([], claims, people, timeline, dates, {c.id: c for c in claims}) == []


def test_upcoming_event_dated_before_its_article_is_flagged() -> None:
    article = Article(
        id="a1", source="x", text="", published=PublishedDate("2022-05-07", "day", "page", "meta")
    )
    claim = _claim("c", "a1", "His forthcoming memoir appeared on March 1, 2022.")
    flags = upcoming_flags([article], [claim], {"c": (_date("2022-03-01", "March 1, 2022"),)})
    assert [f.kind for f in flags] == ["upcoming-before-publication"] and flags[0].claims == ("c",)
    later = {"c": (_date("2022-06-01", "June 1, 2022"),)}
    assert upcoming_flags([article], [claim], later) == []


def test_relative_date_contradicting_an_absolute_one_is_flagged() -> None:
    from rashomon.timeline.flags import relative_absolute_flags

    claims = [
        _claim("r", "a1", "The council approved the harbour plan seven months ago, officials said."),
        _claim("a", "a2", "The council approved the harbour plan in August 2019, officials said."),
    ]
    group = ClaimGroup("g", ("r", "a"), ("a1", "a2"), claims[0].text)
    dates = {
        "r": (_date("2019-06", "seven months ago", relative=True),),
        "a": (_date("2019-08", "August 2019"),),
    }
    flags = relative_absolute_flags([group], dates, {c.id: c for c in claims})
    assert [f.kind for f in flags] == ["relative-vs-absolute"] and set(flags[0].articles) == {"a1", "a2"}
    agreeing = {"r": dates["r"], "a": (_date("2019-06", "June 2019"),)}
    assert relative_absolute_flags([group], agreeing, {c.id: c for c in claims}) == []

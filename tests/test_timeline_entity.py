"""Entity names and claim dating helpers of the timeline (no models needed)."""

from __future__ import annotations

from rashomon.model import Article, Claim, PublishedDate
from rashomon.timeline.dating import claim_dates_in_context
from rashomon.timeline.entity_timeline import name_forms


def test_name_forms_cover_surnames_acronyms_and_model_numbers() -> None:
    assert ("jobs",) in name_forms("Steve Jobs")
    assert ("gm",) in name_forms("General Motors") and ("motors",) not in name_forms("General Motors")
    assert ("787",) in name_forms("Boeing 787")
    assert ("itunes",) in name_forms("iTunes store")
    assert name_forms("iPhone 4") == [("iphone", "4")]  # "4" alone would match any four


def _article(text: str, published: str) -> Article:
    return Article(id="a", source="x", text=text, published=PublishedDate(published, "day", "user", "test"))


def test_a_claim_takes_the_date_of_its_sentence_frame() -> None:
    text = "The minister says the envoy told him on March 2 that the talks had failed."
    start = text.index("the talks")
    claim = Claim(id="c", article="a", start=start, end=len(text) - 1, text=text[start:-1])
    dates = claim_dates_in_context([_article(text, "2021-03-10")], [claim])["c"]
    assert [(d.value, d.source) for d in dates] == [("2021-03-02", "frame")]


def test_a_continued_quote_takes_the_day_it_was_said() -> None:
    text = "\u201cWe saw nothing,\u201d Lind said Sunday on the radio. \u201cNot one report reached us.\u201d"
    start = text.rindex("\u201c")
    claim = Claim(id="c", article="a", start=start, end=len(text), text=text[start:])
    dates = claim_dates_in_context([_article(text, "2020-01-13")], [claim])["c"]
    assert [(d.value, d.source) for d in dates] == [("2020-01-12", "speech")]


def test_dates_inside_the_claim_come_first() -> None:
    text = "On Monday officials said the bridge closed on May 1, 2020."
    start = text.index("the bridge")
    claim = Claim(id="c", article="a", start=start, end=len(text) - 1, text=text[start:-1])
    dates = claim_dates_in_context([_article(text, "2020-05-06")], [claim])["c"]
    assert [d.value for d in dates] == ["2020-05-01"]


def test_the_frame_is_read_from_the_claims_own_sentence_at_any_position() -> None:
    """The first and last sentences of a text, whose bounds are the text's own start and end."""
    first = "On March 2 the envoy said the talks had failed. Nothing was said on March 9."
    start = first.index("the talks")
    claim = Claim(
        id="c", article="a", start=start, end=first.index("."), text=first[start : first.index(".")]
    )
    dates = claim_dates_in_context([_article(first, "2021-03-10")], [claim])["c"]
    assert [(d.value, d.source) for d in dates] == [("2021-03-02", "frame")]
    last = "Nothing was said on March 9. On March 2 the envoy said the talks had failed"
    start = last.index("the talks")
    claim = Claim(id="c", article="a", start=start, end=len(last), text=last[start:])
    dates = claim_dates_in_context([_article(last, "2021-03-10")], [claim])["c"]
    assert [(d.value, d.source) for d in dates] == [("2021-03-02", "frame")]

"""Temporal expressions: each relative form resolved by hand against a known document date.

The sentences are our own. The document date 2020-01-13 is a Monday, so "Sunday" is the day before.
"""

from __future__ import annotations

import pytest

from rashomon.timeline import Timex, find_timexes

MONDAY = "2020-01-13"


def only(text: str, doc_date: str | None = MONDAY) -> Timex:
    found = find_timexes(text, doc_date)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "span", "value", "precision"),
    [
        ("The ferry stopped running seven months ago.", "seven months ago", "2019-06", "month"),
        ("The mayor spoke on Sunday about the flood.", "Sunday", "2020-01-12", "day"),
        ("Prices rose earlier this month, traders said.", "earlier this month", "2020-01", "month"),
        ("The council lost money last year.", "last year", "2019", "year"),
        ("The day before, the bridge had been shut.", "The day before", "2020-01-12", "day"),
        ("The plan dates from the spring of 2017.", "the spring of 2017", "2017-SP", "season"),
        ("Workers walked out Jan. 3 in protest.", "Jan. 3", "2020-01-03", "day"),
        ("The vote took place in June.", "June", "2019-06", "month"),
        ("Yesterday the port reopened.", "Yesterday", "2020-01-12", "day"),
        ("The team lands tomorrow.", "tomorrow", "2020-01-14", "day"),
        ("Sales fell last month.", "last month", "2019-12", "month"),
        ("Shares slid last week.", "last week", "2020-W02", "week"),
        ("He was elected on March 5, 1996.", "March 5, 1996", "1996-03-05", "day"),
        ("The mill closed in 1987.", "1987", "1987", "year"),
        ("The law was passed in the 1990s.", "the 1990s", "199", "decade"),
        ("Profit doubled in the third quarter.", "the third quarter", "2019-Q3", "quarter"),
        ("The storm hit last summer.", "last summer", "2019-SU", "season"),
        ("The strike began in September 2019.", "September 2019", "2019-09", "month"),
        ("Christmas was quiet in the town.", "Christmas", "2019-12-25", "day"),
    ],
)
def test_resolves_against_the_document_date(sentence: str, span: str, value: str, precision: str) -> None:
    timex = only(sentence)
    assert (timex.text, timex.type, timex.value, timex.precision) == (span, "DATE", value, precision)
    assert sentence[timex.start : timex.end] == span


def test_future_tense_looks_ahead() -> None:
    assert only("The minister will testify in June.").value == "2020-06"
    assert only("The board will meet on Friday.").value == "2020-01-17"


def test_a_plan_told_in_the_past_looks_back() -> None:
    # written in June: a plan already postponed is read as any past date, a plan still ahead looks ahead
    june = "2025-06-14"
    assert only("The inspection, scheduled for March 12, was postponed.", june).value == "2025-03-12"
    assert only("The inspection is scheduled for March 12.", june).value == "2026-03-12"
    assert only("The vote was delayed and will be held on March 12.", june).value == "2026-03-12"


def test_anchored_only_when_the_document_date_was_used() -> None:
    assert only("The strike started Jan. 3, 2019.").anchored is False
    assert only("The strike started Jan. 3.").anchored is True


@pytest.mark.parametrize(
    ("sentence", "span", "kind", "value"),
    [
        ("The rescue lasted for 10 days.", "10 days", "DURATION", "P10D"),
        ("The talks went on for nearly 2 1/2 hours.", "nearly 2 1/2 hours", "DURATION", "PT2.5H"),
        ("She has led the party for the past two years.", "the past two years", "DURATION", "P2Y"),
        ("It signed a two-year contract.", "two-year", "DURATION", "P2Y"),
        ("The paper is printed daily.", "daily", "SET", "P1D"),
        ("The group meets every month.", "every month", "SET", "P1M"),
        ("Prices are now falling.", "now", "DATE", "PRESENT_REF"),
        ("Rates rose 5 p.m. on Friday.", "5 p.m. on Friday", "TIME", "2020-01-10T17:00"),
        ("He spoke this morning.", "this morning", "TIME", "2020-01-13TMO"),
    ],
)
def test_durations_sets_and_times(sentence: str, span: str, kind: str, value: str) -> None:
    timex = only(sentence)
    assert (timex.text, timex.type, timex.value) == (span, kind, value)


def test_a_year_earlier_follows_the_quarter_last_named() -> None:
    found = find_timexes("Profit rose in the third quarter. A year earlier it had fallen.", MONDAY)
    assert [timex.value for timex in found] == ["2019-Q3", "2018-Q3"]


def test_never_invents_a_day() -> None:
    assert only("Prices rose last month.", "2020-01").value == "2019-12"
    timex = only("The port reopened yesterday.", "2020-01")
    assert timex.value is None and timex.precision is None
    assert only("The port reopened in June.", None).value == "XXXX-06"


def test_word_uses_that_are_not_dates() -> None:
    assert find_timexes("Prices may fall and the market may march on.", MONDAY) == []
    assert find_timexes("The fall of the wall changed Europe.", MONDAY) == []
    assert find_timexes("A two-year-old boy was found.", MONDAY) == []


def test_caller_spans_are_read_by_dateparser() -> None:
    text = "The ceremony was held on 14.01.2019 at the town hall."
    spans = [(text.index("14.01"), text.index("14.01") + len("14.01.2019"))]
    found = find_timexes(text, MONDAY, date_spans=spans)
    assert [(timex.text, timex.value, timex.precision) for timex in found] == [
        ("14.01.2019", "2019-01-14", "day")
    ]
    assert find_timexes("The fair opened.", MONDAY, date_spans=[(4, 8)]) == []


def test_the_same_text_resolves_against_each_anchor_it_is_given() -> None:
    """The rule matches of a text are remembered between calls; the values they resolve to are not."""
    text = "The port reopened on Sunday."
    assert only(text, "2020-01-13").value == "2020-01-12"
    assert only(text, "2021-03-10").value == "2021-03-07"
    assert (only(text, None).value, only(text, None).anchored) == (None, False)
    assert only(text, "2020-01-13").value == "2020-01-12"

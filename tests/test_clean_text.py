"""Plain-text cleaning on small pages of our own: body kept whole, furniture removed, metadata honest."""

from __future__ import annotations

from rashomon.clean.text import clean_plain_text

PAGE = """Council Approves New Bridge Over the Ribble

By Jane Marlow
Published: March 3, 2021

The county council voted 31 to 12 on Tuesday to build a second bridge over the river, officials said.
Subscribe
Work is expected to start next spring, according to the council's transport director.
Credit: John Doe/AP
In this file photo taken on May 1, 2019, traffic queues on the old bridge.
Opposition councillors said the £40m cost was too high and asked for an independent review.
What happens next
The contract will be tendered in the summer, the council said in a statement.

Share this article
Comments (12)
Related Articles
Follow us
"""


def test_body_keeps_every_sentence_and_subhead() -> None:
    cleaned = clean_plain_text(PAGE)
    for sentence in (
        "The county council voted 31 to 12",
        "Work is expected to start next spring",
        "Opposition councillors said",
        "What happens next",
        "The contract will be tendered",
    ):
        assert sentence in cleaned.text


def test_furniture_goes_to_removed_verbatim() -> None:
    cleaned = clean_plain_text(PAGE)
    for line in ("Subscribe", "Credit: John Doe/AP", "Share this article", "Comments (12)", "Follow us"):
        assert line not in cleaned.text.split("\n\n")
        assert line in cleaned.removed
    assert "In this file photo taken on May 1, 2019, traffic queues on the old bridge." in cleaned.removed


def test_title_byline_and_date_line() -> None:
    cleaned = clean_plain_text(PAGE)
    assert cleaned.title == "Council Approves New Bridge Over the Ribble"
    assert cleaned.byline == "Jane Marlow"
    assert cleaned.published.value == "2021-03-03"
    assert cleaned.published.precision == "day"
    assert cleaned.published.source == "text"
    assert cleaned.title not in cleaned.text


def test_caption_and_copyright_years_are_not_publication_dates() -> None:
    cleaned = clean_plain_text(
        "Storm Hits Coast\n\n© AFP 2023 / Some Photographer\n"
        "In this file photo taken on October 21, 2020, waves break on the pier.\n"
        "The storm closed three ports on the coast and cut power to 40,000 homes, the utility said.\n"
    )
    assert cleaned.published.value is None
    assert cleaned.outlet is None


def test_by_agency_staff_is_a_byline_not_an_outlet() -> None:
    cleaned = clean_plain_text(
        "Headline Here\n\nBy AFP Staff\n\n"
        "The minister resigned on Friday after a week of protests in the capital.\n"
    )
    assert cleaned.byline == "AFP Staff"
    assert cleaned.outlet is None


def test_first_line_that_is_a_sentence_is_not_a_title() -> None:
    text = (
        "The mayor said on Monday that the city would cut bus fares by half from next month onwards.\n"
        "Critics called the plan a gimmick before the election.\n"
    )
    cleaned = clean_plain_text(text)
    assert cleaned.title is None
    assert cleaned.text.startswith("The mayor said")


def test_ui_strings_in_another_script_are_removed() -> None:
    text = (
        "Title of the Story\n\nThe talks ended without agreement late on Thursday night, diplomats said.\n"
        "Заголовок открываемого материала\n"
    )
    cleaned = clean_plain_text(text)
    assert "Заголовок открываемого материала" in cleaned.removed
    assert "Заголовок" not in cleaned.text


def test_sentence_mentioning_subscribe_is_kept() -> None:
    text = (
        "Readers Flock to Paper\n\nMore than 10,000 readers chose to subscribe after the investigation ran.\n"
    )
    assert "chose to subscribe" in clean_plain_text(text).text


def test_credit_line_kept_in_removed_as_sourcing_evidence() -> None:
    text = (
        "A sentence of the article body that is long enough to count as prose here.\n"
        "— This story contains reporting by Ann Smith of The Daily Planet.\n"
    )
    cleaned = clean_plain_text(text)
    assert any("contains reporting by Ann Smith" in line for line in cleaned.removed)


def test_empty_and_whitespace_only() -> None:
    assert clean_plain_text("").text == ""
    assert clean_plain_text("  \n\t\n").text == ""


def test_a_date_in_the_urls_path_dates_the_article() -> None:
    from rashomon.clean.dates import url_date

    found = url_date("http://www.nytimes.com/2010/07/03/us/politics/03steele.html?_r=2")
    assert found is not None and (found.value, found.precision, found.source) == ("2010-07-03", "day", "page")
    month = url_date("https://www.example.com/politics/2015/06/christie-announces-his-bid")
    assert month is not None and (month.value, month.precision) == ("2015-06", "month")
    assert url_date("https://www.example.com/news/2015/13/40/x") is None  # no such month
    assert url_date("https://www.example.com/articles/123456") is None
    assert url_date(None) is None

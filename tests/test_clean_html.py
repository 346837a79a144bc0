"""Main-text extraction on small hand-written pages: body, boilerplate, metadata, hostile markup."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.clean.html import ExtractedPage, decode_html, extract_page

BODY = [
    "The harbour authority closed the northern pier on Tuesday after inspectors found cracks in two of "
    "its concrete supports, officials said at a press conference in the afternoon.",
    "Engineers will spend the coming weeks measuring how far the damage reaches, and the ferry service "
    "that normally docks at the pier has been moved to the southern quay for the time being.",
    "Local traders said the closure would hurt business during the busiest month of the year, while the "
    "authority insisted that safety had to come first and promised regular updates to residents.",
]
LEAD = "Inspectors found cracks in two supports of the northern pier, and ferries now use the south quay."
CREDIT = "This story contains reporting by Jane Roe of The Coastal Ledger."

NEWS_PAGE = f"""<!DOCTYPE html>
<html><head>
<title>Pier closed after cracks found | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
<meta property="og:title" content="Pier closed after cracks found">
<meta name="description" content="{LEAD}">
<link rel="canonical" href="https://news.example.org/pier-closed">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Pier closed after cracks found",
  "datePublished": "2021-03-09T14:00:00Z", "author": [{{"@type": "Person", "name": "Sam Doe"}},
  {{"@type": "Person", "name": "Alex Poe"}}],
  "publisher": {{"@type": "Organization", "name": "Harbour Times"}}}}
</script>
<style>p {{ color: red; }}</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local news</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>Pier closed after cracks found</h1>
<p class="standfirst">{LEAD}</p>
<div class="article-body">{"".join(f"<p>{p}</p>" for p in BODY)}
<p><em>{CREDIT}</em></p></div>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Council approves new bus lanes for the city centre</a></li>
<li><a href="/b">Weekend weather: storms expected along the coast</a></li></ul></aside>
<footer><p>Copyright 2021 Harbour Times. All rights reserved.</p><script>track();</script></footer>
</body></html>"""

PLAIN_PAGE = f"""<html><body><div id="content">{"".join(f"<p>{p}</p>" for p in BODY)}</div>
<div class="footer">Contact us</div></body></html>"""


@pytest.fixture(scope="module")
def news() -> ExtractedPage:
    return extract_page(NEWS_PAGE, url="https://news.example.org/pier-closed?utm=x")


def test_body_is_found_with_paragraphs(news: ExtractedPage) -> None:
    paragraphs = news.text.split("\n\n")
    for paragraph in BODY:
        assert paragraph in paragraphs


def test_title_is_not_in_body(news: ExtractedPage) -> None:
    assert news.title == "Pier closed after cracks found"
    assert not news.text.startswith("Pier closed")


def test_boilerplate_goes_to_removed_verbatim(news: ExtractedPage) -> None:
    assert "Home" not in news.text and "Most read" not in news.text
    assert "Weekend weather: storms expected along the coast" in news.removed
    assert "Copyright 2021 Harbour Times. All rights reserved." in news.removed
    assert not any("track()" in block or "color: red" in block for block in news.removed)


def test_credit_line_survives(news: ExtractedPage) -> None:
    assert CREDIT in news.text or CREDIT in news.removed


def test_lead_is_kept(news: ExtractedPage) -> None:
    assert LEAD in news.text


def test_metadata_from_the_page(news: ExtractedPage) -> None:
    assert news.outlet == "Harbour Times"
    assert news.byline == "Sam Doe, Alex Poe"
    assert news.url == "https://news.example.org/pier-closed"
    assert news.published.value == "2021-03-09"
    assert news.published.precision == "day"
    assert news.published.source == "page"
    assert news.published.evidence is not None and "datePublished" in news.published.evidence


def test_metadata_is_null_when_the_page_is_silent() -> None:
    page = extract_page(PLAIN_PAGE, url="https://blog.example.com/post")
    assert page.outlet is None  # never guessed from the domain
    assert page.byline is None
    assert page.published.value is None and page.published.source is None
    assert page.url == "https://blog.example.com/post"
    assert BODY[1] in page.text


def test_meta_tags_give_outlet_byline_and_date() -> None:
    html = (
        '<html><head><meta name="application-name" content="Valley Courier">'
        '<meta name="author" content="By Kim Lee"><meta property="article:published_time" content="2019-11">'
        f"</head><body><article>{''.join(f'<p>{p}</p>' for p in BODY)}</article></body></html>"
    )
    page = extract_page(html)
    assert page.outlet == "Valley Courier"
    assert page.byline == "Kim Lee"
    assert (page.published.value, page.published.precision) == ("2019-11", "month")


def test_implausible_dates_are_refused() -> None:
    html = '<html><head><meta name="date" content="1970-01-01"></head><body><p>Hello there.</p></body></html>'
    assert extract_page(html).published.value is None


def test_publisher_body_vetoes_paragraphs_it_lacks() -> None:
    promo = (
        "Sign up for our weekly newsletter and never miss a story from the harbour and the bay area again."
    )
    body = " ".join(BODY)
    html = (
        '<html><head><script type="application/ld+json">'
        f'{{"@type": "NewsArticle", "headline": "Pier", "articleBody": "{body}"}}</script></head>'
        "<body><article>"
        f"{''.join(f'<p>{p}</p>' for p in BODY)}<p>{promo}</p></article></body></html>"
    )
    page = extract_page(html)
    assert BODY[2] in page.text
    assert promo not in page.text
    assert promo in page.removed


HOSTILE = [
    "",
    "   ",
    "<<<>>>",
    "<script>alert(1)</script>",
    "<html><body></body></html>",
    "<?xml version='1.0' encoding='iso-8859-1'?><html><body><p>Grüße aus Köln.</p></body></html>",
    "<div>" * 3000 + "deep text" + "</div>" * 3000,
    "<p>unclosed <b>bold <i>italic <table><tr><td>cell",
    '<script type="application/ld+json">{"@graph": [[[[{"@type": "NewsArticle", "author": 5}]]]]}</script>',
    '<script type="application/ld+json">{not json</script><p>text</p>',
    "\x00\x01\x02 binary junk \xff\xfe",
    "<!-- only a comment -->",
]


@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_html_never_raises(html: str) -> None:
    page = extract_page(html, url=None)
    assert isinstance(page.text, str)
    assert all(isinstance(block, str) and len(block) <= 2000 for block in page.removed)


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcdiv p&;#\n")), max_size=300))
def test_random_markup_never_raises(html: str) -> None:
    assert isinstance(extract_page(html).text, str)


def test_decode_html_uses_the_declared_charset() -> None:
    data = '<html><head><meta charset="iso-8859-1"></head><body>Grüße</body></html>'.encode("latin-1")
    assert "Grüße" in decode_html(data)
    assert decode_html("plain ütf".encode()) == "plain ütf"

"""The HTML report: complete content, honest empty states, and safety against hostile article text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.report.html import render_html
from rashomon.report.html_text import Mark, highlight
from report_fixtures import HOSTILE, NORTHGATE_TEXT, build_evidence, empty_evidence, hostile_evidence, locate

SECTIONS = ["articles", "contested", "flags", "groups", "claims", "timeline", "events", "framing", "entities"]
VOID = {"meta", "input", "br", "hr", "img", "link", "wbr"}


class _Structure(HTMLParser):
    """Collects tags, attributes and nesting errors, the way a browser's tokenizer would see the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()


def _structure(page: str) -> _Structure:
    parser = _Structure()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(build_evidence())


def _section(page: str, anchor: str) -> str:
    match = re.search(rf'<section id="{anchor}">(.*?)</section>', page, re.S)
    assert match, anchor
    return match.group(1)


def test_page_is_well_formed_and_self_contained(page: str) -> None:
    parsed = _structure(page)
    assert parsed.errors == []
    assert parsed.stack == []
    assert page.startswith("<!DOCTYPE html>")
    csp = [
        dict(attrs)
        for tag, attrs in parsed.tags
        if tag == "meta" and ("http-equiv", "Content-Security-Policy") in attrs
    ]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")
    assert {tag for tag, _ in parsed.tags}.isdisjoint({"link", "img", "iframe", "object", "embed", "form"})


def test_no_remote_or_resource_references(page: str) -> None:
    for bad in (r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", r"@import", r"url\(", r"src\s*="):
        assert not re.search(bad, page, re.I), bad
    hrefs = [value for _, attrs in _structure(page).tags for name, value in attrs if name == "href"]
    assert hrefs and all(value and value.startswith("#") for value in hrefs)


def test_overview_counts_and_inputs(page: str) -> None:
    assert "3 articles from 3 outlets, published March 2024 (1 undated)" in page
    for outcome in ("3 analysed", "1 duplicate", "1 skipped", "1 failed"):
        assert outcome in page
    assert "unsupported format (.pdf)" in page
    assert "truncated gzip stream" in page


def test_every_section_shows_content(page: str) -> None:
    for anchor in SECTIONS:
        assert 'class="none"' not in _section(page, anchor), anchor


def test_article_cards_show_metadata_honestly(page: str) -> None:
    articles = _section(page, "articles")
    assert "12 March 2024 (day, from page)" in articles
    assert "March 2024 (month, from text)" in articles
    assert articles.count('<span class="muted">unknown</span>') == 3  # a2 byline; a3 date and its evidence
    assert "https://northgate.example/news/arson-suspected" in articles  # shown as text
    assert "<details" in articles and "Subscribe to our newsletter" in articles


def test_mentions_claims_and_loaded_language_are_marked(page: str) -> None:
    articles = _section(page, "articles")
    assert 'title="Ilse Brandt · PERSON · speaker of 1.1, 1.2"' in articles  # she speaks in article 1
    assert '<mark class="ent t-gpe" title="Port Aldren · GPE">Port Aldren</mark>' in articles  # in a headline
    assert 'class="claim"' in articles and 'href="#claim-2-1"' in articles
    assert '<span class="loaded" title="Loaded language: Loaded_Language">shocking inferno</span>' in articles


def test_claims_table(page: str) -> None:
    claims = _section(page, "claims")
    assert "The Harbour Courier (according to) → Ilse Brandt (insisted)" in claims
    assert "hedged" in claims and "anonymous" in claims and "direct quote" in claims
    assert "91%" in claims
    assert 'id="claim-1-1"' in claims


def test_groups_count_origins_and_echoes(page: str) -> None:
    groups = _section(page, "groups")
    assert "2 independent origins, 1 echo" in groups
    assert "1 independent origin, 1 echo" in groups
    assert "widely witnessed public event" in groups


def test_contested_claims_side_by_side(page: str) -> None:
    contested = _section(page, "contested")
    assert "rel-dispute" in contested and "rel-contradict" in contested
    assert "the Warehouse 9 fire was set deliberately" in contested
    assert "officials quoted by Northgate Daily suspect arson" in contested
    assert "Agreements" in contested


def test_timeline_shows_precision_as_bands(page: str) -> None:
    timeline = _section(page, "timeline")
    assert timeline.index("2023") < timeline.index("February 2024") < timeline.index("11 March 2024")
    assert timeline.count('class="band"') == 3  # year, season range, month
    assert timeline.count('class="point"') == 1  # the one day
    assert "autumn 2023 – February 2024" in timeline
    assert "Disputed by" in timeline


def test_framing_events_entities_flags(page: str) -> None:
    framing = _section(page, "framing")
    assert "Name_Calling,Labeling" in framing and "the embattled city chief" in framing
    assert "Safety complaints were ignored for months" in framing  # what an article leaves out
    assert "Northgate Daily reports suspected arson" in _section(page, "events")
    assert "Ilse Brandt, Brandt" in _strip(_section(page, "entities"))
    assert "credits the wiring claim" in _section(page, "flags")


def test_empty_map_says_none_found_everywhere() -> None:
    page = render_html(empty_evidence())
    for anchor in SECTIONS:
        assert 'class="none"' in _section(page, anchor), anchor
    assert _structure(page).errors == []


@pytest.mark.parametrize("evidence", [{}, {"articles": "nope"}, {"articles": [None, 3, {"text": 5}]}, []])
def test_malformed_evidence_never_raises(evidence: Any) -> None:
    assert "<!DOCTYPE html>" in render_html(evidence)


# --- hostile input -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return render_html(hostile_evidence())


def test_hostile_text_is_escaped(hostile_page: str) -> None:
    assert hostile_page.count("<script") == 1  # the report's own script, at the end
    assert hostile_page.rstrip().endswith("</script></body></html>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_page
    assert "<img" not in hostile_page
    assert not re.search(r"(href|src)\s*=\s*[\"']?\s*javascript:", hostile_page, re.I)
    parsed = _structure(hostile_page)
    assert parsed.errors == []
    assert all(not name.startswith("on") for _, attrs in parsed.tags for name, _ in attrs)


def test_hostile_attributes_stay_inside_their_quotes(hostile_page: str) -> None:
    titles = [
        v
        for _, attrs in _structure(hostile_page).tags
        for n, v in attrs
        if n == "title" and v and "alert" in v
    ]
    assert titles and all('"><img src=x onerror=alert(1)>' in title for title in titles)


def test_invisible_and_reordering_characters_are_shown(hostile_page: str) -> None:
    for character in ("\u202e", "\u202c", "\u200b", "\u2060", "\ufeff", "\x00"):
        assert character not in hostile_page
    assert "⟨U+202E⟩" in hostile_page and "⟨U+0000⟩" in hostile_page and "⟨U+200B⟩" in hostile_page


def test_urls_in_articles_are_text_not_links(hostile_page: str) -> None:
    assert "javascript:alert(1)" in hostile_page  # readable...
    assert "http://tracker.example/p.png" in hostile_page
    hrefs = [v for _, attrs in _structure(hostile_page).tags for n, v in attrs if n == "href"]
    assert all(v and v.startswith("#") for v in hrefs)  # ...but never a link


# --- highlighting --------------------------------------------------------------------------------------


def _strip(markup: str) -> str:
    parser = HTMLParser(convert_charrefs=True)
    pieces: list[str] = []
    parser.handle_data = pieces.append  # type: ignore[method-assign]
    parser.feed(markup)
    parser.close()
    return "".join(pieces)


def test_overlapping_spans_nest_correctly() -> None:
    text = "Mayor Ilse Brandt, the embattled city chief"
    marks = [
        Mark(0, 17, 0, '<span class="claim">', "</span>"),
        Mark(6, 30, 1, '<span class="loaded">', "</span>"),
        Mark(11, 17, 2, "<mark>", "</mark>"),
        Mark(20, 99, 2, "<mark>", "</mark>"),  # out of range: ignored
        Mark(-3, 2, 2, "<mark>", "</mark>"),  # negative: ignored
    ]
    out = highlight(text, marks)
    assert _strip(out) == text
    assert _structure(out).errors == []
    assert '<span class="claim"><span class="loaded"><mark>Brandt</mark></span></span>' in out


def test_title_spans_use_the_title() -> None:
    start, end = locate("Arson suspected in Port Aldren blaze, sources say", "Port Aldren")
    assert (start, end) == (19, 30)
    assert "shocking" in NORTHGATE_TEXT


span_values = st.one_of(st.integers(-20, 400), st.none(), st.text(max_size=3), st.floats(allow_nan=True))


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(max_size=300),
    title=st.one_of(st.none(), st.text(max_size=60)),
    spans=st.lists(
        st.tuples(span_values, span_values, st.sampled_from(["text", "title", "other", None])), max_size=12
    ),
)
def test_any_text_and_any_spans_render_safely(
    text: str, title: str | None, spans: list[tuple[Any, Any, Any]]
) -> None:
    evidence = build_evidence()
    article = evidence["articles"][0]
    article.update(text=text + HOSTILE, title=title)
    claims = [
        {**evidence["claims"][0], "id": f"p{n}", "start": s, "end": e, "field": f}
        for n, (s, e, f) in enumerate(spans)
    ]
    evidence["claims"] += claims
    evidence["entities"][0]["mentions"] += [
        {"article": "a1", "start": s, "end": e, "field": f} for s, e, f in spans
    ]
    evidence["framing"]["articles"]["a1"]["loaded"] = [
        {"field": f, "start": s, "end": e, "text": "x", "technique": "<script>"} for s, e, f in spans
    ]
    page = render_html(evidence)
    assert page.count("<script") == 1
    parsed = _structure(page)
    assert parsed.errors == [] and parsed.stack == []

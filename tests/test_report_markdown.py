"""The Markdown report: the same content as the HTML page, and no way for article text to become markup."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from rashomon.report.markdown import md, md_lines, render_markdown
from report_fixtures import HOSTILE, build_evidence, empty_evidence, hostile_evidence

HEADINGS = [
    "## Articles",
    "## Contested claims",
    "## Flags",
    "## Claim groups and origins",
    "## Claims by article",
    "## Timeline",
    "## Events",
    "## Framing",
    "### Labels per entity",
    "## Entities",
    "## Article texts",
]


def _to_html(markdown: str) -> str:
    """Render as a permissive CommonMark renderer would: raw HTML allowed, tables on."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough").render(markdown)


@pytest.fixture(scope="module")
def report() -> str:
    return render_markdown(build_evidence())


def _part(report: str, heading: str) -> str:
    start = report.index(heading + "\n")
    following = report.find("\n## ", start + len(heading))
    return report[start : following if following != -1 else None]


def test_every_section_has_content(report: str) -> None:
    for heading in HEADINGS:
        assert heading + "\n" in report, heading
    for heading in HEADINGS:
        if heading.startswith("## "):
            assert "\n_No " not in _part(report, heading), heading


def test_overview_and_inputs(report: str) -> None:
    assert report.startswith("# Evidence map: 3 articles from 3 outlets, published March 2024 (1 undated)")
    assert "**Inputs:** 3 analysed, 1 duplicate, 1 skipped, 1 failed" in report
    assert "- skipped: corpus/notes.pdf — unsupported format (.pdf)" in report


def test_articles_table_is_honest_about_unknowns(report: str) -> None:
    articles = _part(report, "## Articles")
    assert (
        "| #2 | Northgate Daily | Arson suspected in Port Aldren blaze, sources say | unknown |" in articles
    )
    assert "| #3 | Civic Wire | untitled | By J. Ruiz | unknown | unknown |" in articles


def test_claims_groups_and_contested(report: str) -> None:
    assert "The Harbour Courier (according to) → Ilse Brandt (insisted)" in report
    assert "anonymous, indirect quote, hedged" in report
    assert "### G2 The fire may have been arson — 2 independent origins, 1 echo" in report
    assert (
        "### dispute: G1 Faulty wiring caused the fire vs G2 The fire may have been arson (score 0.82)"
        in report
    )
    assert "> The mayor blames wiring" in report


def test_timeline_framing_entities(report: str) -> None:
    assert "| autumn 2023 – February 2024 | season | Safety complaints begin |" in report
    assert "| February 2024 | month |" in report
    assert "“shocking inferno” (Loaded\\_Language)" in report
    assert "| Ilse Brandt | PERSON | Ilse Brandt, Brandt |" in report
    assert "Removed as boilerplate (2):" in report


def test_tables_render_as_tables(report: str) -> None:
    html = _to_html(report)
    assert html.count("<table>") == 11
    assert "<script" not in html and "<a " not in html


def test_empty_map_says_none_found() -> None:
    report = render_markdown(empty_evidence())
    for heading in HEADINGS:
        assert heading + "\n" in report
    assert report.count("\n_No ") == 11


@pytest.mark.parametrize("evidence", [{}, {"claims": [{"start": "x"}]}, {"framing": []}, None])
def test_malformed_evidence_never_raises(evidence: Any) -> None:
    assert render_markdown(evidence).startswith("# Evidence map")


# --- hostile input -------------------------------------------------------------------------------------


def test_hostile_text_cannot_become_markup() -> None:
    report = render_markdown(hostile_evidence())
    assert "<" not in report and ">" not in report.replace("\n> ", "\n").replace("\n>\n", "\n")
    html = _to_html(report)
    for forbidden in ("<script", "<img", "<a "):
        assert forbidden not in html, forbidden
    assert not re.search(r"<[a-z]+[^<>]*\s(src|href|on[a-z]+)=", html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_hostile_text_never_autolinks() -> None:
    report = render_markdown(hostile_evidence())
    assert "://" not in report  # GFM autolinks bare URLs; every one is broken with an entity
    assert "www." not in md("see www.example.com")
    assert "@" not in md("mail someone@example.com")


def test_invisible_characters_are_shown() -> None:
    report = render_markdown(hostile_evidence())
    for character in ("\u202e", "\u200b", "\ufeff", "\x00"):
        assert character not in report
    assert "⟨U+202E⟩" in report and "⟨U+0000⟩" in report


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# not a heading", "\\# not a heading"),
        ("#1 stays", "#1 stays"),
        ("- not a list", "\\- not a list"),
        ("12. not a list", "12\\. not a list"),
        ("a | b", "a \\| b"),
        ("*bold* _it_ `code` ~~del~~ $x$", "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~del\\~\\~ \\$x\\$"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("line\nbreak", "line break"),
    ],
)
def test_md_escapes(text: str, expected: str) -> None:
    assert md(text) == expected


def test_pipes_in_cells_keep_the_table_shape() -> None:
    evidence = build_evidence()
    evidence["articles"][0]["outlet"] = "A | B | C"
    html = _to_html(render_markdown(evidence))
    first_table = html[html.index("<table>") : html.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", first_table, re.S)
    assert {row.count("<td>") for row in rows[1:]} == {8}
    assert "A | B | C" in first_table


def test_article_text_lines_cannot_open_blocks() -> None:
    lines = md_lines("# Heading\n    code block\n1) item\n===\n<div>")
    assert lines == ["\\# Heading", "code block", "1\\) item", "\\===", "&lt;div&gt;"]


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(max_size=300),
    spans=st.lists(st.tuples(st.integers(-9, 400), st.integers(-9, 400)), max_size=8),
)
def test_any_text_and_any_spans_render_safely(text: str, spans: list[tuple[int, int]]) -> None:
    evidence = build_evidence()
    evidence["articles"][0].update(text=text + HOSTILE, title=text)
    evidence["claims"] += [
        {**evidence["claims"][0], "id": f"p{n}", "start": s, "end": e, "text": text}
        for n, (s, e) in enumerate(spans)
    ]
    report = render_markdown(evidence)
    assert "<" not in report
    assert "<script" not in _to_html(report)

"""``OUT_DIR/index.html``: the stories of a mixed run, each linking to its own evidence map.

Self-contained like the report: the report's stylesheet is inlined, a Content-Security-Policy forbids
every request, and everything that came from an article (titles, outlets) is escaped. Stories of several
articles get a row each (outlets, dates, size, events, contested points); single-article stories are
listed compactly after them, one line each, as most of a crawl is articles no other outlet covered.
Under each multi-article story, its roundup (``stories.roundup``), every line linked to its evidence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from rashomon.report.html import CSP
from rashomon.report.html_text import attr, bdi, esc
from rashomon.report.view import outlets, plural, story_dates

_INDEX_CSS = (
    ".stories td,.stories th{padding:.3em .6em;text-align:left;vertical-align:top}"
    ".singles{columns:2 24em;font-size:.9em}.singles li{break-inside:avoid}body>header{padding:0 1.75rem}"
)


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One story's part of the index, rendered as soon as the story is finished (a large run's stories
    are not all held until the index is written): a table row, or a line among the single-article ones."""

    html: str
    articles: int
    single: bool


def index_row(entry: Mapping[str, Any], evidence: Mapping[str, Any]) -> IndexRow:
    """The story's row; ``entry`` is its stories.json entry, ``evidence`` its map."""
    articles = [a for a in evidence.get("articles", []) if isinstance(a, Mapping)]
    full, compact = _row(entry, articles)
    if len(articles) > 1:
        return IndexRow(full + _roundup_row(entry, evidence), len(entry.get("articles", [])), False)
    return IndexRow(compact, len(entry.get("articles", [])), True)


def render_index_rows(stories: Sequence[IndexRow]) -> str:
    """The index page from its stories' rows, in stories.json's order."""
    rows = [row.html for row in stories if not row.single]
    singles = [row.html for row in stories if row.single]
    total = sum(row.articles for row in stories)
    head = (
        f"<header><h1>{esc(plural(len(stories), 'story', 'stories'))} in {esc(plural(total, 'article'))}</h1>"
        "<p>Stories were found automatically; open one for its evidence map.</p></header>"
    )
    table = (
        '<section><h2>Stories</h2><table class="stories"><thead><tr><th>Story</th><th>Articles</th>'
        "<th>Outlets</th><th>Published</th><th>Events</th><th>Contested</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
        if rows
        else ""
    )
    single = (
        f'<section><h2>Single-article stories ({len(singles)})</h2><ul class="singles">'
        f"{''.join(singles)}</ul></section>"
        if singles
        else ""
    )
    return _page(head + "<main>" + table + single + "</main>")


def _row(entry: Mapping[str, Any], articles: Sequence[Mapping[str, Any]]) -> tuple[str, str]:
    target = str(entry.get("dir", "")) + "report.html"
    link = f'<a href="{attr(target)}">{bdi(entry.get("title") or "untitled")}</a>'
    names = outlets(articles)
    outlet_text = ", ".join(names) if names else "unknown"
    full = (
        f"<tr><td>{link}</td><td>{len(articles)}</td><td>{bdi(outlet_text)}</td>"
        f"<td>{esc(story_dates(articles))}</td><td>{esc(entry.get('events', 0))}</td>"
        f"<td>{esc(entry.get('contested', 0))}</td></tr>"
    )
    compact = f'<li>{link} <span class="muted">{bdi(outlet_text)}, {esc(story_dates(articles))}</span></li>'
    return full, compact


def _roundup_row(entry: Mapping[str, Any], evidence: Mapping[str, Any]) -> str:
    """The story's roundup under its row; each line links to the first claim it rests on."""
    from rashomon.report.html_parts import claim_anchor
    from rashomon.report.view import read_story
    from rashomon.stories.roundup import build_roundup

    lines = build_roundup(evidence)
    if not lines:
        return ""
    story = read_story(evidence)
    report = str(entry.get("dir", "")) + "report.html"
    items = "".join(
        f'<li><span class="muted">{esc(line.kind)}</span> {bdi(line.text)}'
        + (
            f' <a href="{attr(report + "#" + claim_anchor(story, line.claims[0]))}">evidence</a>'
            if line.claims
            else ""
        )
        + "</li>"
        for line in lines
    )
    return f'<tr class="roundup"><td colspan="6"><ul>{items}</ul></td></tr>'


def _page(body: str) -> str:
    css = files("rashomon.report").joinpath("report.css").read_text(encoding="utf-8")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{attr(CSP)}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>rashomon stories</title><style>{css}{_INDEX_CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )

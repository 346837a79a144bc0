"""The HTML report: one self-contained page that opens from disk and fetches nothing.

Styles and the small script are inlined from files packaged next to this module. A Content-Security-Policy
forbids every network request, so even a bug in escaping could not make the page load anything.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Mapping
from functools import lru_cache
from importlib.resources import files
from typing import Any

from rashomon.report.html_articles import articles_section, overview
from rashomon.report.html_claims import claims_section, contested_section, entities_section, groups_section
from rashomon.report.html_framing import framing_section
from rashomon.report.html_parts import article_anchor
from rashomon.report.html_provenance import provenance_section
from rashomon.report.html_story import events_section, flags_section
from rashomon.report.html_text import attr, bdi, esc
from rashomon.report.html_timeline import timeline_section
from rashomon.report.view import Story, outlet_name, read_story, string

# Section order follows a reader's questions: what was read, what is contested, on whose word, when, how told.
TOC = [
    ("articles", "Articles"),
    ("contested", "Contested"),
    ("flags", "Flags"),
    ("groups", "Origins"),
    ("provenance", "Provenance"),
    ("claims", "Claims"),
    ("timeline", "Timeline"),
    ("events", "Events"),
    ("framing", "Framing"),
    ("entities", "Entities"),
]


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return files("rashomon.report").joinpath(name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


# Only the report's own script may run: it is allowed by its hash, so a <script> smuggled in by article
# text (were escaping ever to fail) would not run. Style attributes stay allowed: they cannot run code.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; "
    f"script-src 'sha256-{_sha256(_asset('report.js'))}'; img-src 'none'; form-action 'none'; base-uri 'none'"
)


def render_html(evidence: Mapping[str, Any]) -> str:
    """The whole report as one HTML document; never raises on malformed or hostile evidence."""
    return _page(render_body(read_story(evidence)))


def render_body(story: Story, articles: Callable[[Story], str] = articles_section) -> str:
    """The report without its page shell: the web app's story page wraps the same sections in its own
    layout and passes an articles section that links to article pages instead of showing every text."""
    sections = [
        articles(story),
        contested_section(story),
        flags_section(story),
        groups_section(story),
        provenance_section(story),
        claims_section(story),
        timeline_section(story),
        events_section(story),
        framing_section(story),
        entities_section(story),
    ]
    return overview(story) + _toolbar(story) + "<main>" + "".join(sections) + "</main>" + _footer()


def _page(body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{attr(CSP)}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>rashomon evidence map</title>"
        f"<style>{_asset('report.css')}</style></head>"
        f"<body>{body}<script>{_asset('report.js')}</script></body></html>\n"
    )


def _toolbar(story: Story) -> str:
    """Section links always; the article filter and highlight toggles only appear when script runs."""
    links = "".join(f'<a href="#{anchor}">{esc(title)}</a>' for anchor, title in TOC)
    boxes = "".join(
        f'<label title="{attr(string(a, "title") or "untitled")}">'
        f'<input type="checkbox" checked value="{attr(string(a, "id") or "")}">'
        f' <a href="#{article_anchor(story, string(a, "id"))}">#{n}</a> {bdi(outlet_name(a))}</label>'
        for n, a in enumerate(story.articles, 1)
    )
    controls = (
        '<div class="controls" hidden><span class="label">Show articles</span>'
        f'<span class="boxes">{boxes}</span><span class="label">Highlight</span>'
        '<label><input type="checkbox" checked data-toggle="no-entities"> entities</label>'
        '<label><input type="checkbox" checked data-toggle="no-claims"> claims</label>'
        '<label><input type="checkbox" checked data-toggle="no-loaded"> loaded language</label></div>'
    )
    return f'<nav class="toolbar"><div class="toc">{links}</div>{controls}</nav>'


def _footer() -> str:
    return (
        "<footer>Evidence, not verdicts: every statement above points to exact text in the articles. "
        "Counts and scores come from automatic analysis and may be wrong; check the spans.</footer>"
    )

"""Sections about the story as a whole: events and flags (framing: html_framing.py)."""

from __future__ import annotations

from rashomon.report.html_parts import (
    article_refs,
    badge,
    claim_ref,
    data_articles,
    group_ref,
    none_found,
    section,
)
from rashomon.report.html_text import bdi, esc
from rashomon.report.view import (
    Story,
    date_text,
    records,
    string,
    strings,
)

NONE_HTML = '<span class="muted">—</span>'


def events_section(story: Story) -> str:
    events = records(story.evidence, "events")
    if not events:
        return section("events", "Events", 0, none_found("No distinct events were identified."))
    rows = "".join(
        f'<tr{data_articles(strings(event, "articles"))}><td class="num">E{n}</td>'
        f'<td class="date">{esc(date_text(string(event, "date")))}</td>'
        f'<td dir="auto">{bdi(string(event, "summary") or "")}</td>'
        f"<td>{' '.join(group_ref(story, g) for g in strings(event, 'groups')) or NONE_HTML}</td>"
        f"<td>{article_refs(story, strings(event, 'articles'))}</td></tr>"
        for n, event in enumerate(events, 1)
    )
    head = "<tr><th>#</th><th>Date</th><th>Event</th><th>Claim groups</th><th>Articles</th></tr>"
    intro = "Distinct news events inside the story: the incident itself, a scoop, a report, a memoir."
    return section(
        "events",
        "Events",
        len(events),
        f'<table class="events"><thead>{head}</thead><tbody>{rows}</tbody></table>',
        intro,
    )


# --- flags ---------------------------------------------------------------------------------------------


def flags_section(story: Story) -> str:
    flags = records(story.evidence, "flags")
    if not flags:
        return section("flags", "Flags", 0, none_found("No inconsistencies were flagged."))
    items = "".join(
        f"<li{data_articles(strings(flag, 'articles'))}>{badge(string(flag, 'kind') or 'flag', 'flag')} "
        f'<span dir="auto">{bdi(string(flag, "message") or "")}</span>'
        f'<div class="muted">{article_refs(story, strings(flag, "articles"))} '
        f"{' '.join(claim_ref(story, c) for c in strings(flag, 'claims'))}</div></li>"
        for flag in flags
    )
    intro = (
        "Inconsistencies worth a second look: dates that cannot be, claims that contradict their own sources."
    )
    return section("flags", "Flags", len(flags), f'<ul class="flags">{items}</ul>', intro)

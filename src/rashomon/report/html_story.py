"""Sections about the story as a whole: events, the timeline, framing and flags."""

from __future__ import annotations

from rashomon.report.html_parts import (
    article_ref,
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
    Record,
    Story,
    date_text,
    record,
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


# --- framing -------------------------------------------------------------------------------------------


def framing_section(story: Story) -> str:
    framing = record(story.evidence, "framing")
    per_article = record(framing, "articles")
    labels = records(framing, "labels")
    if not per_article and not labels:
        return section("framing", "Framing", 0, none_found("No framing analysis is available."))
    rows = "".join(
        _framing_row(story, article_id, record(per_article, article_id)) for article_id in per_article
    )
    head = (
        "<tr><th>Article</th><th>Names the central act</th><th>Loaded language</th><th>Leaves out</th></tr>"
    )
    table = (
        f'<table class="framing"><thead>{head}</thead><tbody>{rows}</tbody></table>'
        if rows
        else none_found("No per-article framing was recorded.")
    )
    intro = (
        "The same facts, told differently: wording of the central act, loaded language, and what is left out."
    )
    return section("framing", "Framing", len(per_article), table + _labels_table(story, labels), intro)


def _framing_row(story: Story, article_id: str, framing: Record) -> str:
    acts = "".join(f'<li dir="auto"><q>{bdi(act)}</q></li>' for act in strings(framing, "central_act"))
    loaded = "".join(
        f'<li><q dir="auto">{bdi(string(span, "text") or "")}</q> '
        f"{badge(string(span, 'technique') or 'unnamed', 'technique')}</li>"
        for span in records(framing, "loaded")
    )
    omits = "".join(
        f"<li>{group_ref(story, g)} {bdi(string(story.group_by_id.get(g), 'summary') or '')}</li>"
        for g in strings(framing, "omits")
    )
    return (
        f"<tr{data_articles([article_id])}><td>{article_ref(story, article_id)}</td>"
        f"<td><ul>{acts}</ul></td><td><ul>{loaded}</ul></td><td><ul>{omits}</ul></td></tr>"
    ).replace("<ul></ul>", NONE_HTML)


def _labels_table(story: Story, labels: list[Record]) -> str:
    if not labels:
        return "<h3>Labels per entity</h3>" + none_found("No descriptive labels were recorded.")
    article_ids = [string(a, "id") or "" for a in story.articles]
    head = "<tr><th>Entity</th>" + "".join(f"<th>{article_ref(story, a)}</th>" for a in article_ids) + "</tr>"
    rows = ""
    for item in labels:
        by_article = record(item, "by_article")
        cells = "".join(
            f"<td>{'; '.join(f'<q>{bdi(label)}</q>' for label in strings(by_article, a)) or NONE_HTML}</td>"
            for a in article_ids
        )
        rows += f"<tr><td>{bdi(story.entity_name(string(item, 'entity')))}</td>{cells}</tr>"
    return (
        f'<h3>Labels per entity</h3><table class="labels"><thead>{head}</thead><tbody>{rows}</tbody></table>'
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

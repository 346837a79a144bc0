"""Sections about the story as a whole: events, the timeline, framing and flags."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
    date_bounds,
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


# --- timeline ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Dated:
    entry: Record
    first: date
    last: date


def timeline_section(story: Story) -> str:
    entries = records(story.evidence, "timeline")
    if not entries:
        return section("timeline", "Timeline", 0, none_found("No dated statements were found."))
    dated, undated = _place(entries)
    body = _axis(story, dated) if dated else ""
    if undated:
        body += (
            "<h3>Dates that could not be read</h3><ul>"
            + "".join(
                f"<li>{esc(string(e, 'date') or 'no date')}: {bdi(string(e, 'summary') or '')}</li>"
                for e in undated
            )
            + "</ul>"
        )
    intro = (
        "Bars cover the whole period a date can mean: a month is a band, a day is a point. "
        "Ranges run to their end date."
    )
    return section("timeline", "Timeline", len(entries), body, intro)


def _place(entries: list[Record]) -> tuple[list[_Dated], list[Record]]:
    dated: list[_Dated] = []
    undated: list[Record] = []
    for entry in entries:
        bounds = date_bounds(string(entry, "date"))
        if bounds is None:
            undated.append(entry)
            continue
        end = date_bounds(string(entry, "end"))
        last = max(bounds[1], end[1]) if end else bounds[1]
        dated.append(_Dated(entry, bounds[0], last))
    dated.sort(key=lambda d: (d.first, d.last))
    return dated, undated


def _axis(story: Story, dated: list[_Dated]) -> str:
    low, high = min(d.first for d in dated), max(d.last for d in dated)
    total = (high - low).days + 1
    ticks = "".join(
        f'<span class="tick" style="left:{_pct(tick, low, total):.2f}%">{esc(label)}</span>'
        for tick, label in _ticks(low, high)
    )
    rows = "".join(_timeline_row(story, d, low, total) for d in dated)
    scale = f'<div class="tl-row tl-scale"><div></div><div class="track">{ticks}</div><div></div></div>'
    return f'<div class="timeline">{scale}{rows}</div>'


def _pct(day: date, low: date, total: int) -> float:
    return (day - low).days / total * 100


def _ticks(low: date, high: date) -> list[tuple[date, str]]:
    """Year ticks for long stories, month ticks for short ones; about six, so labels never collide."""
    if (high - low).days > 730:
        years = list(range(low.year, high.year + 1))
        step = -(-len(years) // 6)
        return [(max(low, date(y, 1, 1)), str(y)) for y in years[::step]]
    months = []
    year, month = low.year, low.month
    while date(year, month, 1) <= high:
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    step = -(-len(months) // 6)
    picked = months[::step]
    return [
        (max(low, m), m.strftime("%b %Y" if i == 0 or m.month <= step else "%b"))
        for i, m in enumerate(picked)
    ]


def _timeline_row(story: Story, dated: _Dated, low: date, total: int) -> str:
    entry = dated.entry
    precision = string(entry, "precision") or "unknown precision"
    left = _pct(dated.first, low, total)
    width = ((dated.last - dated.first).days + 1) / total * 100
    shape = "point" if dated.first == dated.last else "band"
    end = string(entry, "end")
    when = esc(date_text(string(entry, "date"))) + (f" – {esc(date_text(end))}" if end else "")
    disputed = strings(entry, "disputed_by")
    dispute_html = (
        f'<div class="disputed-by">Disputed by {article_refs(story, disputed)}</div>' if disputed else ""
    )
    claims = " ".join(claim_ref(story, c) for c in strings(entry, "claims"))
    return (
        f'<div class="tl-row{" disputed" if disputed else ""}"{data_articles(strings(entry, "articles"))}>'
        f'<div class="tl-date">{when} {badge(precision, "plain")}</div>'
        f'<div class="track"><span class="{shape}" style="left:{left:.2f}%;width:{width:.2f}%"></span></div>'
        f'<div class="tl-what"><span dir="auto">{bdi(string(entry, "summary") or "")}</span>'
        f'<div class="muted">{article_refs(story, strings(entry, "articles"))} {claims}</div>'
        f"{dispute_html}</div></div>"
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

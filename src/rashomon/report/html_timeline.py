"""The timeline view: events on a time axis at their true precision, who supports and who disputes each,
and the temporal flags beside the events they concern.

A day is a point and a month, season or year a band across every day it may mean, so a month is never
drawn as if it were known to the day. Everything from the evidence is escaped (``esc``/``bdi``/``attr``);
the markup loads nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rashomon.report.html_parts import (
    article_refs,
    badge,
    claim_ref,
    data_articles,
    none_found,
    section,
)
from rashomon.report.html_text import bdi, esc
from rashomon.report.view import Record, Story, date_bounds, date_text, records, string, strings


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
        "Ranges run to their end date. Each event lists the articles that report it and those that "
        "dispute it; dates that cannot all be true are flagged beside the event."
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
    flags = records(story.evidence, "flags")
    rows = "".join(_timeline_row(story, d, low, total, _flags_for(d.entry, flags)) for d in dated)
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


def _flags_for(entry: Record, flags: list[Record]) -> list[Record]:
    """The flags naming any of the entry's claims."""
    claims = set(strings(entry, "claims"))
    return [flag for flag in flags if claims & set(strings(flag, "claims"))]


def _flag_notes(flags: list[Record]) -> str:
    return "".join(
        f'<div class="tl-flag">{badge(string(flag, "kind") or "flag", "flag")} '
        f'<span dir="auto">{bdi(string(flag, "message") or "")}</span></div>'
        for flag in flags
    )


def _timeline_row(story: Story, dated: _Dated, low: date, total: int, flags: list[Record]) -> str:
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
    supporters = strings(entry, "articles")
    support = f"Supported by {len(supporters)} article{'s' if len(supporters) != 1 else ''}: "
    return (
        f'<div class="tl-row{" disputed" if disputed else ""}{" flagged" if flags else ""}"'
        f"{data_articles(strings(entry, 'articles'))}>"
        f'<div class="tl-date">{when} {badge(precision, "plain")}</div>'
        f'<div class="track"><span class="{shape}" style="left:{left:.2f}%;width:{width:.2f}%"></span></div>'
        f'<div class="tl-what"><span dir="auto">{bdi(string(entry, "summary") or "")}</span>'
        f'<div class="muted">{support}{article_refs(story, supporters)} {claims}</div>'
        f"{dispute_html}{_flag_notes(flags)}</div></div>"
    )

"""Timeline entries from claim groups: every date a group's claims state, in real calendar terms.

Each claim's dates were normalised by the claims stage against its own article's publication date (an
undated article contributes only absolute dates). Values finer than a day are cut to the day;
quarters, halves and decades are widened to their year; weeks to their month. A month stays a month:
nothing here invents a day.

The stage builds its entries with ``events.py`` (which merges one happening's reports across groups and
dates); ``timeline_entries`` stays as the plain one-entry-per-group-and-date view, and ``calendar_date`` is
shared by both.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence

from rashomon.model import Article, Claim, ClaimGroup, Relation, content_id
from rashomon.model.timeline import TimelineEntry, TimelinePrecision

DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")
MONTH = re.compile(r"^(\d{4}-\d{2})$")
SEASON = re.compile(r"^(\d{4}-(?:SP|SU|FA|WI))$")
YEAR = re.compile(r"^(\d{4})(?:-(?:Q\d|H\d))?$")
WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def calendar_date(value: str) -> tuple[str, TimelinePrecision] | None:
    """A TimeML value as the contract's date and precision, or None (durations, sets, unknown years)."""
    if match := DAY.match(value):
        return match.group(1), "day"
    if match := MONTH.match(value):
        return match.group(1), "month"
    if match := SEASON.match(value):
        return match.group(1), "season"
    if match := WEEK.match(value):
        monday = dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
        return monday.strftime("%Y-%m"), "month"
    if match := YEAR.match(value):
        return match.group(1), "year"
    return None


def timeline_entries(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    groups: Sequence[ClaimGroup],
    relations: Sequence[Relation],
) -> list[TimelineEntry]:
    by_id = {c.id: c for c in claims}
    disputers = _disputing_articles(groups, relations)
    entries = []
    for group in groups:
        dated: dict[tuple[str, TimelinePrecision], list[str]] = defaultdict(list)
        for claim_id in group.claims:
            claim = by_id[claim_id]
            for when in {found for value in claim.dates if (found := calendar_date(value))}:
                dated[when].append(claim_id)
        for (date, precision), claim_ids in dated.items():
            entries.append(
                TimelineEntry(
                    id=content_id("tl", group.id, date),
                    date=date,
                    precision=precision,
                    summary=group.summary,
                    claims=tuple(claim_ids),
                    articles=tuple(dict.fromkeys(by_id[c].article for c in claim_ids)),
                    disputed_by=tuple(sorted(disputers.get(group.id, ()))),
                )
            )
    return sorted(entries, key=lambda e: (e.date, e.id))


def _disputing_articles(groups: Sequence[ClaimGroup], relations: Sequence[Relation]) -> dict[str, set[str]]:
    articles = {g.id: set(g.articles) for g in groups}
    found: dict[str, set[str]] = defaultdict(set)
    for relation in relations:
        if relation.type in ("dispute", "contradict"):
            found[relation.b] |= articles.get(relation.a, set())
    return found

"""The timeline stage: claim dates read in context, undated articles dated, events merged, flags raised.

Order matters: claims are dated against their article's own date; a year-less day takes its year from
the same claim in another article; an article with no date of its own then gets a window inferred from
what it reports (recorded as ``published.source == "inferred"`` with its evidence, never overriding a
page, input or ``--date`` date), and when that window is a month its relative dates are read again
against it. Events and flags come last, from the final dates.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rashomon.model import Article, Claim
from rashomon.pipeline import Advance, BaseStage, Batch
from rashomon.timeline.dating import (
    ClaimDate,
    calendar_values,
    claim_dates_in_context,
    complete_years,
)
from rashomon.timeline.docdate import infer_published
from rashomon.timeline.events import complete_from_events, timeline_events
from rashomon.timeline.flags import temporal_flags


class TimelineStage(BaseStage):
    name: ClassVar[str] = "timeline"
    requires: ClassVar[frozenset[str]] = frozenset({"articles", "claims", "groups", "relations", "entities"})
    produces: ClassVar[frozenset[str]] = frozenset({"articles", "claims", "timeline", "flags"})
    version: ClassVar[str] = "3"  # 3: contest years bound no date; 2: a reported future

    def units(self, batch: Batch) -> int:
        return 1

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        articles, dates = date_story(batch.articles, batch.claims, batch)
        claims = tuple(replace(c, dates=calendar_values(dates.get(c.id, ()))) for c in batch.claims)
        timeline = timeline_events(articles, claims, batch.groups, batch.relations, dates)
        flags = temporal_flags(articles, claims, batch.groups, batch.entities, timeline, dates)
        advance(1)
        return replace(batch, articles=articles, claims=claims, timeline=tuple(timeline), flags=tuple(flags))


def date_story(
    articles: tuple[Article, ...], claims: tuple[Claim, ...], batch: Batch
) -> tuple[tuple[Article, ...], dict[str, tuple[ClaimDate, ...]]]:
    """Articles (undated ones with an inferred window) and every claim's dates in context."""
    dates = complete_years(claim_dates_in_context(articles, claims), batch.groups)
    events = timeline_events(articles, claims, batch.groups, batch.relations, dates)
    dates = complete_from_events(events, dates)
    dated: list[Article] = []
    redo: list[Article] = []
    for article in articles:
        own = [d for c in claims if c.article == article.id for d in dates.get(c.id, ())]
        inferred = infer_published(article, own)
        if inferred is None:
            dated.append(article)
            continue
        updated = replace(article, published=inferred)
        dated.append(updated)
        if inferred.precision == "month":
            redo.append(updated)
    if redo:
        ids = {a.id for a in redo}
        again = claim_dates_in_context(redo, [c for c in claims if c.article in ids])
        dates = complete_years({**dates, **again}, batch.groups)
        events = timeline_events(dated, claims, batch.groups, batch.relations, dates)
        dates = complete_from_events(events, dates)
    return tuple(dated), dates

"""Distinct news events inside a story: articles that rest on the same origin report one event.

Three outlets rewriting one NBC scoop report one event (the scoop); two relaying a memoir report
another. Each article's *dominant origin* is the report, document or person most of its attributed
claims trace to; articles sharing a dominant origin form one event, and an article with none joins
the event whose claim groups it shares most. Public-record facts (the strike itself) belong to every
event and decide nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from rashomon.model import Article, Claim, ClaimGroup, NewsEvent, content_id

OWN_REPORTING = "(own reporting)"
MIN_SHARED_GROUPS = 2  # an origin-less article joins an event only on this much shared content


def find_events(
    articles: Sequence[Article], claims: Sequence[Claim], groups: Sequence[ClaimGroup]
) -> list[NewsEvent]:
    dominant = _dominant_origins(claims, groups)
    members: dict[str, list[str]] = defaultdict(list)
    orphans = []
    for article in articles:
        if article.id in dominant:
            members[dominant[article.id]].append(article.id)
        else:
            orphans.append(article.id)
    for article_id in orphans:
        target = _closest_event(article_id, members, groups)
        members[target or f"{article_id} {OWN_REPORTING}"].append(article_id)
    return [_event(origin, ids, articles, groups) for origin, ids in sorted(members.items())]


def _dominant_origins(claims: Sequence[Claim], groups: Sequence[ClaimGroup]) -> dict[str, str]:
    article_of = {c.id: c.article for c in claims}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for group in groups:
        for origin in group.origins:
            if origin.kind == "public_record" or origin.name.endswith(OWN_REPORTING):
                continue
            for claim_id in origin.claims:
                votes[article_of[claim_id]][origin.name] += 1
    dominant = {}
    for article_id, counter in votes.items():
        (name, count), *rest = [*counter.most_common(2), ("", 0)]
        if count >= 2 and count > rest[0][1]:
            dominant[article_id] = name
    return dominant


def _closest_event(
    article_id: str, members: dict[str, list[str]], groups: Sequence[ClaimGroup]
) -> str | None:
    shared: Counter[str] = Counter()
    for group in groups:
        if article_id in group.articles and len(group.articles) > 1:
            for origin, ids in members.items():
                if any(a in group.articles for a in ids):
                    shared[origin] += 1
    best = shared.most_common(1)
    return best[0][0] if best and best[0][1] >= MIN_SHARED_GROUPS else None


def _event(
    origin: str, ids: list[str], articles: Sequence[Article], groups: Sequence[ClaimGroup]
) -> NewsEvent:
    inside = set(ids)
    own = [g for g in groups if set(g.articles) <= inside]
    lead = max(own, key=lambda g: (len(g.articles), -len(g.summary)), default=None)
    dates = sorted(a.published.value for a in articles if a.id in inside and a.published.value)
    return NewsEvent(
        id=content_id("evt", *sorted(inside)),
        summary=f"{origin}: {lead.summary}" if lead else origin,
        groups=tuple(g.id for g in own),
        articles=tuple(a.id for a in articles if a.id in inside),
        date=dates[0] if dates else None,
    )

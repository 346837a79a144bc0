"""Omissions: the story's claim groups that other articles report and an article leaves out.

Informational bias hides in what is left out (Fan et al. 2019, BASIL: more common than loaded words).
A group counts as covered by an article that carries one of its claims, or a claim of a group related
to it (an article disputing a claim has not left it out). What is left is weighted by how central the
group is to the story: the share of the story's articles that carry it plus the share of the story's
largest origin count it reaches, halved when the group belongs to another event of the story than any
this article reports (leaving out another event's detail is weaker evidence of slant).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rashomon.model import Article, Claim, ClaimGroup, NewsEvent, Relation
from rashomon.model.framing import Omission

OTHER_EVENT_FACTOR = 0.5
MIN_CHECKWORTHINESS = 0.5  # a group counts only if one of its claims is check-worthy (claims/checkworthy.py)


def omissions(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    groups: Sequence[ClaimGroup],
    relations: Sequence[Relation],
    events: Sequence[NewsEvent],
) -> list[Omission]:
    """Every (article, group) omission, heaviest first within each article."""
    if len(articles) < 2:
        return []
    worth = {c.id: c.checkworthiness for c in claims}
    related: dict[str, set[str]] = defaultdict(set)
    for relation in relations:
        related[relation.a].add(relation.b)
        related[relation.b].add(relation.a)
    carried = {g.id: set(g.articles) for g in groups}
    event_of = {g: e.id for e in events for g in e.groups}
    article_events = {a.id: {e.id for e in events if a.id in e.articles} for a in articles}
    top_origins = max((g.independent_origins for g in groups), default=0) or 1
    found = []
    for article in articles:
        for group in groups:
            if not any(worth.get(c, 0.0) >= MIN_CHECKWORTHINESS for c in group.claims):
                continue
            covering = carried[group.id].union(*(carried.get(r, set()) for r in related[group.id]))
            if article.id in covering:
                continue
            weight = len(group.articles) / len(articles) + group.independent_origins / top_origins
            if event_of.get(group.id) not in article_events[article.id]:
                weight *= OTHER_EVENT_FACTOR
            found.append(Omission(article.id, group.id, round(weight, 3), tuple(sorted(group.articles))))
    found.sort(key=lambda o: (o.article, -o.weight, o.group))
    return found

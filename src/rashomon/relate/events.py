"""Distinct news events inside a story: articles that rest on the same origin report one event.

Three outlets rewriting one NBC scoop report one event (the scoop); two relaying a memoir report
another. Each article's *dominant origin* is the report or document most of its attributed claims
trace to (another outlet's report, a book, a leaked memo); articles sharing a dominant origin form one
event, and an article with none joins the event whose claim groups it shares most. People quoted are
sources inside an event, not events: an article quoting a lawyer and one quoting a ministry can report
one arrest. Articles with no dominant origin that share claim groups with each other are one event too
(five outlets' own reporting of one explosion). Public-record facts (the strike itself) belong to every
event and decide nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from rashomon.model import Article, Claim, ClaimGroup, NewsEvent, Relation, content_id
from rashomon.provenance.origins import own_reporting

OWN_REPORTING = "(own reporting)"
# An origin-less article joins an event, or another such article, on one shared claim group.
MIN_SHARED_GROUPS = 1
MAX_PAIRED = 50
EVENT_ORIGINS = frozenset({"report", "document"})  # what can found an event; a person quoted cannot


def find_events(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    groups: Sequence[ClaimGroup],
    relations: Sequence[Relation] = (),
) -> list[NewsEvent]:
    """``relations``: two articles whose claims contradict or dispute each other tell one event too (the
    state outlet's airport arrest against the others' home detention); they count as a shared group."""
    dominant = _dominant_origins(claims, groups)
    by_id = {g.id: g for g in groups}
    # what articles share: the articles of each claim group, and of each contradiction or dispute
    shared = [frozenset(g.articles) for g in groups] + [
        frozenset((*by_id[r.a].articles, *by_id[r.b].articles))
        for r in relations
        if r.type in ("contradict", "dispute") and r.a in by_id and r.b in by_id
    ]
    members: dict[str, list[str]] = defaultdict(list)
    orphans = []
    for article in articles:
        if article.id in dominant:
            members[dominant[article.id]].append(article.id)
        else:
            orphans.append(article.id)
    names = {a.id: own_reporting(a) for a in articles}
    alone = []
    joined: dict[str, int] = defaultdict(int)  # articles that joined an origin's event on their own reporting
    for article_id in orphans:
        target = _closest_event(article_id, members, shared)
        if target:
            members[target].append(article_id)
            joined[target] += 1
        else:
            alone.append(article_id)
    for together in _shared_components(alone, shared):
        members[_own_name([names[a] for a in together])] = together
    by_claim = {c.id: c for c in claims}
    return [
        _event(_with_own(origin, joined[origin]), ids, articles, groups, by_claim)
        for origin, ids in sorted(members.items())
    ]


def _with_own(origin: str, joined: int) -> str:
    """ "The Varrow Herald and own reporting of 4 outlets": an event named after one origin is not only
    that origin's when other outlets' own reporting joined it."""
    if not joined:
        return origin
    return f"{origin} and own reporting of {joined} outlet{'s' if joined > 1 else ''}"


def _own_name(outlets: list[str]) -> str:
    """ "Consumer Watch (own reporting)"; several outlets: "own reporting of 5 outlets (A, B, C, ...)"."""
    if len(outlets) == 1:
        return outlets[0]
    shown = [o.removesuffix(f" {OWN_REPORTING}") for o in outlets[:3]]
    more = ", ..." if len(outlets) > 3 else ""
    return f"own reporting of {len(outlets)} outlets ({', '.join(shown)}{more})"


def _shared_components(ids: list[str], shared: Sequence[frozenset[str]]) -> list[list[str]]:
    """Origin-less articles joined when they share ``MIN_SHARED_GROUPS`` claim groups (one event told by
    each outlet's own reporting); each component in the order the articles came."""
    order = {a: i for i, a in enumerate(ids)}
    pairs: Counter[tuple[str, str]] = Counter()
    for together in shared:
        inside = sorted((a for a in together if a in order), key=order.__getitem__)
        if len(inside) > MAX_PAIRED:
            continue  # a fact every outlet states tells no event apart (and would cost its square)
        for i, a in enumerate(inside):
            for b in inside[i + 1 :]:
                pairs[(a, b)] += 1
    parent = {a: a for a in ids}

    def root(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for (a, b), count in pairs.items():
        if count >= MIN_SHARED_GROUPS:
            parent[root(b)] = root(a)
    components: dict[str, list[str]] = defaultdict(list)
    for a in ids:
        components[root(a)].append(a)
    return list(components.values())


def _dominant_origins(claims: Sequence[Claim], groups: Sequence[ClaimGroup]) -> dict[str, str]:
    article_of = {c.id: c.article for c in claims}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for group in groups:
        for origin in group.origins:
            if origin.kind not in EVENT_ORIGINS or origin.name.endswith(OWN_REPORTING):
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
    article_id: str, members: dict[str, list[str]], shared: Sequence[frozenset[str]]
) -> str | None:
    votes: Counter[str] = Counter()
    for together in shared:
        if article_id in together and len(together) > 1:
            for origin, ids in members.items():
                if any(a in together for a in ids):
                    votes[origin] += 1
    best = votes.most_common(1)
    return best[0][0] if best and best[0][1] >= MIN_SHARED_GROUPS else None


# An event's one line is a claim group that reads as a sentence of what happened: neither a quotation ("Momma,
# look you won", "I'm addicted to spending") nor a fragment ("that's what", "them simply "suspected
# explosive devices"), and of a usual sentence's length.
SUMMARY_WORDS = (6, 40)


def _lead_rank(group: ClaimGroup, members: Sequence[Claim]) -> tuple[bool, int, bool, float, int]:
    """What makes a group its event's one line, in order: it reads as a sentence of its own (no quotation,
    a capital first, ``SUMMARY_WORDS`` long), the most articles tell it, a headline (an outlet's own line
    for the event), the most check-worthy, the most independent origins."""
    words = len(group.summary.split())
    quoted = bool(members) and all(c.quote in ("direct", "mixed") for c in members)
    sentence = (
        not quoted
        and SUMMARY_WORDS[0] <= words <= SUMMARY_WORDS[1]
        and (group.summary[:1].isupper() or group.summary[:1].isdigit())
    )
    headline = any(c.field == "title" for c in members)
    worth = max((c.checkworthiness for c in members), default=0.0)
    return sentence, len(group.articles), headline, round(worth, 1), group.independent_origins


def _event(
    name: str,
    ids: list[str],
    articles: Sequence[Article],
    groups: Sequence[ClaimGroup],
    claims: Mapping[str, Claim],
) -> NewsEvent:
    inside = set(ids)
    own = [g for g in groups if set(g.articles) <= inside]
    lead = max(own, key=lambda g: _lead_rank(g, [claims[c] for c in g.claims if c in claims]), default=None)
    dates = sorted(a.published.value for a in articles if a.id in inside and a.published.value)
    return NewsEvent(
        id=content_id("evt", *sorted(inside)),
        summary=f"{name}: {lead.summary}" if lead else name,
        groups=tuple(g.id for g in own),
        articles=tuple(a.id for a in articles if a.id in inside),
        date=dates[0] if dates else None,
    )

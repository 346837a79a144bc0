"""Public events: a dated event that several articles state in their own voice is one public record.

Why across groups: alignment may put "Soleimani was killed in a drone strike on 3 January 2020" and
"Soleimani ... were assassinated ... near Baghdad airport on January 3, 2020" in different claim
groups (one sentence carries more than the other). Both rest on the same widely witnessed event, and
neither outlet is the other's source, so each should count that one public record, not its own
reporting. Own-voice claims include the background events the claim stage finds inside attributed
sentences ("... for ordering the U.S. drone strike that killed Soleimani in Baghdad on Jan. 3," NBC
reported: see ``claims/background.py``). The rule is narrow on purpose: two own-voice claims (no
attribution, no cited outlet) from different articles (not copies of each other) are the same public
event when they

* state compatible dates, at least one to the day ("2020-01-03" fits "XXXX-01-03" and "2020-01"; two
  days may differ by one, ``DAY_TOLERANCE``, for time zones: "Jan. 2" in Washington is "3 January"
  in Baghdad),
* name at least one entity in common, and
* say similar things: MiniLM cosine ≥ ``EVENT_COSINE`` where vectors exist, else two shared entities.

Candidates meet only inside one calendar-month bucket, so the cost follows the number of dated
own-voice claims per month, not the square of the corpus.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence

import numpy as np

from rashomon.model import Claim, Entity
from rashomon.model.vectors import ClaimVectors

EVENT_COSINE = (
    0.45  # the strike sentences of the example corpus score 0.55-0.7; unrelated same-day claims < 0.3
)
# Days two statements of one event may differ by: outlets date an event in their own time zone (a
# strike at 1 a.m. on 3 January in Baghdad was the evening of 2 January in Washington). Within one
# calendar month only (candidates meet in month buckets): "31 January" and "1 February" do not meet.
DAY_TOLERANCE = 1
BLOCK = 1024  # rows per similarity block: 1024 x n float32 stays small at any corpus size
DATE = re.compile(r"^(\d{4}|XXXX)-(\d{2})(?:-(\d{2}))?$")


def public_events(
    claims: Sequence[Claim],
    entities: Sequence[Entity],
    vectors: ClaimVectors | None = None,
    derived: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Claim id -> the name of the public event it states, for events stated by ≥ 2 independent articles."""
    derived = derived or {}
    eligible = [c for c in claims if c.source_type == "own_voice" and not c.cites and c.field == "text"]
    dated = {c.id: ds for c in eligible if (ds := [d for d in map(_date, c.dates) if d])}
    if len(dated) < 2:
        return {}
    by_id = {c.id: c for c in eligible}
    named = _entities_in(eligible, entities)
    names = {e.id: e.name for e in entities}
    rows = vectors.rows() if vectors is not None else {}
    parent = {cid: cid for cid in dated}
    buckets: dict[str, list[str]] = defaultdict(list)
    for cid, ds in dated.items():
        for month in {d[1] for d in ds}:
            buckets[month].append(cid)
    for members in buckets.values():
        for a, b in _similar_pairs(members, rows, vectors):
            if _same_event(by_id[a], by_id[b], dated, named, rows, vectors, derived):
                parent[_find(parent, a)] = _find(parent, b)
    components: dict[str, list[str]] = defaultdict(list)
    for cid in dated:
        components[_find(parent, cid)].append(cid)
    found: dict[str, str] = {}
    for members in components.values():
        roots = {derived.get(m, by_id[m].article) for m in members}
        if len(roots) >= 2 and any(d[2] for m in members for d in dated[m]):
            name = _name(members, dated, named, names)
            found.update((m, name) for m in members)
    return found


def _date(value: str) -> tuple[str, str, str] | None:
    match = DATE.match(value)
    return (match.group(1), match.group(2), match.group(3) or "") if match else None


def _compatible(a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
    years = a[0] == b[0] or "XXXX" in (a[0], b[0])
    days = not a[2] or not b[2] or abs(int(a[2]) - int(b[2])) <= DAY_TOLERANCE
    return years and a[1] == b[1] and days


def _similar_pairs(
    members: Sequence[str], rows: Mapping[str, int], vectors: ClaimVectors | None
) -> Iterator[tuple[str, str]]:
    """Pairs in one month bucket worth checking: with vectors, only those above the cosine threshold
    (one matrix product per block of rows, so a busy month costs numpy time, not Python loops)."""
    embedded = [m for m in members if vectors is not None and m in rows]
    plain = [m for m in members if m not in set(embedded)]
    if vectors is not None and len(embedded) > 1:
        matrix = vectors.matrix[[rows[m] for m in embedded]]
        for top in range(0, len(embedded), BLOCK):
            sims = matrix[top : top + BLOCK] @ matrix.T
            for i, j in zip(*np.nonzero(sims >= EVENT_COSINE), strict=True):
                if top + int(i) < int(j):
                    yield embedded[top + int(i)], embedded[int(j)]
    for x, a in enumerate(plain):  # claims without a vector meet every other claim of the month
        for b in plain[x + 1 :] + embedded:
            yield a, b


def _same_event(
    a: Claim,
    b: Claim,
    dated: Mapping[str, list[tuple[str, str, str]]],
    named: Mapping[str, set[str]],
    rows: Mapping[str, int],
    vectors: ClaimVectors | None,
    derived: Mapping[str, str],
) -> bool:
    if a.article == b.article or derived.get(a.id) == b.article or derived.get(b.id) == a.article:
        return False
    if not any(_compatible(x, y) and (x[2] or y[2]) for x in dated[a.id] for y in dated[b.id]):
        return False
    shared = named.get(a.id, set()) & named.get(b.id, set())
    if vectors is not None and a.id in rows and b.id in rows:
        cosine = float(vectors.matrix[rows[a.id]] @ vectors.matrix[rows[b.id]])
        return bool(shared) and cosine >= EVENT_COSINE
    return len(shared) >= 2


def _entities_in(claims: Sequence[Claim], entities: Sequence[Entity]) -> dict[str, set[str]]:
    """Entity ids mentioned inside each claim's span (mentions sorted per article, found by bisection)."""
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for entity in entities:
        for mention in entity.mentions:
            spans[mention.article].append((mention.start, mention.end, entity.id))
    for found in spans.values():
        found.sort()
    inside: dict[str, set[str]] = {}
    for claim in claims:
        mentions = spans.get(claim.article, [])
        k = bisect_left(mentions, (claim.start, -1, ""))
        ids = set()
        while k < len(mentions) and mentions[k][0] < claim.end:
            if mentions[k][1] <= claim.end:
                ids.add(mentions[k][2])
            k += 1
        inside[claim.id] = ids
    return inside


def _find(parent: dict[str, str], item: str) -> str:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def _name(
    members: Sequence[str],
    dated: Mapping[str, list[tuple[str, str, str]]],
    named: Mapping[str, set[str]],
    names: Mapping[str, str],
) -> str:
    """ "public event of 2020-01-03 (Qassem Soleimani)": the fullest date and the most shared entity."""
    dates = [d for m in members for d in dated[m]]
    best = max(dates, key=lambda d: (bool(d[2]), d[0] != "XXXX"))
    year = next((d[0] for d in dates if d[0] != "XXXX" and d[1] == best[1]), best[0])
    date = "-".join(p for p in (year, best[1], best[2]) if p)
    counts = Counter(e for m in members for e in named.get(m, set()))
    top = sorted(counts.items(), key=lambda item: (-item[1], names[item[0]]))
    entity = f" ({names[top[0][0]]})" if top else ""
    return f"public event of {date}{entity}"

"""Timeline events: dated claim groups, with the same happening merged across dates and wordings.

Each group's claims give candidate dates (a claim's own dates, read in its article's context). Two
candidates are one event when their dates are compatible — equal, a day apart (3 January in Baghdad is
2 January in Washington), or one inside the other (August 2020 inside 2020) — and their wording shares
enough content words. A merged event takes the finest date most of its articles support; the other
dates stay in its summary. Year-less days join a dated event the same way or are dropped: nothing here
invents a year.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from rashomon.model import Article, Claim, ClaimGroup, Relation, content_id
from rashomon.model.timeline import TimelineEntry, TimelinePrecision
from rashomon.timeline.dating import ClaimDate
from rashomon.timeline.entries import calendar_date

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")
_STOP = frozenset(
    """that this with from have been were will would their there they them than then what when which while
    about after before into over said says according also more most some such only other just year years
    month months week weeks days""".split()
)
_YEARLESS = re.compile(r"^XXXX-(\d{2})-(\d{2})")
# Share of content-word stems two candidates must have in common (Jaccard) to be one event. On the example
# corpus 0.2 joins the strike's five reports and keeps the June order apart from the January strike.
SIMILARITY = 0.2
# On the same day (or the next), sharing this many content-word stems is enough.
SAME_DAY_SHARED = 2


@dataclass(slots=True)
class _Candidate:
    date: str  # contract date: "YYYY", "YYYY-MM", "YYYY-MM-DD", "YYYY-SP"; or "XXXX-MM-DD" before merging
    precision: TimelinePrecision
    claims: list[str]
    groups: list[str]
    summary: str
    stems: set[str] = field(default_factory=set)
    dates: Counter[str] = field(default_factory=Counter)  # date -> articles giving it
    articles: set[str] = field(default_factory=set)
    summaries: list[tuple[str, int, str]] = field(default_factory=list)  # (date, articles, words)


def stems(text: str) -> set[str]:
    return {w.lower()[:5] for w in _WORD.findall(text) if w.lower() not in _STOP}


def timeline_events(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    groups: Sequence[ClaimGroup],
    relations: Sequence[Relation],
    dates: Mapping[str, tuple[ClaimDate, ...]],
) -> list[TimelineEntry]:
    by_id = {c.id: c for c in claims}
    candidates = _candidates(groups, by_id, dates)
    merged = _merge(candidates, by_id)
    disputers = _disputing_articles(groups, relations)
    entries = []
    for event in merged:
        if event.date.startswith("XXXX"):
            continue
        article_ids = tuple(dict.fromkeys(by_id[c].article for c in event.claims))
        disputed = set().union(*(disputers.get(g, set()) for g in event.groups)) - set(article_ids)
        entries.append(
            TimelineEntry(
                id=content_id("tl", *sorted(event.groups), event.date),
                date=event.date,
                precision=event.precision,
                summary=_summary(event),
                claims=tuple(event.claims),
                articles=article_ids,
                disputed_by=tuple(sorted(disputed)),
            )
        )
    return sorted(entries, key=lambda e: (e.date, e.id))


def _candidates(
    groups: Sequence[ClaimGroup], by_id: Mapping[str, Claim], dates: Mapping[str, tuple[ClaimDate, ...]]
) -> list[_Candidate]:
    found = []
    for group in groups:
        dated: dict[tuple[str, TimelinePrecision], list[str]] = defaultdict(list)
        for claim_id in group.claims:
            for value in {d.value for d in dates.get(claim_id, ())}:
                when = calendar_date(value) or _yearless(value)
                if when is not None:
                    dated[when].append(claim_id)
        for (date, precision), claim_ids in dated.items():
            # a date found in the claim's frame brings its sentence's words: they say what happened then
            contexts = {d.context for c in claim_ids for d in dates.get(c, ()) if d.context}
            texts = " ".join([*(by_id[c].text for c in claim_ids if c in by_id), *contexts])
            articles = {by_id[c].article for c in claim_ids if c in by_id}
            found.append(
                _Candidate(
                    date,
                    precision,
                    list(claim_ids),
                    [group.id],
                    _first_text(claim_ids, by_id) or group.summary,
                    stems(texts),
                    Counter({date: len(articles)}),
                    set(articles),
                    [(date, len(articles), _first_text(claim_ids, by_id) or group.summary)],
                )
            )
    return found


def _first_text(claim_ids: list[str], by_id: Mapping[str, Claim]) -> str:
    """The entry's words: the claim that states the date, not the group's summary (which may be another
    article's claim with another date)."""
    return next((by_id[c].text for c in claim_ids if c in by_id), "")


def _yearless(value: str) -> tuple[str, TimelinePrecision] | None:
    match = _YEARLESS.match(value)
    return (f"XXXX-{match.group(1)}-{match.group(2)}", "day") if match else None


def _merge(candidates: list[_Candidate], by_id: Mapping[str, Claim]) -> list[_Candidate]:
    """Greedy single-link merging, most-supported candidates first so they choose the date."""
    ordered = sorted(candidates, key=lambda c: (-sum(c.dates.values()), _rank(c.precision), c.date))
    events: list[_Candidate] = []
    for candidate in ordered:
        target = next((e for e in events if _same_event(e, candidate)), None)
        if target is None:
            events.append(candidate)
            continue
        target.claims.extend(c for c in candidate.claims if c not in target.claims)
        target.groups.extend(g for g in candidate.groups if g not in target.groups)
        target.stems |= candidate.stems
        target.dates.update(candidate.dates)
        target.articles |= candidate.articles
        target.summaries.extend(candidate.summaries)
        target.date, target.precision = _best_date(target)
        target.summary = _best_summary(target)
    return events


def _same_event(a: _Candidate, b: _Candidate) -> bool:
    if not _compatible(a.date, b.date):
        return False
    if a.date != b.date and a.articles & b.articles:
        return False  # one article giving two dates tells two happenings (the claim, then the remark)
    shared = len(a.stems & b.stems)
    if len(a.date) == 10 and len(b.date) == 10 and shared >= SAME_DAY_SHARED:
        return True  # reports of one day that share a salient word ("strike") tell one happening
    union = a.stems | b.stems
    return bool(union) and shared / len(union) >= SIMILARITY


def _compatible(a: str, b: str) -> bool:
    """Equal, a day apart, or one period inside the other; a year-less day matches any year's same day."""
    if a.startswith("XXXX") or b.startswith("XXXX"):
        # a year-less day fits the same day (or the next) of any year, and any year given alone
        return _near_day(a, b, ignore_year=True) or len(a) == 4 or len(b) == 4
    if a.startswith(b) or b.startswith(a):
        return True
    return _near_day(a, b, ignore_year=False)


def _near_day(a: str, b: str, *, ignore_year: bool) -> bool:
    if len(a) != 10 or len(b) != 10:
        return False
    if ignore_year:
        a, b = "2000" + a[4:], "2000" + b[4:]
    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) <= 1
    except ValueError:
        return False


def _rank(precision: str) -> int:
    return {"day": 0, "month": 1, "season": 2, "year": 3}.get(precision, 4)


def _best_date(event: _Candidate) -> tuple[str, TimelinePrecision]:
    """The finest dated value, most articles first (a tie goes to the earlier date)."""
    dated = [d for d in event.dates if not d.startswith("XXXX")]
    if not dated:
        return event.date, event.precision
    precision_of: dict[int, TimelinePrecision] = {10: "day", 7: "month", 4: "year"}
    best = min(dated, key=lambda d: (_rank(precision_of.get(len(d), "season")), -event.dates[d], d))
    yearless = sorted(d for d in event.dates if d.startswith("XXXX"))
    if len(best) == 4 and yearless:
        # one report gives the year ("before the 2020 election"), another the day ("on August 20")
        return best + yearless[0][4:], "day"
    return best, precision_of.get(len(best), "season")


def _best_summary(event: _Candidate) -> str:
    """The words most central to the merged reports (most content words shared with the others), among
    those that give the event's own date; the shorter on a tie."""
    own = [s for s in event.summaries if s[0] == event.date] or event.summaries
    if not own:
        return event.summary
    words = [stems(s[2]) for s in event.summaries]

    def centrality(text: str) -> int:
        mine = stems(text)
        return sum(len(mine & other) for other in words) - len(mine)

    return min(own, key=lambda s: (-centrality(s[2]), len(s[2])))[2]


def _summary(event: _Candidate) -> str:
    others = sorted(
        d for d in event.dates if d != event.date and len(d) >= len(event.date) and not d.startswith("XXXX")
    )
    if not others:
        return event.summary
    return f"{event.summary} (also dated {', '.join(others)} by other reports)"


def _disputing_articles(groups: Sequence[ClaimGroup], relations: Sequence[Relation]) -> dict[str, set[str]]:
    articles = {g.id: set(g.articles) for g in groups}
    found: dict[str, set[str]] = defaultdict(set)
    for relation in relations:
        if relation.type in ("dispute", "contradict"):
            found[relation.b] |= articles.get(relation.a, set())
            found[relation.a] |= articles.get(relation.b, set())
    return found


def complete_from_events(
    entries: Sequence[TimelineEntry], dates: Mapping[str, tuple[ClaimDate, ...]]
) -> dict[str, tuple[ClaimDate, ...]]:
    """Year-less days in an event's claims take the event's year ("Jan. 2" in an event on 2020-01-03)."""
    completed = dict(dates)
    for entry in entries:
        if entry.precision != "day":
            continue
        for claim_id in entry.claims:
            completed[claim_id] = tuple(
                # the year is now one another report states, not a guess from this article's date
                replace(d, value=entry.date[:4] + d.value[4:10], relative=False)
                if d.value.startswith("XXXX") and _near_day(d.value[:10], entry.date, ignore_year=True)
                else d
                for d in completed.get(claim_id, ())
            )
    return completed

"""A publication date inferred from the text, for articles that carry none: a window, how sure, and why.

An article is published on or after the latest thing it reports as past. That gives a lower bound, never
a day: the value is the bound's month when the text speaks of it as recent ("earlier this month", "this
week", "days ago", "yesterday") and its year otherwise. Dates in future clauses ("will", "forthcoming",
"due next week") are events still to come and bound nothing. The evidence string says which words were
used and how sure the inference is; a page's, the input's or the user's date always wins over this.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rashomon.model import Article, PublishedDate
from rashomon.timeline.dating import ClaimDate
from rashomon.timeline.timex import Timex, find_timexes, is_future_at

_RECENT = re.compile(
    r"\b(?:earlier|later)\s+this\s+(?:month|week)|\bthis\s+(?:week|month)\b|\blast\s+week\b|\b(?:few|two|three|"
    r"several|\d+)\s+days\s+ago\b|\byesterday\b|\bon\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)\b",
    re.IGNORECASE,
)
# A year naming a contest, not dating something past: "his 2016 White House bid", "running for president
# in 2016", "the 2022 World Cup". Stories often run the year before such a year, so it bounds nothing.
_CONTEST_AFTER = re.compile(
    r"\s+(?:(?:presidential|general|midterm|primary|republican|democratic|white house|olympic|world cup)\s+)*"
    r"(?:elections?|race|campaign|bid|run|nomination|primary|primaries|cycle|ticket|olympics|games|"
    r"world cup)\b",
    re.IGNORECASE,
)
_CONTEST_BEFORE = re.compile(
    r"\b(?:run(?:s|ning)?|ran|bid|candidacy|campaign(?:s|ing)?)\s+"
    r"(?:for\s+(?:the\s+)?[\w ]{2,30}?\s+)?in\s+$",
    re.IGNORECASE,
)
_DAY_OR_MONTH = re.compile(r"^\d{4}-\d{2}")
_YEAR = re.compile(r"^\d{4}")


def infer_published(article: Article, claim_dates: Iterable[ClaimDate] = ()) -> PublishedDate | None:
    """A date window for an undated article, or None when its text names no past date with a year.

    ``claim_dates`` are its claims' dates after completion from other articles (a "Jan. 3" known to be
    2020-01-03 because another outlet said so)."""
    if article.published.known:
        return None
    candidates = _past_dates(article.text, find_timexes(article.text, None))
    candidates.extend((d.value, d.text) for d in claim_dates if _YEAR.match(d.value) and not d.relative)
    if not candidates:
        return None
    latest_value, latest_text = max(candidates, key=lambda item: _end_key(item[0]))
    recent = _RECENT.search(article.text)
    if recent and _DAY_OR_MONTH.match(latest_value):
        value = latest_value[:7]
        evidence = (
            f"inferred, medium confidence: on or after {latest_value[:10]}, the latest date it reports "
            "as past "
            f"('{latest_text}'), and it calls events recent ('{recent.group(0)}'), so probably that month"
        )
        return PublishedDate(value=value, precision="month", source="inferred", evidence=evidence)
    evidence = (
        f"inferred, low confidence: on or after {latest_value[:10]}, the latest date it reports as past "
        f"('{latest_text}'); the year is a lower bound"
    )
    return PublishedDate(value=latest_value[:4], precision="year", source="inferred", evidence=evidence)


def _past_dates(text: str, timexes: Sequence[Timex]) -> list[tuple[str, str]]:
    found = []
    for timex in timexes:
        if timex.type not in ("DATE", "TIME") or not timex.value or not _YEAR.match(timex.value):
            continue
        if is_future_at(text, timex.start) or _contest_year(text, timex):
            continue
        found.append((timex.value, timex.text))
    return found


def _end_key(value: str) -> str:
    """Sort key by where the period ends: "2020" ends after "2020-01-03"."""
    return value[:10] + "~" if len(value) < 10 else value[:10]


def _contest_year(text: str, timex: Timex) -> bool:
    """Whether a bare year names a contest ("the 2016 election", "running for president in 2016")."""
    if not re.fullmatch(r"\d{4}", timex.value or ""):
        return False
    return bool(
        _CONTEST_AFTER.match(text, timex.end)
        or _CONTEST_BEFORE.search(text, max(timex.start - 60, 0), timex.start)
    )

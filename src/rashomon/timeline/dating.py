"""Claim dates read in their article's context, and years completed from the same claim elsewhere.

The claims stage dates each claim from its own text. Here the whole article is read once, so "that day"
or "the evening before" resolve against what the article said earlier, and each claim keeps the dates
inside its span. A day-month without a year in an undated article ("on Jan. 3") stays unknown unless
another article's version of the same claim (its group) names that day with a year: "Jan. 3" beside
"January 3, 2020" is 2020-01-03. Nothing else invents a year.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rashomon.model import Article, Claim, ClaimGroup
from rashomon.timeline.timex import Timex, find_timexes

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEARLESS = re.compile(r"^XXXX-(\d{2})-(\d{2})$")


@dataclass(frozen=True, slots=True)
class ClaimDate:
    """One date a claim states: its TimeML value, whether it was read relative to the article's date,
    the words that said it, and where it was found: "claim" (inside the span), "frame" (elsewhere in
    the claim's sentence: "Milley told him on August 20 that ...") or "speech" (the date of the
    statement a quote continues: "..." Esper said Sunday. "...")."""

    value: str
    relative: bool
    text: str
    source: str = "claim"
    context: str = ""  # the sentence a frame or speech date came from


# A reporting verb right before a date: the date the words were said ("said Sunday", "told CBS on Monday").
_SPEECH_DATE = re.compile(
    r"\b(?:said|says|told|stated|wrote|added|explained|argued|insisted|noted|acknowledged)"
    r"(?:\s+(?:on|in|at)\s+[^\s,.]+(?:\s+[^\s,.]+)?)?\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_QUOTE_OPEN = ("\u201c", '"', "\u2018", "'")


def article_timexes(article: Article) -> dict[str, list[Timex]]:
    """The article's temporal expressions, body and title, resolved against its publication date."""
    anchor = article.published.value
    return {
        "text": find_timexes(article.text, anchor),
        "title": find_timexes(article.title or "", anchor),
    }


def claim_dates_in_context(
    articles: Sequence[Article], claims: Sequence[Claim]
) -> dict[str, tuple[ClaimDate, ...]]:
    """For each claim, the dates inside its span, read with the whole article as context; failing
    those, the dates of its sentence's frame; failing those, the date a continued quote was said."""
    by_article = {a.id: (a, article_timexes(a)) for a in articles}
    found: dict[str, tuple[ClaimDate, ...]] = {}
    for claim in claims:
        article, all_timexes = by_article.get(claim.article, (None, {}))
        timexes = [t for t in all_timexes.get(claim.field, []) if t.type in ("DATE", "TIME") and t.value]
        inside = [
            ClaimDate(t.value or "", t.anchored, t.text)
            for t in timexes
            if claim.start <= t.start and t.end <= claim.end
        ]
        if inside or article is None or claim.field != "text":
            found[claim.id] = tuple(inside)
            continue
        found[claim.id] = tuple(
            _frame_dates(article.text, claim, timexes) or _speech_dates(article.text, claim, timexes)
        )
    return found


# A sentence ends at a stop (closing quotes or brackets may follow) before a capital or an opening quote,
# or at a line break; "Jan. 2" and "U.S. forces" do not end one.
_BOUNDARY = re.compile(r"[.!?][\"'\u2019\u201d)\]]*\s+(?=[A-Z\"'`(\u201c\u2018])|\n")


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) around a span."""
    bounds = _boundaries(text)
    before, after = bisect_right(bounds, start) - 1, bisect_left(bounds, end)
    return bounds[max(before, 0)], bounds[after] if after < len(bounds) else len(text)


@lru_cache(maxsize=64)  # asked once per claim of the article
def _boundaries(text: str) -> tuple[int, ...]:
    """0, every sentence boundary, and the text's end, ascending."""
    return (0, *(m.end() for m in _BOUNDARY.finditer(text)), len(text))


def _frame_dates(text: str, claim: Claim, timexes: Sequence[Timex]) -> list[ClaimDate]:
    left, right = _sentence_span(text, claim.start, claim.end)
    sentence = text[left:right].strip()
    return [
        ClaimDate(t.value or "", t.anchored, t.text, "frame", sentence)
        for t in timexes
        if left <= t.start
        and t.end <= right
        and not (claim.start <= t.start < claim.end)
        and t.type == "DATE"
    ]


def _speech_dates(text: str, claim: Claim, timexes: Sequence[Timex]) -> list[ClaimDate]:
    """A quote continued from the sentence before, in the same paragraph, takes that sentence's date of
    speaking: "'...,' Esper said Sunday on 'Face the Nation.' 'I didn't see one ...'"."""
    opening = text[max(0, claim.start - 1) : claim.start + 1]
    if not any(mark in opening for mark in _QUOTE_OPEN):
        return []
    # the sentence before, within the paragraph (a quote does not continue across paragraphs)
    paragraph = text.rfind("\n", 0, claim.start) + 1
    before_start = max(paragraph, claim.start - 300)
    found = []
    for t in timexes:
        if (
            before_start <= t.start < claim.start
            and t.type == "DATE"
            and _SPEECH_DATE.search(text[max(0, t.start - 40) : t.start])
        ):
            found.append(
                ClaimDate(
                    t.value or "", t.anchored, t.text, "speech", text[before_start : claim.start].strip()
                )
            )
    return found


def complete_years(
    dates: dict[str, tuple[ClaimDate, ...]], groups: Iterable[ClaimGroup]
) -> dict[str, tuple[ClaimDate, ...]]:
    """Year-less days ("XXXX-01-03") take the year of a same-group claim naming that day, or the day
    next to it (a day's difference is time zones: 3 January in Baghdad is 2 January in Washington)."""
    completed = dict(dates)
    for group in groups:
        full = [
            d.value for claim_id in group.claims for d in dates.get(claim_id, ()) if _DAY.match(d.value[:10])
        ]
        if not full:
            continue
        for claim_id in group.claims:
            completed[claim_id] = tuple(_complete(d, full) for d in dates.get(claim_id, ()))
    return completed


def _complete(date: ClaimDate, full: list[str]) -> ClaimDate:
    match = _YEARLESS.match(date.value[:10])
    if not match:
        return date
    month, day = int(match.group(1)), int(match.group(2))
    for value in full:
        year = int(value[:4])
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if abs((candidate - dt.date.fromisoformat(value[:10])).days) <= 1:
            return replace(date, value=candidate.isoformat(), relative=False)
    return date


def calendar_values(dates: Iterable[ClaimDate]) -> tuple[str, ...]:
    """The dated values (a year known), sorted and unique, as ``Claim.dates`` holds them."""
    return tuple(sorted({d.value for d in dates if re.match(r"^\d{4}", d.value)}))

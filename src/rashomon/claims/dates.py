"""The dates a claim states, normalised once, where the claim is made, for every later stage."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rashomon.timeline.timex import find_timexes


def claim_dates(text: str, doc_date: str | None) -> tuple[str, ...]:
    """TimeML DATE values in a claim, resolved against its article's date (None: absolute dates only)."""
    return tuple(sorted({t.value for t in find_timexes(text, doc_date) if t.value and t.type == "DATE"}))


@lru_cache(maxsize=256)
def article_dates(text: str, doc_date: str | None) -> tuple[tuple[int, int, str], ...]:
    """The article's DATE expressions as (start, end, value), read over the whole text, so that "later that
    day" is the day the article named before it, not its publication date. Kept for the last articles: the
    claims stage and the alignment's mentions (align, relate) read the same articles."""
    return tuple(
        (t.start, t.end, t.value) for t in find_timexes(text, doc_date) if t.value and t.type == "DATE"
    )


def dates_within(dates: Sequence[tuple[int, int, str]], start: int, end: int) -> tuple[str, ...]:
    """The values of the article's date expressions inside ``[start, end)``."""
    return tuple(sorted({value for s, e, value in dates if start <= s and e <= end}))

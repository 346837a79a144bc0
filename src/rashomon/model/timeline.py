"""Timeline entries: dated claim groups, with the precision the text supports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TimelinePrecision = Literal["day", "month", "season", "year"]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    id: str
    date: str  # "YYYY[-MM[-DD]]" or a TimeML season "YYYY-SP|SU|FA|WI"
    precision: TimelinePrecision
    summary: str
    claims: tuple[str, ...]
    articles: tuple[str, ...]
    disputed_by: tuple[str, ...] = ()
    end: str | None = None

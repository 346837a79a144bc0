"""Calendar arithmetic on the document date, and TimeML value strings at a given precision."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rashomon.timeline.lexicon import HOLIDAYS_FIXED, HOLIDAYS_WEEKDAY

_ANCHOR = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class Anchor:
    """The document date and how much of it is known ("2020-01" knows the month, not the day)."""

    date: dt.date
    precision: str  # day | month | year

    def knows(self, precision: str) -> bool:
        order = {"year": 0, "season": 1, "quarter": 1, "month": 1, "week": 2, "day": 2, "time": 2}
        mine = {"year": 0, "month": 1, "day": 2}[self.precision]
        return order.get(precision, 0) <= mine


def parse_anchor(value: str | None) -> Anchor | None:
    """``YYYY[-MM[-DD]]`` (a time suffix is ignored) as an Anchor; None when absent or unreadable."""
    match = _ANCHOR.match(value or "")
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        date = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return Anchor(date, "day" if day else "month" if month else "year")


def day(date: dt.date) -> str:
    return date.isoformat()


def month(year: int, month_number: int) -> str:
    return f"{year:04d}-{month_number:02d}"


def week(date: dt.date) -> str:
    iso = date.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def quarter_of(date: dt.date) -> int:
    return (date.month - 1) // 3 + 1


def shift_months(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def shift(date: dt.date, amount: int, unit: str) -> dt.date:
    """The date ``amount`` units away (negative: earlier); months and years land on the 1st."""
    if unit == "day":
        return date + dt.timedelta(days=amount)
    if unit in ("week", "weekend"):
        return date + dt.timedelta(weeks=amount)
    if unit == "month":
        return shift_months(date, amount)
    if unit == "quarter":
        return shift_months(date, 3 * amount)
    if unit == "year":
        return dt.date(date.year + amount, 1, 1)
    if unit == "decade":
        return dt.date(date.year + 10 * amount, 1, 1)
    if unit == "century":
        return dt.date(date.year + 100 * amount, 1, 1)
    raise ValueError(unit)


def value_at(date: dt.date, unit: str) -> tuple[str, str]:
    """(TimeML value, precision) of the period of granularity ``unit`` that contains ``date``."""
    if unit == "day":
        return day(date), "day"
    if unit == "week":
        return week(date), "week"
    if unit == "weekend":
        return week(date) + "-WE", "week"
    if unit == "month":
        return month(date.year, date.month), "month"
    if unit == "quarter":
        return f"{date.year:04d}-Q{quarter_of(date)}", "quarter"
    if unit == "decade":
        return f"{date.year // 10:03d}", "decade"
    if unit == "century":
        return f"{date.year // 100:02d}", "century"
    return f"{date.year:04d}", "year"


def nearest_weekday(anchor: dt.date, weekday: int, direction: int) -> dt.date:
    """The weekday on or before (direction -1) or on or after (+1) the anchor."""
    delta = (anchor.weekday() - weekday) % 7
    if direction < 0:
        return anchor - dt.timedelta(days=delta)
    return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)


def safe_date(year: int, month_number: int, day_number: int) -> dt.date | None:
    try:
        return dt.date(year, month_number, day_number)
    except ValueError:
        return None


def closest_year(anchor: dt.date, month_number: int, day_number: int, direction: int) -> int:
    """The year putting month/day nearest the anchor; a tie or a future tense leans ``direction``."""
    best: tuple[int, int] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        date = safe_date(year, month_number, day_number) or safe_date(year, month_number, 28)
        if date is None:
            continue
        gap = (date - anchor).days
        # Past-tense news reports recent days: a date more than a week ahead is last year's, not next.
        cost = (
            abs(gap) + (200 if direction < 0 and gap > 7 else 0) + (200 if direction > 0 and gap < 0 else 0)
        )
        if best is None or cost < best[0]:
            best = (cost, year)
    return best[1] if best else anchor.year


def holiday(name: str, year: int) -> dt.date | None:
    key = re.sub(r"\s+", " ", name.lower())
    if key in HOLIDAYS_FIXED:
        month_number, day_number = HOLIDAYS_FIXED[key]
        return dt.date(year, month_number, day_number)
    if key in HOLIDAYS_WEEKDAY:
        month_number, weekday, nth = HOLIDAYS_WEEKDAY[key]
        if nth > 0:
            first = nearest_weekday(dt.date(year, month_number, 1), weekday, 1)
            return first + dt.timedelta(weeks=nth - 1)
        last = shift_months(dt.date(year, month_number, 1), 1) - dt.timedelta(days=1)
        return nearest_weekday(last, weekday, -1)
    if key in ("easter", "easter sunday"):
        return easter(year)
    return None


def easter(year: int) -> dt.date:
    """Western Easter (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month_number = (h + ell - 7 * m + 114) // 31
    day_number = (h + ell - 7 * m + 114) % 31 + 1
    return dt.date(year, month_number, day_number)

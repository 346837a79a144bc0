"""dateparser as a fallback for date spans the rules do not explain (spaCy DATE entities).

dateparser is slow (about 1 ms a call) and loads lazily, so it only ever sees the few spans handed to it.
Its ``period`` (day, week, month, year) becomes the precision, and the value is cut to it: a day that the
text does not give is never invented.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rashomon.timeline.calendar import parse_anchor, value_at
from rashomon.timeline.grammar import Reading


@lru_cache(maxsize=8)
def _parser(doc_date: str | None) -> Any:
    try:
        import datetime as dt

        from dateparser.date import DateDataParser
    except ImportError:  # an optional dependency: without it the rules alone run
        return None
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
    anchor = parse_anchor(doc_date)
    if anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime(anchor.date.year, anchor.date.month, anchor.date.day)
    return DateDataParser(languages=["en"], settings=settings)


def parse_with_dateparser(span: str, doc_date: str | None) -> Reading | None:
    parser = _parser(doc_date)
    if parser is None or not span.strip() or not any(char.isalnum() for char in span):
        return None
    try:
        data = parser.get_date_data(span)
    except Exception:  # dateparser raises assorted errors on odd input; a miss is the right answer
        return None
    if data is None or data.date_obj is None:
        return None
    period = data.period if data.period in ("day", "week", "month", "year") else "day"
    if period == "time":
        period = "day"
    value, precision = value_at(data.date_obj.date(), period)
    return Reading("DATE", value, precision, anchored=parse_anchor(doc_date) is not None)

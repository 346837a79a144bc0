"""Rules for calendar expressions: "Jan. 3, 2020", "June", "1998", "the 1990s", "Christmas", "10:35 a.m."."""

from __future__ import annotations

import re

from rashomon.timeline import calendar as cal
from rashomon.timeline.grammar import DAY, MOD, MON, WEEKDAY, YEAR, Context, Reading, Rule, compile_rule
from rashomon.timeline.lexicon import AMBIGUOUS_MONTHS, MONTHS, WEEKDAYS


def _month_number(match: re.Match[str]) -> int | None:
    """The month of the match's ``mon`` group; lower-case "may"/"march" are words, not months."""
    word = match.group("mon")
    if word.lower() in AMBIGUOUS_MONTHS and not word[0].isupper():
        return None
    return MONTHS[word.lower()]


_FULL_MONTHS = frozenset(name for name in MONTHS if len(name) > 3 or name == "may") - {"sept"}


def _direction(ctx: Context) -> int:
    return 1 if ctx.future else -1


def month_day(match: re.Match[str], ctx: Context) -> Reading | None:
    month_number = _month_number(match)
    day_number = int(match.group("day"))
    if month_number is None or not 1 <= day_number <= 31:
        return None
    if match.group("year"):
        year = int(match.group("year"))
    elif ctx.anchor is not None and ctx.anchor.precision == "year":
        year = ctx.anchor.date.year  # the anchor knows its year only: no nearer or farther day to weigh
    elif ctx.anchor is not None:
        year = cal.closest_year(ctx.anchor.date, month_number, day_number, _direction(ctx))
    else:
        return Reading("DATE", f"XXXX-{month_number:02d}-{day_number:02d}", "day")
    date = cal.safe_date(year, month_number, day_number)
    if date is None:
        return None
    return Reading("DATE", cal.day(date), "day", anchored=not match.group("year"))


def month_year(match: re.Match[str], ctx: Context) -> Reading | None:
    month_number = _month_number(match)
    if month_number is None:
        return None
    return Reading("DATE", cal.month(int(match.group("year")), month_number), "month")


def bare_month(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "June", "last November", "July last year": the most recent one unless the text speaks ahead."""
    month_number = _month_number(match)
    word = match.group("mon")
    if month_number is None or not word[0].isupper() or word.lower() not in _FULL_MONTHS:
        return None  # an abbreviation alone ("Jan") is a name more often than a month
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-{month_number:02d}", "month")
    year = ctx.anchor.date.year
    rel = (match.group("rel") or "").lower()
    year_rel = (match.group("yrel") or "").lower()
    if year_rel:
        year += {"last": -1, "next": 1}.get(year_rel, 0)
    elif rel in ("last", "this past", "past"):
        year -= month_number >= ctx.anchor.date.month
    elif rel in ("next", "this coming", "coming"):
        year += month_number <= ctx.anchor.date.month
    elif rel != "this":
        ahead = month_number > ctx.anchor.date.month
        year -= ahead and not ctx.future
        year += (not ahead) and ctx.future and month_number < ctx.anchor.date.month
    return Reading("DATE", cal.month(year, month_number), "month", anchored=True)


def year_only(match: re.Match[str], ctx: Context) -> Reading | None:
    before = match.string[max(0, match.start() - 2) : match.start()]
    if "$" in before or "#" in before:
        return None  # a price or a number, not a year
    return Reading("DATE", match.group("year"), "year")


def decade(match: re.Match[str], ctx: Context) -> Reading | None:
    if match.group("century"):
        return Reading("DATE", match.group("century") + match.group("decade"), "decade")
    # "the '90s": the century of the document date, or the 1900s
    century = "19" if ctx.anchor is None or ctx.anchor.date.year < 2010 else "20"
    return Reading("DATE", century + match.group("short"), "decade", anchored=ctx.anchor is not None)


def century(match: re.Match[str], ctx: Context) -> Reading | None:
    number = int(match.group("nth"))
    return Reading("DATE", f"{number - 1:02d}", "century") if 1 <= number <= 22 else None


def numeric_date(match: re.Match[str], ctx: Context) -> Reading | None:
    year = int(match.group("y"))
    year += 1900 if year < 100 and year > 30 else 2000 if year < 100 else 0
    date = cal.safe_date(year, int(match.group("m")), int(match.group("d")))
    return Reading("DATE", cal.day(date), "day") if date else None


def holiday(match: re.Match[str], ctx: Context) -> Reading | None:
    name = match.group("holiday")
    if not name[0].isupper():
        return None
    if match.group("year"):
        date = cal.holiday(name, int(match.group("year")))
        return Reading("DATE", cal.day(date), "day") if date else None
    if ctx.anchor is None:
        return None
    year = ctx.anchor.date.year
    this_year = cal.holiday(name, year)
    if this_year is None:
        return None
    rel = (match.group("rel") or "").lower()
    if rel == "last" or (rel != "next" and not ctx.future and this_year > ctx.anchor.date):
        this_year = cal.holiday(name, year - 1) or this_year
    elif rel == "next" and this_year < ctx.anchor.date:
        this_year = cal.holiday(name, year + 1) or this_year
    return Reading("DATE", cal.day(this_year), "day", anchored=True)


def clock_time(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "10:35 a.m.", "5 p.m. EST Nov. 6", "midnight Friday": the day it names, or the document's."""
    hour, minute = _clock(match)
    if hour is None:
        return None
    day_reading = _attached_day(match, ctx)
    if day_reading is None or day_reading.value is None:
        return Reading("TIME", f"T{hour:02d}:{minute:02d}", "time")
    return Reading("TIME", f"{day_reading.value}T{hour:02d}:{minute:02d}", "time", day_reading.anchored)


def _clock(match: re.Match[str]) -> tuple[int | None, int]:
    word = (match.group("word") or "").lower()
    if word:
        return {"noon": 12, "midday": 12, "midnight": 24}[word], 0
    hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    meridiem = (match.group("ampm") or "").lower().replace(".", "")
    if hour > 12 or minute > 59:
        return None, 0
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    return hour, minute


def _attached_day(match: re.Match[str], ctx: Context) -> Reading | None:
    from rashomon.timeline.relative import resolve_deictic, resolve_weekday

    if match.group("weekday"):
        return resolve_weekday(WEEKDAYS[match.group("weekday").lower()], "", ctx)
    if match.group("deictic"):
        return resolve_deictic(match.group("deictic").lower(), ctx)
    if match.group("mon"):
        return month_day(match, ctx)
    if ctx.anchor is None or not ctx.anchor.knows("day"):
        return None
    return Reading("DATE", cal.day(ctx.anchor.date), "day", anchored=True)


_CLOCK = (
    r"(?:around\s+)?"
    r"(?:(?P<hour>[01]?\d)(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)|(?P<word>noon|midday|midnight))"
    r"(?:\s+(?:[ECMP][SD]T|GMT|local\s+time))?"
)
_ON_DAY = (
    rf"(?:,?\s+(?:on\s+)?(?:{WEEKDAY}|(?P<deictic>today|yesterday|tomorrow)|{MON}\s+{DAY}(?:,?\s+{YEAR})?))?"
)

_WEEKDAY_WORDS = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

RULES: tuple[Rule, ...] = (
    compile_rule("month-day", rf"{MOD}(?:{_WEEKDAY_WORDS},?\s+)?{MON}\s+{DAY}(?:,?\s+{YEAR})?", month_day),
    compile_rule("day-month", rf"{DAY}\s+(?:of\s+)?{MON}(?:,?\s+{YEAR})?", month_day),
    compile_rule("month-year", rf"{MOD}{MON},?\s+(?:of\s+)?{YEAR}", month_year),
    compile_rule(
        "month",
        rf"{MOD}(?:(?P<rel>last|this\s+past|this\s+coming|this|next|past|coming)\s+)?{MON}"
        r"(?:\s+(?P<yrel>last|this|next)\s+year)?",
        bare_month,
    ),
    compile_rule(
        "year", rf"{MOD}(?:(?:the\s+)?(?:fiscal|calendar|year|model\s+year)\s+)?{YEAR}(?!'?s)", year_only
    ),
    compile_rule(
        "decade",
        rf"{MOD}(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<century>1[5-9]|20)(?P<decade>\d)0|'(?P<short>\d)0)'?s",
        decade,
    ),
    compile_rule("century", r"(?:the\s+)?(?P<nth>\d{1,2})(?:st|nd|rd|th)\s+century", century),
    compile_rule("numeric-date", r"(?P<m>1[0-2]|0?[1-9])/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d{2})", numeric_date),
    compile_rule("iso-date", r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)", numeric_date),
    compile_rule(
        "holiday",
        r"(?:(?P<rel>last|this|next)\s+)?(?P<holiday>thanksgiving(?:\s+day)?|christmas(?:\s+(?:day|eve))?|"
        r"new\s+year's\s+(?:day|eve)|easter(?:\s+sunday)?|labor\s+day|memorial\s+day|independence\s+day|"
        rf"halloween|valentine's\s+day|veterans\s+day)(?:,?\s+{YEAR})?",
        holiday,
    ),
    compile_rule("clock", _CLOCK + _ON_DAY, clock_time),
)

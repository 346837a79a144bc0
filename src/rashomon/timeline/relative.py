"""Rules for expressions that need the document date: "yesterday", "on Sunday", "last month", "seven
months ago", "the third quarter", "this spring", "the day before"."""

from __future__ import annotations

import datetime as dt
import re

from rashomon.timeline import calendar as cal
from rashomon.timeline.calendar import parse_anchor
from rashomon.timeline.grammar import (
    APPROX,
    MOD,
    NUMBER,
    PART_OF_DAY,
    REL,
    SEASON,
    UNIT,
    WEEKDAY,
    YEAR,
    Context,
    Reading,
    Rule,
    compile_rule,
)
from rashomon.timeline.lexicon import ORDINALS, SEASONS, WEEKDAYS, number_value, unit_key

_DEICTIC_SHIFT = {"today": 0, "tonight": 0, "tonite": 0, "yesterday": -1, "tomorrow": 1}
_BACK = ("last", "past", "this past", "the past", "the previous", "the last")
_AHEAD = ("next", "coming", "this coming", "the coming", "the next", "the following")


def _anchor_date(ctx: Context, precision: str) -> dt.date | None:
    if ctx.anchor is None or not ctx.anchor.knows(precision):
        return None
    return ctx.anchor.date


def _unresolved(kind: str = "DATE") -> Reading:
    return Reading(kind, None, None)


def resolve_deictic(word: str, ctx: Context) -> Reading:
    date = _anchor_date(ctx, "day")
    if date is None:
        return _unresolved()
    return Reading("DATE", cal.day(date + dt.timedelta(days=_DEICTIC_SHIFT[word])), "day", anchored=True)


def resolve_weekday(weekday: int, rel: str, ctx: Context) -> Reading:
    """A weekday is the latest one on or before the document date, or the next one for future tense."""
    date = _anchor_date(ctx, "day")
    if date is None:
        return _unresolved()
    if rel in _AHEAD or (rel not in _BACK and ctx.future):
        target = cal.nearest_weekday(date + dt.timedelta(days=1 if rel in _AHEAD else 0), weekday, 1)
    else:
        start = date - dt.timedelta(days=1) if rel in _BACK else date
        target = cal.nearest_weekday(start, weekday, -1)
    return Reading("DATE", cal.day(target), "day", anchored=True)


def _with_part(reading: Reading, part: str | None) -> Reading:
    if not part or reading.value is None:
        return reading
    code = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[part.lower()]
    return Reading("TIME", f"{reading.value}T{code}", "time", reading.anchored)


def deictic(match: re.Match[str], ctx: Context) -> Reading | None:
    word = match.group("deictic").lower()
    reading = resolve_deictic(word, ctx)
    return _with_part(reading, match.group("part"))


def part_of_day(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "this morning", "last night", "overnight": the document day (the day before for last night)."""
    rel = (match.group("which") or "").lower()
    date = _anchor_date(ctx, "day")
    if date is None:
        return _unresolved("TIME")
    part = (match.group("part") or "night").lower()
    day_value = cal.day(date - dt.timedelta(days=1 if rel == "last" else 0))
    return _with_part(Reading("DATE", day_value, "day", anchored=True), part)


def weekday(match: re.Match[str], ctx: Context) -> Reading | None:
    name = match.group("weekday")
    if not name[0].isupper():
        return None
    rel = re.sub(r"\s+", " ", (match.group("rel") or "").lower())
    # "Friday night": TBAQ annotates these mostly as the DATE of the day (10 of 18), so the part is dropped
    return resolve_weekday(WEEKDAYS[name.lower()], rel, ctx)


def _rel_shift(rel: str) -> int:
    rel = re.sub(r"\s+", " ", rel.lower())
    return -1 if rel in _BACK else 1 if rel in _AHEAD else 0


def relative_unit(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "last month", "this year", "next week", "the weekend", "earlier this month"."""
    unit = unit_key(match.group("unit").replace("fiscal ", ""))
    rel = (match.group("rel") or "the").lower()
    if unit not in ("day", "week", "weekend", "month", "quarter", "year", "decade", "century"):
        return None
    if unit == "quarter":
        return quarter_reading(None, rel, ctx)
    precision = "day" if unit == "day" else "month" if unit in ("week", "weekend", "month") else "year"
    date = _anchor_date(ctx, precision)
    if date is None:
        return _unresolved()
    if rel in ("that", "the same") and unit in ("day", "month", "year") and unit in ctx.last:
        return Reading("DATE", ctx.last[unit], unit, anchored=True)
    if rel in ("the following", "the previous") and unit in ("month", "year") and unit in ctx.last:
        return _shift_reference(ctx.last[unit], unit, 1 if rel == "the following" else -1)
    if unit in ("decade", "century") and rel in _BACK:
        return Reading("DURATION", "P10Y" if unit == "decade" else "P100Y", None)
    if unit == "weekend" and _rel_shift(rel) == 0 and not ctx.future:
        date -= dt.timedelta(days=(date.weekday() + 2) % 7 if date.weekday() < 5 else 0)  # last weekend
    value, precision = cal.value_at(cal.shift(date, _rel_shift(rel), unit), unit)
    return Reading("DATE", value, precision, anchored=True)


def _shift_reference(value: str, unit: str, step: int) -> Reading | None:
    anchor = parse_anchor(value)
    if anchor is None:
        return None
    shifted, precision = cal.value_at(cal.shift(anchor.date, step, unit), unit)
    return Reading("DATE", shifted, precision, anchored=True)


def season(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "this spring", "last fall", "spring of 2017", "the summer": the season's year from the text, or the
    latest one begun by the document date ("last": the one before it if it is still going on)."""
    code = SEASONS[match.group("season").lower()]
    rel_word = (match.group("rel") or "").lower()
    if code == "FA" and rel_word in ("", "the") and not match.group("year"):
        return None  # "the fall of the wall", "prices fall": a season only with last/this/next or a year
    if match.group("year"):
        return Reading("DATE", f"{match.group('year')}-{code}", "season")
    date = _anchor_date(ctx, "month")
    if date is None:
        return _unresolved()
    rel = re.sub(r"\s+", " ", (match.group("rel") or "").lower())
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    latest = date.year if date.month >= start_month else date.year - 1  # the latest one begun
    ongoing = (date.year * 12 + date.month) - (latest * 12 + start_month) < 3
    if rel == "this":
        year = date.year - (code == "WI" and date.month <= 2)
    elif rel == "last":
        year = latest - ongoing
    elif rel in ("next", "this coming") or (ctx.future and rel != "this past"):
        year = latest if ongoing and rel not in ("next", "this coming") else latest + 1
    else:
        year = latest
    return Reading("DATE", f"{year:04d}-{code}", "season", anchored=True)


def offset(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "seven months ago", "a year earlier", "two weeks from now": the document date moved back or on,
    at the unit's precision."""
    unit = unit_key(match.group("unit"))
    amount = number_value(match.group("number"))
    direction = -1 if match.group("dir").lower() in ("ago", "earlier", "before", "previously", "back") else 1
    if unit in ("second", "minute", "hour", "night", "weekend", "fiscal year"):
        return None
    precision = {"day": "day", "week": "day", "month": "month", "quarter": "month"}.get(unit, "year")
    date = _anchor_date(ctx, precision)
    if date is None:
        return _unresolved()
    if amount is None:
        vague_ok = match.group("dir").lower() in ("ago", "from now", "hence")
        return Reading("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", None) if vague_ok else None
    if unit == "year" and amount == 1 and ctx.last_precision == "quarter" and "quarter" in ctx.last:
        return Reading("DATE", _year_before_quarter(ctx.last["quarter"], direction), "quarter", True)
    shifted = cal.shift(date, direction * int(amount), unit)
    target_unit = "month" if unit == "quarter" else unit if unit != "week" else "day"
    if unit == "week":
        shifted = date + dt.timedelta(weeks=direction * int(amount))
    value, precision = cal.value_at(shifted, target_unit)
    return Reading("DATE", value, precision, anchored=True)


def _year_before_quarter(value: str, direction: int) -> str:
    year, quarter = value.split("-Q")
    return f"{int(year) + direction:04d}-Q{quarter}"


def year_ago(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "the year-ago quarter", "year-earlier": the period last mentioned, one year back."""
    if "quarter" in ctx.last and (ctx.last_precision == "quarter" or match.group("what")):
        return Reading("DATE", _year_before_quarter(ctx.last["quarter"], -1), "quarter", anchored=True)
    date = _anchor_date(ctx, "year")
    if date is None:
        return _unresolved()
    return Reading("DATE", f"{date.year - 1:04d}", "year", anchored=True)


def quarter(match: re.Match[str], ctx: Context) -> Reading | None:
    ordinal = match.group("ordinal")
    number = ORDINALS[ordinal.lower()] if ordinal else None
    if match.group("half"):
        if number is None or number > 2 or (ctx.anchor is None and not match.group("year")):
            return None
        year = int(match.group("year")) if match.group("year") else ctx.anchor.date.year  # type: ignore[union-attr]
        return Reading("DATE", f"{year:04d}-H{number}", "half", anchored=not match.group("year"))
    rel = (match.group("rel") or match.group("yrel") or "").lower()
    year_text = match.group("year") or match.group("year2")
    return quarter_reading(number, rel, ctx, year_text, bool(match.group("yrel")))


def quarter_reading(
    number: int | None, rel: str, ctx: Context, year_text: str | None = None, year_rel: bool = False
) -> Reading:
    """A quarter: "the third quarter" is this year's unless not yet begun; a bare "the quarter" is the
    one last mentioned, else the latest finished one (news reports results after a quarter closes)."""
    if year_text and number:
        return Reading("DATE", f"{year_text}-Q{number}", "quarter")
    date = _anchor_date(ctx, "month")
    if date is None:
        return _unresolved()
    current = cal.quarter_of(date)
    if year_rel:
        year = date.year + {"last": -1, "next": 1}.get(rel, 0)
        return Reading("DATE", f"{year:04d}-Q{number or current}", "quarter", anchored=True)
    if number is not None:
        year = date.year - (number > current and not ctx.future)
        return Reading("DATE", f"{year:04d}-Q{number}", "quarter", anchored=True)
    if rel in ("", "the", "the latest", "the same", "that") and "quarter" in ctx.last:
        return Reading("DATE", ctx.last["quarter"], "quarter", anchored=True)
    shift = {"this": 0, "the current": 0, "current": 0, "next": 1, "the next": 1, "the coming": 1}.get(
        rel, -1
    )
    target = cal.shift_months(date, 3 * shift)
    return Reading("DATE", f"{target.year:04d}-Q{cal.quarter_of(target)}", "quarter", anchored=True)


def year_period(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "the 1988 quarter": that year's quarter of the one last named."""
    if "quarter" in ctx.last:
        return Reading("DATE", f"{match.group('year')}-Q{ctx.last['quarter'][-1]}", "quarter")
    return Reading("DATE", match.group("year"), "year")


def latest_period(match: re.Match[str], ctx: Context) -> Reading | None:
    return quarter_reading(None, "the latest", ctx) if "quarter" in ctx.last else None


def neighbour_day(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "the day before", "the next day", "the previous day": one day from the document date."""
    words = match.group(0).lower()
    date = _anchor_date(ctx, "day")
    if date is None:
        return _unresolved()
    back = any(word in words for word in ("before", "previous", "prior", "earlier"))
    return Reading("DATE", cal.day(date + dt.timedelta(days=-1 if back else 1)), "day", anchored=True)


_OFFSET_DIRECTION = (
    # "two days before the vote" is anchored on the vote, not the document date: only the duration is a timex
    r"(?P<dir>ago|earlier|previously|back|later|from\s+now|hence|(?:before|after|on)"
    r"(?!\s+(?:the|a|an|his|her|their|its|he|she|they|it|we|I|you|that|this|when|with|from)\b|(?-i:\s+[A-Z])))"
)

RULES: tuple[Rule, ...] = (
    compile_rule(
        "deictic", rf"{MOD}(?P<deictic>today|tonight|tonite|yesterday|tomorrow)(?:\s+{PART_OF_DAY})?", deictic
    ),
    compile_rule(
        "part-of-day",
        rf"(?:(?P<which>this|last|early\s+this|late\s+last|late\s+this)\s+{PART_OF_DAY}|overnight)",
        part_of_day,
    ),
    compile_rule(
        "weekday",
        rf"{MOD}(?:(?P<rel>last|this\s+past|this\s+coming|this|next|past|coming)\s+)?{WEEKDAY}"
        rf"(?:\s+{PART_OF_DAY})?",
        weekday,
    ),
    compile_rule(
        "relative-unit",
        rf"{MOD}{REL}\s+(?P<unit>fiscal\s+year|week|weekend|month|year|quarter|decade|century|day)",
        relative_unit,
    ),
    compile_rule(
        "the-unit",
        rf"{MOD}(?P<rel>the)\s+(?:full\s+)?(?P<unit>weekend|year|month|quarter|fiscal\s+year)",
        relative_unit,
    ),
    compile_rule("year-period", rf"(?:the\s+){YEAR}\s+(?:quarter|period)", year_period),
    compile_rule("latest-period", r"the\s+(?:latest|same)\s+period", latest_period),
    compile_rule(
        "season",
        rf"{MOD}(?:(?P<rel>this\s+past|this\s+coming|last|this|next|the)\s+)?{SEASON}(?:\s+(?:of\s+)?{YEAR})?",
        season,
    ),
    compile_rule("offset", rf"{MOD}{APPROX}{NUMBER}\s+{UNIT}\s+{_OFFSET_DIRECTION}", offset),
    compile_rule(
        "year-ago",
        r"(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?(?:year-ago|year-earlier)"
        r"(?:\s+(?P<what>(?:(?:first|second|third|fourth)\s+)?quarter|period))?",
        year_ago,
    ),
    compile_rule(
        "quarter",
        rf"{MOD}(?:the\s+)?(?:{YEAR}\s+|(?P<yrel>this|last|next)\s+year's\s+|fiscal\s+)?"
        r"(?:(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?"
        r"(?:(?P<q>quarter)|(?P<half>half))|(?P<rel>latest|current|this|last|same|previous|next)\s+quarter)"
        rf"(?:\s+of\s+(?:fiscal\s+)?{YEAR.replace('year>', 'year2>')})?",
        quarter,
    ),
    compile_rule(
        "neighbour-day",
        r"(?:the\s+)?(?:day\s+(?:before|after)(?!\s+(?:the|a|an|his|her|their|its)\b)|"
        r"(?:previous|prior|next|following)\s+day)",
        neighbour_day,
    ),
)

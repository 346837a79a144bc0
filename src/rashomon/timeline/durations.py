"""Rules for durations ("for 10 days", "the past two years"), sets ("daily", "every month") and vague
references ("now", "recently", "the future")."""

from __future__ import annotations

import re

from rashomon.timeline.grammar import APPROX, NUMBER, UNIT, WEEKDAY, Context, Reading, Rule, compile_rule
from rashomon.timeline.lexicon import UNITS, WEEKDAYS, alternation, number_value, unit_key

# Units TimeML writes differently from their designator: a decade is ten years, a quarter three months.
_SCALED = {"decade": (10, "Y"), "century": (100, "Y"), "quarter": (3, "M"), "weekend": (2, "D")}


def duration_value(amount: float | None, unit: str) -> str | None:
    """ISO-8601 duration ("P10D", "PT5H", "PXY"); None for a unit TimeML has no designator for."""
    unit = unit_key(unit.replace("fiscal ", "").replace("business ", "").replace("trading ", ""))
    if unit not in UNITS:
        return None
    designator, is_time = UNITS[unit]
    if unit in _SCALED:
        scale, designator = _SCALED[unit]
        amount = None if amount is None else amount * scale
    number = "X" if amount is None else _number_text(amount)
    return f"PT{number}{designator}" if is_time else f"P{number}{designator}"


def _number_text(amount: float) -> str:
    return str(int(amount)) if amount == int(amount) else f"{amount:g}"


def duration(match: re.Match[str], ctx: Context) -> Reading | None:
    after = match.string[match.end() : match.end() + 6].lower()
    if re.match(r"[\s-]+old\b|\s+of\b", after) and "quarter" in match.group("unit").lower():
        return None  # "three-quarters of the vote" is a share
    if re.match(r"[\s-]+old\b", after):
        return None  # an age ("a two-year-old"), not a span of time
    number = match.group("number").lower()
    if re.fullmatch(r"(?:1[6-9]|20)\d\d", number):
        return None  # "the 1988 quarter" names a year
    idiom = number in ("a", "an") and match.group("unit").lower().rstrip("s") in ("second", "minute")
    if idiom and not match.group("approx") and not match.group("span"):
        return None  # "wait a minute", "a second time": idioms far more often than durations
    value = duration_value(number_value(number), match.group("unit"))
    return Reading("DURATION", value, None) if value else None


def frequency(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "daily", "every month", "each Thursday", "annually": TimeML SET with the period as value."""
    word = (match.group("adverb") or "").lower()
    if word:
        unit = {"daily": "day", "nightly": "day", "weekly": "week", "monthly": "month", "hourly": "hour",
                "quarterly": "quarter", "annually": "year", "yearly": "year"}[word]  # fmt: skip
        return Reading("SET", duration_value(1, unit), None)
    if match.group("weekday"):
        return Reading("SET", f"XXXX-WXX-{WEEKDAYS[match.group('weekday').lower()] + 1}", None)
    amount = number_value(match.group("number")) if match.group("number") else 1.0
    value = duration_value(amount, match.group("unit"))
    return Reading("SET", value, None) if value else None


_VAGUE = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at present": "PRESENT_REF",
    "presently": "PRESENT_REF", "the present": "PRESENT_REF", "recently": "PAST_REF", "recent": "PAST_REF",
    "lately": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF", "the past": "PAST_REF",
    "in the past": "PAST_REF", "soon": "FUTURE_REF", "the future": "FUTURE_REF", "future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "once": "PAST_REF", "already": "PRESENT_REF",
}  # fmt: skip
# Vague words that are temporal only in some uses; measured on TBAQ, where the tagger loses more
# precision than it gains recall, they stay out: "once" (a conjunction as often), "already".
_VAGUE_OFF = frozenset({"once", "already", "previously", "soon", "future", "recent", "formerly"})


def vague(match: re.Match[str], ctx: Context) -> Reading | None:
    key = re.sub(r"\s+", " ", match.group("vague").lower())
    if key in _VAGUE_OFF:
        return None
    return Reading("DATE", _VAGUE[key], None, anchored=False)


_SPAN = r"(?:(?P<span>the\s+(?:past|last|next|first|previous|coming|following|final|latest|remaining)|" \
    r"(?:past|last|next|first|previous|coming|following|final)|the)\s+)?"  # fmt: skip

RULES: tuple[Rule, ...] = (
    compile_rule(
        "duration",
        rf"{APPROX}{_SPAN}{NUMBER}[\s-]+(?P<unit>(?:fiscal\s+|business\s+|trading\s+)?"
        rf"{UNIT.removeprefix('(?P<unit>')}(?:-long)?",
        duration,
    ),
    compile_rule(
        "vague-duration",
        r"(?:recent|the\s+coming|coming)\s+(?P<unit>years|months|decades|weeks|quarters|days)"
        r"|(?<=\bfor\s)(?P<unit2>years|months|decades|weeks|centuries|days|hours)",
        lambda match, ctx: vague_duration(match, ctx),
    ),
    compile_rule(
        "frequency",
        r"(?P<adverb>daily|nightly|weekly|monthly|hourly|yearly)|"
        rf"(?:every|each|per)\s+(?:(?P<number>other|\d+|two|three|four|five|six|few)\s+)?"
        rf"(?:{UNIT}|{WEEKDAY})",
        frequency,
    ),
    compile_rule("vague", rf"(?P<vague>{alternation(_VAGUE)})", vague),
)


def vague_duration(match: re.Match[str], ctx: Context) -> Reading | None:
    unit = match.group("unit") or match.group("unit2")
    value = duration_value(None, unit)
    return Reading("DURATION", value, None) if value else None

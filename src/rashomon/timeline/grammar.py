"""Regex building blocks for temporal expressions, and the context a rule reads when it resolves one."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rashomon.timeline.calendar import Anchor
from rashomon.timeline.lexicon import MONTHS, NUMBER_WORDS, SEASONS, UNITS, WEEKDAYS, alternation


@dataclass(frozen=True, slots=True)
class Reading:
    """What a rule makes of one match: TimeML type and value, and the precision the text supports."""

    type: str
    value: str | None
    precision: str | None
    anchored: bool = False


@dataclass(slots=True)
class Context:
    """What resolution needs beyond the match: the document date, tense, and what was said before."""

    anchor: Anchor | None
    future: bool = False
    # The latest DATE resolved in the document, by precision: "a year earlier" after "the third quarter"
    # means the same quarter a year before (TimeBank's earnings reports annotate it so).
    last: dict[str, str] = field(default_factory=dict)
    last_precision: str | None = None


Handler = Callable[[re.Match[str], Context], Reading | None]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler


def compile_rule(name: str, body: str, handler: Handler) -> Rule:
    """A rule whose match must start and end on word boundaries."""
    return Rule(name, re.compile(rf"(?<![\w'-]){body}(?![\w]|-\w)", re.IGNORECASE), handler)


MON = rf"(?P<mon>{alternation(MONTHS)})\.?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?<![./])(?P<year>(?:1[6-9]|20)\d\d)(?!\s*(?:%|percent)|[.,]\d)"
WEEKDAY = rf"(?P<weekday>{alternation(WEEKDAYS)})"
SEASON = rf"(?P<season>{alternation(SEASONS)})"
UNIT_WORDS = alternation([*list(UNITS), "centurie", "fiscal year", "business day", "trading day"])
UNIT = rf"(?P<unit>(?:{UNIT_WORDS})s?)"
NUMBER = (
    r"(?P<number>\d+(?:,\d{3})*(?:\.\d+)?(?:\s+\d/\d)?|"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s](?:one|two|three|four|five|six|seven|eight|nine)|"
    rf"(?:{alternation(NUMBER_WORDS)})|"
    r"several|a\s+few|few|many|some|numerous)"
)
APPROX = (
    r"(?:(?P<approx>about|almost|nearly|more\s+than|less\s+than|fewer\s+than|at\s+least|over|roughly|"
    r"approximately|around|some|only|just|up\s+to|the\s+better\s+part\s+of)\s+)?"
)
# Modifiers TimeML keeps inside the extent without changing the value ("early next year" is 1990).
MOD = (
    r"(?:(?P<mod>early|late|mid|middle|earlier|later|(?:the\s+)?(?:end|beginning|start|middle|close|turn|rest)"
    r"\s+of|(?:earlier|later|early|late)\s+in|(?:the\s+)?(?:early|late)|sometime)(?:\s+|-))?"
)
REL = (
    r"(?P<rel>this\s+past|this\s+coming|the\s+coming|the\s+past|the\s+previous|the\s+following|"
    r"the\s+current|the\s+latest|the\s+last|the\s+next|the\s+same|last|this|next|that|past|coming|current)"
)
PART_OF_DAY = r"(?P<part>morning|afternoon|evening|night)"

"""Temporal expressions (TimeML TIMEX3) found in text and normalised against the document date.

Rules find candidates (``absolute``, ``relative``, ``durations``); where they overlap the longest wins.
Values are then resolved in document order, so that "a year earlier" can follow the quarter last named.
Spans the caller already knows to be dates (spaCy DATE/TIME entities) that no rule explains are handed to
dateparser, whose period is kept as the precision: a day is never invented.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rashomon.timeline import absolute, durations, relative
from rashomon.timeline.calendar import parse_anchor
from rashomon.timeline.fallback import parse_with_dateparser
from rashomon.timeline.grammar import Context, Reading, Rule
from rashomon.timeline.lexicon import WEEKDAYS, alternation

RULES: tuple[Rule, ...] = absolute.RULES + relative.RULES + durations.RULES
# Rules resolved against the date last named: their own output is not a new reference (else "a year
# earlier" twice in a row would walk back two years).
_READS_REFERENCE = frozenset({"offset", "year-ago", "year-period", "latest-period"})

# Words that put a sentence in the future: a bare weekday or month then means the next one.
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|scheduled\s+(?:to|for)|plans?\s+to|planned\s+for|is\s+to|are\s+to|"
    r"expects?\s+to|expected\s+to|set\s+to|due\s+to|upcoming|intends?\s+to)\b",
    re.IGNORECASE,
)
# A reported future ("he said he would travel to Saltmere on Sunday"): "would" before the date in its clause;
# after it, the date is the telling's ("said Tuesday it would cut jobs": TBAQ value F1 78.13 with "would"
# anywhere in the window, 78.4 without it).
_WOULD_BEFORE = re.compile(r"\bwould\s+(?!(?:not\s+)?have\b)(?:[\w'’-]+\s+){0,7}$", re.IGNORECASE)
# A day something is set for ("a national day of mourning for Thursday", "a strike called for Friday").
_FOR_BEFORE = re.compile(r"\bfor\s+(?:next\s+)?$", re.IGNORECASE)
_WEEKDAY_NOT_POSSESSIVE = re.compile(rf"(?:{alternation(w.capitalize() for w in WEEKDAYS)})\b(?!['’]s)")
_WILL = re.compile(r"\b(?:will|won't|shall|going\s+to|upcoming)\b|'ll\b", re.IGNORECASE)
_PAST_VERB = re.compile(
    r"\b(?:was|were|had)\s+(?:\w+\s+)?(?:postponed|cancell?ed|called\s+off|delayed|held|scrapped|moved|"
    r"pushed\s+back|put\s+off|suspended|dropped|scheduled|planned|expected|set|due)\b",
    re.IGNORECASE,
)
# Characters either side of an expression searched for a future marker. Calibrated on TBAQ value F1:
# 40 -> 77.00, 60 -> 76.95, 100 -> 77.17, the whole sentence -> 77.11 (small differences; 100 kept).
_TENSE_WINDOW = 100
_FULL_WORD_BEFORE_STOP = re.compile(r"(?:\b[A-Za-z]{5,}|\b(?:May|June|July|now|ago|day|year|week)|\d)\.$")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=[A-Z\"'`(])|\n\s*\n")
# Texts whose rule matches are remembered: a run reads each article with its date, without one (to
# infer a missing date) and again once a date is inferred; the matches do not depend on the date.
_MATCHES_MEMO = 64


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression: its span in the text, TimeML type and value, and how precise it is."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET (TimeML)
    value: str | None  # TimeML value: "2020-01-03", "2019-06", "2017-SP", "P7M", "PRESENT_REF", ...
    precision: str | None  # day | week | month | quarter | season | half | year | decade | century | time
    anchored: bool  # resolved against the document date


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    order: int
    rule: Rule
    match: re.Match[str]


def find_timexes(
    text: str, doc_date: str | None, *, date_spans: Sequence[tuple[int, int]] = ()
) -> list[Timex]:
    """Every temporal expression in ``text``, resolved against ``doc_date`` ("YYYY[-MM[-DD]]" or None)."""
    anchor = parse_anchor(doc_date)
    sentences = _sentence_bounds(text)
    chosen = _select(_candidates(text, Context(anchor)))
    ctx = Context(anchor)
    found: list[Timex] = []
    for candidate in chosen:
        ctx.future = _is_future(text, sentences, candidate.start)
        reading = candidate.rule.handler(candidate.match, ctx)
        if reading is None:
            continue
        if candidate.rule.name not in _READS_REFERENCE:
            _remember(ctx, reading)
        found.append(_timex(text, candidate.start, candidate.end, reading))
    found.extend(_from_spans(text, doc_date, date_spans, found))
    return sorted(found, key=lambda timex: timex.start)


def _candidates(text: str, probe: Context) -> list[_Candidate]:
    """Every rule match a handler accepts (probed without document context)."""
    return [found for found in _rule_matches(text) if found.rule.handler(found.match, probe) is not None]


@lru_cache(maxsize=_MATCHES_MEMO)
def _rule_matches(text: str) -> tuple[_Candidate, ...]:
    """Every non-empty rule match in ``text``, trimmed, in rule order (the regex work, done once a text)."""
    found = []
    for order, rule in enumerate(RULES):
        for match in rule.pattern.finditer(text):
            start, end = _trim(text, match.start(), match.end())
            if end > start:
                found.append(_Candidate(start, end, order, rule, match))
    return tuple(found)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t\n,-":
        end -= 1
    if end > start and text[end - 1] == "." and _FULL_WORD_BEFORE_STOP.search(text, start, end):
        end -= 1  # "in June." ends a sentence; "Jan." and "a.m." keep their abbreviation stop
    while start < end and text[start] in " \t\n":
        start += 1
    return start, end


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first (then rule order); a candidate overlapping a chosen one is dropped."""
    taken: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.order, c.start)):
        if all(candidate.end <= other.start or candidate.start >= other.end for other in taken):
            taken.append(candidate)
    return sorted(taken, key=lambda c: c.start)


def _remember(ctx: Context, reading: Reading) -> None:
    """Keep the date as the reference for later "that day", "the following year", "a year earlier"."""
    if reading.type != "DATE" or reading.value is None or reading.precision is None:
        return
    ctx.last[reading.precision] = reading.value
    ctx.last_precision = reading.precision
    if reading.precision in ("day", "month", "quarter", "season", "half"):
        ctx.last["year"] = reading.value[:4]
    if reading.precision == "day":
        ctx.last["month"] = reading.value[:7]


def _timex(text: str, start: int, end: int, reading: Reading) -> Timex:
    return Timex(
        start, end, text[start:end], reading.type, reading.value, reading.precision, reading.anchored
    )


def _sentence_bounds(text: str) -> list[int]:
    return [0, *(match.end() for match in _SENTENCE_END.finditer(text)), len(text)]


def sentence_bounds(text: str) -> list[int]:
    """Offsets where sentences start (and the text's end): a stop followed by a capital, or a blank line."""
    return _sentence_bounds(text)


def _is_future(text: str, bounds: list[int], position: int) -> bool:
    """Whether the clause around ``position`` speaks of the future: a future marker in the same sentence
    within ``_TENSE_WINDOW`` characters, a reported future before the date ("he would travel ... on
    Sunday"), or a weekday something is set for ("a day of mourning for Thursday")."""
    for left, right in itertools.pairwise(bounds):
        if left <= position < right:
            window = (max(left, position - _TENSE_WINDOW), min(right, position + _TENSE_WINDOW))
            before = text[max(left, position - 60) : position]
            set_for = _FOR_BEFORE.search(before) and _WEEKDAY_NOT_POSSESSIVE.match(text, position)
            if not (_WOULD_BEFORE.search(before) or set_for) and _FUTURE.search(text, *window) is None:
                return False
            # A plan told in the past ("the inspection, scheduled for March 12, was postponed", "a service
            # planned for Saturday was canceled") is a future in the past: the date is read as any other
            # past date, unless the sentence also speaks of the future itself ("... but will now be held
            # in May").
            told_in_past = _PAST_VERB.search(text, *window) is not None
            return not told_in_past or _WILL.search(text, *window) is not None
    return False


def _from_spans(
    text: str, doc_date: str | None, spans: Sequence[tuple[int, int]], found: list[Timex]
) -> list[Timex]:
    """Caller-supplied date spans that no rule covered, read by dateparser."""
    extra: list[Timex] = []
    for start, end in spans:
        start, end = max(0, start), min(len(text), end)
        if end <= start or any(start < timex.end and timex.start < end for timex in found):
            continue
        parsed = parse_with_dateparser(text[start:end], doc_date)
        if parsed is not None:
            extra.append(_timex(text, start, end, parsed))
    return extra


def is_future_at(text: str, position: int) -> bool:
    """Whether the sentence around ``position`` speaks of the future ("will", "forthcoming", "upcoming")."""
    return _is_future(text, _sentence_bounds(text), position) or bool(
        _FORTHCOMING.search(text, max(0, position - _TENSE_WINDOW), position + _TENSE_WINDOW)
    )


_FORTHCOMING = re.compile(
    r"\b(?:forthcoming|upcoming|due\s+out|to\s+be\s+published|next\s+week)\b", re.IGNORECASE
)

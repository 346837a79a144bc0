"""What alignment compares for each claim: entities, numbers, dates and the main predicate."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

from rashomon.claims.mention_index import MentionIndex
from rashomon.model import Claim, Entity, Token

NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "dozen": "12", "hundred": "100",
    "thousand": "1000", "million": "1000000", "billion": "1000000000",
}  # fmt: skip
# A figure with its scale is one number: "€40 million" is 40000000, never "40" and "1000000" (two sums of
# millions would otherwise always share the "1000000"); "$2.5bn" and "£40m" only after a currency sign.
_SCALE = r"(?:\s+(?:thousand|million|billion|trillion)\b)?"
NUMBER = re.compile(
    r"(?<=[€$£¥])\d[\d,]*(?:\.\d+)?(?:bn|m)\b"
    r"|\b\d[\d,]*(?:\.\d+)?" + _SCALE + r"|\b(?:" + "|".join(NUMBER_WORDS) + r")\b" + _SCALE,
    re.IGNORECASE,
)
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6}
FIGURE = re.compile(r"^([\d,]*\d(?:\.\d+)?)\s*([a-z]*)$")
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
DAY_OF_MONTH = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+$",
    re.IGNORECASE,
)
PERCENT_AFTER = re.compile(r"^\s*(?:%|percent\b|per cent\b|pc\b)")
# "one person", "one of the guards" count; "have one than", "the one that" do not
ONE_COUNTS = re.compile(r"^\s+(?!(?:than|that|who|which|and|or|is|was|has|had|to|in|on|at|by|for)\b)[a-z]")


NEGATION = re.compile(r"\b(?:not|never|no|n't|neither|nor|none|nobody|nothing)\b", re.IGNORECASE)
NEGATORS = frozenset({"not", "never", "n't"})
NO_ONE = frozenset({"nobody", "nothing", "none", "noone"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr"})


def claim_negated(text: str, predicate: Token | None = None, inside: Sequence[Token] = ()) -> bool:
    """Whether a claim negates what it says ("no bank details were taken").

    With the claim's main verb and its tokens, only a negation of that verb counts: a "not"/"never" on it,
    or "no"/"nobody"/"nothing" as its subject or object ("the drone was hit and never crossed the border"
    asserts the hit; "we were not able to establish when it was hit" does not negate the hit). Without a
    parse, "not" anywhere counts."""
    if predicate is None:
        return NEGATION.search(text) is not None
    heads = {predicate.index}
    heads |= {t.index for t in inside if t.head == predicate.index and t.dep in ("aux", "auxpass")}
    children = [t for t in inside if t.head in heads and t.index != predicate.index]
    if any(c.dep == "neg" or c.lemma.lower() in NEGATORS for c in children):
        return True
    arguments = {c.index for c in children if c.dep in ARGUMENT_DEPS}
    return any(
        t.lemma.lower() in NO_ONE or (t.head in arguments and t.dep == "det" and t.lemma.lower() == "no")
        for t in inside
        if t.index in arguments or t.head in arguments
    )


def claim_numbers(text: str) -> frozenset[str]:
    """Counts and amounts in a claim, normalised; years are dates, not numbers."""
    found = set()
    for match in NUMBER.finditer(text):
        value = number_value(match.group(0))
        if not YEAR.match(value):
            found.add(value)
    return frozenset(found)


def number_value(written: str) -> str:
    """A number as written, normalised: "1,200" -> "1200", "twelve" -> "12", "€2.5 million" -> "2500000"."""
    raw = written.lower().replace(",", "")
    if raw in NUMBER_WORDS:
        return NUMBER_WORDS[raw]
    first, _, scale = raw.partition(" ")
    if first in NUMBER_WORDS and scale:  # "two million"
        raw = f"{NUMBER_WORDS[first]} {scale}"
    figure = FIGURE.match(raw)
    if figure is None or not figure.group(2):
        return raw
    value = float(figure.group(1)) * SCALES[figure.group(2)]
    return str(int(value)) if value == int(value) else str(value)


def compared_numbers(text: str, numbers: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """A claim's numbers as two claims' conflicts compare them, (counts and amounts, percentages): "21
    percent" never conflicts with "1,200 products", and "one" as a pronoun ("more likely to have one
    than ...") is no number. ``numbers``: the claim's number slot (``claim_numbers``)."""
    percent, counted_one, dated = _percent_values(text)
    plain = numbers - percent - dated
    if "1" in plain and not counted_one:
        plain = plain - {"1"}
    return plain, numbers & percent


@lru_cache(maxsize=1 << 14)
def _percent_values(text: str) -> tuple[frozenset[str], bool, frozenset[str]]:
    """The numbers written as percentages, whether a "1"/"one" in the text counts something, and the
    days of a month ("October 7")."""
    percent: set[str] = set()
    dated: set[str] = set()
    counted_one = False
    for match in NUMBER.finditer(text):
        raw = match.group(0).lower().replace(",", "")
        value = number_value(raw)
        after = text[match.end() : match.end() + 12].lower()
        if DAY_OF_MONTH.search(text[max(match.start() - 12, 0) : match.start()]):
            dated.add(value)  # "October 7" is a date
        elif PERCENT_AFTER.match(after):
            percent.add(value)
        elif value == "1" and (raw != "one" or ONE_COUNTS.match(after)):
            counted_one = True
    return frozenset(percent), counted_one, frozenset(dated)


def claim_entities(
    claim: Claim, index: MentionIndex, entities: Sequence[Entity], title: str | None
) -> frozenset[str]:
    if claim.field == "title" and title:
        folded = title.casefold()
        return frozenset(
            e.id for e in entities if any(a.casefold() in folded for a in e.aliases if len(a) > 3)
        )
    return frozenset(e.id for e in index.overlapping(claim.start, claim.end))


def claim_tokens(claim: Claim, tokens: Sequence[Token]) -> list[Token]:
    """The claim's tokens, out of its article's tokens in text order."""
    first = bisect_left(tokens, claim.start, key=_start)
    return list(itertools.takewhile(lambda t: t.start < claim.end, itertools.islice(tokens, first, None)))


def predicate_token(inside: Sequence[Token]) -> Token | None:
    """The main verb among a claim's tokens: the verb whose head lies outside the claim span."""
    indices = {t.index for t in inside}
    verbs = [t for t in inside if t.pos in ("VERB", "AUX") and t.lemma != "be"]
    for verb in verbs:
        if verb.head not in indices or verb.head == verb.index:
            return verb
    return verbs[0] if verbs else None


def _start(token: Token) -> int:
    return token.start

"""What alignment compares for each claim: entities, numbers, dates and the main predicate."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from rashomon.claims.mention_index import MentionIndex
from rashomon.model import Claim, Entity, Token
from rashomon.nlp.quantities import QUALIFIERS, qualified_range

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
THOUSANDS = re.compile(r"\d,\d{3}")
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


def claim_asserted(predicate: Token | None, inside: Sequence[Token] = ()) -> bool:
    """Whether the claim's main verb says what is, was or will be, not what can, should or is meant to be:
    "you can't impeach somebody" and "vowed *to impeach*" take positions; neither negates nor asserts an
    act. A possibility is still about the fact ("bank details *may* have been taken")."""
    if predicate is None:
        return True
    return not any(
        t.head == predicate.index
        and t.dep == "aux"
        and (t.tag == "TO" or (t.tag == "MD" and t.lemma.lower() in POSITION_MODALS))
        for t in inside
    )


# Modals of ability, permission and obligation: a claim under one takes a position.
POSITION_MODALS = frozenset({"can", "ca", "should", "must", "ought", "shall"})


def claim_numbers(text: str) -> frozenset[str]:
    """Counts and amounts in a claim, normalised; years are dates, not numbers."""
    found = set()
    for match in NUMBER.finditer(text):
        value = number_value(match.group(0))
        if not YEAR.match(value) or THOUSANDS.search(match.group(0)):  # "2,000 protesters" is no year
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


# A qualifier right before a figure (and its currency sign): "more than $700 billion", "about 2,000".
QUALIFIER = re.compile(r"\b(?P<q>" + QUALIFIERS + r")\s+[$€£¥]?\s?$", re.IGNORECASE)
# A bare round figure of thousands or more ("$700 billion", "2,000 jobs") is a rounding: it allows this much
# either way ("$716 billion" is not another figure).
ROUNDING = 0.05
ROUND_FROM = 1000


@lru_cache(maxsize=1 << 14)
def number_ranges(text: str) -> dict[str, tuple[float, float]]:
    """What each of a claim's numbers (``claim_numbers``' normal form) allows: its qualifier's range, a
    rounding margin for a bare round figure of thousands or more, else the value itself."""
    ranges: dict[str, tuple[float, float]] = {}
    for match in NUMBER.finditer(text):
        normal = number_value(match.group(0))
        try:
            value = float(normal)
        except ValueError:
            continue
        qualifier = QUALIFIER.search(text[max(0, match.start() - 24) : match.start()])
        if qualifier:
            low, high = qualified_range(value, qualifier.group("q"))
        elif value >= ROUND_FROM and _round(value):
            low, high = value * (1 - ROUNDING), value * (1 + ROUNDING)
        else:
            low, high = value, value
        known = ranges.get(normal, (low, high))
        ranges[normal] = (min(known[0], low), max(known[1], high))
    return ranges


def _round(value: float) -> bool:
    """At most two significant digits: 700,000,000,000 and 2,500 are round; 716 billion is not."""
    digits = f"{value:.0f}".rstrip("0")
    return len(digits) <= 2


def numbers_compatible(mine: frozenset[str], theirs: frozenset[str], text_a: str, text_b: str) -> bool:
    """Whether some number of one claim can be some number of the other: equal, or within each other's
    ranges (``number_ranges``)."""
    if mine & theirs:
        return True
    ranges_a, ranges_b = number_ranges(text_a), number_ranges(text_b)
    return any(
        ranges_a[x][0] <= ranges_b[y][1] and ranges_b[y][0] <= ranges_a[x][1]
        for x in mine & ranges_a.keys()
        for y in theirs & ranges_b.keys()
    )


def compared_numbers(text: str, numbers: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """A claim's numbers as two claims' conflicts compare them, (counts and amounts, percentages): "21
    percent" never conflicts with "1,200 products", and "one" as a pronoun ("more likely to have one
    than ...") is no number. ``numbers``: the claim's number slot (``claim_numbers``)."""
    figures = _figures(text)
    plain = numbers - figures.percent - figures.skipped
    if "1" in plain and not figures.counted_one:
        plain = plain - {"1"}
    return plain, numbers & figures.percent


def attribute_numbers(text: str) -> dict[str, frozenset[str]]:
    """The figures that describe a thing ("a $600 airline ticket", "a 5.2 magnitude quake"), by the word
    after them: they compare only with the same word's figures in another claim."""
    found: dict[str, set[str]] = {}
    for value, word in _figures(text).attributes:
        found.setdefault(word, set()).add(value)
    return {word: frozenset(values) for word, values in found.items()}


def counted_words(text: str) -> Mapping[str, frozenset[str]]:
    """What each plain figure counts, as the words after it ("four *days*", "1,200 *jobs*", "2,000
    *manufacturing jobs*"; "money" after a currency sign; empty where no noun follows): two figures
    compare only when these meet or one is empty, so "closed for four days" never conflicts with "three
    access lanes"."""
    return _figures(text).counted


# "a $600 airline ticket", "a 48-page indictment": a figure between "a" and its noun describes a thing the
# claim mentions; it is not what the claim counts.
ATTRIBUTE_BEFORE = re.compile(r"\b(?:a|an)\s+[$€£¥]?\s?$", re.IGNORECASE)
_NEXT_WORD = re.compile(r"^[\s-]*([a-z]+)")
# "two more of the devices", "three additional cases": an increment, not the total another claim gives.
INCREMENT_AFTER = re.compile(r"^\s+(?:more|additional|further|other)\b")
# "two of the three lanes": a part of a whole the claim names, not a count to compare.
PARTITIVE_AFTER = re.compile(r"\s+of\s+(?:the|these|those|its|their|his|her|our|them|us)\b", re.IGNORECASE)
CURRENCY_BEFORE = re.compile(r"[$€£¥]\s?$")
# The words after a figure up to the first of these are what it counts.
_NOUN_END = frozenset(
    "of in on at for from to and or but with by as than that which who the a an was were is are be been "
    "had has have will would could said says this these those it its his her their per each".split()
)
_RANGE_AFTER = re.compile(r"^\s*(?:and|or|to|-|–)\s*\d[\d,.]*")
_WORDS_AFTER = re.compile(r"[a-z]+|[^a-z\s]")


@dataclass(frozen=True, slots=True)
class _Figures:
    percent: frozenset[str]  # values written as percentages
    counted_one: bool  # whether a "1"/"one" counts something
    skipped: frozenset[str]  # not amounts of what the claim is about: dates, attributes, increments, parts
    attributes: frozenset[tuple[str, str]]  # (value, the word after it) of "a $600 ticket"
    counted: Mapping[str, frozenset[str]]  # plain value -> the words of what it counts


def _counted(text: str, start: int, end: int) -> frozenset[str]:
    """The words of what the figure at ``start:end`` counts, singular ("money" for a sum, "decade" for "30s",
    empty when no noun follows)."""
    if CURRENCY_BEFORE.search(text[max(start - 2, 0) : start]):
        return frozenset({"money"})
    after = text[end : end + 80].lower()
    ranged = _RANGE_AFTER.match(after)  # "between 16 and 18 years old": what 18 counts
    if ranged:
        after = after[ranged.end() :]
    if after[:1] == "s":  # "in his 30s"
        return frozenset({"decade"})
    words: set[str] = set()
    for word in _WORDS_AFTER.findall(after):
        if not word.isalpha() or word in _NOUN_END or len(words) == 3:
            break
        words.add(_singular(word))
    return frozenset({"money"}) if words & {"dollar", "euro", "pound"} else frozenset(words)


_IRREGULAR = {"people": "person", "men": "man", "women": "woman", "children": "child"}


def _singular(word: str) -> str:
    """ "people" -> "person", "jobs" -> "job": two claims count one thing in either number."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


@lru_cache(maxsize=1 << 14)
def _figures(text: str) -> _Figures:
    """How each figure of a claim compares: percentages, "one" as a count, figures that are no amount of
    what the claim is about (days of a month, "October 7"; attributes, "a $600 ticket"; increments, "two
    more"; parts, "two of the three"), and what the others count."""
    percent: set[str] = set()
    skipped: set[str] = set()
    attributes: set[tuple[str, str]] = set()
    counted: dict[str, set[str]] = {}
    counted_one = False
    for match in NUMBER.finditer(text):
        raw = match.group(0).lower().replace(",", "")
        value = number_value(raw)
        after = text[match.end() : match.end() + 12].lower()
        before = text[max(match.start() - 12, 0) : match.start()]
        if DAY_OF_MONTH.search(before):
            skipped.add(value)  # "October 7" is a date
        elif PERCENT_AFTER.match(after):
            percent.add(value)  # "a 10 percent rise" is the figure itself
        elif INCREMENT_AFTER.match(after) or PARTITIVE_AFTER.match(text, match.end()):
            skipped.add(value)
        elif ATTRIBUTE_BEFORE.search(before) and raw[0].isdigit():  # not "a dozen", "a hundred"
            skipped.add(value)
            word = _NEXT_WORD.match(after)
            if word:
                attributes.add((value, word.group(1)))
        else:
            counted.setdefault(value, set()).update(_counted(text, match.start(), match.end()))
            if value == "1" and (raw != "one" or ONE_COUNTS.match(after)):
                counted_one = True
    return _Figures(
        frozenset(percent),
        counted_one,
        frozenset(skipped),
        frozenset(attributes),
        MappingProxyType({value: frozenset(words) for value, words in counted.items()}),
    )


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


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
FIRST_PERSON = frozenset({"i", "we"})
RELATIVE = frozenset({"who", "that", "which"})


def claim_subject(
    claim: Claim, verb: Token | None, inside: Sequence[Token], index: MentionIndex
) -> frozenset[str]:
    """Who the claim's main verb is said of, one key per coordinated subject ("passwords or bank details"):
    "entity:<last word of its name>" for a resolved name (or "I"/"we" of a speaker with an entity),
    "word:<lemma>" for a common noun; a relative "who" stands for the noun its clause hangs on ("the ones
    who are not raiding Medicare"). Empty when the subject is another pronoun, or there is none."""
    if verb is None:
        return frozenset()
    by_index = {t.index: t for t in inside}
    subject = next((t for t in inside if t.head == verb.index and t.dep in SUBJECT_DEPS), None)
    if subject is not None and subject.lemma.lower() in RELATIVE and verb.dep == "relcl":
        subject = by_index.get(verb.head)
    if subject is None:
        return frozenset()
    heads = [subject, *(t for t in inside if t.dep == "conj" and t.head == subject.index)]
    keys = {_subject_key(claim, head, index) for head in heads}
    return frozenset() if None in keys else frozenset(k for k in keys if k is not None)


def _subject_key(claim: Claim, subject: Token, index: MentionIndex) -> str | None:
    word = subject.lemma.lower()
    if word in FIRST_PERSON:
        return (
            f"entity:{claim.speaker.split()[-1].lower()}" if claim.speaker_entity and claim.speaker else None
        )
    if subject.pos not in ("NOUN", "PROPN"):
        return None
    named = index.overlapping(subject.start, subject.end)
    if not named:
        return f"word:{word}"
    # by the name's last word, not the entity's id: resolution can leave one person as two entities
    # ("Åsa Lindqvist", and "Lindqvist" typed an organisation), and they must not read as two subjects
    return f"entity:{named[0].name.split()[-1].lower()}"


def different_subjects(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two claims' subjects (``claim_subject``) are known to differ: none shared, and every pair
    two names or two nouns; a name against a noun ("Trump" / "the president") may be one referent."""
    if not a or not b or a & b:
        return False
    return all(x.split(":")[0] == y.split(":")[0] for x in a for y in b)


def named_apart(a: frozenset[str], text_a: str, b: frozenset[str], text_b: str) -> bool:
    """Whether two claims are about two different named subjects, neither named in the other's words:
    "Obama has cut $716 billion from Medicare" / "McCain would pay for his plan by cuts in Medicare: $882
    billion" give figures of two people. "Vennick won 51 percent" / "Revel won 54.2 percent, Vennick 41.8"
    are not apart: the second names Vennick too."""
    if not a or not b or a & b or not all(k.startswith("entity:") for k in a | b):
        return False
    words_a, words_b = _lower_words(text_a), _lower_words(text_b)
    return not any(k.removeprefix("entity:") in words_b for k in a) and not any(
        k.removeprefix("entity:") in words_a for k in b
    )


@lru_cache(maxsize=1 << 14)  # asked once per candidate pair, of texts a run repeats
def _lower_words(text: str) -> frozenset[str]:
    """The text's words in lower case, each hyphenated or apostrophed name whole and in parts
    ("ocasio-cortez", "ocasio", "cortez")."""
    whole = re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", text.lower())
    return frozenset(whole) | frozenset(part for word in whole for part in re.split(r"['’-]", word))


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

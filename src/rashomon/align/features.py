"""Pair features for two mentions, and the slot conflicts that keep two mentions apart.

Every feature is a number in 0..1 so that the logistic weights in ``model.json`` read as evidence strengths.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from rashomon.align.claim_features import (
    attribute_numbers,
    compared_numbers,
    counted_words,
    different_subjects,
    named_apart,
    numbers_compatible,
)
from rashomon.align.mention import Mention
from rashomon.claims.reporting import REPORTING_LEMMAS
from rashomon.nlp.event_words import same_act
from rashomon.nlp.quantities import describe, quantity_conflicts, same_occasion

# The order is the order of the weights in model.json; append new features, never reorder.
FEATURE_NAMES: tuple[str, ...] = (
    "cosine",
    "cosine_high",
    "entity_jaccard",
    "entity_shared",
    "entities_missing",
    "predicate_same",
    "predicate_stem",
    "predicate_missing",
    "predicate_same_x_cosine",
    "date_agree",
    "date_conflict",
    "number_agree",
    "number_conflict",
    "same_document",
    "word_jaccard",
)

_DATE = re.compile(r"^\d{4}(?:-(?:\d{2}|SP|SU|FA|WI|Q\d|H\d|W\d{2}))?(?:-\d{2})?$")
_WORD = re.compile(r"[a-z][a-z'-]+|\d+")
# Function words carry no evidence of sameness; their overlap would make every two sentences alike.
_STOP = frozenset(
    "the a an and or but of to in on at for from by with as is are was were be been has have had it its "
    "this that these those he she they his her their them we our you your not no said says say will would "
    "could can may after before over into about than then there which who whom what when where while".split()
)


def pair_features(a: Mention, b: Mention) -> dict[str, float]:
    """The named features of one pair, each 0..1 (see ``FEATURE_NAMES``)."""
    cosine = min(max(float(np.dot(a.embedding, b.embedding)), -1.0), 1.0)
    shared_entities = len(a.entities & b.entities)
    union_entities = len(a.entities | b.entities)
    same_predicate = a.predicate is not None and a.predicate == b.predicate
    dates_a, dates_b = _dates(a.dates), _dates(b.dates)
    date_agree = _dates_agree(dates_a, dates_b)
    number_agree = bool(a.numbers & b.numbers)
    return {
        "cosine": max(cosine, 0.0),
        # Paraphrases sit above ~0.6 MiniLM cosine, unrelated news sentences of one story around 0.3-0.5.
        "cosine_high": max(cosine - 0.6, 0.0) / 0.4,
        "entity_jaccard": shared_entities / union_entities if union_entities else 0.0,
        "entity_shared": min(shared_entities, 3) / 3,
        "entities_missing": float(not a.entities or not b.entities),
        "predicate_same": float(same_predicate),
        "predicate_stem": float(not same_predicate and _same_stem(a.predicate, b.predicate)),
        "predicate_missing": float(a.predicate is None or b.predicate is None),
        "predicate_same_x_cosine": float(same_predicate) * max(cosine, 0.0),
        "date_agree": float(date_agree),
        "date_conflict": float(bool(dates_a and dates_b) and not date_agree),
        "number_agree": float(number_agree),
        "number_conflict": float(bool(a.numbers and b.numbers) and not number_agree),
        "same_document": float(a.document == b.document),
        "word_jaccard": _jaccard(_words(a.text), _words(b.text)),
    }


def conflicts(a: Mention, b: Mention) -> list[str]:
    """Comparable slots that disagree: the same predicate about the same entities, other dates or numbers.

    Such a pair is not one claim told twice but two claims that cannot both hold (or two events of one
    kind, such as two earthquakes): the clusterer keeps them apart and the caller relates their groups.
    """
    occasion = same_occasion(a.occasion or a.dates, b.occasion or b.dates)
    counted = quantity_conflicts(a.counts, b.counts) if occasion else []
    if counted:  # "about 2.3 million customers" / "6 million customers": whatever the verbs
        x, y = counted[0]
        return [f"count: {describe(x)} vs {describe(y)}"]
    if not _comparable(a, b):
        return []
    found: list[str] = []
    dates_a, dates_b = _dates(a.dates), _dates(b.dates)
    if dates_a and dates_b and not _dates_agree(dates_a, dates_b):
        found.append(f"date: {', '.join(sorted(dates_a))} vs {', '.join(sorted(dates_b))}")
    found += _number_conflicts(a, b)
    # One negates the act the other asserts ("no bank details were taken" / "may have been taken"); not a
    # reporting verb, whose negation is about the telling ("did not say"), nor an act of someone else ("we
    # are not raiding Medicare" / "Obamacare raided Medicare").
    polar = a.negated is not None and b.negated is not None and a.negated != b.negated
    if polar and a.predicate not in REPORTING_LEMMAS and not different_subjects(a.subject, b.subject):
        found.append(f"one negates '{a.predicate}', the other asserts it")
    return found


def _number_conflicts(a: Mention, b: Mention) -> list[str]:
    """Figures of the two claims that cannot both hold: counts against counts of one thing ("four days"
    never against "three lanes"), percentages against percentages, a thing's figure against the same
    thing's ("a $600 ticket" / "a $900 ticket", never "$250,000 in campaign funds"); "more than $700
    billion" allows $716 billion."""
    found = []
    plain_a, percent_a = compared_numbers(a.text, a.numbers)
    plain_b, percent_b = compared_numbers(b.text, b.numbers)
    plain_a, plain_b = _of_one_thing(plain_a, plain_b, a.text, b.text)
    if named_apart(a.subject, a.text, b.subject, b.text):
        # amounts of two people ("Obama has cut $716 billion" / "McCain would cut $882 billion"); shares of
        # one whole still meet ("Vennick won 51 percent" / "Revel won 54.2 percent")
        plain_a = plain_b = frozenset()
    for mine, theirs in ((plain_a, plain_b), (percent_a, percent_b)):
        if mine and theirs and not numbers_compatible(mine, theirs, a.text, b.text):
            found.append(f"number: {', '.join(sorted(mine))} vs {', '.join(sorted(theirs))}")
    described_b = attribute_numbers(b.text)
    for word, mine in attribute_numbers(a.text).items():
        theirs = described_b.get(word, frozenset())
        if theirs and not numbers_compatible(mine, theirs, a.text, b.text):
            found.append(f"number: {', '.join(sorted(mine))} {word} vs {', '.join(sorted(theirs))} {word}")
    return found


def _of_one_thing(
    mine: frozenset[str], theirs: frozenset[str], text_a: str, text_b: str
) -> tuple[frozenset[str], frozenset[str]]:
    """The figures of each claim that count what some figure of the other counts (``counted_words``: the
    words after them meet, or one has none)."""
    if not mine or not theirs:
        return mine, theirs
    words_a, words_b = counted_words(text_a), counted_words(text_b)
    pairs = [
        (x, y)
        for x in mine
        for y in theirs
        if not words_a.get(x) or not words_b.get(y) or words_a[x] & words_b[y]
    ]
    return frozenset(x for x, _ in pairs), frozenset(y for _, y in pairs)


def _comparable(a: Mention, b: Mention) -> bool:
    if a.predicate is None or b.predicate is None or not same_act(a.predicate, b.predicate):
        return False
    return bool(a.entities & b.entities) or not a.entities or not b.entities


@lru_cache(maxsize=4096)
def _dates(values: frozenset[str]) -> frozenset[str]:
    """Calendar values only: durations, sets and PRESENT_REF say nothing about which occasion is meant."""
    return frozenset(value for value in values if _DATE.match(value))


def _dates_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Some date of one is the same as, or inside, some date of the other ("2019-06" holds "2019-06-03")."""
    return any(x.startswith(y) or y.startswith(x) for x in a for y in b)


def dates_near(a: Mention, b: Mention) -> bool:
    """Whether two mentions' calendar dates are close enough (two months) to be one occasion told two ways
    (Sunday / Monday, May 14 / May 28): an earthquake of 1999 and one of 2025 are two events, kept apart
    by ``conflicts`` but no contradiction."""
    months_a = [m for m in map(_month_index, _dates(a.dates)) if m is not None]
    months_b = [m for m in map(_month_index, _dates(b.dates)) if m is not None]
    return any(abs(x - y) <= 2 for x in months_a for y in months_b)


def _month_index(value: str) -> int | None:
    """Months since year 0 for a value with a month ("2025-02", "2025-02-10"), else None."""
    if len(value) < 7 or not value[:4].isdigit() or not value[5:7].isdigit():
        return None
    return int(value[:4]) * 12 + int(value[5:7])


def _same_stem(a: str | None, b: str | None) -> bool:
    """ "arrest"/"arrested", "quake"/"earthquake": a shared 5-letter start or one lemma ending the other."""
    if a is None or b is None or len(a) < 4 or len(b) < 4:
        return False
    return a[:5] == b[:5] or a.endswith(b) or b.endswith(a)


@lru_cache(maxsize=65536)
def _words(text: str) -> frozenset[str]:
    return frozenset(word for word in _WORD.findall(text.lower()) if word not in _STOP)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0

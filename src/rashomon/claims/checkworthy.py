"""Check-worthiness: how much a claim asserts something about the world that could be checked.

No check-worthiness benchmark ships with rashomon's data, so this is a transparent additive score over
the signals ClaimBuster (Hassan et al. 2017) found most predictive: named entities, numbers and dates,
past-tense event verbs, reported speech; against first/second person, questions and normative modals.
Weights were set by hand and checked on the project's own fixtures; treat the score as a ranking,
not a probability.
"""

from __future__ import annotations

import re

NUMBER = re.compile(
    r"\b\d[\d,.]*\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion)\b",
    re.IGNORECASE,
)
PERSONAL = re.compile(r"\b(?:I|we|you|me|us|my|our|your)\b")
NORMATIVE = re.compile(r"\b(?:should|ought to|must|need to|deserve[sd]?)\b", re.IGNORECASE)
DROP_BELOW = 0.25  # below this a sentence is filler or opinion: not emitted as a claim
MIN_WORDS = 4

WEIGHTS = {
    "base": 0.2,
    "entity": 0.25,
    "number": 0.15,
    "event_verb": 0.2,
    "attributed": 0.1,
    "personal": -0.15,
    "normative": -0.2,
}


def checkworthiness(
    text: str, *, entities: int, event_verb: bool, attributed: bool, predicate: bool = True
) -> float:
    """``predicate``: whether the text asserts a predicate. A span without one asserts nothing: the object
    of "did not respond to a request for comment" or of "citing two people familiar with ...", or a
    subhead ("The mood on Capitol Hill")."""
    if text.rstrip().endswith("?") or len(text.split()) < MIN_WORDS or not predicate:
        return 0.0
    score = WEIGHTS["base"]
    score += WEIGHTS["entity"] * min(entities, 2) / 2
    score += WEIGHTS["number"] if NUMBER.search(text) else 0.0
    score += WEIGHTS["event_verb"] if event_verb else 0.0
    score += WEIGHTS["attributed"] if attributed else 0.0
    score += WEIGHTS["personal"] if PERSONAL.search(text) and not attributed else 0.0
    score += WEIGHTS["normative"] if NORMATIVE.search(text) else 0.0
    return round(min(max(score, 0.0), 1.0), 3)

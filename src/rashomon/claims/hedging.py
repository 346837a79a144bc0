"""Hedging: the text does not assert the claim as fact.

Markers from the hedging literature (Hyland 1998; the CoNLL-2010 uncertainty cue lists) narrowed to
those news copy uses to distance itself: reporting hedges ("reportedly", "allegedly"), distancing
cues ("claims", "alleges", "according to"), epistemic modals and adverbs, and conditionals. "More likely"
and "less likely" compare risks ("21 percent more likely to have one") and hedge nothing.
"""

from __future__ import annotations

import re

HEDGE_WORDS = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|supposedly|apparently|seemingly|ostensibly|presumably|"
    r"possibly|probably|perhaps|maybe|(?<!more )(?<!less )(?<!as )likely|unlikely|most likely|may|might|"
    r"could|would|suspected|"
    r"believed to|thought to|said to be|appears? to|seems? to|unconfirmed|unverified|rumou?red|"
    r"it is (?:believed|thought|understood|alleged|claimed)|if)\b",
    re.IGNORECASE,
)
HEDGE_CUES = frozenset(
    {
        "claim",
        "claims",
        "claimed",
        "allege",
        "alleges",
        "alleged",
        "according to",
        "suggest",
        "suggests",
        "suggested",
        "insist",
        "insists",
        "insisted",
        "purport",
        "speculate",
        "speculated",
        "believe",
        "believes",
        "believed",
        "suspect",
        "suspects",
        "suspected",
        "assert",
        "asserts",
        "asserted",
    }
)


def is_hedged(claim_text: str, cues: list[str]) -> bool:
    if any(cue.lower().strip() in HEDGE_CUES for cue in cues):
        return True
    return HEDGE_WORDS.search(claim_text) is not None


def hedge_markers(text: str) -> list[str]:
    return [m.group(0) for m in HEDGE_WORDS.finditer(text)]

"""Hedging: the text does not assert the claim as fact.

Markers from the hedging literature (Hyland 1998; the CoNLL-2010 uncertainty cue lists) narrowed to
those news copy uses to distance itself: reporting hedges ("reportedly", "allegedly"), distancing
cues ("claims", "alleges", "according to"), epistemic modals and adverbs, forecasts ("is expected to")
and conditionals. "More likely" and "less likely" compare risks ("21 percent more likely to have one") and
hedge nothing. In reported speech "would" is the reporter's tense, not a hedge: "the company said it would
close the plant" reports "we will close the plant"; in the outlet's own voice ("that would mean ...") it
still hedges, and so do a counterfactual ("would have died") and a conditional judgement ("the documents
would be the strongest evidence yet"), told or not; "would be closed" is the reported future again.
"""

from __future__ import annotations

import re

HEDGE_WORDS = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|supposedly|apparently|seemingly|ostensibly|presumably|"
    r"possibly|probably|perhaps|maybe|(?<!more )(?<!less )(?<!as )likely|unlikely|most likely|may|might|"
    r"could|would|suspected|"
    r"believed to|thought to|said to be|appears? to|seems? to|(?:is|are|was|were) expected to|"
    r"unconfirmed|unverified|rumou?red|"
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


# After a reported "would": a counterfactual or a judgement, not the reporter's tense ("would be closed").
CONDITIONAL_WOULD = re.compile(r"\s+(?:have\b|be\s+(?!\w+(?:ed|en)\b))", re.IGNORECASE)


def is_hedged(claim_text: str, cues: list[str]) -> bool:
    """``cues``: the reporting cues the claim is told under (none in the outlet's own voice)."""
    if any(cue.lower().strip() in HEDGE_CUES for cue in cues):
        return True
    return any(
        not cues or m.group(0).lower() != "would" or CONDITIONAL_WOULD.match(claim_text, m.end())
        for m in HEDGE_WORDS.finditer(claim_text)
    )


def hedge_markers(text: str) -> list[str]:
    return [m.group(0) for m in HEDGE_WORDS.finditer(text)]

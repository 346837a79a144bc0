"""Headline cues for Emergent: is the claim reported, hedged, questioned, negated or debunked?

Emergent pairs a claim with one article headline, so the stance sits in a few words around the restated
claim. After Ferreira & Vlachos (2016), whose Emergent features were hedging/reporting and refuting words,
negation alignment and where the claim sits in the headline, these columns look at the headline's words
before and after the first run of words restating the claim (``features.mask_claim``). Regular expressions
only: a dependency parse would add spaCy to inference for one head. Dev (5-fold by claim), softmax-regression
head: 0.763 -> 0.768 accuracy and against-F1 0.758 -> 0.786 with 3 seeds (prototype on cached features);
0.770 with the 6-seed head, 0.780 with the L2-regularised head now shipped (``train.py``). The lists are the
literature's words, not tuned.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEDGE = re.compile(
    r"\b(reportedly|allegedly|alleged|claims?|claimed|rumou?rs?|rumou?red|may|might|could|reports?|reported"
    r"|says?|said|according|apparently|purportedly|supposedly|sources?|believed|possibly|appears?|seems?"
    r"|suggests?|would|unconfirmed|speculat\w*)\b"
)
_REFUTE = re.compile(
    r"\b(hoax\w*|fake|false|debunk\w*|deny|denies|denied|not true|no evidence|satir\w*|myth|untrue|bogus"
    r"|prank|fabricat\w*|scam|rumou?r|isn'?t|wasn'?t|didn'?t|doesn'?t|won'?t|not|no|never|nope|fiction"
    r"|refut\w*|dismiss\w*|reject\w*|wrong)\b"
)
_NEGATION = re.compile(r"\b(not|no|never|nothing|isn'?t|wasn'?t|didn'?t|doesn'?t|won'?t|aren'?t)\b|n't\b")
_LABEL_PREFIX = re.compile(r"^[^:]{1,30}:")  # "Report: ...", "Rumor: ...", "Video: ..."
_QUOTES = ('"', "\u201c", "\u201d")
CUE_COLUMNS = 16


def cue_features(claim: str, headline: str, tokens: Sequence[str], placeholder: str) -> list[float]:
    """``CUE_COLUMNS`` numbers about the headline's framing of the claim (flags, positions, counts).

    ``tokens`` are the headline's words with each run restating the claim replaced by ``placeholder``
    (``features.mask_claim``)."""
    text = headline.strip()
    low, claim_low = text.lower(), claim.lower()
    runs = [i for i, token in enumerate(tokens) if token == placeholder]
    before = " ".join(tokens[: runs[0]]) if runs else " ".join(tokens)
    after = " ".join(tokens[runs[0] + 1 :]) if runs else ""
    negated, claim_negated = bool(_NEGATION.search(low)), bool(_NEGATION.search(claim_low))
    return [
        float("?" in text),
        float(text.endswith("?")),
        float(bool(_LABEL_PREFIX.match(text))),
        float(bool(_HEDGE.search(low))),
        float(bool(_REFUTE.search(low))),
        float(negated),
        float(claim_negated),
        float(negated != claim_negated),  # negation alignment: one side negated, the other not
        float(bool(_HEDGE.search(before))),  # "Police say _c_": the claim sits under a reporting verb
        float(bool(_REFUTE.search(before))),  # "Hoax: _c_"
        float(bool(_REFUTE.search(after))),  # "_c_ is fake"
        float(bool(_NEGATION.search(after))),
        runs[0] / max(len(tokens), 1) if runs else 1.0,  # where the claim starts
        float(len(runs)),
        float(any(q in text for q in _QUOTES)),
        len(tokens) / 10.0,
    ]

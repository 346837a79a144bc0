"""From per-token BIO log-probabilities to token ranges.

Constrained Viterbi (``I`` only after ``B`` or ``I``) so every span is well formed. ``OUTSIDE_BIAS`` is
added to the ``O`` log-probability before decoding: the official SI score forgives partial overlaps, so
proposing a span costs less than missing one, and a negative bias trades precision for recall.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rashomon.claims.attribution.decode import constrained_viterbi
from rashomon.framing.propaganda.features import BEGIN, INSIDE, OUTSIDE

# Calibrated on the out-of-fold predictions of the 3-fold cross-validation over PTC train (the shipped
# hyper-parameters; SI F1 for biases -2.0 / -1.75 / -1.5 / -1.25 / -1.0: 0.383 / 0.404 / 0.416 / 0.419 /
# 0.402, docs/propaganda.md). The optimum is broad; at 0 the tagger proposes far too few spans.
OUTSIDE_BIAS = -1.25

_ALLOWED = np.ones((3, 3), dtype=bool)  # previous -> next
_ALLOWED[OUTSIDE, INSIDE] = False
_START = np.array([True, True, False])


@dataclass(frozen=True, slots=True)
class TokenSpan:
    first: int  # row of the first token
    last: int  # row of the last token, inclusive
    confidence: float  # mean probability of not-O over its tokens


def viterbi(log_probs: npt.NDArray[np.float32]) -> list[int]:
    """Best BIO label sequence (``log_probs``: tokens x 3, columns O, B, I)."""
    return constrained_viterbi(log_probs, _ALLOWED, _START)


def spans_from_labels(labels: list[int]) -> list[tuple[int, int]]:
    """(first, last) rows of each ``B I*`` run."""
    spans: list[tuple[int, int]] = []
    for row, label in enumerate(labels):
        if label == BEGIN:
            spans.append((row, row))
        elif label == INSIDE and spans and spans[-1][1] == row - 1:
            spans[-1] = (spans[-1][0], row)
    return spans


def decode(log_probs: npt.NDArray[np.float32], outside_bias: float = OUTSIDE_BIAS) -> list[TokenSpan]:
    """Token spans with their confidence; ``log_probs`` are natural-log probabilities (tokens x 3)."""
    shifted = np.array(log_probs, dtype=np.float64)
    if len(shifted):
        shifted[:, OUTSIDE] += outside_bias
    inside = 1.0 - np.exp(np.asarray(log_probs, dtype=np.float64)[:, OUTSIDE]) if len(shifted) else shifted
    return [
        TokenSpan(first, last, float(inside[first : last + 1].mean()))
        for first, last in spans_from_labels(viterbi(shifted.astype(np.float32)))
    ]

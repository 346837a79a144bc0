"""How loaded a phrase is, on a neutral-to-loaded axis in the sentence-embedding space (SemAxis).

After An, Kwak & Ahn (ACL 2018, "SemAxis"): an axis is the difference between the mean vectors of two
pole word sets; a phrase's position is its cosine with that axis, rescaled so the neutral pole's mean
sits at 0 and the loaded pole's at 1. The poles are general vocabulary of news description, not words
of any one story: plain descriptive nouns at one end, condemnation and atrocity words at the other.
Measured on PTC (``python -m rashomon.framing.loadedness_check``, see docs/framing.md): spans annotated
Loaded_Language or Name_Calling score above the other noun phrases of the same sentences.

What it is not: a measure of truth or of bias. It reads negative intensity as loadedness ("deadly quake"
scores high) and euphemism as neutral ("taking out" scores low).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

NEUTRAL_POLE = (
    "operation", "action", "incident", "event", "measure", "statement", "official", "report",
    "military action", "attack", "leader", "officer", "group", "decision",
)  # fmt: skip
LOADED_POLE = (
    "atrocity", "slaughter", "butchery", "heinous crime", "evil", "thug", "barbaric", "monstrous",
    "despicable", "outrageous", "criminal", "terrorist", "vile", "disgraceful",
)  # fmt: skip

Matrix = npt.NDArray[np.float32]


class Encoder(Protocol):
    def encode(self, sentences: list[str], **kwargs: Any) -> Any: ...


class LoadednessAxis:
    """Scores phrases 0 (neutral pole) .. 1 (loaded pole); values may fall outside and are clipped."""

    def __init__(self, encoder: Encoder) -> None:
        self._encoder = encoder
        neutral, loaded = self._embed(list(NEUTRAL_POLE)), self._embed(list(LOADED_POLE))
        axis = loaded.mean(axis=0) - neutral.mean(axis=0)
        norm = float(np.linalg.norm(axis))
        self._axis = axis / norm if norm > 0 else axis
        self._low = float((neutral @ self._axis).mean())
        self._high = float((loaded @ self._axis).mean())

    def _embed(self, phrases: list[str]) -> Matrix:
        vectors = self._encoder.encode(phrases, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32).reshape(len(phrases), -1)

    def scores(self, phrases: Sequence[str]) -> list[float]:
        if not phrases:
            return []
        unique = list(dict.fromkeys(phrases))
        raw = self._embed(unique) @ self._axis
        span = self._high - self._low
        scaled = {
            p: float(np.clip((r - self._low) / span, 0.0, 1.0)) if span > 0 else 0.5
            for p, r in zip(unique, raw, strict=True)
        }
        return [round(scaled[p], 3) for p in phrases]

"""Sentence embeddings: of whole sentences, from the attribution tagger's MiniLM pass; of the other spans
that may become claims, from the embed stage; and of claims, gathered by the align stage from the two
and shared by later stages."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True, slots=True)
class ClaimVectors:
    """Row ``i`` of ``matrix`` is the L2-normalised MiniLM embedding of claim ``ids[i]``."""

    ids: tuple[str, ...] = ()
    matrix: npt.NDArray[np.float32] = field(default_factory=lambda: np.zeros((0, 384), dtype=np.float32))

    def rows(self) -> dict[str, int]:
        return {claim_id: row for row, claim_id in enumerate(self.ids)}


@dataclass(frozen=True, slots=True)
class SentenceVector:
    """The L2-normalised MiniLM sentence embedding of sentence ``sentence`` of ``article``, as
    sentence-transformers' all-MiniLM-L6-v2 makes it (mean of the last layer over the word pieces), as
    ``vector``: 384 little-endian float32 values (bytes keep the record hashable and comparable)."""

    article: str
    sentence: int
    vector: bytes

    @staticmethod
    def of(article: str, sentence: int, values: npt.NDArray[np.float32]) -> SentenceVector:
        return SentenceVector(article, sentence, np.asarray(values, dtype="<f4").tobytes())

    def values(self) -> npt.NDArray[np.float32]:
        return np.frombuffer(self.vector, dtype="<f4").astype(np.float32)


@dataclass(frozen=True, slots=True)
class SpanVector:
    """The L2-normalised MiniLM embedding (as ``SentenceVector``) of the text ``start:end`` of an
    article's body, or of its title when ``title``: a span that may become a claim and is not a whole
    sentence the attribution tagger's pass embedded."""

    article: str
    start: int
    end: int
    title: bool
    vector: bytes

    @staticmethod
    def of(article: str, start: int, end: int, title: bool, values: npt.NDArray[np.float32]) -> SpanVector:
        return SpanVector(article, start, end, title, np.asarray(values, dtype="<f4").tobytes())

    def values(self) -> npt.NDArray[np.float32]:
        return np.frombuffer(self.vector, dtype="<f4").astype(np.float32)

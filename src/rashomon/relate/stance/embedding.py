"""MiniLM sentence vectors for stance features: bodies split into sentences, every string embedded once.

Vectors are L2-normalised, so a dot product is a cosine. Callers that already embedded the sentences
(the pipeline embeds every sentence once) pass them in as ``known``; only the missing strings are encoded.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

DIM = 384
Vector = npt.NDArray[np.float32]
Matrix = npt.NDArray[np.float32]

# FNC-1 train bodies: the 99th percentile is ~70 regex sentences; the stance is nearly always set in the
# first paragraphs, and capping keeps one very long body from dominating embedding time.
MAX_SENTENCES = 60
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


def split_sentences(text: str, limit: int = MAX_SENTENCES) -> list[str]:
    """Regex sentences, paragraphs first: cheap, and good enough to find the sentence a headline matches."""
    sentences: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if paragraph:
            sentences.extend(s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip())
        if len(sentences) >= limit:
            break
    return sentences[:limit] or [text.strip()]


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class SentenceVectors:
    """Encodes strings with MiniLM, remembering every vector; optionally persisted as one ``.npz`` file."""

    def __init__(self, encoder: Any = None, cache_file: Path | None = None, batch_size: int = 64) -> None:
        self._encoder = encoder
        self.cache_file = cache_file
        self.batch_size = batch_size
        self._vectors: dict[str, Vector] = {}
        if cache_file is not None and cache_file.exists():
            with np.load(cache_file) as stored:
                keys, matrix = stored["keys"], stored["vectors"]
                self._vectors = {str(k): matrix[i] for i, k in enumerate(keys)}

    def _model(self) -> Any:
        if self._encoder is None:
            from rashomon.nlp.embeddings import load_minilm

            self._encoder = load_minilm()
        return self._encoder

    def add(self, known: Mapping[str, Iterable[float]]) -> None:
        """Adopt vectors computed elsewhere (re-normalised, in case the caller's were not)."""
        for text, vector in known.items():
            array = np.asarray(vector, dtype=np.float32)
            self._vectors[text_key(text)] = array / max(float(np.linalg.norm(array)), 1e-12)

    def ensure(self, texts: Iterable[str]) -> None:
        missing = list(dict.fromkeys(t for t in texts if text_key(t) not in self._vectors))
        if not missing:
            return
        encoded = self._model().encode(
            missing, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True
        )
        for text, vector in zip(missing, encoded, strict=True):
            self._vectors[text_key(text)] = np.asarray(vector, dtype=np.float32)

    def matrix(self, texts: list[str]) -> Matrix:
        self.ensure(texts)
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([self._vectors[text_key(t)] for t in texts])

    def save(self) -> None:
        if self.cache_file is None:
            return
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._vectors))
        vectors = np.stack(list(self._vectors.values())) if keys.size else np.zeros((0, DIM), np.float32)
        np.savez(self.cache_file, keys=keys, vectors=vectors)

"""The shipped informational-bias scorer: one probability per sentence, given the story's other articles.

    model = InformationalBiasModel()
    model.warm_up()
    probabilities = model.score(article_sentences, [other_article_sentences, ...])
    biased = [p >= model.threshold for p in probabilities]

The pipeline embeds every sentence once; it passes those sentence vectors as ``vectors`` (sentence ->
vector) and they are used for the event-context columns. The head itself reads a middle-layer MiniLM vector
(``embedding``), so the article's own sentences are still run through MiniLM here, once each; the other
articles' sentences need no encoding when their vectors are passed. ``lexical_spans`` marks loaded
words (lexical bias) with the lexicon learned beside the head.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rashomon.errors import DataError
from rashomon.framing.informational.embedding import LayerEncoder, LayerVectors
from rashomon.framing.informational.features import article_features
from rashomon.framing.informational.head import LogisticHead, save_arrays
from rashomon.framing.informational.lexicon import LoadedWords

MODEL_DIR = Path(__file__).parent / "model"
ARTIFACT = "informational.npz"
Matrix = np.ndarray[Any, np.dtype[np.float32]]


@dataclass(frozen=True)
class FittedHeads:
    """Both heads, the loaded-word lexicon and the decision thresholds chosen on cross-validation."""

    inf: LogisticHead
    lex: LogisticHead
    lexicon: LoadedWords
    inf_threshold: float
    lex_threshold: float

    def save(self, path: Path) -> None:
        words = sorted(self.lexicon.shares)
        save_arrays(
            path,
            {
                **self.inf.arrays("inf_"),
                **self.lex.arrays("lex_"),
                "thresholds": np.array([self.inf_threshold, self.lex_threshold], dtype=np.float32),
                "lexicon_words": np.array(words, dtype=np.str_),
                "lexicon_shares": np.array([self.lexicon.shares[w] for w in words], dtype=np.float32),
            },
        )

    @classmethod
    def load(cls, path: Path) -> FittedHeads:
        """Numbers and words only: ``allow_pickle=False``, a model file can never carry code."""
        if not path.exists():
            raise DataError(
                f"informational-bias model '{path}' is missing",
                hint="python -m rashomon.framing.informational.train --data ../shared/benchmarks/basil",
            )
        with np.load(path, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
        words = [str(w) for w in arrays["lexicon_words"]]
        shares = [float(s) for s in arrays["lexicon_shares"]]
        return cls(
            inf=LogisticHead.from_arrays(arrays, "inf_"),
            lex=LogisticHead.from_arrays(arrays, "lex_"),
            lexicon=LoadedWords(dict(zip(words, shares, strict=True))),
            inf_threshold=round(float(arrays["thresholds"][0]), 4),
            lex_threshold=round(float(arrays["thresholds"][1]), 4),
        )


class InformationalBiasModel:
    """Logistic heads over frozen MiniLM vectors and event-context columns (see ``features``)."""

    def __init__(self, model_dir: Path | None = None, encoder: LayerEncoder | None = None) -> None:
        self.model_dir = model_dir or MODEL_DIR
        self._vectors = LayerVectors(encoder=encoder)
        self._heads: FittedHeads | None = None
        self.threshold = 0.5
        self.lexical_threshold = 0.5

    @property
    def heads(self) -> FittedHeads:
        self.warm_up()
        assert self._heads is not None
        return self._heads

    def warm_up(self) -> None:
        """Load the artifact once."""
        if self._heads is None:
            self._heads = FittedHeads.load(self.model_dir / ARTIFACT)
            self.threshold = self._heads.inf_threshold
            self.lexical_threshold = self._heads.lex_threshold

    def _features(
        self,
        article: Sequence[str],
        others: Sequence[Sequence[str]],
        vectors: Mapping[str, Iterable[float]] | None,
    ) -> Matrix:
        if vectors:
            self._vectors.add(vectors)
        own = self._vectors.final(list(article))
        other = [self._vectors.final(list(o)) for o in others if o]
        return article_features(article, self._vectors.middle(list(article)), own, other)

    def score(
        self,
        article: Sequence[str],
        others: Sequence[Sequence[str]],
        vectors: Mapping[str, Iterable[float]] | None = None,
    ) -> list[float]:
        """Probability that each sentence of ``article`` carries informational bias."""
        if not article:
            return []
        return [float(p) for p in self.heads.inf.probabilities(self._features(article, others, vectors))]

    def score_lexical(
        self,
        article: Sequence[str],
        others: Sequence[Sequence[str]],
        vectors: Mapping[str, Iterable[float]] | None = None,
    ) -> list[float]:
        """Probability that each sentence carries lexical bias (loaded words), from the same features."""
        if not article:
            return []
        features = lexical_features(self._features(article, others, vectors), article, self.heads.lexicon)
        return [float(p) for p in self.heads.lex.probabilities(features)]

    def lexical_spans(self, sentence: str) -> list[tuple[int, int]]:
        """Character spans of loaded words in one sentence."""
        return self.heads.lexicon.spans(sentence)


def lexical_features(features: Matrix, sentences: Sequence[str], lexicon: LoadedWords) -> Matrix:
    """The informational features plus the summed lexicon share of each sentence's words."""
    hits = np.array([[lexicon.hits(s)] for s in sentences], dtype=np.float32).reshape(-1, 1)
    return np.concatenate([features, hits], axis=1)

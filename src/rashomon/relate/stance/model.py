"""``StanceModel``: class probabilities for (claim, text) pairs from the shipped heads.

Two heads ship, one per benchmark's notion of stance:

* ``fnc1``: a headline-like claim against a longer text (an article body, a paragraph); labels
  agree / disagree / discuss / unrelated.
* ``emergent``: a claim against a headline-like text (one sentence); labels for / against / observing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from rashomon.errors import UsageError
from rashomon.relate.stance.data import LABELS
from rashomon.relate.stance.embedding import SentenceVectors
from rashomon.relate.stance.features import Idf, PairFeaturizer
from rashomon.relate.stance.head import StanceHead

MODEL_DIR = Path(__file__).parent / "model"


class StanceModel:
    """Load once (``warm_up``), then ``predict`` batches of pairs. MiniLM loads only if a string's vector
    was not passed in."""

    def __init__(self, task: str = "fnc1", model_dir: Path | None = None, encoder: object = None) -> None:
        if task not in LABELS:
            raise UsageError(
                f"unknown stance task '{task}'", hint=f"choose one of: {', '.join(sorted(LABELS))}"
            )
        self.task = task
        self.model_dir = model_dir or MODEL_DIR
        self.labels = LABELS[task]
        self._encoder = encoder  # a SentenceTransformer-like object; tests pass a fake
        self._head: StanceHead | None = None
        self._featurizer: PairFeaturizer | None = None

    def warm_up(self) -> None:
        if self._head is None:
            self._head = StanceHead.load(self.model_dir / f"{self.task}.npz")
            vectors = SentenceVectors(encoder=self._encoder)
            idf = Idf(self._head.vocabulary, self._head.idf)
            self._featurizer = PairFeaturizer(
                idf,
                vectors,
                self._head.bow,
                self._head.meta.get("blocks", ()),
                bool(self._head.meta.get("bow_masked", False)),
                bool(self._head.meta.get("cues", False)),
            )

    def predict(
        self,
        pairs: Sequence[tuple[str, str]],
        embeddings: Mapping[str, Iterable[float]] | None = None,
    ) -> list[dict[str, float]]:
        """Per pair, each label's probability.

        ``embeddings`` maps strings (claims, and the sentences of each text as ``split_sentences`` cuts
        them) to MiniLM vectors the caller already has; only the strings missing from it are encoded."""
        self.warm_up()
        assert self._head is not None and self._featurizer is not None
        if not pairs:
            return []
        if embeddings:
            self._featurizer.vectors.add(embeddings)
        probabilities = self._head.probabilities(self._featurizer.transform(list(pairs)))
        return [
            {label: float(p) for label, p in zip(self._head.labels, row, strict=True)}
            for row in probabilities
        ]

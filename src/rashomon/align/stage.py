"""The align stage: claims embedded once, then grouped across articles when they assert the same thing."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

import numpy as np

from rashomon.align.groups import make_group
from rashomon.model import ClaimGroup
from rashomon.model.vectors import ClaimVectors
from rashomon.nlp.embeddings import load_minilm
from rashomon.pipeline import Advance, BaseStage, Batch

EMBED_BATCH = 64


class AlignStage(BaseStage):
    name: ClassVar[str] = "align"
    requires: ClassVar[frozenset[str]] = frozenset({"articles", "claims", "entities", "tokens"})
    produces: ClassVar[frozenset[str]] = frozenset({"vectors", "groups"})

    _embedder: Any = None

    def warm_up(self) -> None:
        self._embedder = load_minilm()

    def units(self, batch: Batch) -> int:
        return 2

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        from rashomon.align.claim_model import claim_model
        from rashomon.align.mentions import build_mentions
        from rashomon.align.similarity import cluster

        batch = replace(batch, vectors=self.embed(batch))
        advance(1)
        mentions = build_mentions(batch)
        groups: list[ClaimGroup] = []
        model = claim_model()  # claim-level, fitted on Emergent; ECB+'s event model groups too coarsely
        for members in cluster(mentions, model.threshold, model=model):
            claims = [batch.claims[i] for i in members]
            groups.append(make_group(claims, batch.vectors.matrix[members]))
        advance(1)
        return replace(batch, groups=tuple(sorted(groups, key=lambda g: (-len(g.articles), g.id))))

    def embed(self, batch: Batch) -> ClaimVectors:
        """Each distinct claim text is embedded once."""
        if self._embedder is None:
            self.warm_up()
        texts = list(dict.fromkeys(claim.text for claim in batch.claims))
        if not texts:
            return ClaimVectors()
        encoded = self._embedder.encode(
            texts, batch_size=EMBED_BATCH, normalize_embeddings=True, show_progress_bar=False
        )
        row = {text: i for i, text in enumerate(texts)}
        matrix = np.asarray(encoded, dtype=np.float32)[[row[c.text] for c in batch.claims]]
        return ClaimVectors(ids=tuple(c.id for c in batch.claims), matrix=matrix)

"""The align stage: claims embedded once, then grouped across articles when they assert the same thing."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt

from rashomon.align.contexts import claim_contexts
from rashomon.align.groups import make_group
from rashomon.model import ClaimGroup
from rashomon.model.vectors import ClaimVectors
from rashomon.nlp.embeddings import load_minilm
from rashomon.pipeline import Advance, BaseStage, Batch

EMBED_BATCH = 64


def split_by_stance(members: list[int], doubting: list[bool]) -> list[list[int]]:
    """A claim reported with doubt ("never shown evidence that Iran planned attacks on four embassies")
    shares words with the claim it doubts, but is not the same claim: the two go to separate groups,
    so that the relate stage can link them as a dispute instead of hiding one inside the other."""
    parts = [[i for i in members if not doubting[i]], [i for i in members if doubting[i]]]
    return [part for part in parts if part]


class AlignStage(BaseStage):
    name: ClassVar[str] = "align"
    requires: ClassVar[frozenset[str]] = frozenset(
        {"articles", "claims", "entities", "tokens", "sentences", "sentence_vectors", "span_vectors"}
    )
    produces: ClassVar[frozenset[str]] = frozenset({"vectors", "groups"})
    # 5: increments, attributes, positions; 4: subjects, bounded figures; 3: scaled figures one number, refit
    version: ClassVar[str] = "5"

    def __init__(self, config: Any, encoder: Any = None) -> None:
        """``encoder``: anything with sentence-transformers' ``encode``; None: MiniLM, at warm-up."""
        super().__init__(config)
        self._embedder = encoder

    def warm_up(self) -> None:
        self._embedder = self._embedder or load_minilm()

    def units(self, batch: Batch) -> int:
        return 2

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        from rashomon.align.claim_model import claim_model
        from rashomon.align.mentions import build_mentions
        from rashomon.align.similarity import cluster
        from rashomon.relate.disputes import doubt

        batch = replace(batch, vectors=self.embed(batch))
        advance(1)
        mentions = build_mentions(batch)
        groups: list[ClaimGroup] = []
        model = claim_model()  # claim-level, fitted on Emergent; ECB+'s event model groups too coarsely
        contexts = claim_contexts(batch)
        doubting = [doubt(c, x) is not None for c, x in zip(batch.claims, contexts, strict=True)]
        for found in cluster(mentions, model.threshold, model=model):
            for members in split_by_stance(found, doubting):
                claims = [batch.claims[i] for i in members]
                groups.append(make_group(claims, batch.vectors.matrix[members]))
        advance(1)
        return replace(batch, groups=tuple(sorted(groups, key=lambda g: (-len(g.articles), g.id))))

    def embed(self, batch: Batch) -> ClaimVectors:
        """Each distinct claim text is embedded once: a claim that is a whole sentence takes the vector
        the attribution tagger's MiniLM pass already gave that sentence (the same model, pooled as
        sentence-transformers pools it), the others the embed stage's vector of their span; what neither
        has (a claim cut where the embed stage did not look) is encoded here."""
        texts = list(dict.fromkeys(claim.text for claim in batch.claims))
        if not texts:
            return ClaimVectors()
        known = sentence_embeddings(batch)
        for text, vector in span_embeddings(batch).items():
            known.setdefault(text, vector)
        missing = [text for text in texts if text not in known]
        if missing:
            if self._embedder is None:
                self.warm_up()
            encoded = self._embedder.encode(
                missing, batch_size=EMBED_BATCH, normalize_embeddings=True, show_progress_bar=False
            )
            known.update(zip(missing, np.asarray(encoded, dtype=np.float32), strict=True))
        matrix = np.stack([known[c.text] for c in batch.claims]).astype(np.float32)
        return ClaimVectors(ids=tuple(c.id for c in batch.claims), matrix=matrix)


def sentence_embeddings(batch: Batch) -> dict[str, npt.NDArray[np.float32]]:
    """Sentence text -> its embedding, for the sentences the attribution stage embedded whole."""
    texts = {article.id: article.text for article in batch.articles}
    spans = {(s.article, s.index): (s.start, s.end) for s in batch.sentences}
    found: dict[str, npt.NDArray[np.float32]] = {}
    for record in batch.sentence_vectors:
        span = spans.get((record.article, record.sentence))
        if span is not None and record.article in texts:
            found.setdefault(texts[record.article][span[0] : span[1]], record.values())
    return found


def span_embeddings(batch: Batch) -> dict[str, npt.NDArray[np.float32]]:
    """Span text -> its embedding, for the spans the embed stage embedded."""
    articles = {article.id: article for article in batch.articles}
    found: dict[str, npt.NDArray[np.float32]] = {}
    for record in batch.span_vectors:
        article = articles.get(record.article)
        if article is not None:
            text = (article.title or "") if record.title else article.text
            found.setdefault(text[record.start : record.end], record.values())
    return found

"""The embed stage: every span that may become a claim, embedded once, article by article.

The align stage compares claims by their MiniLM embeddings. A claim that is a whole sentence takes the
vector the attribution tagger's pass gave that sentence; the others (attributed content, background
events, headlines: about 60% of the claims) need a pass of their own. Claims are cut after entity
resolution, a corpus stage, but where they may be cut is known per article (``candidate_ranges``), so
those spans are embedded here, in the per-article phase: on the workers, with the model the attribution
tagger already holds, and cached per article, so a run that adds articles embeds only theirs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

import numpy as np

from rashomon.claims.candidates import candidate_ranges
from rashomon.config import Config
from rashomon.model.vectors import SpanVector
from rashomon.pipeline import Advance, BaseStage, Batch, Scope
from rashomon.pipeline.state import by_article

EMBED_BATCH = 64


class EmbedStage(BaseStage):
    name: ClassVar[str] = "embed"
    requires: ClassVar[frozenset[str]] = frozenset(
        {"articles", "sentences", "tokens", "attributions", "sentence_vectors"}
    )
    produces: ClassVar[frozenset[str]] = frozenset({"span_vectors"})
    scope: ClassVar[Scope] = "article"
    version: ClassVar[str] = "1"

    def __init__(self, config: Config, encoder: Any = None) -> None:
        """``encoder``: anything with sentence-transformers' ``encode``; None: the attribution tagger's
        MiniLM (``shared_embedder``), at warm-up."""
        super().__init__(config)
        self._embedder = encoder

    def warm_up(self) -> None:
        if self._embedder is None:
            from rashomon.claims.attribution.embeddings import shared_embedder

            self._embedder = shared_embedder()
        getattr(self._embedder, "warm_up", lambda: None)()

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        sentences, tokens = by_article(batch.sentences), by_article(batch.tokens)
        found = by_article(batch.attributions)
        embedded = {(v.article, v.sentence) for v in batch.sentence_vectors}
        wanted: list[tuple[str, int, int, bool, str]] = []
        for article in batch.articles:
            if article.language != "en":
                continue
            mine = sentences[article.id]
            known = {article.text[s.start : s.end] for s in mine if (article.id, s.index) in embedded}
            for start, end, title in candidate_ranges(article, mine, tokens[article.id], found[article.id]):
                text = ((article.title or "") if title else article.text)[start:end]
                if text not in known:
                    known.add(text)  # one record per distinct text of an article: align looks up by text
                    wanted.append((article.id, start, end, title, text))
        texts = list(dict.fromkeys(w[4] for w in wanted))
        vectors = dict(zip(texts, self._encode(texts), strict=True))
        advance(len(batch.articles))
        records = (
            SpanVector.of(a, start, end, title, vectors[text]) for a, start, end, title, text in wanted
        )
        return replace(batch, span_vectors=tuple(records))

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        if self._embedder is None:
            self.warm_up()
        encoded = self._embedder.encode(
            texts, batch_size=EMBED_BATCH, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(encoded, dtype=np.float32)

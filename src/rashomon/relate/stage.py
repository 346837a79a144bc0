"""The relate stage: agree / contradict / dispute between claim groups, and the story's distinct events."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt

from rashomon.align.contexts import claim_contexts, claim_tails
from rashomon.nlp.embeddings import load_minilm
from rashomon.pipeline import Advance, BaseStage, Batch


class RelateStage(BaseStage):
    name: ClassVar[str] = "relate"
    requires: ClassVar[frozenset[str]] = frozenset(
        {"articles", "sentences", "tokens", "claims", "groups", "vectors", "entities"}
    )
    produces: ClassVar[frozenset[str]] = frozenset({"relations", "events"})
    # 7: quarrels, refusals, negated denials; 6: modal opposites, denials of allegations; 5: running tallies
    version: ClassVar[str] = "7"

    def __init__(self, config: Any, encoder: Any = None) -> None:
        """``encoder``: anything with sentence-transformers' ``encode``; None: MiniLM, at warm-up."""
        super().__init__(config)
        self._embedder = encoder

    def warm_up(self) -> None:
        self._embedder = self._embedder or load_minilm()

    def _embed(self, texts: list[str]) -> npt.NDArray[np.float32]:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        if self._embedder is None:
            self.warm_up()
        encoded = self._embedder.encode(texts, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(encoded, dtype=np.float32)

    def units(self, batch: Batch) -> int:
        return 1

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        from rashomon.align.mentions import build_mentions
        from rashomon.relate.disputes import dispute_candidates, find_disputes
        from rashomon.relate.events import find_events
        from rashomon.relate.first_movers import first_mover_conflicts
        from rashomon.relate.opposites import opposite_claims
        from rashomon.relate.quantities import count_conflicts
        from rashomon.relate.relations import relate_groups

        group_of = {claim_id: g.id for g in batch.groups for claim_id in g.claims}
        texts = {a.id: a.text for a in batch.articles}
        candidates = dispute_candidates(batch.claims, claim_contexts(batch), claim_tails(batch), texts)
        propositions = self._embed([c.proposition for c in candidates])
        disputes = find_disputes(
            batch.claims, group_of, batch.vectors.matrix, candidates, propositions, batch.entities
        )
        mentions = build_mentions(batch)  # each claim's counts are read here once, for both uses
        found = [
            *disputes,
            *count_conflicts(
                batch.claims,
                group_of,
                {m.key: m.counts for m in mentions},
                {m.key: m.occasion for m in mentions},
            ),
            *opposite_claims(batch.claims, group_of, batch.tokens, batch.vectors.matrix),
            *first_mover_conflicts(batch.claims, group_of, batch.tokens, batch.vectors.matrix),
        ]
        relations = relate_groups(batch.claims, batch.groups, mentions, found)
        events = find_events(batch.articles, batch.claims, batch.groups, relations)
        advance(1)
        return replace(batch, relations=tuple(relations), events=tuple(events))

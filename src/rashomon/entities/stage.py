"""The entities stage: mentions resolved across articles, then each article's labels for them."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rashomon.entities.resolve import resolve_entities
from rashomon.pipeline import Advance, BaseStage, Batch


class EntitiesStage(BaseStage):
    name: ClassVar[str] = "entities"
    requires: ClassVar[frozenset[str]] = frozenset({"articles", "mentions", "tokens", "sentences"})
    produces: ClassVar[frozenset[str]] = frozenset({"entities"})
    version: ClassVar[str] = "5"  # 5: platforms and known outlets are no people; 4: bare surnames found here

    def units(self, batch: Batch) -> int:
        return 1

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        from rashomon.entities.labels import attach_labels

        entities = resolve_entities(batch.mentions, batch.articles)
        entities = attach_labels(entities, batch.articles, batch.sentences, batch.tokens)
        advance(1)
        return replace(batch, entities=tuple(entities))

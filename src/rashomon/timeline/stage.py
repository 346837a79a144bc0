"""The timeline stage: the story's dated claims on one calendar, with who disputes each."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rashomon.pipeline import Advance, BaseStage, Batch
from rashomon.timeline.entries import timeline_entries


class TimelineStage(BaseStage):
    name: ClassVar[str] = "timeline"
    requires: ClassVar[frozenset[str]] = frozenset({"articles", "claims", "groups", "relations"})
    produces: ClassVar[frozenset[str]] = frozenset({"timeline"})

    def units(self, batch: Batch) -> int:
        return 1

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        entries = timeline_entries(batch.articles, batch.claims, batch.groups, batch.relations)
        advance(1)
        return replace(batch, timeline=tuple(entries))

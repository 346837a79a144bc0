"""The provenance stage: every claim traced to an origin; independent origins counted per group."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rashomon.pipeline import Advance, BaseStage, Batch
from rashomon.provenance.origins import group_origins, trace_claims


class ProvenanceStage(BaseStage):
    name: ClassVar[str] = "provenance"
    requires: ClassVar[frozenset[str]] = frozenset({"articles", "claims", "groups"})
    produces: ClassVar[frozenset[str]] = frozenset({"groups"})

    def units(self, batch: Batch) -> int:
        return 1

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        traces = trace_claims(batch.claims, batch.articles)
        claims = {claim.id: claim for claim in batch.claims}
        groups = tuple(group_origins(group, claims, traces) for group in batch.groups)
        advance(1)
        return replace(batch, groups=groups)

"""The provenance stage: every claim traced to an origin; independent origins counted per group."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rashomon.pipeline import Advance, BaseStage, Batch
from rashomon.provenance.origins import group_origins, trace_claims


def outlet_articles(batch: Batch) -> dict[str, str]:
    """Outlet key (see ``outlet_key``) -> its article in this run, for outlets with exactly one article."""
    from rashomon.claims.outlets import outlet_key

    found: dict[str, list[str]] = {}
    for article in batch.articles:
        if article.outlet:
            found.setdefault(outlet_key(article.outlet), []).append(article.id)
    return {name: ids[0] for name, ids in found.items() if len(set(ids)) == 1}


class ProvenanceStage(BaseStage):
    name: ClassVar[str] = "provenance"
    requires: ClassVar[frozenset[str]] = frozenset({"articles", "claims", "groups"})
    produces: ClassVar[frozenset[str]] = frozenset({"groups"})

    def units(self, batch: Batch) -> int:
        return 1

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        traces = trace_claims(batch.claims, batch.articles)
        claims = {claim.id: claim for claim in batch.claims}
        outlets = outlet_articles(batch)
        groups = tuple(group_origins(group, claims, traces, outlets) for group in batch.groups)
        advance(1)
        return replace(batch, groups=groups)

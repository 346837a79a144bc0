"""The provenance stage: text reuse found, every claim traced to an origin, independent origins counted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from rashomon.model import Article, ClaimGroup
from rashomon.model.reuse import Reuse
from rashomon.pipeline import Advance, BaseStage, Batch
from rashomon.provenance.origins import RunSources, group_origins, own_reporting, trace_claims
from rashomon.provenance.public import public_events
from rashomon.provenance.reuse import derived_from, find_reuse
from rashomon.provenance.wire import wire_credit


def outlet_articles(articles: Sequence[Article]) -> dict[str, str]:
    """Outlet key (see ``outlet_key``) -> its article in this run, for outlets with exactly one article."""
    from rashomon.claims.outlets import outlet_key

    found: dict[str, list[str]] = {}
    for article in articles:
        if article.outlet:
            found.setdefault(outlet_key(article.outlet), []).append(article.id)
    return {name: ids[0] for name, ids in found.items() if len(set(ids)) == 1}


def trace_batch(batch: Batch) -> tuple[tuple[ClaimGroup, ...], tuple[Reuse, ...]]:
    """Reuse and origins for a batch: the pure core of the stage, also timed by ``scale.measure``."""
    credits = {a.id: agency for a in batch.articles if (agency := wire_credit(a))}
    reuse = find_reuse(batch.articles, batch.claims, batch.sentences, batch.vectors, credits, batch.groups)
    derived = derived_from(reuse)
    run = RunSources(
        outlets=outlet_articles(batch.articles),
        derived=derived,
        public=public_events(batch.claims, batch.entities, batch.vectors, derived),
        own={a.id: own_reporting(a) for a in batch.articles},
    )
    traces = trace_claims(batch.claims, batch.articles, credits)
    claims = {claim.id: claim for claim in batch.claims}
    groups = tuple(group_origins(group, claims, traces, run=run) for group in batch.groups)
    return groups, reuse


class ProvenanceStage(BaseStage):
    name: ClassVar[str] = "provenance"
    requires: ClassVar[frozenset[str]] = frozenset({"articles", "claims", "groups"})
    produces: ClassVar[frozenset[str]] = frozenset({"groups", "reuse"})
    version: ClassVar[str] = "3"  # 3: public events one day apart are one

    def units(self, batch: Batch) -> int:
        return 1

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        groups, reuse = trace_batch(batch)
        advance(1)
        return replace(batch, groups=groups, reuse=reuse)

"""The evidence map (``evidence.json``): rashomon's public output, built from the final batch.

Every list the contract names is present, empty when a stage found nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rashomon.model import Article, Claim, ClaimGroup, Entity, InputOutcome, InputStatus, NewsEvent, Relation
from rashomon.model.reuse import Reuse
from rashomon.model.timeline import TimelineEntry
from rashomon.pipeline import Batch
from rashomon.report.evidence_framing import framing_evidence

SCHEMA_ID = "rashomon/evidence-map@1"
Evidence = dict[str, Any]


# The lists whose items are built from one record each, with that record's id: equal records give equal
# items, so a map built from records another map was built from may share that map's items.
SHAREABLE = ("articles", "claims", "groups", "reuse", "events", "timeline")


def build_evidence(batch: Batch, shared: Sequence[Evidence] = ()) -> Evidence:
    """The evidence map of ``batch``. ``shared``: maps built from some of the same records (a mixed run's
    stories, for the whole run's map); their items are taken, not built again, so the two maps hold one
    copy of each (the whole run's map of thousands of articles would otherwise double the memory)."""
    known: dict[str, dict[str, Any]] = {}
    for evidence in shared:
        for key in SHAREABLE:
            for item in evidence[key]:
                known.setdefault(item["id"], item)  # the first, as a run keeps the first record of an id

    def items(records: Sequence[Any], build: Callable[[Any], dict[str, Any]]) -> list[dict[str, Any]]:
        return [known.get(record.id) or build(record) for record in records]

    return {
        "schema": SCHEMA_ID,
        "articles": items(batch.articles, article_item),
        "entities": [_entity(e) for e in batch.entities],
        "claims": items(batch.claims, _claim),
        "groups": items(batch.groups, _group),
        "reuse": items(batch.reuse, _reuse),
        "relations": [_relation(r) for r in batch.relations],
        "events": items(batch.events, _event),
        "timeline": items(batch.timeline, _timeline),
        "framing": framing_evidence(batch),
        "flags": [
            {"kind": f.kind, "message": f.message, "articles": list(f.articles), "claims": list(f.claims)}
            for f in batch.flags
        ],
        "inputs": [outcome_item(o) for o in all_outcomes(batch)],
    }


def all_outcomes(batch: Batch) -> list[InputOutcome]:
    """Every input once: the stages' skips and failures plus one 'analysed' per article kept."""
    analysed = [
        InputOutcome(a.source, InputStatus.ANALYSED, "; ".join(a.warnings) or None) for a in batch.articles
    ]
    return [*batch.inputs, *analysed]


def article_item(article: Article) -> dict[str, Any]:
    published = article.published
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "byline": article.byline,
        "published": {
            "value": published.value,
            "precision": published.precision,
            "source": published.source,
            "evidence": published.evidence,
        },
        "language": article.language,
        "text": article.text,
        "removed": list(article.removed),
        "warnings": list(article.warnings),
    }


def _entity(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "mentions": [{"article": m.article, "start": m.start, "end": m.end} for m in entity.mentions],
        "labels": [
            {"article": lb.article, "start": lb.start, "end": lb.end, "text": lb.text} for lb in entity.labels
        ],
    }


def _claim(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "article": claim.article,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "field": claim.field,
        "speaker": claim.speaker,
        "speaker_entity": claim.speaker_entity,
        "cue": claim.cue,
        "chain": [{"speaker": link.speaker, "cue": link.cue} for link in claim.chain],
        "source_type": claim.source_type,
        "quote": claim.quote,
        "hedged": claim.hedged,
        "checkworthiness": claim.checkworthiness,
        "cites": list(claim.cites),
        "sentence": claim.sentence,
        "dates": list(claim.dates),
        "background": claim.background,
    }


def _group(group: ClaimGroup) -> dict[str, Any]:
    return {
        "id": group.id,
        "claims": list(group.claims),
        "articles": list(group.articles),
        "summary": group.summary,
        "origins": [{"name": o.name, "kind": o.kind, "claims": list(o.claims)} for o in group.origins],
        "independent_origins": group.independent_origins,
    }


def _reuse(reuse: Reuse) -> dict[str, Any]:
    return {
        "id": reuse.id,
        "kind": reuse.kind,
        "articles": list(reuse.articles),
        "derives": reuse.derives,
        "spans": [{"article": s.article, "start": s.start, "end": s.end} for s in reuse.spans],
        "score": reuse.score,
        "claims": list(reuse.claims),
        "agency": reuse.agency,
        "evidence": reuse.evidence,
    }


def _relation(relation: Relation) -> dict[str, Any]:
    return {
        "a": relation.a,
        "b": relation.b,
        "type": relation.type,
        "score": relation.score,
        "evidence": list(relation.evidence),
        "explanation": relation.explanation,
    }


def _event(event: NewsEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "summary": event.summary,
        "groups": list(event.groups),
        "articles": list(event.articles),
        "date": event.date,
    }


def _timeline(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "date": entry.date,
        "end": entry.end,
        "precision": entry.precision,
        "summary": entry.summary,
        "claims": list(entry.claims),
        "articles": list(entry.articles),
        "disputed_by": list(entry.disputed_by),
    }


def outcome_item(outcome: InputOutcome) -> dict[str, Any]:
    return {"source": outcome.source, "status": str(outcome.status), "reason": outcome.reason}

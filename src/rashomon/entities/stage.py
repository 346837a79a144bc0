"""The entities stage: one entity per distinct normalised name and type across all articles.

This is the exact-name baseline: "O’Brien" and "O'Brien" or "Iran's" and "Iran" meet, but variant
spellings, titles, surnames and acronyms are not yet joined.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import ClassVar

from rashomon.entities.names import canonical_surface, name_key
from rashomon.model import Entity, EntityMention, content_id
from rashomon.pipeline import Advance, BaseStage, Batch

# spaCy types whose spans are names of things (not dates, numbers or money).
NAMED_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})


class EntitiesStage(BaseStage):
    name: ClassVar[str] = "entities"
    requires: ClassVar[frozenset[str]] = frozenset({"mentions"})
    produces: ClassVar[frozenset[str]] = frozenset({"entities"})

    def units(self, batch: Batch) -> int:
        return 1

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        entities = resolve_exact(batch.mentions)
        advance(1)
        return replace(batch, entities=tuple(entities))


def resolve_exact(mentions: tuple[EntityMention, ...]) -> list[Entity]:
    groups: dict[tuple[str, str], list[EntityMention]] = defaultdict(list)
    for mention in mentions:
        key = name_key(mention.text)
        if mention.label in NAMED_TYPES and key:
            groups[(key, mention.label)].append(mention)
    return [_entity(label, members) for (_, label), members in sorted(groups.items())]


def _entity(label: str, members: list[EntityMention]) -> Entity:
    surfaces = [canonical_surface(m.text) for m in members]
    name = max(sorted(set(surfaces)), key=lambda s: (surfaces.count(s), len(s)))
    aliases = tuple(sorted({m.text for m in members}))
    return Entity(
        id=content_id("ent", label, name_key(name)),
        name=name,
        type=label,
        aliases=aliases,
        mentions=tuple(sorted(members, key=lambda m: (m.article, m.start))),
    )

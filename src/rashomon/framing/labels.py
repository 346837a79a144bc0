"""How each article describes each key entity, side by side (from the entities stage's labels)."""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.model import Entity
from rashomon.model.framing import EntityLabels


def entity_labels(entities: Sequence[Entity]) -> list[EntityLabels]:
    """Entities that some article describes, most widely reported first; each label once per article
    (case and apostrophe style aside: "top Iranian General" and "top Iranian general" are one)."""
    found = []
    for entity in entities:
        seen: set[tuple[str, str]] = set()
        labels = []
        for label in sorted(entity.labels, key=lambda x: (x.article, x.start)):
            key = (label.article, label.text.lower().replace("’", "'"))
            if key not in seen:
                seen.add(key)
                labels.append((label.article, label.text))
        if labels:
            found.append((entity, tuple(labels)))
    found.sort(key=lambda pair: (-_reach(pair[0]), -len(pair[1]), pair[0].name))
    return [EntityLabels(entity.id, entity.name, labels) for entity, labels in found]


def _reach(entity: Entity) -> int:
    return len({m.article for m in entity.mentions} | {label.article for label in entity.labels})

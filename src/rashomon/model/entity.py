"""Entities resolved across the articles of a run."""

from __future__ import annotations

from dataclasses import dataclass

from rashomon.model.text import EntityMention


@dataclass(frozen=True, slots=True)
class EntityLabel:
    """How one article describes an entity ("top Iranian general"): a span of that article's text."""

    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[EntityMention, ...]
    labels: tuple[EntityLabel, ...] = ()

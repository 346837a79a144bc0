"""Stage 4, entities: mentions resolved into one entity per referent across the run, with labels."""

from rashomon.entities.resolve import resolve_entities
from rashomon.entities.stage import EntitiesStage

__all__ = ["EntitiesStage", "resolve_entities"]

"""Stage 4, entities: mentions resolved into one entity per referent across the run."""

from rashomon.entities.stage import EntitiesStage, resolve_exact

__all__ = ["EntitiesStage", "resolve_exact"]

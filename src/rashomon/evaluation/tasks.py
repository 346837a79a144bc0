"""Importing this module registers every eval task: one module per capability."""

from rashomon.evaluation import alignment, attribution, extraction, provenance, stance, timex

TASK_MODULES = (alignment, attribution, extraction, provenance, stance, timex)

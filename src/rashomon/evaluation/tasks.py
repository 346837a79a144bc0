"""Importing this module registers every eval task: one module per capability."""

from rashomon.evaluation import alignment, attribution, extraction, stance, timex

TASK_MODULES = (alignment, attribution, extraction, stance, timex)

"""Importing this module registers every eval task: one module per capability."""

from rashomon.evaluation import alignment, attribution, extraction, timex

TASK_MODULES = (alignment, attribution, extraction, timex)

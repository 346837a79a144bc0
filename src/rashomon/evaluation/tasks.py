"""Importing this module registers every eval task: one import per task module."""

import rashomon.evaluation.extraction  # noqa: F401

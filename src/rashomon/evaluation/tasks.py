"""Importing this module registers every eval task: one import per task module."""

import rashomon.evaluation.extraction  # noqa: F401
import rashomon.evaluation.timex  # noqa: F401

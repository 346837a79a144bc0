"""Importing this module registers every eval task: one module per capability."""

from importlib import import_module
from types import ModuleType

import rashomon.evaluation.stories  # noqa: F401  (registers stories-stream-ecb, stories-allsides)

NAMES = (
    "alignment", "attribution", "basil", "extraction", "propaganda", "provenance", "roundup", "stance",
    "timeline", "timex", "wordchoice",
)  # fmt: skip
TASK_MODULES: tuple[ModuleType, ...] = tuple(import_module(f"rashomon.evaluation.{name}") for name in NAMES)

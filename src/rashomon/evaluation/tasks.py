"""Importing this module registers every eval task: one module per capability."""

import rashomon.evaluation.stories  # noqa: F401  (registers stories-stream-ecb, stories-allsides)
from rashomon.evaluation import (
    alignment,
    attribution,
    basil,
    extraction,
    propaganda,
    provenance,
    roundup,
    stance,
    timeline,
    timex,
    wordchoice,
)

TASK_MODULES = (
    alignment,
    attribution,
    basil,
    extraction,
    propaganda,
    provenance,
    roundup,
    stance,
    timeline,
    timex,
    wordchoice,
)

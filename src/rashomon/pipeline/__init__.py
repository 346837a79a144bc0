"""The pipeline core: the batch record, the stage contract and the checked runner."""

from rashomon.pipeline.runner import Pipeline, PipelineError, Progress, RunResult, SilentProgress, check_chain
from rashomon.pipeline.stage import Advance, BaseStage, Scope, Stage
from rashomon.pipeline.state import ARTIFACTS, Batch

__all__ = [
    "ARTIFACTS",
    "Advance",
    "BaseStage",
    "Batch",
    "Pipeline",
    "PipelineError",
    "Progress",
    "RunResult",
    "Scope",
    "SilentProgress",
    "Stage",
    "check_chain",
]

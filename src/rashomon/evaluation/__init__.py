"""`rashomon eval`: one task per capability, each on its public benchmark, anchors printed beside."""

from rashomon.evaluation.registry import TASKS, EvalResult, EvalTask, Scores, register, run_task

__all__ = ["TASKS", "EvalResult", "EvalTask", "Scores", "register", "run_task"]

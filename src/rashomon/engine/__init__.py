"""Engines that run the pipeline past one process. ``ray``: Ray Data for the per-article stages, Ray actors
for the per-story corpus stages; the answers are the local engine's (``rashomon.stories.run``)."""

from rashomon.engine.ray_run import analyze_ray

__all__ = ["analyze_ray"]

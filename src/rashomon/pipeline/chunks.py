"""Consecutive per-article stages run a chunk of articles at a time.

A per-article stage (nlp, attribution, techniques) reads only its own article's records, so the runner
may take a few dozen articles through all of those stages before it starts on the next few dozen,
instead of running each stage over the whole batch. The records come out the same, in the same order
(each artifact article by article, in the batch's article order). What changes is locality: what one
stage computed for an article is still at hand when the next stage reaches it, so the attribution
tagger's MiniLM token vectors serve the techniques tagger too (``TokenEmbedder``'s memo) without
holding a large run's vectors in memory.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rashomon.pipeline.cache import per_article, sub_batch
from rashomon.pipeline.stage import Advance, Stage
from rashomon.pipeline.state import Batch

# Articles per chunk: enough for spaCy's and MiniLM's batches to stay full, few enough that a chunk's
# token vectors (about 2 MB an article) sit in the embedder's memo.
ARTICLE_CHUNK = 32


def stage_groups(stages: Sequence[Stage]) -> list[list[Stage]]:
    """The stages in order, each maximal run of per-article stages as one group, every other alone."""
    groups: list[list[Stage]] = []
    for stage in stages:
        if groups and per_article(stage) and all(per_article(s) for s in groups[-1]):
            groups[-1].append(stage)
        else:
            groups.append([stage])
    return groups


def run_in_chunks(
    stages: Sequence[Stage], batch: Batch, size: int, advance: Advance, seconds: dict[str, float]
) -> Batch:
    """``stages`` (all per-article) over ``batch``, ``size`` articles at a time; times into ``seconds``."""
    reads = frozenset().union(*(stage.requires for stage in stages))
    produces = frozenset().union(*(stage.produces for stage in stages))
    made: dict[str, list[Any]] = {name: [] for name in produces}
    for first in range(0, len(batch.articles), size):
        articles = batch.articles[first : first + size]
        part = replace(sub_batch(batch, {a.id for a in articles}, reads), articles=articles)
        for stage in stages:
            started = time.perf_counter()
            part = stage.run(part, advance)
            seconds[stage.name] = seconds.get(stage.name, 0.0) + time.perf_counter() - started
        for name in produces:
            made[name].extend(getattr(part, name))
    merged: dict[str, Any] = {name: tuple(records) for name, records in made.items()}
    return replace(batch, **merged)

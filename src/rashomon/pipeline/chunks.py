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
from rashomon.pipeline.processes import run_parts, wall_scaled
from rashomon.pipeline.stage import Advance, Stage, made_by
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


def chunk_bounds(lengths: Sequence[int], size: int, workers: int) -> list[tuple[int, int]]:
    """Consecutive ``(first, end)`` article ranges holding about equal text (characters), at least
    ``len(lengths) / size`` of them and, with several workers, two per worker, in a multiple of
    ``workers``: a worker that finishes early takes the next range instead of idling."""
    count = len(lengths)
    if count == 0:
        return []
    parts = -(-count // max(size, 1))
    if workers > 1:
        parts = -(-max(parts, 2 * workers) // workers) * workers
    parts = min(parts, count)
    weights = lengths if sum(lengths) else [1] * count
    total = sum(weights)
    bounds: list[tuple[int, int]] = []
    first, seen = 0, 0
    for end in range(1, count + 1):
        seen += weights[end - 1]
        still = parts - len(bounds) - 1  # ranges still to cut after this one
        if still == 0:
            break
        if seen >= total * (len(bounds) + 1) / parts or count - end == still:
            bounds.append((first, end))
            first = end
    bounds.append((first, count))
    return bounds


def run_in_chunks(
    stages: Sequence[Stage],
    batch: Batch,
    size: int,
    advance: Advance,
    seconds: dict[str, float],
    workers: int = 1,
) -> Batch:
    """``stages`` (all per-article) over ``batch``, ``size`` articles at a time, on ``workers`` processes
    (``rashomon.pipeline.processes``); times into ``seconds``. With several workers the stages' seconds,
    summed over the workers, are scaled to the group's wall time, so the shares still add up."""
    reads = frozenset().union(*(stage.requires for stage in stages))
    produces = made_by(stages)
    made: dict[str, list[Any]] = {name: [] for name in produces}
    lengths = [len(article.text) for article in batch.articles]
    parts = [
        replace(sub_batch(batch, {a.id for a in articles}, reads), articles=articles)
        for articles in (batch.articles[i:j] for i, j in chunk_bounds(lengths, size, workers))
    ]
    started = time.perf_counter()
    spent: dict[str, float] = {}
    for part, (records, part_seconds) in zip(parts, run_parts(stages, parts, workers), strict=True):
        for name in produces:
            made[name].extend(records[name])
        for name, value in part_seconds.items():
            spent[name] = spent.get(name, 0.0) + value
        advance(sum(stage.units(part) for stage in stages))
    for name, value in wall_scaled(spent, time.perf_counter() - started, workers).items():
        seconds[name] = seconds.get(name, 0.0) + value
    merged: dict[str, Any] = {name: tuple(records) for name, records in made.items()}
    return replace(batch, **merged)

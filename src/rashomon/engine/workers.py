"""The two kinds of Ray worker. Both build their stages once (``warm_up``) and then serve many calls.

``ArticleWorker`` is the callable class Ray Data's ``map_batches`` runs in an actor pool: a batch of
articles in, each article's per-article records out. ``CorpusWorker`` becomes a Ray actor that runs the
corpus stages on one story's slice of the batch at a time. Neither imports Ray: they are plain classes,
so the wire format and the stage handling are tested without a cluster.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from rashomon.engine import wire
from rashomon.pipeline import Batch, Pipeline
from rashomon.pipeline.cache import split_by_article
from rashomon.pipeline.memory import release_freed
from rashomon.pipeline.stage import made_by
from rashomon.pipeline.state import only_made

# The least seconds between two trims of a corpus actor's heap (``pipeline.memory.release_freed``).
TRIM_EVERY_S = 5.0


class ArticleWorker:
    """Runs the per-article stages on batches of articles (rows ``{"id", "article"}`` of codec JSON)."""

    def __init__(self, factory: str, config: str, names: Sequence[str], given: Sequence[str]) -> None:
        stages = wire.build_stages(factory, wire.load_config(config), names)
        self.pipeline = Pipeline(stages, given=frozenset(given))
        self.pipeline.warm_up()
        self.produces = made_by(stages)

    def __call__(self, rows: Mapping[str, Any]) -> dict[str, list[str]]:
        articles = tuple(wire.load_article(str(text)) for text in rows["article"])
        ids = [article.id for article in articles]
        made = self.pipeline.run(Batch(articles=articles)).batch
        slices = split_by_article(made, self.produces, ids)
        answer = {"id": ids, "records": [wire.dump_artifacts(slices[key]) for key in ids]}
        del made, slices
        release_freed()  # an actor serves thousands of articles: without it, 1.0 -> 2.8 GB over 2,500
        return answer


class CorpusWorker:
    """Runs the corpus stages on one story's batch at a time; returns the finished batch and stage times."""

    def __init__(self, factory: str, config: str, names: Sequence[str], given: Sequence[str]) -> None:
        stages = wire.build_stages(factory, wire.load_config(config), names)
        self.pipeline = Pipeline(stages, given=frozenset(given))
        self.pipeline.warm_up()
        self.made = made_by(stages)

    def run(self, batch: str) -> tuple[str, dict[str, float]]:
        """The records the stages made (the caller puts the rest back: ``pipeline.state.given_back``) and
        the stages' seconds."""
        result = self.pipeline.run(wire.load_batch(batch))
        answer = wire.dump_batch(only_made(result.batch, self.made)), result.stage_seconds
        del result
        release_freed(every=TRIM_EVERY_S)  # most stories are one article: not after each of them
        return answer


def shipped(batch: Batch) -> Batch:
    """The batch without what no corpus stage reads (the inputs' bytes and raw documents): less to send."""
    return replace(batch, sources=(), raw=())


def merge_article_results(batch: Batch, rows: Sequence[Mapping[str, Any]], produces: frozenset[str]) -> Batch:
    """Each artifact laid out article by article in the batch's article order, as one local run makes it."""
    found = {str(row["id"]): wire.load_artifacts(str(row["records"])) for row in rows}
    merged: dict[str, Any] = {
        name: tuple(record for article in batch.articles for record in found[article.id][name])
        for name in produces
    }
    return replace(batch, **merged)


def timed(seconds: dict[str, float], name: str, started: float) -> None:
    seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started

"""Per-article chunks on forked worker processes: the records of one process, in the same order."""

from __future__ import annotations

import itertools
import os
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import pytest

from rashomon.config import Config
from rashomon.errors import InputError
from rashomon.model import Article
from rashomon.pipeline import Advance, BaseStage, Batch, Pipeline
from rashomon.pipeline.chunks import chunk_bounds
from rashomon.pipeline.processes import can_fork
from test_pipeline_chunks import Split, Words

pytestmark = pytest.mark.skipif(not can_fork(), reason="worker processes are forked (Linux)")


class Marked(Words):
    """The chunk tests' tokens, each lemma the id of the process that made it."""

    name: ClassVar[str] = "marked"

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        made = super().run(batch, advance)
        pid = str(os.getpid())
        return replace(made, tokens=tuple(replace(token, lemma=pid) for token in made.tokens))


class Refuses(Split):
    """Fails on the article whose text says so, as a stage's own checks do."""

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        for article in batch.articles:
            if "refuse" in article.text:
                raise InputError(f"article '{article.id}' cannot be split", hint="fix the article")
        return super().run(batch, advance)


class Units:
    def __init__(self) -> None:
        self.total = 0
        self.advanced = 0

    def stage_started(self, name: str, total: int) -> None:
        self.total += total

    def advance(self, n: int) -> None:
        self.advanced += n

    def stage_finished(self, name: str, seconds: float) -> None:
        return None


def _articles(n: int) -> tuple[Article, ...]:
    return tuple(Article(f"art_{i:03d}", f"{i}.txt", "word " * (1 + (i * 7) % 11)) for i in range(n))


def _pipeline(workers: int, monkeypatch: Any, first: BaseStage | None = None) -> Pipeline:
    monkeypatch.setattr("rashomon.pipeline.runner.usable_cores", lambda: 2)
    stages = [first or Split(Config()), Marked(Config())]
    return Pipeline(stages, given=frozenset({"articles"}), chunk=4, workers=workers)


def test_workers_make_the_records_of_one_process_in_the_same_order(monkeypatch: Any) -> None:
    batch = Batch(articles=_articles(13))
    alone = _pipeline(1, monkeypatch).run(batch).batch
    shown = Units()
    result = _pipeline(2, monkeypatch).run(batch, shown)
    made = result.batch
    assert made.sentences == alone.sentences and made.articles == batch.articles
    strip = [(t.article, t.index, t.start, t.end) for t in made.tokens]
    assert strip == [(t.article, t.index, t.start, t.end) for t in alone.tokens]
    assert {t.lemma for t in made.tokens} != {str(os.getpid())}  # made in the workers, not here
    assert {t.lemma for t in alone.tokens} == {str(os.getpid())}
    assert shown.advanced == shown.total == 2 * 13
    assert set(result.stage_seconds) == {"split", "marked"}


def test_a_stage_error_in_a_worker_reaches_the_caller_whole(monkeypatch: Any) -> None:
    articles = (*_articles(6), Article("art_bad", "bad.txt", "please refuse this"))
    with pytest.raises(InputError) as raised:
        _pipeline(2, monkeypatch, first=Refuses(Config())).run(Batch(articles=articles))
    assert raised.value.message == "article 'art_bad' cannot be split"
    assert raised.value.hint == "fix the article"


def test_an_error_stops_the_workers_without_running_the_queued_chunks(tmp_path: Path) -> None:
    """Ctrl-C or a failed chunk must not wait for every other chunk to run first."""
    from rashomon.pipeline.processes import fork_map

    def task(item: int) -> int:
        if item == 0:
            raise InputError("chunk 0 cannot be read", hint="fix it")
        (tmp_path / f"ran-{item}").touch()
        time.sleep(5)
        (tmp_path / f"done-{item}").touch()
        return item

    with pytest.raises(InputError):
        list(fork_map(task, list(range(12)), workers=2))
    ran = {path.name for path in tmp_path.iterdir()}
    assert len(ran) <= 4  # the chunks already started, not the 11 queued
    assert not any(name.startswith("done") for name in ran)  # and those were stopped, not waited for


def test_workers_are_capped_at_the_usable_cores(monkeypatch: Any) -> None:
    monkeypatch.setattr("rashomon.pipeline.runner.usable_cores", lambda: 1)
    assert Pipeline([Split(Config())], given=frozenset({"articles"}), workers=8).workers == 1


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_chunks_cover_the_batch_in_order_with_about_equal_text(workers: int) -> None:
    lengths = [900, 20, 30, 40, 500, 10, 10, 10, 800, 60, 70, 5, 5, 300]
    bounds = chunk_bounds(lengths, size=4, workers=workers)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(lengths)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(first < end for first, end in bounds)
    assert len(bounds) >= 4 and len(bounds) % workers == 0
    # No range holds more than its share plus one article's text.
    share = sum(lengths) / len(bounds)
    assert all(sum(lengths[f:e]) <= share + max(lengths[f:e]) for f, e in bounds)


def test_chunks_of_a_tiny_batch() -> None:
    assert chunk_bounds([], 32, 2) == []
    assert chunk_bounds([7], 32, 2) == [(0, 1)]
    assert chunk_bounds([0, 0, 0], 32, 2) == [(0, 1), (1, 2), (2, 3)]
    assert chunk_bounds([5] * 40, 32, 1) == [(0, 20), (20, 40)]


@pytest.mark.integration
def test_the_example_corpus_gives_one_evidence_map_on_two_workers(
    example_evidence: dict[str, Any], monkeypatch: Any
) -> None:
    import rashomon
    from conftest import EXAMPLE

    monkeypatch.setattr("rashomon.pipeline.runner.usable_cores", lambda: 2)
    assert rashomon.analyze([str(EXAMPLE)], Config(workers=2)).evidence == example_evidence

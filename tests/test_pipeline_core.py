"""The stage contract: a chain that cannot be satisfied is refused before any work is done."""

from __future__ import annotations

from typing import ClassVar

import pytest

from rashomon.config import Config
from rashomon.model import content_id
from rashomon.pipeline import BaseStage, Batch, Pipeline, PipelineError, check_chain


class NeedsArticles(BaseStage):
    name: ClassVar[str] = "needs"
    requires: ClassVar[frozenset[str]] = frozenset({"articles"})
    produces: ClassVar[frozenset[str]] = frozenset({"sentences"})

    def run(self, batch: Batch, advance: object = None) -> Batch:
        return batch


class MakesArticles(BaseStage):
    name: ClassVar[str] = "makes"
    requires: ClassVar[frozenset[str]] = frozenset({"sources"})
    produces: ClassVar[frozenset[str]] = frozenset({"articles"})

    def run(self, batch: Batch, advance: object = None) -> Batch:
        return batch


class Bogus(BaseStage):
    name: ClassVar[str] = "bogus"
    produces: ClassVar[frozenset[str]] = frozenset({"no_such_artifact"})


def test_missing_requirement_is_named() -> None:
    with pytest.raises(PipelineError, match="requires \\['articles'\\]"):
        check_chain([NeedsArticles(Config())])


def test_satisfied_chain_runs_and_times_each_stage() -> None:
    result = Pipeline([MakesArticles(Config()), NeedsArticles(Config())]).run(Batch())
    assert set(result.stage_seconds) == {"makes", "needs"}


def test_unknown_artifact_is_refused() -> None:
    with pytest.raises(PipelineError, match="unknown artifacts"):
        check_chain([Bogus(Config())])


def test_default_pipeline_chain_is_valid() -> None:
    from rashomon.api import default_stages

    check_chain(default_stages(Config()))


def test_content_ids_are_stable_and_whitespace_insensitive() -> None:
    assert content_id("art", "a  b\nc") == content_id("art", "a b c")
    assert content_id("art", "a b c") != content_id("art", "a b d")
    assert content_id("art", "x").startswith("art_")

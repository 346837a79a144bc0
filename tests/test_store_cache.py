"""The cache hook in the pipeline runner, without the store: ``rashomon.analyze`` with a cached pipeline."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import rashomon
from rashomon.config import Config
from rashomon.pipeline import Advance, BaseStage, Batch, Pipeline, Scope
from rashomon.pipeline.cache import CacheSession, MemoryCache, config_fingerprint, per_article
from store_fixtures import LATE, CountingNlp, light_stages, write_corpus


def test_analyze_with_a_cached_pipeline_reuses_and_merges_in_order(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    (tmp_path / "late.txt").write_text(LATE, encoding="utf-8")
    backend = MemoryCache()
    CountingNlp.analysed.clear()
    first = CacheSession(backend)
    rashomon.analyze([str(corpus)], pipeline=Pipeline(light_stages(), cache=first))
    assert len(CountingNlp.analysed) == 3 and first.reuse["nlp"].outcome == "recomputed"
    second = CacheSession(backend)
    both = [str(corpus), str(tmp_path / "late.txt")]
    cached = rashomon.analyze(both, pipeline=Pipeline(light_stages(), cache=second))
    assert len(CountingNlp.analysed) == 4  # only the new article
    assert (second.reuse["nlp"].reused, second.reuse["nlp"].computed) == (3, 1)
    assert second.reuse["entities"].outcome == "recomputed"  # a new article set
    plain = rashomon.analyze(both, pipeline=Pipeline(light_stages()))
    assert cached.evidence == plain.evidence
    assert [t.article for t in cached.batch.tokens] == [t.article for t in plain.batch.tokens]
    third = CacheSession(backend)
    rashomon.analyze(both, pipeline=Pipeline(light_stages(), cache=third))
    assert all(r.outcome == "reused" for r in third.reuse.values())


class WholeOnly(BaseStage):
    """Article-scoped, but what it makes (claim groups) names no article: it cannot be cut per article."""

    name: ClassVar[str] = "whole"
    requires: ClassVar[frozenset[str]] = frozenset({"articles"})
    produces: ClassVar[frozenset[str]] = frozenset({"groups"})
    scope: ClassVar[Scope] = "article"

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        return replace(batch, groups=())


def test_stages_whose_output_names_no_article_are_cached_whole() -> None:
    assert not per_article(WholeOnly(Config()))
    assert per_article(CountingNlp(Config()))


def test_only_result_affecting_configuration_changes_the_fingerprint() -> None:
    base = config_fingerprint(Config())
    assert config_fingerprint(Config(spacy_batch_size=3, n_process=2, default_date="2020-01-01")) == base
    assert config_fingerprint(Config(workers=2)) == base  # processes change speed, not results
    assert config_fingerprint(Config(spacy_model="other")) != base

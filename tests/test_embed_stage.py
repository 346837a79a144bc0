"""The embed stage embeds, article by article, every span the claims stage may cut a claim from, so the
align stage (a corpus stage) finds every claim's vector ready and encodes nothing itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

import rashomon
from rashomon.align.stage import AlignStage, span_embeddings
from rashomon.claims.embed import EmbedStage
from rashomon.config import Config
from rashomon.model import Article
from rashomon.model.vectors import SentenceVector, SpanVector
from rashomon.pipeline import Batch, Pipeline
from rashomon.testing import HashedEncoder, fake_pipeline

ARTICLES = {
    "wire.txt": (
        "Council Approves New Bridge Over River Lune\n\n"
        "The council approved the new bridge on Monday, the mayor said.\n"
        "Engineers warned that the old crossing was unsafe, according to a report seen by the paper.\n"
        "The vote followed the March 3 flood that closed the old bridge.\n"
    ),
    "gazette.txt": (
        "Bridge Vote Passes, Officials Say\n\n"
        "Councillors voted for a new bridge on Monday.\n"
        "Jane Holt said the old crossing had been unsafe for years.\n"
    ),
}


class CountingEncoder(HashedEncoder):
    """``HashedEncoder`` that remembers every text it was asked for."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def encode(self, texts: Sequence[str], **kwargs: Any) -> npt.NDArray[np.float32]:
        self.asked.extend(texts)
        return super().encode(texts, **kwargs)


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _pipeline(embed: CountingEncoder, align: CountingEncoder) -> Pipeline:
    stages = fake_pipeline(Config(), encoder=HashedEncoder()).stages
    swap = {"embed": EmbedStage(Config(), encoder=embed), "align": AlignStage(Config(), encoder=align)}
    return Pipeline([swap.get(s.name, s) for s in stages])


def test_align_finds_every_claim_vector_made_ahead(tmp_path: Path) -> None:
    embed, align = CountingEncoder(), CountingEncoder()
    analysis = rashomon.analyze([str(_corpus(tmp_path / "c"))], pipeline=_pipeline(embed, align))
    batch = analysis.batch
    assert batch.claims and batch.span_vectors
    assert align.asked == []  # nothing left for the corpus stage to encode
    assert any(c.field == "title" for c in batch.claims)
    assert any(v.title for v in batch.span_vectors)  # the headline claims were embedded ahead too
    # Each distinct span text of an article is embedded once, and none twice across the run.
    assert len(embed.asked) == len(set(embed.asked))
    spans = span_embeddings(batch)
    assert batch.sentence_vectors == ()  # the fake tagger embeds no sentences: every claim is a span here
    for claim in batch.claims:
        assert claim.text in spans
        row = batch.vectors.rows()[claim.id]
        expected = HashedEncoder().encode([claim.text])[0]
        np.testing.assert_allclose(batch.vectors.matrix[row], expected, atol=1e-6)


def test_the_vectors_are_those_the_corpus_stage_would_have_made(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c")
    ahead = rashomon.analyze([str(corpus)], pipeline=_pipeline(CountingEncoder(), CountingEncoder()))
    stages = [s for s in _pipeline(CountingEncoder(), CountingEncoder()).stages if s.name != "embed"]
    align = next(s for s in stages if s.name == "align")
    again = align.embed(replace(ahead.batch, span_vectors=()))  # type: ignore[attr-defined]
    assert again.ids == ahead.batch.vectors.ids
    np.testing.assert_allclose(again.matrix, ahead.batch.vectors.matrix, atol=1e-6)


def test_spans_of_embedded_sentences_and_other_languages_are_left_out() -> None:
    text = "The bridge will reopen in May. Engineers doubted that it would."
    english = Article("art_en", "a.txt", text, title="Bridge to Reopen in May, Mayor Says", language="en")
    french = Article("art_fr", "b.txt", "Le pont rouvrira en mai.", language="fr")
    batch = Batch(articles=(english, french))
    for stage in fake_pipeline(Config(), encoder=HashedEncoder()).stages:
        if stage.name in ("nlp", "attribution"):
            batch = stage.run(batch)
    first = next(s for s in batch.sentences if s.article == "art_en" and s.index == 0)
    embedded = SentenceVector.of("art_en", 0, HashedEncoder().encode(["x"])[0])  # as the tagger's pass gives
    encoder = CountingEncoder()
    made = EmbedStage(Config(), encoder=encoder).run(replace(batch, sentence_vectors=(embedded,)))
    assert {v.article for v in made.span_vectors} == {"art_en"}
    assert text[first.start : first.end] == "The bridge will reopen in May."
    assert "The bridge will reopen in May." not in encoder.asked  # its sentence vector serves
    assert "Engineers doubted that it would." in encoder.asked
    title = [v for v in made.span_vectors if v.title]
    assert [english.title[v.start : v.end] for v in title] == ["Bridge to Reopen in May"]  # type: ignore[index]


def test_a_span_vector_keeps_its_values_and_compares_as_a_record() -> None:
    values = np.linspace(-1, 1, 384, dtype=np.float32)
    record = SpanVector.of("art_1", 4, 19, False, values)
    assert np.array_equal(record.values(), values) and record.values().dtype == np.float32
    assert record == SpanVector.of("art_1", 4, 19, False, values.copy()) and hash(record)


@pytest.mark.integration
def test_the_token_embedder_encodes_as_sentence_transformers_does() -> None:
    from rashomon.claims.attribution.embeddings import TokenEmbedder
    from rashomon.nlp.embeddings import load_minilm

    texts = ["that the bridge would reopen in May", "The June order", "Engineers doubted it " * 60]
    expected = load_minilm().encode(texts, normalize_embeddings=True)
    np.testing.assert_allclose(TokenEmbedder().encode(texts), expected, atol=1e-5)

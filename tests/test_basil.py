"""BASIL reader, bias scorers, the lexicon and ``InformationalBiasModel``, with a hashing fake for MiniLM.

The fixture is written by the test in BASIL's JSON layout with invented sentences (no benchmark text).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from rashomon.errors import DataError
from rashomon.evaluation.basil import (
    overlap_counts,
    precision_recall_f1,
    sentence_counts,
    span_f1,
    token_counts,
)
from rashomon.framing.informational import InformationalBiasModel
from rashomon.framing.informational.data import read_events
from rashomon.framing.informational.embedding import LayerVectors
from rashomon.framing.informational.features import DENSE_NAMES, article_features, dense_features
from rashomon.framing.informational.lexicon import LoadedWords, tokens
from rashomon.framing.informational.model import ARTIFACT, FittedHeads
from rashomon.framing.informational.train import (
    choose_threshold,
    cross_validate,
    featurize,
    fit_with_thresholds,
)

DIM = 384


class HashEncoder:
    """Deterministic stand-in for MiniLM: hashed bag-of-words vectors; records what it encodes."""

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode_layers(self, texts: list[str]) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        self.encoded.extend(texts)
        vectors = self.encode(texts)
        return vectors, vectors * 2.0

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % DIM] += 1.0
            out[row] /= max(float(np.linalg.norm(out[row])), 1e-6)
        return out


TOPICS = ("harbour bridge", "city budget", "river flood", "school board", "rail strike", "port tax")
NEUTRAL = (
    "Officials met on Monday to discuss the {t}.",
    "The {t} vote is set for next week.",
    "Residents attended a hearing about the {t}.",
    "A report on the {t} was published.",
)
# The informational-bias sentences all carry the same tangential cue; the lexical ones a loaded word.
BIASED = "Critics recalled the mayor's old scandal while the {t} was debated."
LOADED = "The mayor slammed the {t} plan."


def _article(topic: str, variant: int) -> tuple[dict[str, object], list[dict[str, object]]]:
    sentences = [s.format(t=topic) for s in NEUTRAL]
    spans: list[dict[str, object]] = []
    if variant != 1:
        sentences.insert(2, BIASED.format(t=topic))
        spans.append({"id": "p2", "bias": "inf", "start": 0, "end": 7, "txt": "Critics"})
    if variant == 2:
        sentences.append(LOADED.format(t=topic))
        start = sentences[-1].index("slammed")
        spans.append({"id": f"p{len(sentences) - 1}", "bias": "lex", "start": start, "end": start + 7})
    spans.append({"id": "title", "bias": "lex", "start": 0, "end": 3, "txt": "The"})
    paragraphs = [sentences[:3], sentences[3:]]
    return {
        "title": f"The {topic}",
        "source": ["fox", "nyt", "HPO"][variant],
        "body-paragraphs": paragraphs,
    }, spans


def write_basil(root: Path, topics: Sequence[str] = TOPICS) -> Path:
    for number, topic in enumerate(topics):
        triplet = f"trip-{number:02d}"
        for variant in range(3):
            article, spans = _article(topic, variant)
            article["triplet-uuid"] = triplet
            for folder, name, payload in (
                ("articles", f"{triplet}_{variant + 1}.json", article),
                ("annotations", f"{triplet}_{variant + 1}_ann.json", {"phrase-level-annotations": spans}),
            ):
                path = root / folder / "2020" / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps(payload), encoding="utf-8")
    return root


@pytest.fixture
def basil(tmp_path: Path) -> Path:
    return write_basil(tmp_path / "basil")


def test_reader_flattens_paragraphs_and_skips_titles(basil: Path) -> None:
    events = read_events(basil)
    assert [e.triplet for e in events] == [f"trip-{i:02d}" for i in range(len(TOPICS))]
    fox, nyt, hpo = events[0].articles
    assert (fox.source, hpo.source) == ("fox", "hpo")
    assert len(fox.sentences) == 5 and fox.sentences[2].startswith("Critics")
    assert fox.sentence_labels("inf") == [0, 0, 1, 0, 0]
    assert nyt.sentence_labels("inf") == [0] * 4
    assert hpo.sentence_labels("lex") == [0, 0, 0, 0, 0, 1]
    assert all(span.kind != "lex" or span.sentence == 5 for span in hpo.spans)  # the title span is gone
    assert events[0].others(0) == [list(nyt.sentences), list(hpo.sentences)]


def test_reader_errors_name_the_problem(tmp_path: Path, basil: Path) -> None:
    with pytest.raises(DataError, match="does not exist"):
        read_events(tmp_path / "nowhere")
    with pytest.raises(DataError, match="HIDDEN"):
        read_events(basil, "test")
    bad = basil / "annotations" / "2020" / "trip-00_1_ann.json"
    bad.write_text(
        json.dumps({"phrase-level-annotations": [{"id": "p40", "bias": "inf", "start": 0, "end": 1}]})
    )
    with pytest.raises(DataError, match="beyond"):
        read_events(basil)


def test_sentence_and_span_arithmetic() -> None:
    assert sentence_counts([1, 1, 0, 0], [1, 0, 1, 0]) == (1, 1, 1)
    assert precision_recall_f1(1, 1, 1) == pytest.approx((0.5, 0.5, 0.5))
    assert precision_recall_f1(0, 3, 2) == (0.0, 0.0, 0.0)
    assert precision_recall_f1(2, 0, 2)[2] == pytest.approx(2 / 3)
    sentence = "They slammed the radical plan today."
    # gold: "slammed"; predicted: "radical plan" -> tokens tp 0, fp 2, fn 1.
    assert token_counts(sentence, [(5, 12)], [(17, 29)]) == (0, 2, 1)
    assert token_counts(sentence, [(5, 12)], [(5, 16)]) == (1, 1, 0)
    assert overlap_counts([(5, 12), (17, 24)], [(0, 6), (30, 35)]) == (1, 2, 1, 2)
    assert span_f1(1, 2, 1, 2) == pytest.approx(0.5)
    assert span_f1(0, 0, 0, 3) == 0.0


def test_lexicon_learns_marked_words_and_merges_runs() -> None:
    sentences = [
        "He slammed the plan.",
        "She slammed the radical idea.",
        "The plan passed.",
        "A radical move.",
    ]
    spans = [[(3, 10)], [(4, 11), (16, 23)], [], [(2, 9)]]
    lexicon = LoadedWords.learn(sentences, spans)
    assert set(lexicon.shares) == {"slammed", "radical"}
    assert lexicon.shares["slammed"] == 1.0
    assert lexicon.spans("They slammed radical ideas.") == [(5, 20)]
    assert lexicon.hits("radical and slammed") == pytest.approx(2.0)
    assert [t[2] for t in tokens("It's O'Neil, 42 times.")] == ["it's", "o'neil", "times"]


def test_features_have_one_row_per_sentence() -> None:
    encoder = HashEncoder()
    own = encoder.encode(["a bridge opened", "critics recalled a scandal", "the bridge toll rose"])
    other = encoder.encode(["the bridge opened on monday", "toll rose"])
    rows = article_features(["a", "b", "c"], own * 2, own, [other])
    assert rows.shape == (3, DIM + len(DENSE_NAMES))
    assert np.allclose(rows[:, :DIM], own * 2)
    dense = dense_features(['He said "no".', "b", "c"], own, [other])
    names = list(DENSE_NAMES)
    assert dense[0, names.index("quoted")] == 1.0 and dense[1, names.index("quoted")] == 0.0
    assert dense[:, names.index("position")].tolist() == [0.0, 0.5, 1.0]
    # The unmatched sentence is the one least like the other outlet's article.
    assert int(np.argmin(dense[:, names.index("other_max")])) == 1
    assert dense_features([], own[:0], [other]).shape == (0, len(DENSE_NAMES))


def test_threshold_maximises_f1() -> None:
    assert choose_threshold([0, 0, 1, 1], [0.1, 0.3, 0.6, 0.9]) == pytest.approx(0.31)
    assert choose_threshold([0, 1], [0.9, 0.95]) == pytest.approx(0.2)  # all positive beats nothing


def test_trained_model_finds_the_cue_and_round_trips(basil: Path, tmp_path: Path) -> None:
    vectors = LayerVectors(encoder=HashEncoder())
    rows = featurize(read_events(basil), vectors)
    heads = fit_with_thresholds(rows)
    assert 0.2 <= heads.inf_threshold <= 0.84
    assert "slammed" in heads.lexicon.shares
    heads.save(tmp_path / "model" / ARTIFACT)
    model = InformationalBiasModel(tmp_path / "model", encoder=HashEncoder())
    model.warm_up()
    assert model.threshold == pytest.approx(heads.inf_threshold)
    article = ["Officials met about the tram line.", "Critics recalled the mayor's old scandal again."]
    others = [["The tram line opens in May.", "Officials met."]]
    scores = model.score(article, others)
    assert len(scores) == 2 and all(0.0 <= p <= 1.0 for p in scores)
    assert scores[1] > scores[0]
    # Sentence vectors passed in spare encoding the other articles; the article's own sentences are still
    # encoded once for the middle-layer view. The scores are the same.
    known = {s: HashEncoder().encode([s])[0].tolist() for s in article + others[0]}
    recording = HashEncoder()
    again = InformationalBiasModel(tmp_path / "model", encoder=recording)
    assert again.score(article, others, vectors=known) == pytest.approx(scores, abs=1e-5)
    assert recording.encoded == article
    assert model.score([], others) == []
    assert model.lexical_spans("They slammed it.") == [(5, 12)]
    assert len(model.score_lexical(article, others)) == 2


def test_cross_validation_predicts_every_article(basil: Path) -> None:
    rows = featurize(read_events(basil), LayerVectors(encoder=HashEncoder()))
    predictions = cross_validate(rows, folds=3)
    assert len(predictions) == len(rows)
    assert sorted(id(p.rows) for p in predictions) == sorted(id(r) for r in rows)
    for item in predictions:
        assert len(item.inf) == len(item.lex) == len(item.lex_spans) == len(item.rows.article.sentences)


def test_missing_artifact_says_how_to_train(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="is missing") as error:
        InformationalBiasModel(tmp_path).warm_up()
    assert "informational.train" in str(error.value.hint)
    with pytest.raises(DataError):
        FittedHeads.load(tmp_path / ARTIFACT)


def test_vector_cache_round_trips_and_keeps_passed_vectors(tmp_path: Path) -> None:
    cache = tmp_path / "vectors.npz"
    vectors = LayerVectors(encoder=HashEncoder(), cache_file=cache)
    passed = np.ones(DIM, dtype=np.float32)
    vectors.add({"given": passed.tolist()})
    middle = vectors.middle(["one sentence", "given"])
    assert np.allclose(vectors.final(["given"])[0], passed / np.linalg.norm(passed))  # kept, not re-encoded
    vectors.save()
    recording = HashEncoder()
    reloaded = LayerVectors(encoder=recording, cache_file=cache)
    assert np.allclose(reloaded.middle(["one sentence", "given"]), middle)
    assert recording.encoded == []
    assert reloaded.final([]).shape == (0, DIM)

"""The propaganda tagger: official SemEval-2020 T11 scoring, BIO decoding, features, the fake, the model."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from rashomon.framing.propaganda import PropagandaDetector, TechniqueSpan
from rashomon.framing.propaganda.corpus import TECHNIQUES, load_split
from rashomon.framing.propaganda.decode import decode, spans_from_labels, viterbi
from rashomon.framing.propaganda.fake import FakePropagandaDetector
from rashomon.framing.propaganda.features import BEGIN, INSIDE, OUTSIDE, bio_labels, token_flags, windows
from rashomon.framing.propaganda.scoring import align_labels, merge_overlapping, si_scores, tc_scores
from rashomon.model import Token


def _tokens(text: str, sentence_of: list[int] | None = None) -> list[Token]:
    tokens, position = [], 0
    for i, word in enumerate(text.split()):
        start = text.index(word, position)
        position = start + len(word)
        sentence = sentence_of[i] if sentence_of else 0
        tokens.append(Token("a", i, start, position, word.lower(), "NOUN", "NN", "dep", i, sentence))
    return tokens


# --- SI scorer (values worked out by hand from the official definition) ---


def test_merge_joins_spans_sharing_a_character_but_not_touching_ones() -> None:
    assert merge_overlapping([(3, 8), (0, 5), (8, 10), (20, 20)]) == [(0, 8), (8, 10)]


def test_half_overlap_scores_half() -> None:
    scores = si_scores({"a": [(0, 10)]}, {"a": [(5, 15)]})
    assert (scores.precision, scores.recall, scores.f1) == (0.5, 0.5, 0.5)


def test_recall_counts_gold_of_articles_without_predictions_and_merges_gold() -> None:
    # Article b's two gold spans overlap: one span after merging, and nothing predicted there.
    scores = si_scores({"a": [(0, 10)], "b": [(0, 4), (2, 8)]}, {"a": [(5, 15)]})
    assert scores.precision == 0.5
    assert scores.recall == 0.25  # 0.5 credit over 2 gold spans
    assert math.isclose(scores.f1, 2 * 0.5 * 0.25 / 0.75)


def test_precision_is_normalised_per_predicted_span() -> None:
    # Two short predictions inside one gold span: each is fully precise, each recalls 2/10.
    scores = si_scores({"a": [(0, 10)]}, {"a": [(0, 2), (4, 6)]})
    assert scores.precision == 1.0
    assert math.isclose(scores.recall, 0.4)
    assert math.isclose(scores.f1, 2 * 0.4 / 1.4)


def test_nothing_to_find_and_nothing_found_is_perfect() -> None:
    assert si_scores({}, {}).f1 == 1.0
    assert si_scores({"a": [(0, 4)]}, {}).f1 == 0.0


# --- TC scorer ---


def test_predictions_on_a_shared_span_are_aligned_to_gold() -> None:
    assert align_labels(["A", "B"], ["B", "C"]) == ["C", "B"]
    micro, per = tc_scores(["A", "B"], ["C", "B"], ["A", "B", "C"])
    assert micro == 0.5
    assert per == {"A": 0.0, "B": 1.0, "C": 0.0}


# --- decoding ---


def test_viterbi_never_starts_a_span_with_inside() -> None:
    log_probs = np.log(np.array([[0.6, 0.1, 0.3], [0.1, 0.1, 0.8], [0.9, 0.05, 0.05]], dtype=np.float32))
    labels = viterbi(log_probs)
    assert labels[0] != INSIDE
    assert labels != [OUTSIDE, INSIDE, OUTSIDE]


def test_runs_of_begin_inside_become_spans() -> None:
    labels = [OUTSIDE, BEGIN, INSIDE, INSIDE, OUTSIDE, BEGIN, BEGIN, INSIDE]
    assert spans_from_labels(labels) == [(1, 3), (5, 5), (6, 7)]


def test_outside_bias_trades_precision_for_recall() -> None:
    log_probs = np.log(np.array([[0.55, 0.40, 0.05], [0.9, 0.05, 0.05]], dtype=np.float32))
    assert decode(log_probs, outside_bias=0.0) == []
    found = decode(log_probs, outside_bias=-1.0)
    assert [(s.first, s.last) for s in found] == [(0, 0)]
    assert math.isclose(found[0].confidence, 0.45, rel_tol=1e-5)


def test_inside_bias_shortens_spans() -> None:
    log_probs = np.log(np.array([[0.2, 0.7, 0.1], [0.3, 0.1, 0.6], [0.4, 0.1, 0.5]], dtype=np.float32))
    assert [(s.first, s.last) for s in decode(log_probs, 0.0, 0.0)] == [(0, 2)]
    assert [(s.first, s.last) for s in decode(log_probs, 0.0, -0.5)] == [(0, 1)]
    assert [(s.first, s.last) for s in decode(log_probs, 0.0, -2.0)] == [(0, 0)]


def test_ensemble_artifact_round_trips_and_averages_members(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    import torch

    from rashomon.framing.propaganda.network import HyperParams, PropagandaNet
    from rashomon.framing.propaganda.tagger import load, save, tag

    hp = HyperParams(minilm_dim=8, hidden=4, span_hidden=8, members=2)
    nets = []
    for seed in (1, 2):
        torch.manual_seed(seed)
        nets.append(PropagandaNet(hp).eval())
    save(tmp_path, nets, {"params": hp.as_json(), "seed": 1})
    loaded, config = load(tmp_path)
    assert len(loaded) == 2 and config["params"]["members"] == 2
    text = "they are vile thugs"
    tokens = _tokens(text)
    rng = np.random.default_rng(0)
    from rashomon.claims.attribution.embeddings import DIM
    from rashomon.framing.propaganda.features import encode

    item = encode(text, tokens, rng.normal(size=(len(tokens), DIM)).astype(np.float32), 0)
    one, two = np.exp(tag(loaded[:1], item).log_probs), np.exp(tag(loaded[1:], item).log_probs)
    both = tag(loaded, item)
    assert np.allclose(np.exp(both.log_probs), (one + two) / 2, atol=1e-5)
    assert len(both.states) == 2


def test_an_artifact_from_before_ensembles_loads_as_one_network(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    import json

    import torch

    from rashomon.framing.propaganda.network import HyperParams, PropagandaNet
    from rashomon.framing.propaganda.tagger import load, save

    hp = HyperParams(minilm_dim=8, hidden=4, span_hidden=8, members=1)
    torch.manual_seed(3)
    save(tmp_path, [PropagandaNet(hp).eval()], {"params": hp.as_json(), "seed": 3})
    arrays = dict(np.load(tmp_path / "weights.npz"))
    np.savez(tmp_path / "weights.npz", **{k.partition("/")[2] or k: v for k, v in arrays.items()})
    config = json.loads((tmp_path / "config.json").read_text())
    del config["params"]["members"]  # as written before the ensemble existed
    (tmp_path / "config.json").write_text(json.dumps(config))
    nets, _ = load(tmp_path)
    assert len(nets) == 1


# --- features ---


def test_bio_labels_cover_tokens_overlapping_merged_gold() -> None:
    text = "they are vile thugs and liars indeed"
    tokens = _tokens(text)
    # "vile thugs" and "thugs and liars" overlap: one span, one B.
    labels = bio_labels(tokens, [(9, 19), (14, 29)])
    assert list(labels) == [OUTSIDE, OUTSIDE, BEGIN, INSIDE, INSIDE, INSIDE, OUTSIDE]


def test_windows_keep_sentences_whole_up_to_the_limit() -> None:
    tokens = _tokens("a b c d e f g", [0, 0, 1, 1, 1, 2, 2])
    assert windows(tokens, limit=4) == [(0, 2), (2, 5), (5, 7)]
    assert windows(tokens, limit=100) == [(0, 7)]
    assert windows(_tokens("a b c d e"), limit=2) == [(0, 2), (2, 4), (4, 5)]


def test_flags_mark_headline_repeated_lemmas_and_quotes() -> None:
    text = 'Crooks win\nthe crooks said " crooks " today'
    tokens = _tokens(text)
    flags = token_flags(text, tokens, headline_end=text.index("\n"))
    assert list(flags[:, 1]) == [1, 1, 0, 0, 0, 0, 0, 0, 0]  # in_headline
    assert flags[0, 0] > 0 and flags[1, 0] == 0  # "crooks" recurs, "win" does not
    assert list(flags[:, 5]) == [0, 0, 0, 0, 0, 1, 1, 1, 0]  # in_quotes, marks included


def test_ptc_layout_is_read_with_every_label_row(tmp_path: Path) -> None:
    (tmp_path / "train-articles").mkdir()
    (tmp_path / "train-articles" / "article1.txt").write_text("Title\n\nThey are vile thugs.\n")
    (tmp_path / "train-task1-SI.labels").write_text("1\t16\t26\n")
    (tmp_path / "train-task2-TC.labels").write_text(
        "1\tLoaded_Language\t16\t20\n1\tName_Calling,Labeling\t16\t26\n1\tLoaded_Language\t16\t20\n"
    )
    [article] = load_split(tmp_path, "train")
    assert article.name == "1" and article.spans == ((16, 26),)
    assert len(article.techniques) == 3  # duplicate rows count, as in the official scorer
    assert all(g.technique in TECHNIQUES for g in article.techniques)


# --- the fake ---


def test_fake_detector_marks_loaded_words_only() -> None:
    fake = FakePropagandaDetector()
    fake.warm_up()
    text = "The Vile regime's thugs met officials."
    found = fake.detect_text(text)
    assert [text[s.start : s.end] for s in found] == ["Vile", "thugs"]
    assert all(s.technique == "Loaded_Language" and 0 <= s.score <= 1 for s in found)
    assert fake.detect(text, [], []) == found


# --- the shipped model ---


@pytest.mark.integration
def test_shipped_model_flags_an_obviously_loaded_sentence() -> None:
    pytest.importorskip("torch")
    detector = PropagandaDetector()
    detector.warm_up()
    text = (
        "These treasonous, bloodthirsty monsters want to destroy our great nation and enslave "
        "every patriotic American. Wake up, people!"
    )
    found = detector.detect_text(text)
    assert found, "no span found in an obviously loaded sentence"
    assert all(isinstance(s, TechniqueSpan) and 0 <= s.start < s.end <= len(text) for s in found)
    assert all(s.technique in TECHNIQUES and 0.0 <= s.score <= 1.0 for s in found)
    flagged = " ".join(text[s.start : s.end] for s in found).lower()
    assert any(word in flagged for word in ("monsters", "bloodthirsty", "treasonous", "destroy"))
    assert detector.detect_text("   ") == []

"""The ECB+ reader, story clustering plumbing and eval tasks on an invented ECB+-layout fixture."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rashomon.align.ecb_eval import gold_clusters
from rashomon.align.ecb_mentions import detokenise, document_date
from rashomon.align.ecbplus import read_topics, validated_sentences
from rashomon.align.stories import cluster_stories, read_story_model
from rashomon.align.train_stories import read_story_documents

TINY = Path(__file__).parent / "data" / "ecb_tiny"


def test_validated_sentences_are_read_per_document() -> None:
    selected = validated_sentences(TINY)
    assert selected["1_1ecb"] == frozenset({0, 1})
    assert selected["1_1ecbplus"] == frozenset({1})


def test_event_mentions_follow_the_standard_setup() -> None:
    documents, events = read_topics(TINY, "train")  # topic 1 is a training topic, 2 is a dev topic
    assert {d.name for d in documents} == {"1_1ecb", "1_2ecb", "1_1ecbplus"}
    keys = {e.key: e for e in events}
    # The unvalidated sentence's mention (m 3) is left out; the NEG_ACTION mention is an event.
    assert set(keys) == {"1_1ecb:1", "1_1ecb:2", "1_2ecb:1", "1_2ecb:2", "1_1ecbplus:1"}
    assert keys["1_1ecb:1"].cluster == keys["1_2ecb:1"].cluster == "ACT1"  # cross-document chain
    assert keys["1_1ecb:2"].cluster == "1_1ecb:intra2"  # within-document chain
    assert keys["1_1ecbplus:1"].cluster == "1_1ecbplus:1"  # singleton
    clusters = sorted(sorted(c) for c in gold_clusters(events))
    assert ["1_1ecb:1", "1_2ecb:1"] in clusters
    assert len(clusters) == 4


def test_dev_split_reads_the_dev_topics() -> None:
    documents, events = read_topics(TINY, "dev")
    assert [d.name for d in documents] == ["2_1ecb"]
    assert [e.tokens for e in events] == [(2,)]


def test_document_dates_and_detokenising() -> None:
    documents, _ = read_topics(TINY, "train")
    by_name = {d.name: d for d in documents}
    assert document_date(by_name["1_1ecbplus"]) == "2013-05-02"
    assert detokenise(["May", "03", ",", "2013", "``", "Hi", "''"]) == 'May 03, 2013 "Hi"'


def test_story_documents_drop_the_url_sentence() -> None:
    rows = read_story_documents(TINY, "dev")
    assert len(rows) == 4
    plus = next(row[0] for row in rows if row[0].key == "1_1ecbplus.xml")
    assert plus.body == ("Globex hired John Doe .",)


def test_story_clustering_runs_with_a_fake_encoder() -> None:
    def encode(texts: list[str]) -> np.ndarray:
        # A bag-of-letters stand-in for MiniLM: deterministic and unit-length.
        vectors = np.array(
            [[text.lower().count(c) + 0.01 for c in "abcdefghijklmnopqrstuvwxyz"] for text in texts]
        )
        return np.asarray(vectors / np.linalg.norm(vectors, axis=1, keepdims=True), dtype=np.float32)

    documents = [row[0] for row in read_story_documents(TINY, "dev")]
    labels = cluster_stories(documents, read_story_model(), encode)
    assert len(labels) == 4
    assert len({label[1] for label in labels}) >= len({label[0] for label in labels})


@pytest.mark.integration
def test_alignment_task_on_the_fixture() -> None:
    from rashomon.evaluation.alignment import score_alignment

    scores = score_alignment(TINY, "dev", None)
    assert scores.n == 1
    # One mention, one singleton: B³ and CEAF-e are perfect, MUC has no link to score (0 by definition).
    assert scores.metrics["b3_f1"] == scores.metrics["ceafe_f1"] == 100.0
    assert scores.metrics["muc_f1"] == 0.0


@pytest.mark.integration
def test_stories_task_on_the_fixture() -> None:
    from rashomon.evaluation.alignment import score_stories

    scores = score_stories(TINY, "dev", None)
    assert scores.n == 4
    assert 0.0 <= scores.metrics["subtopic_b3_f1"] <= 1.0


def _view(key: str, document: str, sentence: int, predicate: str | None, trigger: list[float]):  # type: ignore[no-untyped-def]
    from rashomon.align.ecb_model import EventMentionView
    from rashomon.align.mention import Mention

    vector = np.asarray(trigger, dtype=np.float32)
    vector /= np.linalg.norm(vector)
    mention = Mention(
        key, document, "text", vector, frozenset({"globex"}), frozenset(), frozenset(), predicate
    )
    return EventMentionView(mention, sentence, vector, "2013-05-02")


def _context(names: list[str], subtopic: float):  # type: ignore[no-untyped-def]
    from rashomon.align.ecb_model import DocumentContext

    n = len(names)
    p = np.full((n, n), subtopic)
    np.fill_diagonal(p, 1.0)
    return DocumentContext({name: i for i, name in enumerate(names)}, p, p.copy(), p.copy())


def test_event_features_are_symmetric_and_named() -> None:
    from rashomon.align.ecb_model import EVENT_FEATURES, feature_tensor

    views = [
        _view("a", "d1", 1, "hire", [1, 0, 0]),
        _view("b", "d2", 1, "hire", [0.9, 0.1, 0]),
        _view("c", "d2", 1, "fire", [0, 1, 0]),
    ]
    tensor = feature_tensor(views, _context(["d1", "d2"], 0.9))
    assert tensor.shape == (3, 3, len(EVENT_FEATURES))
    assert np.allclose(tensor, tensor.transpose(1, 0, 2))
    column = {name: k for k, name in enumerate(EVENT_FEATURES)}
    assert tensor[0, 1, column["lemma_same"]] == 1.0 and tensor[0, 2, column["lemma_same"]] == 0.0
    assert tensor[1, 2, column["same_sentence"]] == 1.0 and tensor[0, 1, column["same_sentence"]] == 0.0
    assert tensor[0, 1, column["document_date_agree"]] == 1.0


def test_shipped_event_model_merges_same_trigger_in_one_story_only() -> None:
    from rashomon.align.ecb_model import cluster_events, default_event_model

    model = default_event_model()
    assert model.record["data"]["fingerprint"].startswith("sha256:")  # type: ignore[index]
    views = [
        _view("a", "d1", 1, "hire", [1, 0, 0]),
        _view("b", "d2", 3, "hire", [0.95, 0.05, 0]),
        _view("c", "d2", 4, "resign", [0, 0, 1]),
    ]
    same_story = cluster_events(views, _context(["d1", "d2"], 0.95), model)
    assert same_story[0] == same_story[1] != same_story[2]
    # The same trigger in documents of two different look-alike events stays apart.
    other_story = cluster_events(views, _context(["d1", "d2"], 0.02), model)
    assert other_story[0] != other_story[1]


def test_event_model_rejects_a_model_fitted_on_other_features(tmp_path: Path) -> None:
    from rashomon.align.ecb_model import read_event_model
    from rashomon.errors import DataError

    path = tmp_path / "ecb_model.json"
    path.write_text('{"features": ["cosine"], "weights": [1.0], "bias": 0, "threshold": 0.5}')
    with pytest.raises(DataError, match="other features"):
        read_event_model(path)
    with pytest.raises(DataError, match="missing or unreadable"):
        read_event_model(tmp_path / "absent.json")

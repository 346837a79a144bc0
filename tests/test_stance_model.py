"""Features, the head's safe file format and ``StanceModel``, with a hashing fake instead of MiniLM.

Model-quality checks with the real MiniLM and the shipped heads are marked ``integration``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from rashomon.errors import UsageError
from rashomon.relate.stance import StanceModel, split_sentences
from rashomon.relate.stance.data import emergent_train, read_fnc1
from rashomon.relate.stance.embedding import SentenceVectors
from rashomon.relate.stance.features import DENSE, Idf, PairFeaturizer, words
from rashomon.relate.stance.head import StanceHead

FIXTURES = Path(__file__).parent / "data" / "stance"
DIM = 384


class HashEncoder:
    """A deterministic stand-in for MiniLM: hashed bag-of-words vectors; records what it encodes."""

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: Sequence[str], **_: object) -> npt.NDArray[np.float32]:
        self.encoded.extend(texts)
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % DIM] += 1.0
            out[row] /= max(float(np.linalg.norm(out[row])), 1e-6)
        return out


def test_split_sentences_cuts_paragraphs_and_sentence_ends() -> None:
    text = 'He said it. "It is true," she said. Prices rose 3.5 percent.\n\nA new paragraph'
    assert split_sentences(text) == [
        "He said it.",
        '"It is true," she said.',
        "Prices rose 3.5 percent.",
        "A new paragraph",
    ]
    assert split_sentences("one. Two. Three.", limit=2) == ["one.", "Two."]


def test_words_are_stemmed_enough_to_match_denials() -> None:
    assert words("Denies") == words("denied") == ["deny"]


def test_featurizer_width_and_cached_vectors() -> None:
    encoder = HashEncoder()
    vectors = SentenceVectors(encoder=encoder)
    featurizer = PairFeaturizer(
        Idf.fit(["a bridge", "a river"]), vectors, bow=["bridge", "not"], blocks=("text",)
    )
    x = featurizer.transform(
        [("Bridge to close", "The bridge will close. It is old."), ("Bridge to close", "No.")]
    )
    assert x.shape == (2, DENSE + 384 + 2) == (2, featurizer.width)
    assert np.isfinite(x).all()
    featurizer.transform([("Bridge to close", "No.")])
    assert encoder.encoded.count("Bridge to close") == 1  # every string is embedded once


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("torch")
    from rashomon.relate.stance.train import fit_head

    out = tmp_path_factory.mktemp("stance-model")
    vectors = SentenceVectors(encoder=HashEncoder())
    fnc = read_fnc1(FIXTURES / "fnc1" / "train_bodies.csv", FIXTURES / "fnc1" / "train_stances.csv")
    fit_head("fnc1", fnc, vectors).save(out / "fnc1.npz")
    fit_head("emergent", emergent_train(FIXTURES / "emergent"), vectors).save(out / "emergent.npz")
    return out


def test_head_file_holds_no_pickles(model_dir: Path) -> None:
    with np.load(model_dir / "emergent.npz", allow_pickle=False) as stored:
        assert all(stored[key].dtype != object for key in stored.files)
    head = StanceHead.load(model_dir / "emergent.npz")
    assert head.labels == ("for", "against", "observing")
    assert head.bow and head.meta["blocks"] == ["text"]


@pytest.mark.parametrize("task", ["fnc1", "emergent"])
def test_stance_model_returns_probabilities(model_dir: Path, task: str) -> None:
    model = StanceModel(task, model_dir=model_dir, encoder=HashEncoder())
    model.warm_up()
    result = model.predict([("A town banned fireworks", "Town bans fireworks. The council voted on Monday.")])
    assert set(result[0]) == set(model.labels)
    assert sum(result[0].values()) == pytest.approx(1.0, abs=1e-5)
    assert model.predict([]) == []


def test_precomputed_embeddings_spare_the_encoder(model_dir: Path) -> None:
    encoder = HashEncoder()
    model = StanceModel("fnc1", model_dir=model_dir, encoder=encoder)
    claim, body = "Bridge to close", "The bridge will close. It is old."
    strings = [claim, *split_sentences(body)]
    given = dict(zip(strings, HashEncoder().encode(strings), strict=True))
    model.predict([(claim, body)], embeddings=given)
    assert encoder.encoded == []


def test_unknown_task_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown stance task"):
        StanceModel("snli")


def test_eval_tasks_run_on_the_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("torch")
    import rashomon.evaluation.tasks  # noqa: F401  (registers the tasks)
    from rashomon.evaluation import run_task
    from rashomon.relate.stance import train

    monkeypatch.setattr(train, "default_vectors", lambda: SentenceVectors(encoder=HashEncoder()))
    fnc = run_task("stance-fnc1", FIXTURES / "fnc1", "dev")
    assert fnc.n == 3 and fnc.primary == "fnc_score" and 0.0 <= fnc.score <= 100.0
    emergent = run_task("stance-emergent", FIXTURES / "emergent", "dev")
    assert emergent.n == 15 and emergent.primary == "accuracy" and 0.0 <= emergent.score <= 1.0


@pytest.mark.integration
def test_shipped_emergent_head_reads_denials() -> None:
    model = StanceModel("emergent")
    claim = "A town banned fireworks"
    result = model.predict(
        [(claim, "Council says fireworks ban story is a hoax"), (claim, "Town bans fireworks for good")]
    )
    assert max(result[0], key=result[0].__getitem__) == "against"
    assert max(result[1], key=result[1].__getitem__) == "for"


@pytest.mark.integration
def test_shipped_fnc1_head_separates_unrelated_bodies() -> None:
    model = StanceModel("fnc1")
    body = "The mayor of Eastbrook said the river bridge will close for repairs in March. Piers cracked."
    related, unrelated = model.predict(
        [
            ("Eastbrook river bridge to close for repairs", body),
            ("Rare blue lobster caught off the harbour", body),
        ]
    )
    assert related["unrelated"] < 0.5 < unrelated["unrelated"]

"""Emergent's headline cue columns: where the claim sits, and the words that frame it."""

from __future__ import annotations

import numpy as np

from rashomon.relate.stance.cues import CUE_COLUMNS, cue_features
from rashomon.relate.stance.embedding import SentenceVectors
from rashomon.relate.stance.features import CLAIM_PLACEHOLDER, DENSE, Idf, PairFeaturizer, mask_claim, words

CLAIM = "A town banned fireworks"


def cues(headline: str, claim: str = CLAIM) -> list[float]:
    return cue_features(claim, headline, mask_claim(words(headline), claim), CLAIM_PLACEHOLDER)


def test_every_headline_gets_the_same_columns() -> None:
    for headline in ("", "?", "Town bans fireworks", "Police say town banned fireworks, then deny it"):
        assert len(cues(headline)) == CUE_COLUMNS


def test_reporting_verb_before_the_claim() -> None:
    reported, plain = cues("Police say town banned fireworks"), cues("Town banned fireworks")
    assert reported[8] == 1.0 and plain[8] == 0.0  # hedge word before the claim
    assert plain[12] == 0.0 and reported[12] > 0.0  # the claim starts later


def test_refutation_after_the_claim_and_negation_alignment() -> None:
    debunked = cues("Fireworks ban is fake, council says")
    assert debunked[4] == 1.0 and debunked[10] == 1.0 and debunked[9] == 0.0
    negated = cues("Town did not ban fireworks")
    assert negated[5] == 1.0 and negated[7] == 1.0  # headline negated, claim not
    assert cues("Town did not ban fireworks", "Town did not ban fireworks")[7] == 0.0


def test_questions_and_label_prefixes() -> None:
    question = cues("Did a town ban fireworks?")
    assert question[0] == 1.0 and question[1] == 1.0
    assert cues("Rumor: town banned fireworks")[2] == 1.0
    assert cues("No mention of the claim here")[12] == 1.0  # claim absent: position 1


class _Encoder:
    """Deterministic stand-in for MiniLM: a vector from the string's hash."""

    def encode(self, texts: list[str], **_: object) -> np.ndarray:
        rows = [np.random.default_rng(abs(hash(t)) % 2**32).normal(size=384) for t in texts]
        return np.asarray(rows, dtype=np.float32)


def test_cue_columns_follow_the_dense_columns_only_when_asked() -> None:
    idf = Idf.fit(["town fireworks", "council hoax"], min_df=1)
    pairs = [(CLAIM, "Fireworks ban is a hoax")]
    plain = PairFeaturizer(idf, SentenceVectors(encoder=_Encoder()), ["hoax"])
    with_cues = PairFeaturizer(idf, SentenceVectors(encoder=_Encoder()), ["hoax"], cues=True)
    x, y = plain.transform(pairs), with_cues.transform(pairs)
    assert with_cues.dense_width == plain.dense_width + CUE_COLUMNS == DENSE + CUE_COLUMNS
    assert y.shape[1] == with_cues.width == x.shape[1] + CUE_COLUMNS
    assert np.array_equal(x[:, :DENSE], y[:, :DENSE]) and np.array_equal(x[:, DENSE:], y[:, -1:])
    assert np.allclose(y[0, DENSE : DENSE + CUE_COLUMNS], cues("Fireworks ban is a hoax"))

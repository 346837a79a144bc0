"""The pair scorer and the clusterer on synthetic mentions (no models: hand-made unit vectors)."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.align import ClusterStats, Mention, candidate_pairs, cluster, conflicts, pair_features
from rashomon.align.features import FEATURE_NAMES
from rashomon.align.scorer import read_model, same_probability


def _vector(seed: int, dim: int = 384) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(dim).astype(np.float32)
    return v / np.linalg.norm(v)


def _near(v: np.ndarray, seed: int, noise: float = 0.25) -> np.ndarray:
    w = v + noise * _vector(seed)
    return (w / np.linalg.norm(w)).astype(np.float32)


def _mention(
    key: str,
    doc: str,
    vec: np.ndarray,
    *,
    dates: set[str] = frozenset(),
    numbers: set[str] = frozenset(),
    entities: set[str] = frozenset({"acme", "jane roe"}),
    predicate: str | None = "hire",
) -> Mention:
    return Mention(
        key, doc, f"text {key}", vec, frozenset(entities), frozenset(numbers), frozenset(dates), predicate
    )


def test_features_are_named_and_bounded() -> None:
    base = _vector(1)
    features = pair_features(_mention("a", "d1", base), _mention("b", "d2", _near(base, 2)))
    assert tuple(features) == FEATURE_NAMES
    assert all(0.0 <= value <= 1.0 for value in features.values())
    assert features["predicate_same"] == 1.0
    assert features["entity_jaccard"] == 1.0


def test_shipped_model_is_calibrated_and_ordered() -> None:
    model = read_model()
    assert 0.0 < model.threshold < 1.0
    base = _vector(3)
    same = same_probability(_mention("a", "d1", base), _mention("b", "d2", _near(base, 4)))
    other = same_probability(
        _mention("a", "d1", base), _mention("c", "d2", _vector(5), entities={"globex"}, predicate="fire")
    )
    assert same > model.threshold > other


def test_paraphrases_merge_and_unrelated_stay_apart() -> None:
    hire, storm = _vector(10), _vector(11)
    mentions = [
        _mention("a", "d1", hire),
        _mention("b", "d2", _near(hire, 12)),
        _mention("c", "d3", _near(hire, 13)),
        _mention("d", "d2", storm, entities={"springfield"}, predicate="hit"),
    ]
    assert cluster(mentions) == [[0, 1, 2], [3]]


def test_a_date_conflict_does_not_merge() -> None:
    hire = _vector(20)
    first = _mention("a", "d1", hire, dates={"2019-06"})
    second = _mention("b", "d2", _near(hire, 21, noise=0.1), dates={"2019-05"})
    third = _mention("c", "d3", _near(hire, 22, noise=0.1), dates={"2019-06-03"})  # inside 2019-06: agrees
    assert conflicts(first, second) == ["date: 2019-06 vs 2019-05"]
    assert conflicts(first, third) == []
    groups = cluster([first, second, third])
    assert [0, 2] in groups and [1] in groups


def test_a_number_conflict_is_reported() -> None:
    v = _vector(30)
    a = _mention("a", "d1", v, numbers={"4"})
    b = _mention("b", "d2", v, numbers={"3"})
    assert conflicts(a, b) == ["number: 4 vs 3"]
    # Other predicates are other claims: different numbers there are no conflict.
    assert conflicts(a, _mention("c", "d2", v, numbers={"3"}, predicate="fire")) == []


def test_candidate_pairs_carry_probabilities() -> None:
    v = _vector(40)
    pairs = candidate_pairs([_mention("a", "d1", v), _mention("b", "d2", _near(v, 41))])
    assert len(pairs) == 1
    i, j, p = pairs[0]
    assert (i, j) == (0, 1) and 0.5 < p <= 1.0


@pytest.mark.slow
def test_blocking_never_compares_all_pairs() -> None:
    rng = np.random.default_rng(7)
    n, group = 5000, 5
    centres = rng.standard_normal((n // group, 384)).astype(np.float32)
    mentions = []
    for index in range(n):
        centre = centres[index // group]
        vector = centre / np.linalg.norm(centre) + 0.3 * rng.standard_normal(384).astype(
            np.float32
        ) / np.sqrt(384)
        entities = {f"e{index // group}", f"common{index % 3}"}
        mentions.append(
            Mention(
                str(index),
                f"doc{index % 50}",
                f"claim {index}",
                (vector / np.linalg.norm(vector)).astype(np.float32),
                frozenset(entities),
                frozenset(),
                frozenset(),
                f"verb{index // group % 40}",
            )
        )
    stats = ClusterStats()
    groups = cluster(mentions, stats=stats)
    all_pairs = n * (n - 1) // 2
    assert stats.comparisons < all_pairs / 50  # ~250k at most, against 12.5M
    # The blocking still finds the planted groups.
    exact = sum(1 for g in groups if len(g) == group and g[0] % group == 0 and g[-1] == g[0] + group - 1)
    assert exact >= 0.9 * (n // group)


def test_the_predicate_is_the_claims_own_main_verb() -> None:
    """Tokens outside the claim's span (before and after it) are never its predicate."""
    from rashomon.align.claim_features import claim_tokens, predicate_token
    from rashomon.model import Claim, Token

    def claim_predicate(claim: Claim, tokens: list[Token]) -> str | None:
        verb = predicate_token(claim_tokens(claim, tokens))
        return verb.lemma.lower() if verb is not None else None

    words = [("Officials", "official", "NOUN", 1), ("said", "say", "VERB", 1), ("troops", "troop", "NOUN", 3),
             ("left", "leave", "VERB", 1), ("the", "the", "DET", 5), ("city", "city", "NOUN", 3),
             ("and", "and", "CCONJ", 7), ("returned", "return", "VERB", 3)]  # fmt: skip
    tokens, position = [], 0
    for index, (word, lemma, pos, head) in enumerate(words):
        tokens.append(Token("a", index, position, position + len(word), lemma, pos, pos, "dep", head, 0))
        position += len(word) + 1
    text = " ".join(word for word, *_ in words)
    start, end = text.index("troops"), text.index(" and")
    claim = Claim(id="c", article="a", start=start, end=end, text=text[start:end])
    assert claim_predicate(claim, tokens) == "leave"
    outside = Claim(id="d", article="a", start=text.index("returned"), end=len(text), text="returned")
    assert claim_predicate(outside, tokens) == "return"
    assert claim_predicate(Claim(id="e", article="a", start=0, end=9, text="Officials"), tokens) is None

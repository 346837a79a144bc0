"""Network inputs for one article: visible tokens, their MiniLM vectors and a few article-level flags.

Whitespace tokens (spaCy's line breaks) are dropped, so spans never start or end on them. Besides the
MiniLM vectors (which carry the word and its sentence context), each token gets flags that MiniLM cannot
see from inside one sentence: how often its lemma recurs in the article (Repetition is 10% of PTC's
labels), whether it sits in the headline (the first line) and its surface shape. Training labels are BIO
tags over the merged gold spans (SI), and per gold span its techniques (TC).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rashomon.claims.attribution.embeddings import DIM
from rashomon.framing.propaganda.corpus import TECHNIQUES
from rashomon.framing.propaganda.scoring import Span, merge_overlapping
from rashomon.model import Token

Matrix = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]

OUTSIDE, BEGIN, INSIDE = 0, 1, 2
FLAGS = ("lemma_recurs", "in_headline", "capitalised", "all_caps", "punctuation", "in_quotes")
SPAN_FEATURES = ("log_tokens", "log_text_count", "text_recurs", "in_headline")
# Windows of whole sentences up to this many tokens: PTC spans rarely cross a sentence, and neighbouring
# sentences give the BiLSTM context. 120 keeps a batch's padding low (median sentence: ~25 tokens).
WINDOW_TOKENS = 120


@dataclass(frozen=True, slots=True)
class Encoded:
    """One article's network inputs; rows are its visible tokens."""

    tokens: list[Token]
    vectors: Matrix
    flags: Matrix
    headline_end: int  # characters before this offset are the headline (0: the text has none)


def visible_rows(text: str, tokens: Sequence[Token]) -> list[int]:
    return [i for i, t in enumerate(tokens) if text[t.start : t.end].strip()]


def _quote_flags(text: str, tokens: Sequence[Token]) -> list[float]:
    """1.0 for tokens inside double quotes, the marks included; a line break closes an open quote."""
    flags, inside, previous_end = [], False, 0
    for token in tokens:
        word = text[token.start : token.end]
        if "\n" in text[previous_end : token.start]:
            inside = False
        previous_end = token.end
        opening = word == "“" or (word == '"' and not inside)
        closing = word == "”" or (word == '"' and inside)
        flags.append(1.0 if inside or opening else 0.0)
        inside = opening or (inside and not closing)
    return flags


def headline_end_of(text: str) -> int:
    """Where a PTC article's headline ends: its first line."""
    return text.find("\n") if "\n" in text else len(text)


def token_flags(text: str, tokens: Sequence[Token], headline_end: int) -> Matrix:
    lemmas = Counter(t.lemma.lower() for t in tokens)
    quotes = _quote_flags(text, tokens)
    rows = []
    for token, quoted in zip(tokens, quotes, strict=True):
        word = text[token.start : token.end]
        rows.append(
            [
                math.log(lemmas[token.lemma.lower()]) / 3.0 if token.pos not in {"PUNCT", "DET"} else 0.0,
                1.0 if token.start < headline_end else 0.0,
                1.0 if word[:1].isupper() else 0.0,
                1.0 if len(word) > 1 and word.isupper() else 0.0,
                1.0 if token.pos == "PUNCT" else 0.0,
                quoted,
            ]
        )
    return np.asarray(rows, dtype=np.float32).reshape(-1, len(FLAGS))


def encode(text: str, tokens: Sequence[Token], vectors: Matrix, headline_end: int) -> Encoded:
    """Inputs for the visible tokens; ``vectors`` holds one MiniLM row per token in ``tokens``."""
    keep = visible_rows(text, tokens)
    visible = [tokens[i] for i in keep]
    flags = token_flags(text, visible, headline_end)
    return Encoded(visible, np.asarray(vectors[keep], dtype=np.float32).reshape(-1, DIM), flags, headline_end)


def windows(tokens: Sequence[Token], limit: int = WINDOW_TOKENS) -> list[tuple[int, int]]:
    """(first row, end row) runs of whole sentences up to ``limit`` tokens (a longer sentence is cut)."""
    pieces, start = [], 0
    for row in range(1, len(tokens) + 1):
        if row == len(tokens) or tokens[row].sentence != tokens[row - 1].sentence or row - start >= limit:
            pieces.append((start, row))
            start = row
    runs: list[tuple[int, int]] = []
    for first, end in pieces:
        if runs and end - runs[-1][0] <= limit:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((first, end))
    return runs


def token_range(tokens: Sequence[Token], span: Span) -> tuple[int, int] | None:
    """(first, last) rows of the tokens overlapping ``span`` (None if it covers no token)."""
    rows = [i for i, t in enumerate(tokens) if t.start < span[1] and span[0] < t.end]
    return (rows[0], rows[-1]) if rows else None


def bio_labels(tokens: Sequence[Token], spans: Sequence[Span]) -> IntArray:
    labels = np.full(len(tokens), OUTSIDE, dtype=np.int64)
    for span in merge_overlapping(spans):
        found = token_range(tokens, span)
        if found:
            labels[found[0]] = BEGIN
            labels[found[0] + 1 : found[1] + 1] = INSIDE
    return labels


def span_features(text: str, item: Encoded, first: int, last: int) -> list[float]:
    """Features of a candidate span that its tokens' vectors miss: length and verbatim recurrence."""
    start, end = item.tokens[first].start, item.tokens[last].end
    phrase = text[start:end].lower()
    count = max(1, text.lower().count(phrase)) if phrase.strip() else 1
    return [
        math.log(last - first + 1) / 3.0,
        math.log(count) / 2.0,
        1.0 if count > 1 else 0.0,
        1.0 if start < item.headline_end else 0.0,
    ]


def technique_index(name: str) -> int:
    return TECHNIQUES.index(name)

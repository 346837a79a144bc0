"""Word pieces onto spaCy tokens: every (piece, token) pair whose characters overlap, found by bisection."""

from __future__ import annotations

import random

from rashomon.claims.attribution.embeddings import links
from rashomon.model import Token


def _token(index: int, start: int, end: int) -> Token:
    return Token("a", index, start, end, "x", "X", "x", "dep", 0, 0)


def _overlapping(tokens: list[Token], base: int, offsets: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The definition, pair by pair."""
    return [
        (k, row)
        for k, (s, e) in enumerate(offsets)
        if e > s
        for row, t in enumerate(tokens)
        if t.start < base + e and base + s < t.end
    ]


def test_pieces_link_to_the_tokens_they_overlap() -> None:
    tokens = [_token(0, 0, 3), _token(1, 4, 12), _token(2, 12, 13)]  # "The shooting." with a gap
    offsets = [(0, 0), (0, 3), (4, 9), (9, 12), (12, 13), (0, 0)]  # [CLS] the shoot ##ing . [SEP]
    assert links(tokens, 0, offsets) == [(1, 0), (2, 1), (3, 1), (4, 2)]
    assert links(tokens, 4, [(0, 8)]) == [(0, 1)]  # offsets relative to a piece starting at 4
    assert links([], 0, offsets) == [] and links(tokens, 0, []) == []


def test_the_bisection_agrees_with_the_definition() -> None:
    chooser = random.Random(7)
    for _ in range(300):
        tokens, position = [], 0
        for index in range(chooser.randint(0, 25)):
            position += chooser.randint(0, 2)
            length = chooser.randint(1, 8)
            tokens.append(_token(index, position, position + length))
            position += length
        offsets, position = [(0, 0)], chooser.randint(0, 3)
        for _ in range(chooser.randint(0, 30)):
            position += chooser.randint(0, 2)
            length = chooser.randint(1, 6)
            offsets.append((position, position + length))
            position += length
        base = chooser.randint(0, 4)
        assert links(tokens, base, offsets) == _overlapping(tokens, base, offsets)

"""Hand-built parses for rule tests: tokens laid out with single spaces, heads given by position."""

from __future__ import annotations

from rashomon.model import Token

# (text, lemma, pos, dep, head position in the list)
Word = tuple[str, str, str, str, int]


def laid_out(article: str, words: list[Word], offset: int = 0) -> list[Token]:
    """``words`` as one sentence's tokens of ``article``, starting at character ``offset``."""
    tokens, start = [], offset
    for i, (text, lemma, pos, dep, head) in enumerate(words):
        tokens.append(Token(article, i, start, start + len(text), lemma, pos, "X", dep, head, 0))
        start += len(text) + 1
    return tokens

"""Lexical (loaded-word) bias spans from a word lexicon learned on BASIL's ``lex`` spans.

The honest baseline for lexical bias: a word is loaded when annotators marked it inside a lexical-bias span
often enough, relative to how often it occurs at all in the training sentences. Spans are runs of adjacent
loaded words. The lexicon is a word-weight table (no sentence text), small enough to ship.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*")

# Calibrated by 10-fold CV over the 80 BASIL dev triplets (lex token F1 / overlap span F1, lexicon applied
# to every sentence): >= 1 marked occurrence and >= 20% of occurrences marked scored 0.092 / 0.126; >= 2 and
# 20%: 0.068 / 0.109; >= 2 and 40%: 0.039 / 0.065. Loaded words rarely recur across events: recall is low.
MIN_MARKED = 1
MIN_SHARE = 0.2


def tokens(sentence: str) -> list[tuple[int, int, str]]:
    """Word tokens as (start, end, lower-cased word)."""
    return [(m.start(), m.end(), m.group().lower()) for m in TOKEN.finditer(sentence)]


def marked_tokens(sentence: str, spans: Iterable[tuple[int, int]]) -> list[bool]:
    """Whether each token of the sentence overlaps one of the character spans."""
    ranges = list(spans)
    return [any(s < e_ and s_ < e for s_, e_ in ranges) for s, e, _ in tokens(sentence)]


@dataclass(frozen=True)
class LoadedWords:
    """Loaded word -> share of its training occurrences that annotators marked as lexical bias."""

    shares: dict[str, float]

    @classmethod
    def learn(
        cls,
        sentences: Sequence[str],
        spans: Sequence[Sequence[tuple[int, int]]],
        min_marked: int = MIN_MARKED,
        min_share: float = MIN_SHARE,
    ) -> LoadedWords:
        seen: Counter[str] = Counter()
        marked: Counter[str] = Counter()
        for sentence, sentence_spans in zip(sentences, spans, strict=True):
            flags = marked_tokens(sentence, sentence_spans)
            for (_, _, word), flag in zip(tokens(sentence), flags, strict=True):
                seen[word] += 1
                marked[word] += int(flag)
        shares = {
            word: marked[word] / seen[word]
            for word in sorted(marked)
            if marked[word] >= min_marked and marked[word] / seen[word] >= min_share
        }
        return cls(shares)

    def spans(self, sentence: str) -> list[tuple[int, int]]:
        """Character spans of runs of adjacent loaded words."""
        found: list[tuple[int, int]] = []
        previous_end = -2
        for start, end, word in tokens(sentence):
            if word not in self.shares:
                continue
            if found and sentence[previous_end:start].strip() == "":
                found[-1] = (found[-1][0], end)
            else:
                found.append((start, end))
            previous_end = end
        return found

    def hits(self, sentence: str) -> float:
        """Summed share of the sentence's loaded words (a feature for the lexical sentence head)."""
        return sum(self.shares.get(word, 0.0) for _, _, word in tokens(sentence))

"""Token features for the tagger, computed from rashomon's parse records alone.

Categorical columns (embedded by the network) carry the lexical and syntactic cues that mark attribution:
the lemma (speech and belief verbs), the head's lemma (``said`` governs the source and the content),
POS/tag/dep of the token and its head, the quotation state and the word shape. Whitespace tokens are
dropped: the tagger sees the same sequence whether or not the nlp stage keeps them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from rashomon.model import Token

LABELS = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")
ROLES = ("source", "cue", "content")
COLUMNS = ("lemma", "head_lemma", "pos", "head_pos", "tag", "dep", "head_dep", "quote", "shape", "head_dir")
FLAGS = ("newline_before", "sentence_start", "sentence_end")

_OPEN_QUOTES = frozenset("“‘«")
_CLOSE_QUOTES = frozenset("”’»")
_TOGGLE_QUOTES = frozenset('"')

IntMatrix = npt.NDArray[np.int64]
FloatMatrix = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Vocab:
    """String-to-id tables; id 0 is padding, 1 is unknown."""

    lemma: dict[str, int] = field(default_factory=dict)
    pos: dict[str, int] = field(default_factory=dict)
    tag: dict[str, int] = field(default_factory=dict)
    dep: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def _table(counts: Counter[str], min_count: int) -> dict[str, int]:
        kept = sorted(k for k, c in counts.items() if c >= min_count)
        return {k: i + 2 for i, k in enumerate(kept)}

    @classmethod
    def build(cls, documents: Iterable[Sequence[Token]], min_lemma_count: int) -> Vocab:
        counts: dict[str, Counter[str]] = {name: Counter() for name in ("lemma", "pos", "tag", "dep")}
        for tokens in documents:
            for t in tokens:
                counts["lemma"][t.lemma.lower()] += 1
                counts["pos"][t.pos] += 1
                counts["tag"][t.tag] += 1
                counts["dep"][t.dep] += 1
        return cls(
            lemma=cls._table(counts["lemma"], min_lemma_count),
            pos=cls._table(counts["pos"], 1),
            tag=cls._table(counts["tag"], 1),
            dep=cls._table(counts["dep"], 1),
        )

    def sizes(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) + 2 for name in ("lemma", "pos", "tag", "dep")}

    def as_json(self) -> dict[str, list[str]]:
        return {name: sorted(table, key=table.__getitem__) for name, table in self._tables().items()}

    @classmethod
    def from_json(cls, data: dict[str, list[str]]) -> Vocab:
        return cls(
            **{name: {k: i + 2 for i, k in enumerate(data[name])} for name in ("lemma", "pos", "tag", "dep")}
        )

    def _tables(self) -> dict[str, dict[str, int]]:
        return {"lemma": self.lemma, "pos": self.pos, "tag": self.tag, "dep": self.dep}


def visible_tokens(text: str, tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if text[t.start : t.end].strip()]


def _shape(word: str) -> int:
    if word.isdigit() or any(c.isdigit() for c in word):
        return 4
    if not any(c.isalnum() for c in word):
        return 5
    if word.isupper() and len(word) > 1:
        return 3
    if word[0].isupper():
        return 2
    return 1 if word.islower() else 6


def _quote_states(text: str, tokens: Sequence[Token]) -> list[int]:
    """1 inside quotation marks, 2 an opening mark, 3 a closing mark, 0 outside. Paragraphs reset the
    state: a quote running over paragraphs re-opens each one and leaves the earlier ones unclosed."""
    states, inside, previous_end = [], False, 0
    for t in tokens:
        if "\n" in text[previous_end : t.start]:
            inside = False
        word = text[t.start : t.end]
        if word in _OPEN_QUOTES or (word in _TOGGLE_QUOTES and not inside):
            inside, state = True, 2
        elif word in _CLOSE_QUOTES or (word in _TOGGLE_QUOTES and inside):
            inside, state = False, 3
        else:
            state = 1 if inside else 0
        states.append(state)
        previous_end = t.end
    return states


def token_features(
    text: str, tokens: Sequence[Token], all_tokens: Sequence[Token], vocab: Vocab
) -> tuple[IntMatrix, FloatMatrix]:
    """Categorical ids (``len(tokens) x len(COLUMNS)``) and 0/1 flags for the visible ``tokens``.

    ``all_tokens`` is the article's full token list, indexed by ``Token.index``, to look up heads.
    """
    by_index = {t.index: t for t in all_tokens}
    quotes = _quote_states(text, tokens)
    cats = np.zeros((len(tokens), len(COLUMNS)), dtype=np.int64)
    flags = np.zeros((len(tokens), len(FLAGS)), dtype=np.float32)
    previous_end = 0
    for row, t in enumerate(tokens):
        head = by_index.get(t.head, t)
        direction = 0 if head.index == t.index else (1 if head.index < t.index else 2)
        cats[row] = (
            vocab.lemma.get(t.lemma.lower(), 1),
            vocab.lemma.get(head.lemma.lower(), 1),
            vocab.pos.get(t.pos, 1),
            vocab.pos.get(head.pos, 1),
            vocab.tag.get(t.tag, 1),
            vocab.dep.get(t.dep, 1),
            vocab.dep.get(head.dep, 1),
            quotes[row] + 1,
            _shape(text[t.start : t.end]),
            direction + 1,
        )
        flags[row, 0] = float(row == 0 or "\n" in text[previous_end : t.start])
        flags[row, 1] = float(row == 0 or tokens[row - 1].sentence != t.sentence)
        flags[row, 2] = float(row == len(tokens) - 1 or tokens[row + 1].sentence != t.sentence)
        previous_end = t.end
    return cats, flags


def gold_labels(
    tokens: Sequence[Token], roles: Sequence[tuple[str, Sequence[tuple[int, int]]]]
) -> npt.NDArray[np.int64]:
    """BIO label ids for ``tokens`` from (role, fragments) pairs; each fragment starts a new B."""
    labels = np.zeros(len(tokens), dtype=np.int64)
    starts = np.array([t.start for t in tokens])
    ends = np.array([t.end for t in tokens])
    for role, fragments in roles:
        begin = LABELS.index(f"B-{role.upper()}")
        for s, e in fragments:
            inside = np.nonzero((starts < e) & (ends > s))[0]
            if len(inside):
                labels[inside] = begin + 1
                labels[inside[0]] = begin
    return labels


def chunks(tokens: Sequence[Token], max_tokens: int) -> list[tuple[int, int]]:
    """Row ranges packing whole sentences up to ``max_tokens`` rows (a longer sentence is cut)."""
    ranges: list[tuple[int, int]] = []
    start = 0
    sentence_starts = [
        i for i in range(len(tokens)) if i == 0 or tokens[i - 1].sentence != tokens[i].sentence
    ]
    sentence_starts.append(len(tokens))
    for i in range(1, len(sentence_starts)):
        end = sentence_starts[i]
        if end - start > max_tokens and sentence_starts[i - 1] > start:
            ranges.append((start, sentence_starts[i - 1]))
            start = sentence_starts[i - 1]
        while end - start > max_tokens:
            ranges.append((start, start + max_tokens))
            start += max_tokens
    if start < len(tokens):
        ranges.append((start, len(tokens)))
    return ranges

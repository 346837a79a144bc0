"""A deterministic stand-in for ``PropagandaDetector`` in unit tests: no models, a tiny word list.

Marks each word of ``LOADED_WORDS`` (case-insensitive, whole words) as Loaded_Language with score 0.9.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rashomon.framing.propaganda.detector import TechniqueSpan
from rashomon.model import Sentence, Token

LOADED_WORDS = frozenset(
    "atrocious barbaric brutal despicable disgraceful evil heinous monstrous outrageous shameful "
    "sinister thug thugs vile".split()
)
_WORD = re.compile(r"[A-Za-z]+")


class FakePropagandaDetector:
    def warm_up(self) -> None:
        """Nothing to load."""

    def detect(
        self, text: str, sentences: Sequence[Sentence], tokens: Sequence[Token]
    ) -> list[TechniqueSpan]:
        return self.detect_text(text)

    def detect_text(self, text: str) -> list[TechniqueSpan]:
        return [
            TechniqueSpan(match.start(), match.end(), "Loaded_Language", 0.9)
            for match in _WORD.finditer(text)
            if match.group().lower() in LOADED_WORDS
        ]

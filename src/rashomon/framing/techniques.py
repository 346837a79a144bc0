"""The techniques stage: propaganda techniques in each article's headline and body (per article).

The detector (``framing/propaganda``, trained on the SemEval-2020 Task 11 corpus) reads the body from
the nlp stage's parse and parses the headline itself. Its output for an article depends on that
article alone (scope "article"), so a store caches it like the nlp and attribution results.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar, Protocol

from rashomon.config import Config
from rashomon.model import Article, Sentence, Token
from rashomon.model.claim import Field
from rashomon.model.framing import TechniqueSpan
from rashomon.pipeline import Advance, BaseStage, Batch, Scope
from rashomon.pipeline.state import by_article


class Found(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def technique(self) -> str: ...
    @property
    def score(self) -> float: ...


class Detector(Protocol):
    def warm_up(self) -> None: ...

    def detect(
        self, text: str, sentences: Sequence[Sentence], tokens: Sequence[Token]
    ) -> Sequence[Found]: ...

    def detect_text(self, text: str) -> Sequence[Found]: ...


class TechniquesStage(BaseStage):
    name: ClassVar[str] = "techniques"
    requires: ClassVar[frozenset[str]] = frozenset({"articles", "sentences", "tokens"})
    produces: ClassVar[frozenset[str]] = frozenset({"techniques"})
    scope: ClassVar[Scope] = "article"
    version: ClassVar[str] = "3"

    def __init__(self, config: Config, detector: Detector | None = None) -> None:
        super().__init__(config)
        self._detector = detector

    def warm_up(self) -> None:
        if self._detector is None:
            from rashomon.framing.propaganda import PropagandaDetector

            self._detector = PropagandaDetector()
        self._detector.warm_up()

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        if self._detector is None:
            self.warm_up()
        assert self._detector is not None
        sentences, tokens = by_article(batch.sentences), by_article(batch.tokens)
        found: list[TechniqueSpan] = []
        for article in batch.articles:
            if article.language == "en":
                body = self._detector.detect(article.text, sentences[article.id], tokens[article.id])
                found += _records(article, "text", article.text, body)
                if article.title:
                    found += _records(
                        article, "title", article.title, self._detector.detect_text(article.title)
                    )
            advance(1)
        return replace(batch, techniques=tuple(found))


# Words that cannot carry a technique on their own: a span of nothing else ("A", "This") is a decoding
# fragment, not a finding (seen in the tagger's output on news text; PTC annotates no such span).
FUNCTION_WORDS = frozenset(
    "a an the this that these those it its he she they we you i of in on at to for by with and or but "
    "is are was were be been being am has have had do does did".split()
)


def _records(article: Article, field: Field, text: str, spans: Sequence[Found]) -> list[TechniqueSpan]:
    return [
        TechniqueSpan(
            article.id, field, s.start, s.end, text[s.start : s.end], s.technique, round(s.score, 3)
        )
        for s in spans
        if 0 <= s.start < s.end <= len(text) and _has_content(text[s.start : s.end])
    ]


def _has_content(span: str) -> bool:
    words = re.findall(r"[A-Za-z][\w’'-]*", span)
    return any(word.lower() not in FUNCTION_WORDS for word in words)

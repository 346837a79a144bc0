"""Deterministic fakes so the whole pipeline runs in unit tests in milliseconds, without models.

``FakeAttributionTagger`` finds "<content>, <Source> said" by pattern, standing in for the trained
tagger.

``FakePropagandaDetector`` (from ``framing.propaganda.fake``) marks a handful of loaded words, standing
in for the propaganda tagger.

``FakeNlpStage`` splits sentences and tokens with regular expressions and calls runs of capitalised
words entities; it produces the same records as the real nlp stage, so every later stage can be tested.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import ClassVar

from rashomon.claims.attribution.spans import AttributionSpans
from rashomon.config import Config
from rashomon.model import EntityMention, Sentence, Token
from rashomon.pipeline import Advance, BaseStage, Batch, Pipeline, Stage

SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’]?|$)")
TOKEN = re.compile(r"\w+(?:[’']\w+)?|[^\w\s]")
NAME = re.compile(r"\b(?:[A-Z][\w’']+)(?:\s+[A-Z][\w’']+)*")


class FakeNlpStage(BaseStage):
    name: ClassVar[str] = "nlp"
    requires: ClassVar[frozenset[str]] = frozenset({"articles"})
    produces: ClassVar[frozenset[str]] = frozenset({"sentences", "tokens", "mentions"})

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        sentences: list[Sentence] = []
        tokens: list[Token] = []
        mentions: list[EntityMention] = []
        for article in batch.articles:
            for s_index, match in enumerate(m for m in SENTENCE.finditer(article.text) if m.group().strip()):
                start = match.start() + len(match.group()) - len(match.group().lstrip())
                sentences.append(Sentence(article.id, s_index, start, match.end()))
                tokens.extend(_tokens(article.id, match.group(), match.start(), s_index, len(tokens)))
            mentions.extend(
                EntityMention(article.id, m.start(), m.end(), m.group(), "PERSON")
                for m in NAME.finditer(article.text)
                if len(m.group()) > 2
            )
            advance(1)
        return replace(batch, sentences=tuple(sentences), tokens=tuple(tokens), mentions=tuple(mentions))


def _tokens(article: str, text: str, offset: int, sentence: int, first: int) -> list[Token]:
    found = list(TOKEN.finditer(text))
    return [
        Token(
            article,
            first + i,
            offset + m.start(),
            offset + m.end(),
            m.group().lower(),
            "X",
            "X",
            "dep",
            first,
            sentence,
        )
        for i, m in enumerate(found)
    ]


CUE = re.compile(
    r"(?P<content>[^.!?]{8,}?),?\s+(?P<source>(?:[A-Z][\w’']+\s?){1,3}|he|she|officials)\s+"
    r"(?P<cue>said|says|told reporters|writes|wrote|reported|claims|alleged)\b"
)


class FakeAttributionTagger:
    """'<content>, <Source> said' by regular expression: enough to test claim building without a model."""

    def warm_up(self) -> None:
        return None

    def tag(self, text: str, sentences: object, tokens: object) -> list[AttributionSpans]:
        return [
            AttributionSpans(
                cue=match.span("cue"),
                source=(
                    match.start("source"),
                    match.end("source") - (1 if match.group("source").endswith(" ") else 0),
                ),
                content=match.span("content"),
                score=1.0,
            )
            for match in CUE.finditer(text)
        ]


def fake_pipeline(config: Config | None = None) -> Pipeline:
    """The default pipeline with the nlp stage swapped for the fake."""
    from rashomon.api import default_stages
    from rashomon.claims.attribution.stage import AttributionStage
    from rashomon.framing.propaganda.fake import FakePropagandaDetector
    from rashomon.framing.techniques import TechniquesStage

    config = config or Config()
    fakes: dict[str, Stage] = {
        "nlp": FakeNlpStage(config),
        "attribution": AttributionStage(config, tagger=FakeAttributionTagger()),
        "techniques": TechniquesStage(config, detector=FakePropagandaDetector()),
    }
    return Pipeline([fakes.get(s.name, s) for s in default_stages(config)])

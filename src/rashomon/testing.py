"""Deterministic fakes so the whole pipeline runs in unit tests in milliseconds, without models.

``FakeAttributionTagger`` finds "<content>, <Source> said" by pattern, standing in for the trained
tagger.

``FakePropagandaDetector`` (from ``framing.propaganda.fake``) marks a handful of loaded words, standing
in for the propaganda tagger.

``FakeNlpStage`` splits sentences and tokens with regular expressions and calls runs of capitalised
words entities; it produces the same records as the real nlp stage, so every later stage can be tested.

``HashedEncoder`` stands in for MiniLM wherever a stage takes an encoder: a normalised bag of hashed words.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt

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


class HashedEncoder:
    """MiniLM's ``encode`` without the model: each word hashed to one of 384 columns (MiniLM's width), rows
    normalised. Texts sharing words get similar vectors, deterministically, at the cost of a look-up: what a
    cache of vectors by text would cost."""

    width: ClassVar[int] = 384

    def encode(self, texts: Sequence[str], **_: Any) -> npt.NDArray[np.float32]:
        out = np.zeros((len(texts), self.width), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                column = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest()) % self.width
                out[row, column] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.asarray(out / np.where(norms == 0, 1, norms), dtype=np.float32)


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


def fake_pipeline(config: Config | None = None, encoder: Any = None) -> Pipeline:
    """The default pipeline with the models of the per-article stages swapped for fakes; with ``encoder``
    (e.g. ``HashedEncoder()``) the stages that embed text (embed, align, relate, framing) use it instead of
    MiniLM."""
    from rashomon.align.stage import AlignStage
    from rashomon.api import default_stages
    from rashomon.claims.attribution.stage import AttributionStage
    from rashomon.claims.embed import EmbedStage
    from rashomon.framing.propaganda.fake import FakePropagandaDetector
    from rashomon.framing.stage import FramingStage
    from rashomon.framing.techniques import TechniquesStage
    from rashomon.relate.stage import RelateStage

    config = config or Config()
    fakes: dict[str, Stage] = {
        "nlp": FakeNlpStage(config),
        "attribution": AttributionStage(config, tagger=FakeAttributionTagger()),
        "techniques": TechniquesStage(config, detector=FakePropagandaDetector()),
    }
    if encoder is not None:
        fakes["embed"] = EmbedStage(config, encoder=encoder)
        fakes["align"] = AlignStage(config, encoder=encoder)
        fakes["relate"] = RelateStage(config, encoder=encoder)
        fakes["framing"] = FramingStage(config, encoder=encoder)
    return Pipeline([fakes.get(s.name, s) for s in default_stages(config)])

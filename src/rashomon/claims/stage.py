"""The claims stage: check-worthy claims with attribution, for English articles and their headlines."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar, Protocol

from rashomon.claims.attribution.spans import AttributionSpans
from rashomon.claims.build import build_claims
from rashomon.claims.headline import headline_claim
from rashomon.claims.segment import claim_spans
from rashomon.claims.speakers import MentionIndex
from rashomon.config import Config
from rashomon.model import Claim, Sentence, Token
from rashomon.pipeline import Advance, BaseStage, Batch


class Tagger(Protocol):
    def warm_up(self) -> None: ...

    def tag(
        self, text: str, sentences: Sequence[Sentence], tokens: Sequence[Token]
    ) -> list[AttributionSpans]: ...


class ClaimsStage(BaseStage):
    name: ClassVar[str] = "claims"
    requires: ClassVar[frozenset[str]] = frozenset({"articles", "sentences", "tokens", "entities"})
    produces: ClassVar[frozenset[str]] = frozenset({"claims"})

    def __init__(self, config: Config, tagger: Tagger | None = None) -> None:
        super().__init__(config)
        self._tagger = tagger

    def warm_up(self) -> None:
        if self._tagger is None:
            from rashomon.claims.attribution.tagger import AttributionTagger

            self._tagger = AttributionTagger()
        self._tagger.warm_up()

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        if self._tagger is None:
            self.warm_up()
        assert self._tagger is not None
        sentences: dict[str, list[Sentence]] = defaultdict(list)
        tokens: dict[str, list[Token]] = defaultdict(list)
        for sentence in batch.sentences:
            sentences[sentence.article].append(sentence)
        for token in batch.tokens:
            tokens[token.article].append(token)
        claims: list[Claim] = []
        for article in batch.articles:
            if article.language == "en":
                mentions = MentionIndex.build(article.id, batch.entities)
                found = self._tagger.tag(article.text, sentences[article.id], tokens[article.id])
                spans = claim_spans(article.text, sentences[article.id], found)
                headline = headline_claim(article)
                claims.extend([headline] if headline else [])
                claims.extend(
                    build_claims(article, spans, sentences[article.id], tokens[article.id], mentions)
                )
            advance(1)
        return replace(batch, claims=tuple(claims))

"""The claims stage: check-worthy claims with attribution, for English articles and their headlines."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar, Protocol

from rashomon.claims.attribution.spans import AttributionSpans
from rashomon.claims.build import build_claims
from rashomon.claims.headline import headline_claim
from rashomon.claims.nesting import nested
from rashomon.claims.reporting import is_reporting
from rashomon.claims.segment import claim_spans
from rashomon.claims.speakers import MentionIndex
from rashomon.config import Config
from rashomon.entities.parse import parse_articles
from rashomon.model import Claim, Sentence, Token
from rashomon.nlp.threads import torch_threads
from rashomon.pipeline import Advance, BaseStage, Batch

TAGGER_THREADS = 1  # see rashomon.nlp.threads: one thread is faster for the step-wise LSTM, not for MiniLM


def reporting_only(found: list[AttributionSpans], tokens: Sequence[Token]) -> list[AttributionSpans]:
    """Keep attributions whose cue is a reporting or cognition verb (or "according to")."""
    kept = []
    for attribution in found:
        start, end = attribution.cue
        lemmas = [t.lemma for t in tokens if start <= t.start < end]
        if is_reporting(lemmas or attribution_words(attribution, tokens)):
            kept.append(attribution)
    return kept


def attribution_words(attribution: AttributionSpans, tokens: Sequence[Token]) -> list[str]:
    return [t.lemma for t in tokens if t.start <= attribution.cue[0] < t.end]


def with_nesting(found: list[AttributionSpans], tokens: Sequence[Token]) -> list[AttributionSpans]:
    """Add the attributions nested inside each content that the tagger did not report itself."""
    if not tokens:
        return found
    doc = parse_articles(tokens)[tokens[0].article]
    cues = {a.cue for a in found}
    extra = []
    for attribution in found:
        for inner in nested(doc, attribution):
            if not any(c[0] < inner.cue[1] and inner.cue[0] < c[1] for c in cues):
                extra.append(inner)
                cues.add(inner.cue)
    return [*found, *extra]


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

    def _tag(self, text: str, sentences: list[Sentence], tokens: list[Token]) -> list[AttributionSpans]:
        """The tagger's transformer pass on all threads, its step-wise LSTM on one (see TAGGER_THREADS)."""
        assert self._tagger is not None
        embedder = getattr(self._tagger, "embedder", None)
        if embedder is None:
            with torch_threads(TAGGER_THREADS):
                return self._tagger.tag(text, sentences, tokens)
        vectors = embedder.embed_many([(text, sentences, tokens)])[0]
        with torch_threads(TAGGER_THREADS):
            return self._tagger.tag(text, sentences, tokens, vectors=vectors)  # type: ignore[call-arg]

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
        indexes = MentionIndex.for_articles(batch.entities)
        for article in batch.articles:
            if article.language == "en":
                mentions = indexes.get(article.id) or MentionIndex.empty(article.id)
                found = self._tag(article.text, sentences[article.id], tokens[article.id])
                found = with_nesting(reporting_only(found, tokens[article.id]), tokens[article.id])
                spans = claim_spans(article.text, sentences[article.id], found)
                headline = headline_claim(article)
                claims.extend([headline] if headline else [])
                claims.extend(
                    build_claims(article, spans, sentences[article.id], tokens[article.id], mentions)
                )
            advance(1)
        return replace(batch, claims=tuple(claims))

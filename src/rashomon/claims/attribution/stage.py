"""The attribution stage: the tagger's source/cue/content spans, article by article.

Its output for an article depends on that article alone (scope "article"), so a store can cache it and a
run that adds one article tags only that one. Only reporting attributions are kept (a cue that is a
reporting or cognition verb, or "according to"), plus the attributions nested inside their contents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar, Protocol

import numpy as np

from rashomon.claims.attribution.embeddings import Matrix
from rashomon.claims.attribution.spans import AttributionSpans
from rashomon.claims.nesting import nested
from rashomon.claims.reporting import is_reporting
from rashomon.config import Config
from rashomon.entities.parse import ParsedArticle, parse_articles
from rashomon.model import Attribution, Sentence, Token
from rashomon.model.vectors import SentenceVector
from rashomon.nlp.threads import torch_threads
from rashomon.pipeline import Advance, BaseStage, Batch, Scope
from rashomon.pipeline.state import by_article

TAGGER_THREADS = 1  # see rashomon.nlp.threads: one thread is faster for the step-wise LSTM, not for MiniLM
# Articles tagged together: one MiniLM pass and one LSTM batch over their sentences (their token vectors,
# about 2 MB an article, are held until the block is done).
BLOCK = 16


class Tagger(Protocol):
    def warm_up(self) -> None: ...

    def tag(
        self, text: str, sentences: Sequence[Sentence], tokens: Sequence[Token]
    ) -> list[AttributionSpans]: ...


def reporting_only(found: list[AttributionSpans], tokens: Sequence[Token]) -> list[AttributionSpans]:
    """Keep attributions whose cue is a reporting or cognition verb (or "according to")."""
    kept = []
    for attribution in found:
        start, end = attribution.cue
        lemmas = [t.lemma for t in tokens if start <= t.start < end]
        if is_reporting(lemmas or attribution_words(attribution, tokens)):
            kept.append(attribution)
    return kept


CONDITIONS = frozenset({"if", "unless"})


def asserted_only(found: list[AttributionSpans], doc: ParsedArticle | None) -> list[AttributionSpans]:
    """Drop attributions whose cue is a condition's verb: in "If Congress tells you they don't have time,
    they've got time", Congress says nothing; "if they believe ..." attributes no belief. ``doc``: the
    article's parse (None without tokens)."""
    if doc is None or not found:
        return found
    kept = []
    for attribution in found:
        cue = doc.root_of(*attribution.cue)
        marks = (doc.token(i) for i in doc.children.get(cue.index, ())) if cue is not None else ()
        if not any(m.dep == "mark" and m.lemma.lower() in CONDITIONS for m in marks):
            kept.append(attribution)
    return kept


def attribution_words(attribution: AttributionSpans, tokens: Sequence[Token]) -> list[str]:
    return [t.lemma for t in tokens if t.start <= attribution.cue[0] < t.end]


def with_nesting(found: list[AttributionSpans], doc: ParsedArticle | None) -> list[AttributionSpans]:
    """Add the attributions nested inside each content that the tagger did not report itself."""
    if doc is None:
        return found
    cues = {a.cue for a in found}
    extra = []
    for attribution in found:
        for inner in nested(doc, attribution):
            if not any(c[0] < inner.cue[1] and inner.cue[0] < c[1] for c in cues):
                extra.append(inner)
                cues.add(inner.cue)
    return [*found, *extra]


def sentence_vectors(
    article: str, sentences: Sequence[Sentence], pooled: Matrix | None
) -> list[SentenceVector]:
    """The records of the sentences the tagger's pass embedded whole (rows without NaN)."""
    if pooled is None:
        return []
    return [
        SentenceVector.of(article, sentence.index, row)
        for sentence, row in zip(sentences, pooled, strict=True)
        if not np.isnan(row).any()
    ]


def to_record(article: str, spans: AttributionSpans) -> Attribution:
    return Attribution(article, spans.cue, spans.source, spans.content, spans.score, spans.content_parts)


def to_spans(record: Attribution) -> AttributionSpans:
    return AttributionSpans(record.cue, record.source, record.content, record.score, record.content_parts)


class AttributionStage(BaseStage):
    name: ClassVar[str] = "attribution"
    requires: ClassVar[frozenset[str]] = frozenset({"articles", "sentences", "tokens"})
    produces: ClassVar[frozenset[str]] = frozenset({"attributions", "sentence_vectors"})
    scope: ClassVar[Scope] = "article"
    version: ClassVar[str] = "3"  # 3: "continued" a cue, conditions none; 2: also its sentence embeddings

    def __init__(self, config: Config, tagger: Tagger | None = None) -> None:
        super().__init__(config)
        self._tagger = tagger

    def warm_up(self) -> None:
        if self._tagger is None:
            from rashomon.claims.attribution.tagger import AttributionTagger

            self._tagger = AttributionTagger()
        self._tagger.warm_up()

    def _tag_block(
        self, documents: list[tuple[str, list[Sentence], list[Token]]]
    ) -> list[tuple[list[AttributionSpans], Matrix | None]]:
        """Each document's spans, and the sentence embeddings the tagger's MiniLM pass gives on the way
        (None from a tagger without one). One MiniLM pass over the block's sentences together (batches
        sorted by length across articles pad less: 28% faster than article by article on 20 benchmark
        articles) on all threads, then the step-wise LSTM on one (TAGGER_THREADS)."""
        assert self._tagger is not None
        embedder = getattr(self._tagger, "embedder", None)
        if embedder is None:
            with torch_threads(TAGGER_THREADS):
                return [(self._tagger.tag(*document), None) for document in documents]
        embedded = embedder.embed_with_sentences(documents)
        with torch_threads(TAGGER_THREADS):
            found = self._tagger.tag_many(documents, [vectors for vectors, _ in embedded])  # type: ignore[attr-defined]
        return [(spans, pooled) for spans, (_, pooled) in zip(found, embedded, strict=True)]

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        if self._tagger is None:
            self.warm_up()
        sentences, tokens = by_article(batch.sentences), by_article(batch.tokens)
        found: list[Attribution] = []
        embedded: list[SentenceVector] = []
        for first in range(0, len(batch.articles), BLOCK):
            block = batch.articles[first : first + BLOCK]
            english = [article for article in block if article.language == "en"]
            tagged = self._tag_block([(a.text, sentences[a.id], tokens[a.id]) for a in english])
            for article, (spans, pooled) in zip(english, tagged, strict=True):
                mine = tokens[article.id]
                doc = parse_articles(mine)[article.id] if mine else None  # once for both
                spans = with_nesting(asserted_only(reporting_only(spans, mine), doc), doc)
                found.extend(to_record(article.id, s) for s in spans)
                embedded.extend(sentence_vectors(article.id, sentences[article.id], pooled))
            advance(len(block))
        return replace(batch, attributions=tuple(found), sentence_vectors=tuple(embedded))

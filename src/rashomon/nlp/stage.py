"""The nlp stage: sentences, tokens with their dependency parse, and named entities, via spaCy."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from rashomon.model import EntityMention, Sentence, Token
from rashomon.nlp.convert import doc_to_records
from rashomon.nlp.model import load_spacy
from rashomon.pipeline import Advance, BaseStage, Batch
from rashomon.pipeline.stage import Scope


class NlpStage(BaseStage):
    name: ClassVar[str] = "nlp"
    requires: ClassVar[frozenset[str]] = frozenset({"articles"})
    produces: ClassVar[frozenset[str]] = frozenset({"sentences", "tokens", "mentions"})
    scope: ClassVar[Scope] = "article"
    version: ClassVar[str] = "2"  # 2: names cut at line breaks and editors' brackets

    _nlp: Any = None

    def warm_up(self) -> None:
        self._nlp = load_spacy(self.config.spacy_model, self.config.limits.max_article_chars + 1)

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        if self._nlp is None:
            self.warm_up()
        sentences: list[Sentence] = []
        tokens: list[Token] = []
        mentions: list[EntityMention] = []
        texts = (article.text for article in batch.articles)
        docs = self._nlp.pipe(texts, batch_size=self.config.spacy_batch_size, n_process=self.config.n_process)
        for article, doc in zip(batch.articles, docs, strict=True):
            # The English NER tags noise on other languages; keep their sentences, not their "entities".
            found = doc_to_records(article.id, doc, with_entities=article.language == "en")
            sentences.extend(found[0])
            tokens.extend(found[1])
            mentions.extend(found[2])
            advance(1)
        return replace(batch, sentences=tuple(sentences), tokens=tuple(tokens), mentions=tuple(mentions))

"""The claims stage: check-worthy claims with attribution, for English articles and their headlines.

The tagger's spans come from the attribution stage; this stage cuts claims around them and links their
speakers to the run's entities, which is why it runs after entity resolution.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rashomon.claims.attribution.stage import to_spans
from rashomon.claims.background import background_claims
from rashomon.claims.build import build_claims
from rashomon.claims.headline import headline_claim
from rashomon.claims.mention_index import MentionIndex
from rashomon.claims.possessed import resolve_possessed
from rashomon.claims.segment import claim_spans
from rashomon.model import Claim
from rashomon.pipeline import Advance, BaseStage, Batch
from rashomon.pipeline.state import by_article


class ClaimsStage(BaseStage):
    name: ClassVar[str] = "claims"
    requires: ClassVar[frozenset[str]] = frozenset(
        {"articles", "sentences", "tokens", "entities", "attributions"}
    )
    produces: ClassVar[frozenset[str]] = frozenset({"claims"})
    version: ClassVar[str] = "7"  # 7: negated tellings, sources within a paragraph; 6: embedded questions

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        sentences, tokens = by_article(batch.sentences), by_article(batch.tokens)
        found = by_article(batch.attributions)
        claims: list[Claim] = []
        indexes = MentionIndex.for_articles(batch.entities)
        for article in batch.articles:
            if article.language == "en":
                mentions = indexes.get(article.id) or MentionIndex.empty(article.id)
                spans = claim_spans(
                    article.text, sentences[article.id], [to_spans(a) for a in found[article.id]]
                )
                headline = headline_claim(article)
                claims.extend([headline] if headline else [])
                claims.extend(
                    build_claims(article, spans, sentences[article.id], tokens[article.id], mentions)
                )
                claims.extend(  # after the article's other claims: a sentence's own claim comes first
                    background_claims(article, spans, sentences[article.id], tokens[article.id], mentions)
                )
            advance(1)
        return replace(batch, claims=tuple(resolve_possessed(claims, batch.entities)))

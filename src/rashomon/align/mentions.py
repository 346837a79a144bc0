"""Claims as alignment mentions: embedding plus entities, numbers, dates and predicate."""

from __future__ import annotations

from collections import defaultdict

from rashomon.align.claim_features import (
    claim_entities,
    claim_negated,
    claim_numbers,
    claim_tokens,
    predicate_token,
)
from rashomon.align.similarity import Mention
from rashomon.claims.speakers import MentionIndex
from rashomon.model import Token
from rashomon.nlp.quantities import quantities
from rashomon.pipeline import Batch


def build_mentions(batch: Batch) -> list[Mention]:
    """One ``Mention`` per claim, in ``batch.claims`` order; needs ``batch.vectors``."""
    articles = {a.id: a for a in batch.articles}
    rows = batch.vectors.rows()
    tokens: dict[str, list[Token]] = defaultdict(list)
    for token in batch.tokens:
        tokens[token.article].append(token)
    indexes = MentionIndex.for_articles(batch.entities)
    mentions = []
    for claim in batch.claims:
        article = articles[claim.article]
        inside = claim_tokens(claim, tokens[claim.article]) if claim.field == "text" else []
        verb = predicate_token(inside)
        mentions.append(
            Mention(
                key=claim.id,
                document=claim.article,
                text=claim.text,
                embedding=batch.vectors.matrix[rows[claim.id]],
                entities=claim_entities(
                    claim,
                    indexes.get(claim.article) or MentionIndex.empty(claim.article),
                    batch.entities,
                    article.title,
                ),
                numbers=claim_numbers(claim.text),
                dates=frozenset(claim.dates),
                predicate=verb.lemma.lower() if verb is not None else None,
                negated=claim_negated(claim.text, verb, inside),
                counts=tuple(quantities(claim.text)),
            )
        )
    return mentions

"""Claims as alignment mentions: embedding plus entities, numbers, dates and predicate."""

from __future__ import annotations

import re
from collections import defaultdict

from rashomon.align.claim_features import (
    claim_entities,
    claim_negated,
    claim_numbers,
    claim_tokens,
    predicate_token,
)
from rashomon.align.similarity import Mention
from rashomon.claims.dates import article_dates, dates_within
from rashomon.claims.mention_index import MentionIndex
from rashomon.model import Token
from rashomon.nlp.quantities import quantities
from rashomon.pipeline import Batch

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def build_mentions(batch: Batch) -> list[Mention]:
    """One ``Mention`` per claim, in ``batch.claims`` order; needs ``batch.vectors``."""
    articles = {a.id: a for a in batch.articles}
    rows = batch.vectors.rows()
    tokens: dict[str, list[Token]] = defaultdict(list)
    for token in batch.tokens:
        tokens[token.article].append(token)
    indexes = MentionIndex.for_articles(batch.entities)
    sentences: dict[tuple[str, int], tuple[int, int]] = {
        (s.article, s.index): (s.start, s.end) for s in batch.sentences
    }
    mentions = []
    for claim in batch.claims:
        article = articles[claim.article]
        counts = tuple(quantities(claim.text))
        occasion = frozenset(claim.dates)
        if counts and not any(DAY.match(d) for d in claim.dates) and claim.sentence is not None:
            start, end = sentences.get((claim.article, claim.sentence), (claim.start, claim.end))
            occasion = frozenset(
                dates_within(
                    article_dates(article.text, article.published.value),
                    min(start, claim.start),
                    max(end, claim.end),
                )
            )
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
                counts=counts,
                occasion=occasion,
            )
        )
    return mentions

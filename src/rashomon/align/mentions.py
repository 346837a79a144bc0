"""Claims as alignment mentions: embedding plus entities, numbers, dates and predicate."""

from __future__ import annotations

from collections import defaultdict

from rashomon.align.claim_features import (
    claim_asserted,
    claim_entities,
    claim_negated,
    claim_numbers,
    claim_subject,
    claim_tokens,
    predicate_token,
)
from rashomon.align.similarity import Mention
from rashomon.claims.dates import article_dates, dates_within
from rashomon.claims.mention_index import MentionIndex
from rashomon.model import Article, Claim, Token
from rashomon.nlp.quantities import PUBLISHED, RUNNING_KINDS, days_of, quantities
from rashomon.pipeline import Batch


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
        running = any(q.kind in RUNNING_KINDS for q in counts)
        if counts and (not days_of(claim.dates) or (running and claim.field == "title")):
            occasion = _count_occasion(claim, article, sentences, running)
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
                subject=claim_subject(
                    claim, verb, inside, indexes.get(claim.article) or MentionIndex.empty(claim.article)
                ),
                asserted=claim_asserted(verb, inside),
            )
        )
    return mentions


def _count_occasion(
    claim: Claim, article: Article, sentences: dict[tuple[str, int], tuple[int, int]], running: bool
) -> frozenset[str]:
    """The days a claim's counts are of when the claim names none: its sentence's ("By Tuesday evening
    the ministry said 236 people had died"). For a running tally (``running``: a toll, those affected),
    else the sentence's before it in the same paragraph ("By Saturday afternoon rescuers had pulled 97
    people from the water. At least 120 people were still missing."), else the day the article was
    published (``PUBLISHED``: such a figure is as of its report; a fine or a magnitude is not). A
    headline's tally is as of its publication, whatever day it names ("Toll rises to 412 as Thursday
    declared day of mourning")."""
    dates = article_dates(article.text, article.published.value)
    if claim.sentence is not None and claim.field == "text":
        start, end = sentences.get((claim.article, claim.sentence), (claim.start, claim.end))
        days = days_of(dates_within(dates, min(start, claim.start), max(end, claim.end)))
        before = sentences.get((claim.article, claim.sentence - 1))
        if not days and running and before is not None and "\n\n" not in article.text[before[1] : start]:
            days = days_of(dates_within(dates, before[0], before[1]))
        if days:
            return days
    published = article.published.value or ""
    day = days_of([published])
    return frozenset(PUBLISHED + d for d in day) if running else frozenset()

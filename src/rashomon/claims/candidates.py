"""Where an article's claims may be cut, known before the run's entities are: the claims stage keeps a
subset of these spans (a background span only where it names an entity, any span only if check-worthy),
so embedding all of them ahead, article by article, covers every claim the claims stage will make."""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.claims.attribution.stage import to_spans
from rashomon.claims.background import background_candidates
from rashomon.claims.headline import headline_claim
from rashomon.claims.segment import claim_spans
from rashomon.entities.parse import parse_articles
from rashomon.model import Article, Attribution, Sentence, Token

# (start, end, in the title): a range of the article's body, or of its title when the flag is set.
Range = tuple[int, int, bool]


def candidate_ranges(
    article: Article,
    sentences: Sequence[Sentence],
    tokens: Sequence[Token],
    attributions: Sequence[Attribution],
) -> list[Range]:
    """Every claim span (``claim_spans``), every background span (``background_candidates``) and the
    headline claim's range, as the claims stage finds them for this article."""
    spans = claim_spans(article.text, sentences, [to_spans(a) for a in attributions])
    found: list[Range] = [(span.start, span.end, False) for span in spans]
    if tokens:
        doc = parse_articles(tokens)[article.id]
        found += [(b.start, b.end, False) for b in background_candidates(article, spans, sentences, doc)]
    headline = headline_claim(article)
    if headline is not None:
        found.append((headline.start, headline.end, True))
    return found

"""PTC articles as network inputs: parsed and embedded exactly as the pipeline does, cached by text hash.

The attribution tagger's cache (``claims/attribution/corpus.py``) is reused with its folder pointed at
``RASHOMON_PTC_CACHE`` (default ``/tmp/ptc``), so a second run skips spaCy and MiniLM.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from rashomon.framing.propaganda.corpus import PtcArticle, cache_dir
from rashomon.framing.propaganda.features import (
    Encoded,
    encode,
    headline_end_of,
    technique_index,
    token_range,
)

_CACHE_VARIABLE = "RASHOMON_POLNEAR_CACHE"


@contextmanager
def _cache_folder() -> Iterator[None]:
    previous = os.environ.get(_CACHE_VARIABLE)
    os.environ[_CACHE_VARIABLE] = str(cache_dir())
    try:
        yield
    finally:
        if previous is None:
            del os.environ[_CACHE_VARIABLE]
        else:
            os.environ[_CACHE_VARIABLE] = previous


def encode_articles(articles: Sequence[PtcArticle]) -> list[Encoded]:
    """Network inputs per article (spaCy parse and MiniLM vectors from the cache where present)."""
    from rashomon.claims.attribution.corpus import embed_texts, parse_texts

    with _cache_folder():
        parsed = parse_texts([a.name for a in articles], [a.text for a in articles])
        vectors = embed_texts([a.text for a in articles], parsed)
    return [
        encode(article.text, tokens, matrix, headline_end_of(article.text))
        for article, (_, tokens), matrix in zip(articles, parsed, vectors, strict=True)
    ]


def gold_ranges(article: PtcArticle, item: Encoded) -> list[tuple[int, int, int]]:
    """(first row, last row, technique index) of each gold technique instance that covers a token."""
    ranges = []
    for gold in article.techniques:
        found = token_range(item.tokens, (gold.start, gold.end))
        if found:
            ranges.append((found[0], found[1], technique_index(gold.technique)))
    return ranges

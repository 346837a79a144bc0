"""Text reuse between articles: wire copy, rewrites, shared passages and shared long quotes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# wire: one article is (nearly) all another's text, or carries a wire agency's credit line;
# rewrite: a large share of one article's sentences are near copies of another's;
# passage: a few near-identical sentences; quote: the same long direct quotation, a common source.
ReuseKind = Literal["wire", "rewrite", "passage", "quote"]


@dataclass(frozen=True, slots=True)
class ReuseSpan:
    """A stretch of one article's text taking part in a reuse (offsets into ``Article.text``)."""

    article: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Reuse:
    """``articles`` is (source, derived) when ``derives`` is true (the source is earlier or cited by the
    other); otherwise the two share a common source and the order means nothing. ``claims`` are the
    derived article's claims inside the reused spans. ``agency`` names the wire service for wire copy."""

    id: str
    kind: ReuseKind
    articles: tuple[str, str]
    derives: bool
    spans: tuple[ReuseSpan, ...]
    score: float
    claims: tuple[str, ...] = ()
    agency: str | None = None
    evidence: str = ""

"""Each claim's context: the sentence it sits in, which carries reporting language the claim span lacks."""

from __future__ import annotations

from bisect import bisect_left

from rashomon.pipeline import Batch


def claim_contexts(batch: Batch) -> list[str]:
    """Each claim's sentence (its own text for headlines and claims longer than their sentence)."""
    texts = {a.id: a.text for a in batch.articles}
    spans = {(s.article, s.index): (s.start, s.end) for s in batch.sentences}
    contexts = []
    for claim in batch.claims:
        span = spans.get((claim.article, claim.sentence)) if claim.sentence is not None else None
        if claim.field == "title" or span is None:
            contexts.append(claim.text)
        else:
            start, end = min(span[0], claim.start), max(span[1], claim.end)
            contexts.append(texts[claim.article][start:end])
    return contexts


def claim_tails(batch: Batch) -> list[str]:
    """The words after each claim to the end of the sentence it ends in ("" for headlines): where an
    attribution and what follows it sit ('"...," said X, contradicting Y')."""
    texts = {a.id: a.text for a in batch.articles}
    ends: dict[str, list[int]] = {}
    for sentence in sorted(batch.sentences, key=lambda s: (s.article, s.start)):
        ends.setdefault(sentence.article, []).append(sentence.end)
    tails = []
    for claim in batch.claims:
        bounds = ends.get(claim.article, [])
        at = bisect_left(bounds, claim.end)
        if claim.field == "title" or at == len(bounds):
            tails.append("")
        else:
            tails.append(texts[claim.article][claim.end : bounds[at]])
    return tails

"""From sentences and attributions to claim spans.

An attribution whose content holds another attribution's cue is that one's parent: "Esper writes
that Milley told him that O'Brien had called to say that Trump wanted ..." is three nested
attributions. Each innermost content becomes one claim carrying its chain, outermost first.
Sentences that no attribution touches are claims in the outlet's own voice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.claims.attribution.spans import AttributionSpans
from rashomon.claims.reporting import ANAPHORIC_OBJECT
from rashomon.model import Sentence

Span = tuple[int, int]
# "The ministry denied the claim.", "the ministry denies it": the denial's content points back to the claim
# before it. Such a claim keeps its source and cue in its text (four words or more, so it is emitted) and
# the relate stage links it to the claim it answers.
DENIAL_CUE = re.compile(r"\b(?:den(?:y|ies|ied|ying)|reject|disput|refut|contest|dismiss)", re.IGNORECASE)
ANAPHORIC_CONTENT = re.compile(r"^" + ANAPHORIC_OBJECT + r"\W*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ClaimSpan:
    start: int
    end: int
    sentence: int | None
    chain: tuple[AttributionSpans, ...]  # outermost first; empty for the outlet's own voice


def claim_spans(
    text: str, sentences: Sequence[Sentence], attributions: Sequence[AttributionSpans]
) -> list[ClaimSpan]:
    with_content = [a for a in attributions if a.content is not None]
    parent = {i: _parent(i, with_content) for i in range(len(with_content))}
    parents = {p for p in parent.values() if p is not None}
    found: list[ClaimSpan] = []
    for i, attribution in enumerate(with_content):
        if i in parents:
            continue
        start, end = _trim(text, *attribution.content)  # type: ignore[misc]
        if DENIAL_CUE.search(text[slice(*attribution.cue)]) and ANAPHORIC_CONTENT.match(text[start:end]):
            start = _envelope(attribution)[0]
        if end > start:
            found.append(
                ClaimSpan(start, end, _sentence_at(sentences, start), tuple(_chain(i, parent, with_content)))
            )
    touched = [_envelope(a) for a in attributions]
    for sentence in sentences:
        if not any(s < sentence.end and sentence.start < e for s, e in touched):
            start, end = _trim(text, sentence.start, sentence.end)
            if end > start:
                found.append(ClaimSpan(start, end, sentence.index, ()))
    return sorted(found, key=lambda c: (c.start, c.end))


def _parent(index: int, attributions: Sequence[AttributionSpans]) -> int | None:
    """The smallest other attribution whose content contains this one's cue."""
    cue = attributions[index].cue
    best: tuple[int, int] | None = None
    for j, other in enumerate(attributions):
        if j == index or other.content is None:
            continue
        start, end = other.content
        if start <= cue[0] and cue[1] <= end and (best is None or end - start < best[0]):
            best = (end - start, j)
    return best[1] if best else None


def _chain(
    index: int, parent: dict[int, int | None], attributions: Sequence[AttributionSpans]
) -> list[AttributionSpans]:
    chain: list[AttributionSpans] = []
    current: int | None = index
    seen: set[int] = set()
    while current is not None and current not in seen:
        seen.add(current)
        chain.append(attributions[current])
        current = parent[current]
    return list(reversed(chain))


def _envelope(attribution: AttributionSpans) -> Span:
    spans = [attribution.cue, *(s for s in (attribution.source, attribution.content) if s is not None)]
    return min(s for s, _ in spans), max(e for _, e in spans)


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return start, end


def _sentence_at(sentences: Sequence[Sentence], position: int) -> int | None:
    for sentence in sentences:
        if sentence.start <= position < sentence.end:
            return sentence.index
    return None

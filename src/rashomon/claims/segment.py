"""From sentences and attributions to claim spans.

An attribution whose content holds another attribution's cue is that one's parent: "Esper writes
that Milley told him that O'Brien had called to say that Trump wanted ..." is three nested
attributions. Each innermost content becomes one claim carrying its chain, outermost first.
Sentences that no attribution touches are claims in the outlet's own voice.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rashomon.claims.attribution.spans import AttributionSpans
from rashomon.claims.quotes import inside_quote, opening_quote
from rashomon.claims.reporting import ANAPHORIC_OBJECT
from rashomon.model import Sentence

Span = tuple[int, int]
# "The ministry denied the claim.", "the ministry denies it": the denial's content points back to the claim
# before it. Such a claim keeps its source and cue in its text (four words or more, so it is emitted) and
# the relate stage links it to the claim it answers.
DENIAL_CUE = re.compile(r"\b(?:den(?:y|ies|ied|ying)|reject|disput|refut|contest|dismiss)", re.IGNORECASE)
EVIDENTIAL = re.compile(
    r"^(?:(?:has|have|had) been |(?:is|are|was|were|been|be) )?"
    r"(?:shown|found|proven|proved|known|believed|thought|understood|expected|estimated)$"
)
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
    attributions = [_clipped(text, sentences, a) for a in attributions if not _evidential(text, a)]
    with_content = [a for a in attributions if a.content is not None]
    parent = {i: _parent(i, with_content) for i in range(len(with_content))}
    parents = {p for p in parent.values() if p is not None}
    found: list[ClaimSpan] = []
    for i, attribution in enumerate(with_content):
        if i in parents:
            found.extend(_beside_nested(text, sentences, i, parent, with_content))
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
        # touched: sharing a word with an attribution, not only the closing quotation mark the splitter
        # put at this sentence's start ('... a disgrace."¶¶Meanwhile ...')
        if not any(_alnum(text, max(s, sentence.start), min(e, sentence.end)) for s, e in touched):
            start, end = _trim(text, sentence.start, sentence.end)
            if text[start : start + 1] in ('"', "”") and text[start + 1 : start + 2].isspace():
                start, end = _trim(text, start + 1, end)  # the previous sentence's closing quote
            if end > start:
                speaker = _quote_continued(text, start, with_content)
                chain = tuple(_chain(speaker, parent, with_content)) if speaker is not None else ()
                found.append(ClaimSpan(start, end, sentence.index, chain))
    return sorted(found, key=lambda c: (c.start, c.end))


def _alnum(text: str, start: int, end: int) -> bool:
    return any(ch.isalnum() for ch in text[start:end])


def _beside_nested(
    text: str,
    sentences: Sequence[Sentence],
    index: int,
    parent: dict[int, int | None],
    attributions: Sequence[AttributionSpans],
) -> list[ClaimSpan]:
    """The whole sentences of a parent's content before and after the attributions nested in it: in
    '“The president didn't cite a specific piece of evidence. What he said was he believed,” Esper said',
    the nested "he said" is one claim, and the sentence before it is still Esper's."""
    start, end = attributions[index].content  # type: ignore[misc]
    nested = sorted(_envelope(a) for j, a in enumerate(attributions) if parent[j] == index)
    chain = tuple(_chain(index, parent, attributions))
    spans = []
    for low, high in ((start, nested[0][0]), (nested[-1][1], end)):
        inside = [x for x in sentences if low <= x.start + 1 and x.end <= high + 1 and x.end > x.start]
        if inside:
            piece = _trim(text, max(inside[0].start, low), min(inside[-1].end, high))
            if piece[1] > piece[0]:
                spans.append(ClaimSpan(*piece, inside[0].index, chain))
    return spans


def _quote_continued(text: str, start: int, attributions: Sequence[AttributionSpans]) -> int | None:
    """The attribution whose quote a sentence goes on with: '“The president didn't cite a specific piece of
    evidence,” Esper said. “I didn't see one ...”' is still Esper. The sentence must open a quotation, or
    stand inside one opened earlier in its paragraph, after an attribution of that paragraph: the last
    quoted one, else the last one ("Dingell said she has spoken to Pelosi. “Leader Pelosi always
    listened.”")."""
    paragraph = text.rfind("\n", 0, start) + 1
    opening = text[start : start + 1] == "“" or (
        text[start : start + 1] == '"' and text[start + 1 : start + 2].isalnum()
    )
    opens = opening or opening_quote(text, start) is not None
    if not opens:
        return None
    quoted: int | None = None
    last: int | None = None
    for i, attribution in enumerate(attributions):
        cue_start, cue_end = attribution.cue
        content = attribution.content
        if not (paragraph <= cue_start and cue_end <= start) or content is None:
            continue
        if _quoted(text, *content):
            quoted = i if quoted is None or cue_start > attributions[quoted].cue[0] else quoted
        last = i if last is None or cue_start > attributions[last].cue[0] else last
    return quoted if quoted is not None else last


def _quoted(text: str, start: int, end: int) -> bool:
    opening = text[max(start - 1, 0) : start + 1].strip()[:1]
    closing = text[end - 1 : end + 1].strip()[-1:]
    return opening in ("“", '"') or closing in ("”", '"')


def _clipped(text: str, sentences: Sequence[Sentence], attribution: AttributionSpans) -> AttributionSpans:
    """A content that runs over a paragraph break, or past a sentence's end outside quotation marks, is
    cut to its piece next to the cue: the tagger sometimes runs on ("rejected the allegations as
    baseless.¶¶International observers have yet to endorse the count"), and the sentence it ran into is
    the outlet's own. A quote split around its cue (``content_parts`` on both sides of it) is cut at
    paragraph breaks only."""
    if attribution.content is None:
        return attribution
    start, end = attribution.content
    cuts = {start + i + 1 for i, ch in enumerate(text[start:end]) if ch == "\n"}
    parts, cue = attribution.content_parts, attribution.cue
    split_around_cue = any(e <= cue[0] for _, e in parts) and any(s >= cue[1] for s, _ in parts)
    if not split_around_cue:
        starts = [s.start for s in sentences]
        for sentence in sentences[bisect_right(starts, start) : bisect_left(starts, end)]:
            if not inside_quote(text[start : sentence.start]):
                cuts.add(sentence.start)
    if not cuts:
        return attribution
    bounds = [start, *sorted(cuts), end]
    pieces = [_trim(text, a, b) for a, b in itertools.pairwise(bounds)]
    pieces = [(a, b) for a, b in pieces if b > a]
    if not pieces:
        return attribution
    piece = min(pieces, key=lambda p: max(p[0] - cue[1], cue[0] - p[1], 0))
    if piece[0] <= cue[0] and cue[1] <= piece[1]:  # the piece took in its own source and cue: what follows
        after = max(cue[1], attribution.source[1] if attribution.source else 0)
        piece = _trim(text, after, piece[1]) if piece[1] > after else _trim(text, piece[0], cue[0])
    parts = tuple(
        (max(a, piece[0]), min(b, piece[1]))
        for a, b in attribution.content_parts
        if a < piece[1] and piece[0] < b
    )
    return replace(attribution, content=piece, content_parts=parts if len(parts) > 1 else ())


def _evidential(text: str, attribution: AttributionSpans) -> bool:
    """ "Sweetlin has been shown to be safe", "He is believed to have fled": a passive of knowing with
    "to" says how a thing is known, and its subject is what the sentence is about, not a source; the
    sentence stays whole (its hedge, if any, is read as a hedge)."""
    if attribution.content is None:
        return False
    cue = text[slice(*attribution.cue)].strip().lower()
    content = text[slice(*attribution.content)].lstrip()
    return bool(EVIDENTIAL.match(cue)) and content.lower().startswith("to ")


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

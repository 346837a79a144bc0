"""One attribution found in an article: who (source) says (cue) what (content), as character offsets."""

from __future__ import annotations

from dataclasses import dataclass

CharSpan = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Attribution:
    """The attribution stage's record: the tagger's spans, kept per article so they can be cached.

    ``content_parts`` lists the pieces of a quote split around its cue; ``source`` is None when the text
    names no source; ``score`` is the tagger's mean confidence on the cue (0..1).
    """

    article: str
    cue: CharSpan
    source: CharSpan | None
    content: CharSpan | None
    score: float
    content_parts: tuple[CharSpan, ...] = ()

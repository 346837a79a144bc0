"""The tagger's output record: one attribution as character offsets into the article text."""

from __future__ import annotations

from dataclasses import dataclass

CharSpan = tuple[int, int]


@dataclass(frozen=True, slots=True)
class AttributionSpans:
    """Who (``source``) says (``cue``) what (``content``). Offsets index the article text.

    ``content`` is the envelope of the content; ``content_parts`` lists its pieces when a quote is split
    around the cue (``"A," she said, "B."``: two parts, the envelope also covering ``she said``).
    ``source`` is None for attributions with no source in the text ("it is believed that ...").
    ``score`` is the tagger's mean confidence over the cue tokens (0..1).
    """

    cue: CharSpan
    source: CharSpan | None
    content: CharSpan | None
    score: float
    content_parts: tuple[CharSpan, ...] = ()

    @property
    def content_fragments(self) -> tuple[CharSpan, ...]:
        if self.content_parts:
            return self.content_parts
        return (self.content,) if self.content is not None else ()

"""Escaping and span highlighting for the HTML report.

Everything that comes from an article is hostile input. Text is only ever written through ``esc`` (element
content) or ``attr`` (attribute values), and highlighted text is built by slicing the raw string at span
boundaries and escaping each piece, never by inserting markup into text.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from rashomon.report.view import HIDDEN_CHARACTERS, hidden_marker, show_hidden


def esc(value: object) -> str:
    """Element content: escaped, with invisible or reordering characters shown as visible markers."""
    text = "" if value is None else str(value)
    pieces: list[str] = []
    last = 0
    for match in HIDDEN_CHARACTERS.finditer(text):
        pieces.append(html.escape(text[last : match.start()], quote=True))
        pieces.append(f'<span class="hidden-char">{hidden_marker(match.group())}</span>')
        last = match.end()
    pieces.append(html.escape(text[last:], quote=True))
    return "".join(pieces)


def attr(value: object) -> str:
    """An attribute value (always written inside double quotes)."""
    return html.escape(show_hidden("" if value is None else str(value)), quote=True)


def bdi(value: object, css: str = "") -> str:
    """Article-derived inline text, isolated so right-to-left text cannot reorder what surrounds it."""
    css_attr = f' class="{attr(css)}"' if css else ""
    return f"<bdi{css_attr}>{esc(value)}</bdi>"


@dataclass(frozen=True)
class Mark:
    """A span to highlight. ``layer`` orders nesting: claims outside, loaded language, entities inside."""

    start: int
    end: int
    layer: int
    open_tag: str
    close_tag: str
    lead: str = ""  # markup placed once, just before the span starts (a claim's number)


CLAIM_LAYER, LOADED_LAYER, ENTITY_LAYER = 0, 1, 2


def highlight(text: str, marks: Sequence[Mark]) -> str:
    """Text with marks applied; overlapping and nested marks are flattened into non-overlapping pieces.

    Each piece is wrapped in the tags of every mark covering it, so markup always nests correctly however
    the spans overlap. Spans that are empty or fall outside the text are ignored.
    """
    usable = sorted(
        (mark for mark in marks if 0 <= mark.start < mark.end <= len(text)),
        key=lambda mark: (mark.layer, mark.start, -mark.end),
    )
    cuts = sorted({0, len(text)} | {m.start for m in usable} | {m.end for m in usable})
    pieces: list[str] = []
    for start, end in pairwise(cuts):
        covering = [mark for mark in usable if mark.start <= start and end <= mark.end]
        pieces.extend(mark.lead for mark in covering if mark.start == start)
        pieces.extend(mark.open_tag for mark in covering)
        pieces.append(esc(text[start:end]))
        pieces.extend(mark.close_tag for mark in reversed(covering))
    return "".join(pieces)

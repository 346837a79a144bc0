"""Quotation marks: whether a quotation opened earlier is still open at a point of the text.

Quotes do not cross paragraphs in news copy, so a point's quotation is read from its paragraph's start.
Straight double quotes open and close alike (an odd count is open); curly ones count opening against
closing marks.
"""

from __future__ import annotations


def inside_quote(text: str) -> bool:
    """Whether a quotation opened in ``text`` is still open at its end."""
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def opening_quote(text: str, position: int) -> int | None:
    """Where the quotation open at ``position`` began, in its paragraph; None when none is open there."""
    paragraph = text.rfind("\n", 0, position) + 1
    before = text[paragraph:position]
    if before.count('"') % 2 == 1:
        return paragraph + before.rindex('"')
    if before.count("“") > before.count("”"):
        return paragraph + before.rindex("“")
    return None

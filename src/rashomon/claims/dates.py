"""The dates a claim states, normalised once, where the claim is made, for every later stage."""

from __future__ import annotations

from rashomon.timeline.timex import find_timexes


def claim_dates(text: str, doc_date: str | None) -> tuple[str, ...]:
    """TimeML DATE values in a claim, resolved against its article's date (None: absolute dates only)."""
    return tuple(sorted({t.value for t in find_timexes(text, doc_date) if t.value and t.type == "DATE"}))

"""Flags: things in a story that cannot all be true, each naming the claims and articles involved."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Flag:
    kind: str  # "date-after-death", "upcoming-before-publication", "relative-vs-absolute", ...
    message: str
    articles: tuple[str, ...]
    claims: tuple[str, ...]

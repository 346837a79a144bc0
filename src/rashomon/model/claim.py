"""Claims: check-worthy assertions with who makes them, on whose word, and how firmly."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SourceType = Literal["named", "anonymous", "outlet", "document", "own_voice"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Field = Literal["text", "title"]


@dataclass(frozen=True, slots=True)
class ChainLink:
    """One level of nested attribution: "Esper writes" → "Milley told him" → "O'Brien had called to say"."""

    speaker: str
    cue: str | None


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    article: str
    start: int
    end: int
    text: str
    field: Field = "text"
    speaker: str | None = None
    speaker_entity: str | None = None
    cue: str | None = None
    chain: tuple[ChainLink, ...] = ()
    source_type: SourceType = "own_voice"
    quote: QuoteKind | None = None
    hedged: bool = False
    checkworthiness: float = 0.0
    cites: tuple[str, ...] = ()
    sentence: int | None = None
    dates: tuple[str, ...] = ()  # TimeML DATE values the claim states, resolved against its article's date
    # An event the outlet states as background inside another sentence ("the drone strike that killed X
    # on Jan. 3"), even when the sentence around it is someone else's word (claims/background.py).
    background: bool = False

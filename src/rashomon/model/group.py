"""Claim groups (the same claim across articles), their origins, relations between groups, events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

OriginKind = Literal["person", "report", "document", "public_record"]
RelationType = Literal["agree", "contradict", "dispute"]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a claim comes from: one speaker act, one outlet's reporting, one document, or a public event."""

    name: str
    kind: OriginKind
    claims: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    id: str
    claims: tuple[str, ...]
    articles: tuple[str, ...]
    summary: str
    origins: tuple[Origin, ...] = ()

    @property
    def independent_origins(self) -> int:
        return len(self.origins)


@dataclass(frozen=True, slots=True)
class Relation:
    a: str
    b: str
    type: RelationType
    score: float
    evidence: tuple[str, ...]
    explanation: str


@dataclass(frozen=True, slots=True)
class NewsEvent:
    id: str
    summary: str
    groups: tuple[str, ...]
    articles: tuple[str, ...]
    date: str | None = None

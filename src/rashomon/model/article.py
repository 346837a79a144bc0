"""Records for what comes in (sources, raw documents) and the cleaned article."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Literal

DocumentKind = Literal["text", "html"]
Precision = Literal["day", "month", "year"]
DateSource = Literal["page", "text", "inferred", "user"]


class InputStatus(StrEnum):
    ANALYSED = "analysed"
    DUPLICATE = "duplicate"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Source:
    """One thing the user named: a file path, or bytes already read (stdin, an API caller)."""

    name: str
    path: Path | None = None
    data: bytes | None = None


@dataclass(frozen=True, slots=True)
class InputOutcome:
    """What became of one input: every input the user gave gets exactly one of these."""

    source: str
    status: InputStatus
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """A publication date with the precision the evidence supports; never a guessed day."""

    value: str | None = None
    precision: Precision | None = None
    source: DateSource | None = None
    evidence: str | None = None

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read, before cleaning. ``content`` is decoded text or HTML."""

    source: str
    kind: DocumentKind
    content: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: the body in ``text``, everything judged not article text in ``removed``."""

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    url: str | None = None
    published: PublishedDate = field(default_factory=PublishedDate)
    removed: tuple[str, ...] = ()
    language: str | None = None
    warnings: tuple[str, ...] = ()

"""What the web app (and any other reader) needs of a workspace: the contract between ``store`` and ``web``.

The SQLite store (``rashomon.store.Store``) implements it; the web app codes against this protocol only, so
it can be tested over a small in-memory workspace as well as over a real store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from rashomon.model import Source
from rashomon.pipeline import Progress
from rashomon.report.evidence import Evidence


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One line of the story list."""

    id: str
    title: str
    outlets: tuple[str, ...]
    first_published: str | None  # "YYYY[-MM[-DD]]", the earliest article date known
    last_published: str | None
    articles: int
    groups: int
    contested: int  # claim groups with a contradict or dispute relation
    events: int
    updated: str  # ISO timestamp of the last run that changed the story


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A full-text match: an article (claim_id None) or a claim, with its span in the article text."""

    kind: Literal["article", "claim"]
    story_id: str
    article_id: str
    claim_id: str | None
    title: str
    snippet: str  # plain text around the match; the caller escapes it
    start: int  # character offsets of the matched article or claim text in the article's ``text``
    end: int


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one ``add`` did: every input gets an outcome, nothing is dropped silently."""

    story_id: str
    added: int  # articles new to the store
    duplicates: int  # articles already stored (same content hash): stored once
    skipped: tuple[tuple[str, str], ...] = ()  # (source, reason) for inputs skipped or failed
    reused_articles: int = 0  # articles whose per-article results came from the store
    reused_stages: tuple[str, ...] = ()  # stages whose results were reused whole
    recomputed_stages: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)


class Workspace(Protocol):
    """A persistent corpus of stories; ``rashomon serve`` and ``rashomon export`` read it."""

    def stories(self) -> list[StorySummary]: ...

    def evidence(self, story_id: str) -> Evidence:
        """The story's evidence map (contract format); raises ``rashomon.errors.NotFound`` if absent."""
        ...

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """FTS5 search over article and claim text; a malformed query raises ``UsageError``, not sqlite's."""
        ...

    def add(
        self, sources: Sequence[Source], story_id: str | None = None, progress: Progress | None = None
    ) -> AddResult:
        """Analyse and store articles, into ``story_id`` or the story they overlap, else a new story."""
        ...

    def close(self) -> None: ...

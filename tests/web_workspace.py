"""An in-memory ``Workspace`` for the web tests: stories held as evidence maps, added to by a fast pipeline.

It keeps to the protocol in ``rashomon.store.protocol`` the way the SQLite store does (NotFound for unknown
ids, UsageError for a bad query, every input accounted for), so the web app is tested against the contract
rather than against one implementation. ``add`` re-analyses the story's sources with the fake pipeline
(regex nlp and attribution, a hashing embedder): seconds, no models.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from rashomon.api import analyze
from rashomon.errors import NotFound, UsageError
from rashomon.model import Source
from rashomon.pipeline import Pipeline, Progress
from rashomon.store.protocol import AddResult, SearchHit, StorySummary
from rashomon.testing import HashedEncoder, fake_pipeline

Evidence = dict[str, Any]


def quick_pipeline() -> Pipeline:
    """The whole pipeline with fakes for every model: what the web tests add articles with."""
    pipeline = fake_pipeline()
    for stage in pipeline.stages:
        if hasattr(stage, "_embedder"):
            stage._embedder = HashedEncoder()  # type: ignore[attr-defined]
            stage.warm_up = lambda: None  # type: ignore[method-assign]
    return pipeline


@dataclass
class _Story:
    sources: list[Source]
    evidence: Evidence
    updated: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="microseconds"))


class MemoryWorkspace:
    def __init__(self) -> None:
        self._stories: dict[str, _Story] = {}
        self._lock = threading.Lock()
        self._adding = threading.Lock()
        self._pipeline: Pipeline | None = None
        self.adds = 0

    # --- test setup ---
    def put(self, story_id: str, evidence: Evidence) -> None:
        """A story from a saved evidence map (no sources: adding to it analyses only what is added)."""
        with self._lock:
            self._stories[story_id] = _Story([], evidence)

    # --- the protocol ---
    def stories(self) -> list[StorySummary]:
        with self._lock:
            items = list(self._stories.items())
        return [_summary(story_id, story) for story_id, story in items]

    def evidence(self, story_id: str) -> Evidence:
        with self._lock:
            story = self._stories.get(story_id)
        if story is None:
            raise NotFound(f"no story {story_id!r}")
        return story.evidence

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        words = re.findall(r"\w+", query.lower())
        if not words:
            raise UsageError(f"nothing to search for in {query!r}", hint="type a word")
        hits: list[SearchHit] = []
        for story_id, story in list(self._stories.items()):
            articles = {a["id"]: a for a in story.evidence.get("articles", [])}
            for article in articles.values():
                hits += _matches("article", story_id, article, None, article.get("text") or "", 0, words)
            for claim in story.evidence.get("claims", []):
                article = articles.get(claim["article"], {})
                hits += _matches(
                    "claim", story_id, article, claim["id"], claim["text"], claim["start"], words
                )
        return hits[:limit]

    def add(
        self, sources: Sequence[Source], story_id: str | None = None, progress: Progress | None = None
    ) -> AddResult:
        with self._adding:  # one add at a time, like the store; readers only wait for the swap below
            if self._pipeline is None:
                self._pipeline = quick_pipeline()
            with self._lock:
                if story_id is not None and story_id not in self._stories:
                    raise NotFound(f"no story {story_id!r}")
                before = self._stories.get(story_id or "")
            story_id = (
                story_id
                or "story_" + hashlib.sha256("".join(s.name for s in sources).encode()).hexdigest()[:12]
            )
            known = {a["id"] for a in before.evidence["articles"]} if before else set()
            all_sources = [*(before.sources if before else []), *sources]
            analysis = analyze(all_sources, pipeline=self._pipeline, progress=progress)
            with self._lock:
                self._stories[story_id] = _Story(all_sources, analysis.evidence)
            self.adds += 1
        new = [a for a in analysis.evidence["articles"] if a["id"] not in known]
        skipped = tuple(
            (item["source"], item["reason"] or item["status"])
            for item in analysis.evidence["inputs"]
            if item["status"] in ("skipped", "failed")
        )
        return AddResult(
            story_id, added=len(new), duplicates=len(sources) - len(new) - len(skipped), skipped=skipped
        )

    def close(self) -> None:
        return None


def _summary(story_id: str, story: _Story) -> StorySummary:
    evidence = story.evidence
    articles = evidence.get("articles", [])
    dates = sorted(d for a in articles if (d := (a.get("published") or {}).get("value")))
    contested = {r[k] for r in evidence.get("relations", []) if r["type"] != "agree" for k in ("a", "b")}
    return StorySummary(
        id=story_id,
        title=next((a["title"] for a in articles if a.get("title")), "untitled"),
        outlets=tuple(sorted({a["outlet"] for a in articles if a.get("outlet")})),
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
        articles=len(articles),
        groups=len(evidence.get("groups", [])),
        contested=len(contested),
        events=len(evidence.get("events", [])),
        updated=story.updated,
    )


def _matches(
    kind: str,
    story_id: str,
    article: dict[str, Any],
    claim_id: str | None,
    text: str,
    offset: int,
    words: list[str],
) -> list[SearchHit]:
    found = text.lower().find(words[0])
    if found < 0 or not all(word in text.lower() for word in words):
        return []
    start = max(0, found - 60)
    return [
        SearchHit(
            kind,  # type: ignore[arg-type]
            story_id,
            article.get("id", ""),
            claim_id,
            article.get("title") or "untitled",
            text[start : found + 120],
            offset,
            offset + len(text),
        )
    ]

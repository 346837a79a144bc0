"""``Store``: the persistent workspace in one SQLite file (implements ``rashomon.store.protocol.Workspace``).

An ``add`` runs the pipeline in two parts. The front (ingest, clean) always runs: it is how the content
hash of each input is learnt. New articles are stored at once, each with its full-text row, in one
transaction. The rest of the pipeline then runs over the story's whole article set (stored articles plus
the new ones) through a ``CacheSession``: article-scoped stages run only on articles whose results are
not stored, corpus-scoped stages only when the set or a version changed, and when nothing changed the
stored evidence map is reused whole. The story (membership, evidence map, claim rows) is committed in
one last transaction that also marks the run complete; a killed process leaves the previous state of the
story, plus the articles and per-article results already computed, which the next run reuses.

Threads: each thread gets its own connection; adds are serialised in-process by a lock and across
processes by an optimistic check on the story's revision (a concurrent add into the same story makes
this one recompute over the union, from cache).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rashomon.config import Config
from rashomon.errors import NotFound, UsageError
from rashomon.model import Article, InputOutcome, InputStatus, Source, content_id
from rashomon.pipeline import Batch, Pipeline, Progress, Stage
from rashomon.pipeline.cache import CacheSession, corpus_digest, per_article, rashomon_version
from rashomon.pipeline.codec import decode_record, encode
from rashomon.report.evidence import Evidence, build_evidence
from rashomon.store.backend import SqliteCache, now
from rashomon.store.protocol import AddResult, SearchHit, StorySummary
from rashomon.store.schema import StoreError, connect, migrate, read, write
from rashomon.store.search import search
from rashomon.store.summary import claim_rows, describe, summarise

ATTEMPTS = 5  # optimistic retries when another process commits into the same story meanwhile
FRONT_ARTIFACT = "articles"  # the front of the pipeline ends with the stage that makes the articles


@dataclass(slots=True)
class _Target:
    story_id: str
    members: list[str]  # article ids already in the story, in story order
    revision: int | None  # None: a new story
    digest: str | None  # the stored evidence map's digest


@dataclass(slots=True)
class _Plan:
    articles: list[Article]  # this add's articles, input order
    front: Batch
    added: int
    duplicates: int
    warnings: list[str] = field(default_factory=list)


class Store:
    """A rashomon workspace in one SQLite file. ``stages`` defaults to the full pipeline."""

    def __init__(
        self,
        path: str | Path,
        config: Config | None = None,
        stages: Sequence[Stage] | None = None,
        *,
        create: bool = True,
    ) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise NotFound(
                f"no store at {self.path}", hint="create one with 'rashomon analyze ... --db PATH'"
            )
        if self.path.is_dir():
            raise UsageError(f"{self.path} is a folder", hint="give --db a file path such as rashomon.db")
        self.config = config or Config()
        self._stages = list(stages) if stages is not None else None
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self._add_lock = threading.Lock()
        self._closed = False
        self._pipelines: tuple[Pipeline, Pipeline] | None = None
        self._pipelines_lock = threading.Lock()
        migrate(self._conn(), self.path)

    # ---- connections -------------------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        if self._closed:
            raise UsageError(f"the store {self.path} is closed")
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path)
            self._local.conn = conn
            with self._connections_lock:
                self._connections.append(conn)
        return conn

    def close(self) -> None:
        with self._connections_lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._closed = True

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- reading -----------------------------------------------------------------------------------

    def stories(self) -> list[StorySummary]:
        rows = self._conn().execute("SELECT * FROM stories ORDER BY updated DESC, id").fetchall()
        return [
            StorySummary(
                id=row["id"],
                title=row["title"],
                outlets=tuple(json.loads(row["outlets"])),
                first_published=row["first_published"],
                last_published=row["last_published"],
                articles=row["articles"],
                groups=row["groups"],
                contested=row["contested"],
                events=row["events"],
                updated=row["updated"],
            )
            for row in rows
        ]

    def evidence(self, story_id: str) -> Evidence:
        row = self._conn().execute("SELECT evidence FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFound(f"no story '{story_id}' in {self.path}", hint="list them with 'rashomon serve'")
        evidence: Evidence = json.loads(row[0])
        return evidence

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        with read(self._conn()) as conn:
            return search(conn, query, limit)

    def article(self, article_id: str) -> Article:
        """One stored article record."""
        row = self._conn().execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"no article '{article_id}' in {self.path}")
        return decode_record(json.loads(row[0]), Article)

    def runs(self) -> list[dict[str, Any]]:
        """Every run, newest first, with what it reused (a run left 'running' was interrupted)."""
        rows = self._conn().execute("SELECT * FROM runs ORDER BY id DESC").fetchall()
        return [{**dict(row), "report": json.loads(row["report"]) if row["report"] else None} for row in rows]

    # ---- the pipeline ------------------------------------------------------------------------------

    def _split(self) -> tuple[Pipeline, Pipeline]:
        """The front (up to the articles) and the back of the pipeline, built and warmed once per store."""
        with self._pipelines_lock:
            return self._build_pipelines()

    def _build_pipelines(self) -> tuple[Pipeline, Pipeline]:
        if self._pipelines is None:
            from rashomon.api import default_stages

            stages = self._stages if self._stages is not None else default_stages(self.config)
            cut = next((i for i, s in enumerate(stages) if FRONT_ARTIFACT in s.produces), None)
            if cut is None:
                raise UsageError("the store's pipeline has no stage that makes articles")
            front, back = stages[: cut + 1], stages[cut + 1 :]
            given = frozenset({"sources"}).union(*(s.produces for s in front))
            self._pipelines = (Pipeline(front), Pipeline(back, given))
        return self._pipelines

    def article_stages(self) -> list[str]:
        """The article-scoped stages after the front: their results are kept per article."""
        return [s.name for s in self._split()[1].stages if per_article(s)]

    def describe(self, result: AddResult) -> str:
        """The line a shell prints after ``add``: what was stored, reused and recomputed."""
        members = len(self._members(result.story_id)) if result.story_id else 0
        return describe(result, self.article_stages(), members)

    # ---- adding ------------------------------------------------------------------------------------

    def add(
        self,
        sources: Sequence[Source],
        story_id: str | None = None,
        progress: Progress | None = None,
        *,
        outcomes: Sequence[InputOutcome] = (),
    ) -> AddResult:
        """Analyse and store ``sources`` (``outcomes``: inputs already refused while expanding paths)."""
        if story_id is not None:
            self._require_story(story_id)
        with self._add_lock:
            run_id = self._start_run()
            try:
                result = self._add(run_id, sources, outcomes, story_id, progress)
            except BaseException:
                self._fail_run(run_id)
                raise
        return result

    def _add(
        self,
        run_id: int,
        sources: Sequence[Source],
        outcomes: Sequence[InputOutcome],
        story_id: str | None,
        progress: Progress | None,
    ) -> AddResult:
        front, back = self._split()
        batch = front.run(Batch(sources=tuple(sources), inputs=tuple(outcomes)), progress).batch
        plan = self._store_articles(run_id, batch)
        skipped = tuple(
            (o.source, o.reason or str(o.status))
            for o in batch.inputs
            if o.status in (InputStatus.SKIPPED, InputStatus.FAILED)
        )
        if not plan.articles:
            self._finish_run(run_id, None, {"skipped": skipped})
            return AddResult(story_id=story_id or "", added=0, duplicates=plan.duplicates, skipped=skipped)
        ids = [a.id for a in plan.articles]
        for _ in range(ATTEMPTS):
            target = self._target(story_id, ids)
            members = target.members + [i for i in ids if i not in target.members]
            session = CacheSession(SqliteCache(self._conn, target.story_id), self.config)
            articles = self._articles(members)
            digest = session.fingerprint(back.stages) + ":" + corpus_digest(articles)
            if digest == target.digest:
                evidence = self.evidence(target.story_id)
                evidence["inputs"] = build_evidence(
                    Batch(articles=tuple(articles), inputs=plan.front.inputs)
                )["inputs"]
                reused, recomputed, reused_articles = [s.name for s in back.stages], list[str](), len(members)
            else:
                start = Batch(
                    sources=batch.sources, inputs=batch.inputs, raw=batch.raw, articles=tuple(articles)
                )
                back.cache = session  # adds are serialised by _add_lock, so one session at a time
                try:
                    evidence = build_evidence(back.run(start, progress).batch)
                finally:
                    back.cache = None
                reused, recomputed, reused_articles = _reuse(session, back.stages, len(members))
            result = AddResult(
                story_id=target.story_id,
                added=plan.added,
                duplicates=plan.duplicates,
                skipped=skipped,
                reused_articles=reused_articles,
                reused_stages=tuple(reused),
                recomputed_stages=tuple(recomputed),
                warnings=tuple(plan.warnings),
            )
            try:  # in one transaction; rolled back if the story changed since ``_target`` read it
                self._write_story(run_id, target, members, evidence, digest, result, session)
            except _Retry:
                continue
            return result
        raise StoreError(
            f"story {story_id or '(new)'} kept changing under this add ({ATTEMPTS} tries)",
            hint="another process is adding to it; try again when it has finished",
        )

    def _store_articles(self, run_id: int, batch: Batch) -> _Plan:
        """Insert the articles not yet stored (each with its search row), all in one transaction."""
        in_run_duplicates = sum(1 for o in batch.inputs if o.status == InputStatus.DUPLICATE)
        articles = list(batch.articles)
        stamp = now()
        added = 0
        warnings: list[str] = []
        with write(self._conn()) as conn:
            for article in articles:
                row = conn.execute("SELECT record FROM articles WHERE id = ?", (article.id,)).fetchone()
                if row is not None:
                    stored = decode_record(json.loads(row[0]), Article)
                    warnings.extend(_differences(article, stored))
                    continue
                conn.execute(
                    """INSERT INTO articles (id, source, title, outlet, published, language, text, record,
                       added, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        article.id,
                        article.source,
                        article.title,
                        article.outlet,
                        article.published.value,
                        article.language,
                        article.text,
                        json.dumps(encode(article), ensure_ascii=False),
                        stamp,
                        run_id,
                    ),
                )
                added += 1
        duplicates = len(articles) - added + in_run_duplicates
        return _Plan(articles, batch, added, duplicates, warnings)

    def _articles(self, ids: Sequence[str]) -> list[Article]:
        """The stored records for ``ids``, in that order (the stored copy wins over a re-cleaned one)."""
        conn = self._conn()
        found = {}
        for article_id in ids:
            row = conn.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                raise StoreError(f"article {article_id} vanished from {self.path}")
            found[article_id] = decode_record(json.loads(row[0]), Article)
        return [found[i] for i in ids]

    def _members(self, story_id: str) -> list[str]:
        rows = self._conn().execute(
            "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY position", (story_id,)
        )
        return [row[0] for row in rows]

    def _require_story(self, story_id: str) -> None:
        if self._conn().execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is None:
            raise NotFound(f"no story '{story_id}' in {self.path}", hint="leave the story out to start one")

    def _target(self, story_id: str | None, ids: Sequence[str]) -> _Target:
        """The given story, else the one the inputs overlap most (ties: most recently updated), else new."""
        conn = self._conn()
        if story_id is None:
            row = conn.execute(
                """SELECT m.story_id, count(*) AS shared
                   FROM story_articles m JOIN stories s ON s.id = m.story_id
                   WHERE m.article_id IN (SELECT value FROM json_each(?)) GROUP BY m.story_id
                   ORDER BY shared DESC, s.updated DESC, m.story_id LIMIT 1""",
                (json.dumps(list(ids)),),
            ).fetchone()
            story_id = row[0] if row else None
        if story_id is None:
            return _Target(content_id("sty", *sorted(ids)), [], None, None)
        story = conn.execute(
            "SELECT revision, evidence_digest FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        if story is None:
            return _Target(story_id, [], None, None)
        return _Target(story_id, self._members(story_id), story["revision"], story["evidence_digest"])

    def _write_story(
        self,
        run_id: int,
        target: _Target,
        members: list[str],
        evidence: Evidence,
        digest: str,
        result: AddResult,
        session: CacheSession,
    ) -> None:
        summary = summarise(evidence)
        stamp = now()
        with write(self._conn()) as conn:
            row = conn.execute("SELECT revision FROM stories WHERE id = ?", (target.story_id,)).fetchone()
            if (row[0] if row else None) != target.revision:
                raise _Retry
            changed = (
                target.revision is None or digest != target.digest or len(members) != len(target.members)
            )
            values = (
                summary.title,
                summary.articles,
                summary.groups,
                summary.contested,
                summary.events,
                json.dumps(list(summary.outlets), ensure_ascii=False),
                summary.first_published,
                summary.last_published,
                digest,
                json.dumps(evidence, ensure_ascii=False),
            )
            if target.revision is None:
                conn.execute(
                    """INSERT INTO stories (id, created, updated, revision, title, articles, groups,
                       contested, events, outlets, first_published, last_published, evidence_digest, evidence)
                       VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (target.story_id, stamp, stamp, *values),
                )
            else:
                conn.execute(
                    """UPDATE stories SET title = ?, articles = ?, groups = ?, contested = ?, events = ?,
                       outlets = ?, first_published = ?, last_published = ?, evidence_digest = ?,
                       evidence = ?, revision = revision + 1,
                       updated = CASE WHEN ? THEN ? ELSE updated END
                       WHERE id = ?""",
                    (*values, changed, stamp, target.story_id),
                )
            for position, article_id in enumerate(members[len(target.members) :], start=len(target.members)):
                conn.execute(
                    "INSERT INTO story_articles VALUES (?, ?, ?, ?)",
                    (target.story_id, article_id, position, run_id),
                )
            self._write_claims(conn, target.story_id, evidence)
            live = {k.subject for k in session.keys if k.scope == "corpus"}
            if live:  # superseded article sets of this story: their corpus results can never be used again
                conn.execute(
                    """DELETE FROM corpus_cache
                       WHERE story_id = ? AND digest NOT IN (SELECT value FROM json_each(?))""",
                    (target.story_id, json.dumps(sorted(live))),
                )
            self._finish_run(run_id, target.story_id, _report(result), conn)

    @staticmethod
    def _write_claims(conn: sqlite3.Connection, story_id: str, evidence: Evidence) -> None:
        conn.execute("DELETE FROM claims WHERE story_id = ?", (story_id,))
        conn.executemany(
            """INSERT INTO claims (story_id, id, article_id, field, start_char, end_char, text, speaker,
               cue, source_type, hedged, group_id, independent_origins)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                (
                    story_id,
                    row["claim"],
                    row["article"],
                    row["field"],
                    row["start"],
                    row["end"],
                    row["text"],
                    row["speaker"],
                    row["cue"],
                    row["source_type"],
                    int(row["hedged"]),
                    row["group"],
                    row["independent_origins"],
                )
                for row in claim_rows(evidence)
            ],
        )

    # ---- runs --------------------------------------------------------------------------------------

    def _start_run(self) -> int:
        fingerprint = CacheSession(SqliteCache(self._conn, None), self.config).fingerprint([])
        with write(self._conn()) as conn:
            cursor = conn.execute(
                """INSERT INTO runs (started, status, rashomon_version, fingerprint, report)
                   VALUES (?, ?, ?, ?, ?)""",
                (now(), "running", rashomon_version(), fingerprint, json.dumps({"pid": os.getpid()})),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _finish_run(
        self,
        run_id: int,
        story_id: str | None,
        report: dict[str, Any],
        conn: sqlite3.Connection | None = None,
    ) -> None:
        """Mark the run complete: the last write of an add, inside the story's transaction when given."""
        statement = "UPDATE runs SET status = 'complete', finished = ?, story_id = ?, report = ? WHERE id = ?"
        values = (now(), story_id, json.dumps(report, ensure_ascii=False), run_id)
        if conn is not None:
            conn.execute(statement, values)
            return
        with write(self._conn()) as own:
            own.execute(statement, values)

    def _fail_run(self, run_id: int) -> None:
        try:
            with write(self._conn()) as conn:
                conn.execute("UPDATE runs SET status = 'failed', finished = ? WHERE id = ?", (now(), run_id))
        except sqlite3.Error:
            pass  # the store is unusable; the run row stays 'running', which reads as interrupted


class _Retry(Exception):
    """The story changed since this add read it: roll back and recompute over the new membership."""


def _reuse(session: CacheSession, stages: Sequence[Stage], members: int) -> tuple[list[str], list[str], int]:
    reused = [s.name for s in stages if s.name in session.reuse and session.reuse[s.name].outcome == "reused"]
    recomputed = [s.name for s in stages if s.name not in reused]
    per_article = [r.reused for r in session.reuse.values() if r.scope == "article"]
    return reused, recomputed, min(per_article) if per_article else 0


def _report(result: AddResult) -> dict[str, Any]:
    return {
        "added": result.added,
        "duplicates": result.duplicates,
        "skipped": [list(pair) for pair in result.skipped],
        "reused_articles": result.reused_articles,
        "reused_stages": list(result.reused_stages),
        "recomputed_stages": list(result.recomputed_stages),
        "warnings": list(result.warnings),
    }


COMPARED = ("title", "outlet", "byline", "url", "published")


def _differences(fresh: Article, stored: Article) -> list[str]:
    """A warning when a re-added article's metadata differs from the stored copy, which is kept."""
    differ = [name for name in COMPARED if getattr(fresh, name) != getattr(stored, name)]
    if not differ:
        return []
    return [
        f"{fresh.source}: same text as the stored {stored.id} (from {stored.source}); kept the stored "
        f"{', '.join(differ)}"
    ]

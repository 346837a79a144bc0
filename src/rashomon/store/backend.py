"""The SQLite side of the stage cache: per-article results in ``article_cache``, corpus results in
``corpus_cache`` (tagged with the story they were computed for, so superseded ones can be pruned)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime

from rashomon.pipeline.cache import CacheKey
from rashomon.store.schema import write

KEY_COLUMNS = "stage = ? AND stage_version = ? AND fingerprint = ? AND rashomon_version = ?"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SqliteCache:
    """A ``CacheBackend`` over the store; each ``put_many`` is one transaction."""

    def __init__(self, conn: Callable[[], sqlite3.Connection], story_id: str | None) -> None:
        self._conn = conn
        self.story_id = story_id

    def get_many(self, keys: Sequence[CacheKey]) -> dict[CacheKey, bytes]:
        found: dict[CacheKey, bytes] = {}
        conn = self._conn()
        for key in keys:
            table, subject = _where(key)
            row = conn.execute(
                f"SELECT payload FROM {table} WHERE {subject} = ? AND {KEY_COLUMNS}",
                (key.subject, key.stage, key.stage_version, key.fingerprint, key.rashomon_version),
            ).fetchone()
            if row is not None:
                found[key] = bytes(row[0])
        return found

    def put_many(self, items: Mapping[CacheKey, bytes]) -> None:
        stamp = now()
        with write(self._conn()) as conn:
            for key, payload in items.items():
                values = (key.subject, key.stage, key.stage_version, key.fingerprint, key.rashomon_version)
                if key.scope == "article":
                    conn.execute(
                        "INSERT OR REPLACE INTO article_cache VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (*values, payload, stamp),
                    )
                else:
                    conn.execute(
                        "INSERT OR REPLACE INTO corpus_cache VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (*values, self.story_id, payload, stamp),
                    )


def _where(key: CacheKey) -> tuple[str, str]:
    return ("article_cache", "article_id") if key.scope == "article" else ("corpus_cache", "digest")

"""The store file: WAL and foreign keys, the version table, migrations of older files, refusals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rashomon.errors import NotFound, UsageError
from rashomon.store import Store, StoreError
from rashomon.store import schema as schema_module
from rashomon.store.schema import MIGRATIONS, connect, migrate


def test_a_new_store_is_at_the_newest_schema_in_wal_mode(tmp_path: Path) -> None:
    Store(tmp_path / "x.db").close()
    with sqlite3.connect(tmp_path / "x.db") as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(len(MIGRATIONS),)]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {
        "runs",
        "articles",
        "stories",
        "story_articles",
        "claims",
        "article_cache",
        "corpus_cache",
    } <= tables
    assert {"articles_fts", "claims_fts"} <= tables
    conn = connect(tmp_path / "x.db")
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):  # a membership row must name a stored story and article
        conn.execute("INSERT INTO story_articles VALUES ('sty_x', 'art_x', 0, NULL)")
    conn.close()


def _v2(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE stories ADD COLUMN note TEXT NOT NULL DEFAULT ''")


def test_an_older_file_is_migrated_in_order_and_keeps_its_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(tmp_path / "x.db").close()
    with sqlite3.connect(tmp_path / "x.db") as conn:
        conn.execute(
            "INSERT INTO runs (started, status, rashomon_version, fingerprint) "
            "VALUES ('t', 'complete', 'v', 'f')"
        )
    monkeypatch.setattr(schema_module, "MIGRATIONS", [*MIGRATIONS, _v2])
    Store(tmp_path / "x.db").close()
    with sqlite3.connect(tmp_path / "x.db") as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == len(MIGRATIONS) + 1
        assert "note" in {row[1] for row in conn.execute("PRAGMA table_info(stories)")}
        assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 1
    conn = connect(tmp_path / "x.db")
    assert migrate(conn, tmp_path / "x.db", [*MIGRATIONS, _v2]) == len(MIGRATIONS) + 1  # idempotent
    conn.close()


def test_a_file_from_a_newer_rashomon_is_refused(tmp_path: Path) -> None:
    Store(tmp_path / "x.db").close()
    with sqlite3.connect(tmp_path / "x.db") as conn:
        conn.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(StoreError, match="newer rashomon"):
        Store(tmp_path / "x.db")


def test_files_that_are_not_stores_are_refused_untouched(tmp_path: Path) -> None:
    (tmp_path / "notes.db").write_text("just some text, not a database\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store(tmp_path / "notes.db")
    with sqlite3.connect(tmp_path / "other.db") as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    with pytest.raises(StoreError, match="not a rashomon store"):
        Store(tmp_path / "other.db")
    with sqlite3.connect(tmp_path / "other.db") as conn:
        assert {row[0] for row in conn.execute("SELECT name FROM sqlite_master")} == {"contacts"}
    with pytest.raises(UsageError, match="is a folder"):
        Store(tmp_path)


def test_reading_a_missing_store_does_not_create_one(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no store"):
        Store(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_a_closed_store_says_so(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    store.close()
    with pytest.raises(UsageError, match="closed"):
        store.stories()

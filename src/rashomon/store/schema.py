"""The store's SQLite schema and its ordered migrations, with the connection settings every thread uses.

``schema_version`` holds one row: the number of migrations applied. Opening a store applies the missing
ones in order, inside one ``BEGIN IMMEDIATE`` transaction (two processes opening an old file at once
migrate it once); a file from a newer rashomon is refused rather than misread. Add a migration by
appending a function to ``MIGRATIONS``; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rashomon.errors import RashomonError

TOKENIZER = "'unicode61 remove_diacritics 2'"  # "Soleimaní" finds "Soleimani"
BUSY_TIMEOUT_MS = 30_000  # a writer holds the lock for one article or one story commit: well under this


class StoreError(RashomonError):
    """The store file cannot be used: not SQLite, not a rashomon store, or from a newer rashomon."""

    code = "store"


def connect(path: Path) -> sqlite3.Connection:
    """One connection (one per thread): autocommit, so every transaction is an explicit BEGIN."""
    try:
        conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        # WAL + NORMAL: a killed process loses no committed transaction; only power loss may drop the last.
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"{path} is not a SQLite database ({error})", hint="give --db a new file or a rashomon store"
        ) from error
    if str(mode).lower() != "wal":
        conn.close()
        raise StoreError(f"{path}: cannot switch to WAL mode (got {mode})", hint="use a local, writable file")
    return conn


@contextmanager
def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: the write lock is taken up front, so it never fails half-way on a busy lock."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def read(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A read snapshot across several statements (WAL: readers never wait for the writer)."""
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("COMMIT")


def _v1(conn: sqlite3.Connection) -> None:
    statements = [
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started TEXT NOT NULL,
            finished TEXT,
            status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed')),
            story_id TEXT,
            rashomon_version TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            report TEXT
        )""",
        """CREATE TABLE articles (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            title TEXT,
            outlet TEXT,
            published TEXT,
            language TEXT,
            text TEXT NOT NULL,
            record TEXT NOT NULL,
            added TEXT NOT NULL,
            run_id INTEGER REFERENCES runs(id)
        )""",
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            revision INTEGER NOT NULL,
            articles INTEGER NOT NULL,
            groups INTEGER NOT NULL,
            contested INTEGER NOT NULL,
            events INTEGER NOT NULL,
            outlets TEXT NOT NULL,
            first_published TEXT,
            last_published TEXT,
            evidence_digest TEXT NOT NULL,
            evidence TEXT NOT NULL
        )""",
        """CREATE TABLE story_articles (
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles(id),
            position INTEGER NOT NULL,
            run_id INTEGER REFERENCES runs(id),
            PRIMARY KEY (story_id, article_id)
        )""",
        "CREATE INDEX story_articles_by_article ON story_articles(article_id)",
        """CREATE TABLE claims (
            seq INTEGER PRIMARY KEY,
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id),
            field TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text TEXT NOT NULL,
            speaker TEXT,
            cue TEXT,
            source_type TEXT,
            hedged INTEGER NOT NULL,
            group_id TEXT,
            independent_origins INTEGER,
            UNIQUE (story_id, id)
        )""",
        "CREATE INDEX claims_by_article ON claims(article_id)",
        """CREATE TABLE article_cache (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            stage TEXT NOT NULL,
            stage_version TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            rashomon_version TEXT NOT NULL,
            payload BLOB NOT NULL,
            created TEXT NOT NULL,
            PRIMARY KEY (article_id, stage, stage_version, fingerprint, rashomon_version)
        )""",
        """CREATE TABLE corpus_cache (
            digest TEXT NOT NULL,
            stage TEXT NOT NULL,
            stage_version TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            rashomon_version TEXT NOT NULL,
            story_id TEXT,
            payload BLOB NOT NULL,
            created TEXT NOT NULL,
            PRIMARY KEY (digest, stage, stage_version, fingerprint, rashomon_version)
        )""",
        "CREATE INDEX corpus_cache_by_story ON corpus_cache(story_id)",
        f"CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, tokenize = {TOKENIZER})",
        f"CREATE VIRTUAL TABLE claims_fts USING fts5(text, tokenize = {TOKENIZER})",
        """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, coalesce(new.title, ''), new.text);
        END""",
        """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            DELETE FROM articles_fts WHERE rowid = old.seq;
        END""",
        """CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
            INSERT INTO claims_fts(rowid, text) VALUES (new.seq, new.text);
        END""",
        """CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
            DELETE FROM claims_fts WHERE rowid = old.seq;
        END""",
    ]
    for statement in statements:
        conn.execute(statement)


def _v2(conn: sqlite3.Connection) -> None:
    """Outlet ratings the user imported (``rashomon outlets import-ratings``): rashomon ships none."""
    conn.execute(
        """CREATE TABLE outlet_ratings (
            outlet_key TEXT PRIMARY KEY,
            outlet TEXT NOT NULL,
            lean TEXT,
            reliability TEXT,
            source TEXT NOT NULL,
            imported TEXT NOT NULL
        )"""
    )


Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = [_v1, _v2]


def schema_version(conn: sqlite3.Connection, path: Path) -> int:
    """Migrations applied so far: 0 for an empty file; refuses a SQLite file that is not a store."""
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if "schema_version" not in names:
        if names:
            raise StoreError(
                f"{path} is a SQLite database but not a rashomon store", hint="give --db a new file"
            )
        return 0
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: sqlite3.Connection, path: Path, migrations: list[Migration] | None = None) -> int:
    """Bring the file up to the newest schema; returns the version it is at."""
    steps = MIGRATIONS if migrations is None else migrations
    with write(conn):
        current = schema_version(conn, path)
        if current > len(steps):
            raise StoreError(
                f"{path} was written by a newer rashomon "
                f"(schema {current}; this one knows up to {len(steps)})",
                hint="upgrade rashomon to open it",
            )
        if current == 0:
            conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
            conn.execute("INSERT INTO schema_version VALUES (0)")
        for number in range(current + 1, len(steps) + 1):
            steps[number - 1](conn)
            conn.execute("UPDATE schema_version SET version = ?", (number,))
    return len(steps)

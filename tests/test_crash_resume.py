"""Crash safety of ``rashomon analyze --db``: a run killed with SIGKILL at a random moment leaves a
consistent store, and re-running the same command resumes with no article lost and none stored twice.

The command is the real CLI (argument parsing, ``analyze_into_store``, the SQLite store, the atomic
report writers) in a subprocess; only the models are swapped for rashomon.testing's deterministic
fakes, so one run costs seconds of CPU, not a minute. Kill moments are drawn uniformly over the length
of an uninterrupted run (the shortest seen so far), so they land in start-up, cleaning, the article
inserts, model loading, the per-article caches and the story commit alike; each attempt first adds one
new article to the folder, so every run has rows to write (a run over a finished store only reads).

RASHOMON_CRASH_RUNS sets the number of kills (default 20, the acceptance figure).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow]

RUNS = int(os.environ.get("RASHOMON_CRASH_RUNS", "20"))
# The CLI with the fake models: rashomon.api.default_stages is what the store builds its pipeline from.
ENTRY = """
import sys
import rashomon.api
from rashomon.testing import fake_pipeline

real = rashomon.api.default_stages


def fake(config):
    rashomon.api.default_stages = real  # fake_pipeline builds on the real list
    try:
        return list(fake_pipeline(config).stages)
    finally:
        rashomon.api.default_stages = fake


rashomon.api.default_stages = fake
from rashomon.cli import main

sys.argv = ["rashomon", *sys.argv[1:]]
main()
"""
START_ARTICLES = 12
NAMES = ["Okafor", "Renner", "Duval", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Kowalski"]


def _article(folder: Path, i: int) -> None:
    who = NAMES[i % len(NAMES)]
    (folder / f"a{i:02d}.txt").write_text(
        f"Valmora strike update {i}\n\n"
        f"Dock workers at terminal {i} stayed out on day {i}, union official {who} said.\n\n"
        f"The port authority said {i * 3} ships were waiting, and {who} told reporters "
        "talks would go on.\n",
        encoding="utf-8",
    )


def _expected_ids(folder: Path) -> set[str]:
    """The article ids the corpus must end up as: ingest and clean only, in-process (no models)."""
    from rashomon.clean import CleanStage
    from rashomon.config import Config, Limits
    from rashomon.ingest import read_sources
    from rashomon.model import Source
    from rashomon.pipeline import Batch

    sources = [Source(name=str(path), path=path) for path in sorted(folder.iterdir())]
    raw, outcomes = read_sources(sources, Limits())
    assert not outcomes, outcomes
    return {article.id for article in CleanStage(Config()).run(Batch(raw=tuple(raw))).articles}


def _command(corpus: Path, db: Path, out: Path) -> list[str]:
    return [sys.executable, "-c", ENTRY, "analyze", str(corpus), f"--db={db}", "-o", str(out), "--quiet"]


def _env() -> dict[str, str]:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env=_env())


def _check_consistent(db: Path) -> set[str]:
    """The store is sound and holds each article once; returns the stored article ids."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for table in ("articles_fts", "claims_fts"):
            conn.execute(f"INSERT INTO {table}({table}) VALUES('integrity-check')")  # raises if out of step
        ids = [row[0] for row in conn.execute("SELECT id FROM articles")]
        assert len(ids) == len(set(ids))
        pairs = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT story_id || ' ' || article_id) FROM story_articles"
        )
        total, distinct = pairs.fetchone()
        assert total == distinct
        texts = conn.execute("SELECT COUNT(*), COUNT(DISTINCT text) FROM articles").fetchone()
        assert texts[0] == texts[1]  # the same article never stored under two ids
        return set(ids)
    finally:
        conn.close()


def _check_reports(out: Path) -> None:
    """Reports are written atomically (temp file, then rename): each is absent, or whole."""
    evidence = out / "evidence.json"
    if evidence.exists():
        json.loads(evidence.read_text(encoding="utf-8"))
    page = out / "report.html"
    if page.exists():
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_sigkill_at_random_moments_then_resume(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(START_ARTICLES):
        _article(corpus, i)
    db, out = tmp_path / "rashomon.db", tmp_path / "out"
    started = time.perf_counter()
    done = _run(_command(corpus, db, out))  # uninterrupted: how long a run takes, and a first story
    full = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    assert _check_consistent(db) == _expected_ids(corpus)

    rng = random.Random(20)
    killed = 0
    for attempt in range(RUNS):
        # One new article per attempt, so that every run has rows to write and results to recompute.
        _article(corpus, START_ARTICLES + attempt)
        process = subprocess.Popen(
            _command(corpus, db, out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env()
        )
        launched = time.perf_counter()
        time.sleep(rng.uniform(0.0, full))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        elif process.returncode == 0:
            full = min(full, time.perf_counter() - launched)  # later runs reuse caches: aim within them
        process.wait(timeout=60)
        assert _check_consistent(db) <= _expected_ids(corpus), attempt
        _check_reports(out)
    assert killed >= RUNS // 2, f"only {killed} of {RUNS} runs were killed before they finished"

    done = _run(_command(corpus, db, out))  # the same command again: it resumes
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    expected = _expected_ids(corpus)
    assert len(expected) == START_ARTICLES + RUNS
    assert _check_consistent(db) == expected  # none lost, none twice
    evidence = json.loads((out / "evidence.json").read_text(encoding="utf-8"))
    assert sorted(article["id"] for article in evidence["articles"]) == sorted(expected)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT COUNT(*) FROM stories").fetchone() == (1,)
    finally:
        conn.close()

"""Outlet ratings the user supplies (lean and/or reliability), read from CSV or JSON and kept in the store.

rashomon ships no third-party ratings: a user imports ratings they have the right to use, for example an
export from a rating service. Outlet names go through the registry, so "Fox News (Online News)" and
"Fox News" are one outlet. Leans are read as one of five labels (``LEANS``), or a number from -2 (left)
to 2 (right); anything else is refused with its line, never guessed. Reliability is kept as given.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rashomon.errors import UsageError
from rashomon.outlets.identify import Registry, outlet_key, packaged_registry
from rashomon.store.backend import now
from rashomon.store.schema import connect, migrate, write

LEANS = ("left", "lean left", "center", "lean right", "right")
LEAN_WORDS = {
    "left": "left",
    "far left": "left",
    "lean left": "lean left",
    "leans left": "lean left",
    "left-center": "lean left",
    "left center": "lean left",
    "center-left": "lean left",
    "centre-left": "lean left",
    "center": "center",
    "centre": "center",
    "least biased": "center",
    "lean right": "lean right",
    "leans right": "lean right",
    "right-center": "lean right",
    "right center": "lean right",
    "center-right": "lean right",
    "centre-right": "lean right",
    "right": "right",
    "far right": "right",
}
SIDES = {"left": "left", "lean left": "left", "center": "center", "lean right": "right", "right": "right"}
OUTLET_COLUMNS = ("outlet", "name", "source", "newssource", "publication")
LEAN_COLUMNS = ("lean", "bias", "side", "stance", "rating")
RELIABILITY_COLUMNS = ("reliability", "factual", "factuality", "credibility", "trust")


@dataclass(frozen=True, slots=True)
class Rating:
    outlet: str  # the registry's canonical name where it knows the outlet, else the name as given
    lean: str | None = None  # one of LEANS
    reliability: str | None = None
    source: str = ""  # where the rating came from: the imported file's name

    @property
    def key(self) -> str:
        return outlet_key(self.outlet)

    @property
    def side(self) -> str | None:
        return SIDES.get(self.lean or "")


class Ratings:
    """The imported ratings, looked up by any name the registry knows an outlet by."""

    def __init__(self, ratings: Iterable[Rating] = (), registry: Registry | None = None) -> None:
        self.registry = registry or packaged_registry()
        self.by_key = {self._key(rating.outlet): rating for rating in ratings}

    def __len__(self) -> int:
        return len(self.by_key)

    def __iter__(self) -> Iterator[Rating]:
        return iter(sorted(self.by_key.values(), key=lambda rating: rating.outlet.casefold()))

    def get(self, name: str | None) -> Rating | None:
        return self.by_key.get(self._key(name)) if name else None

    def _key(self, name: str) -> str:
        known = self.registry.by_name(name)
        return known.key if known else outlet_key(name)

    @property
    def digest(self) -> str:
        """Changes whenever the ratings do: pages that show them are re-rendered."""
        text = json.dumps([[r.outlet, r.lean, r.reliability, r.source] for r in self], ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


# --- reading a ratings file ----------------------------------------------------------------------------


def read_ratings_file(path: Path, registry: Registry | None = None) -> list[Rating]:
    """Ratings from a CSV (a header row naming the columns) or JSON file (a list of objects, or a map)."""
    known = registry or packaged_registry()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(
            f"cannot read the ratings file {path}: {error}", hint="give a UTF-8 CSV or JSON file"
        ) from error
    rows = _json_rows(path, text) if path.suffix.lower() == ".json" else _csv_rows(path, text)
    ratings = [_rating(path, number, row, known) for number, row in rows]
    if not ratings:
        raise UsageError(f"{path} holds no ratings", hint="one row per outlet: outlet,lean,reliability")
    return ratings


def _csv_rows(path: Path, text: str) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or _column(reader.fieldnames, OUTLET_COLUMNS) is None:
        raise UsageError(
            f"{path}: no outlet column in the header", hint="start it with: outlet,lean,reliability"
        )
    return [(number, dict(row)) for number, row in enumerate(reader, 2)]


def _json_rows(path: Path, text: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageError(f"{path} is not valid JSON ({error})", hint="give a list of objects") from error
    if isinstance(data, Mapping):  # {"Outlet": "left"} or {"Outlet": {"lean": ..., "reliability": ...}}
        data = [
            {"outlet": name, **(value if isinstance(value, Mapping) else {"lean": value})}
            for name, value in data.items()
        ]
    if not isinstance(data, list) or not all(isinstance(item, Mapping) for item in data):
        raise UsageError(
            f"{path}: expected a list of objects or an object", hint='[{"outlet": ..., "lean": ...}]'
        )
    return [(number, dict(item)) for number, item in enumerate(data, 1)]


def _column(names: Iterable[str], wanted: tuple[str, ...]) -> str | None:
    lowered = {name.strip().casefold(): name for name in names if name}
    return next((lowered[name] for name in wanted if name in lowered), None)


def _rating(path: Path, number: int, row: Mapping[str, Any], known: Registry) -> Rating:
    where = f"{path}, entry {number}"
    name = _cell(row, OUTLET_COLUMNS)
    if not name:
        raise UsageError(f"{where}: no outlet name", hint="every row needs an outlet")
    lean_cell, reliability = _cell(row, LEAN_COLUMNS), _cell(row, RELIABILITY_COLUMNS)
    lean = parse_lean(lean_cell, where) if lean_cell else None
    if lean is None and not reliability:
        raise UsageError(f"{where}: {name!r} has neither a lean nor a reliability", hint="give one of them")
    outlet = known.by_name(name)
    return Rating(outlet.name if outlet else name.strip(), lean, reliability or None, path.name)


def _cell(row: Mapping[str, Any], wanted: tuple[str, ...]) -> str:
    column = _column(row.keys(), wanted)
    value = row.get(column) if column else None
    return str(value).strip() if value is not None else ""


def parse_lean(text: str, where: str = "lean") -> str:
    """'Lean Left', 'left-center', '-1' → 'lean left'; refuses what it cannot read."""
    word = " ".join(text.strip().casefold().replace("_", " ").split())
    if word in LEAN_WORDS:
        return LEAN_WORDS[word]
    try:
        number = float(word)
    except ValueError:
        number = float("nan")
    if -2.0 <= number <= 2.0:
        return LEANS[round(number) + 2]
    raise UsageError(
        f"{where}: lean {text!r} is not one of {', '.join(LEANS)}", hint="or a number from -2 to 2"
    )


# --- the store's table ---------------------------------------------------------------------------------


def import_ratings(db: Path, ratings: Iterable[Rating]) -> int:
    """Write ratings into the store at ``db`` (replacing those of the same outlets); returns how many."""
    conn = connect(db)
    try:
        migrate(conn, db)
        stamp = now()
        rows = [(r.key, r.outlet, r.lean, r.reliability, r.source, stamp) for r in ratings]
        with write(conn):
            conn.executemany("INSERT OR REPLACE INTO outlet_ratings VALUES (?, ?, ?, ?, ?, ?)", rows)
        return len(rows)
    finally:
        conn.close()


def clear_ratings(db: Path) -> None:
    conn = connect(db)
    try:
        migrate(conn, db)
        with write(conn):
            conn.execute("DELETE FROM outlet_ratings")
    finally:
        conn.close()


def load_ratings(db: Path, registry: Registry | None = None) -> Ratings:
    """The ratings imported into the store at ``db`` (none when it has none)."""
    if not db.is_file():
        return Ratings((), registry)
    conn = connect(db)
    try:  # read only: pages call this on every request, so it must never take the write lock
        rows = conn.execute("SELECT outlet, lean, reliability, source FROM outlet_ratings").fetchall()
    except sqlite3.OperationalError:  # a store from before ratings existed: it has none
        rows = []
    finally:
        conn.close()
    return Ratings((Rating(row[0], row[1], row[2], row[3]) for row in rows), registry)

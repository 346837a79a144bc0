"""User ratings (CSV/JSON into the store), coverage by side, blindspots, and the ``outlets`` command."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from outlets_fixtures import hand_store, story_a
from rashomon.cli.main import cli
from rashomon.errors import UsageError
from rashomon.outlets.coverage import story_coverage
from rashomon.outlets.ratings import (
    Rating,
    Ratings,
    import_ratings,
    load_ratings,
    parse_lean,
    read_ratings_file,
)
from rashomon.store import Store
from rashomon.store.schema import MIGRATIONS

# Invented ratings for the fixture's outlets: made up here, not any rating service's.
RATINGS_CSV = "Outlet,Lean,Reliability\nReuters,center,high\nFox News (Online News),Right,mixed\nAFP,-2,\n"


@pytest.mark.parametrize(
    ("text", "lean"),
    [
        ("Lean Left", "lean left"),
        ("left-center", "lean left"),
        ("-1", "lean left"),
        ("2", "right"),
        ("Centre", "center"),
    ],
)
def test_leans_are_read_in_their_usual_spellings(text: str, lean: str) -> None:
    assert parse_lean(text) == lean


def test_an_unreadable_lean_is_refused_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("outlet,lean\nReuters,centrist-ish\n")
    with pytest.raises(UsageError, match=r"r.csv, entry 2: lean 'centrist-ish'"):
        read_ratings_file(path)
    path.write_text("name_of_thing,lean\nReuters,left\n")
    with pytest.raises(UsageError, match="no outlet column"):
        read_ratings_file(path)


def test_csv_and_json_forms_normalise_outlet_names(tmp_path: Path) -> None:
    csv_path = tmp_path / "r.csv"
    csv_path.write_text(RATINGS_CSV)
    ratings = read_ratings_file(csv_path)
    assert [(r.outlet, r.lean, r.reliability) for r in ratings] == [
        ("Reuters", "center", "high"),
        ("Fox News", "right", "mixed"),
        ("Agence France-Presse", "left", None),
    ]
    json_path = tmp_path / "r.json"
    json_path.write_text(json.dumps({"Fox News": "lean right", "Westhaven Gazette": {"reliability": "low"}}))
    assert [(r.outlet, r.lean, r.reliability) for r in read_ratings_file(json_path)] == [
        ("Fox News", "lean right", None),
        ("Westhaven Gazette", None, "low"),
    ]


def test_the_ratings_table_is_a_migration_of_older_stores(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    Store(db).close()
    with sqlite3.connect(db) as conn:  # make it a version-1 file, as written before ratings existed
        conn.execute("DROP TABLE outlet_ratings")
        conn.execute("UPDATE schema_version SET version = 1")
    assert len(load_ratings(db)) == 0  # reading an old store finds no ratings, and changes nothing
    import_ratings(db, [Rating("Reuters", "center")])  # importing migrates it
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == len(MIGRATIONS) == 2
        assert conn.execute("SELECT outlet_key, lean FROM outlet_ratings").fetchall() == [
            ("reuters", "center")
        ]


def test_coverage_by_side_and_blindspot() -> None:
    ratings = Ratings([Rating("Reuters", "center"), Rating("Fox News", "lean right"), Rating("AFP", "right")])
    coverage = story_coverage("sty_a", story_a(), ratings)
    assert [p.ref.article for p in coverage.side("right")] == ["a2", "a3"]
    assert [p.ref.article for p in coverage.side("center")] == ["a1"]
    assert [p.ref.article for p in coverage.unrated] == ["a4"]  # no outlet identified
    assert coverage.rated == 3
    assert coverage.blindspot == "left"  # the right covers it, the left does not
    balanced = Ratings([Rating("Reuters", "left"), Rating("Fox News", "right"), Rating("AFP", "right")])
    assert story_coverage("sty_a", story_a(), balanced).blindspot is None  # 2 of 3 partisan: not 80%
    single = Ratings([Rating("Fox News", "right")])
    assert story_coverage("sty_a", story_a(), single).blindspot is None  # one rated article says little
    assert story_coverage("sty_a", story_a(), Ratings()).rated == 0


def test_outlets_command_prints_profiles_and_imports_ratings(tmp_path: Path) -> None:
    db = hand_store(tmp_path / "hand.db")
    (tmp_path / "r.csv").write_text(RATINGS_CSV)
    runner = CliRunner()
    result = runner.invoke(cli, ["outlets", "--db", str(db), "--ratings", str(tmp_path / "r.csv")])
    assert result.exit_code == 0, result.output
    assert "imported 3 outlet ratings" in result.output
    assert "4 outlets over 2 stories" in result.output
    assert "Fox News (US; owner Fox Corporation) [rated: right, reliability mixed]" in result.output
    assert (
        "Echoes shared claims" in result.output and "2/2 shared claims (100%, 95% CI 34–100%" in result.output
    )
    assert "No outlet identified (1 article;" in result.output and "sty_a a4" in result.output
    detail = runner.invoke(cli, ["outlets", "--db", str(db), "--outlet", "Fox News"])
    assert "sty_a a2 c4 - cites Reuters" in detail.output
    as_json = json.loads(runner.invoke(cli, ["outlets", "--db", str(db), "--json"]).output)
    fox = next(p for p in as_json["outlets"] if p["name"] == "Fox News")
    echoes = next(f for f in fox["figures"] if f["name"] == "echoes")
    assert (echoes["hits"], echoes["total"], echoes["small_sample"]) == (2, 2, True)
    assert fox["rating"]["lean"] == "right" and fox["delay"]["median_days"] == 2.0


def test_import_ratings_subcommand_and_errors(tmp_path: Path) -> None:
    db = hand_store(tmp_path / "hand.db")
    (tmp_path / "r.json").write_text(json.dumps([{"outlet": "CNN", "bias": "lean left"}]))
    runner = CliRunner()
    result = runner.invoke(cli, ["outlets", "import-ratings", str(tmp_path / "r.json"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert [r.lean for r in load_ratings(db)] == ["lean left"]
    missing = runner.invoke(cli, ["outlets", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no store at" in missing.output
    assert not (tmp_path / "none.db").exists()
    unknown = runner.invoke(cli, ["outlets", "--db", str(db), "--outlet", "Nowhere Times"])
    assert unknown.exit_code == 2 and "no outlet 'Nowhere Times'" in unknown.output

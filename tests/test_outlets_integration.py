"""Acceptance, with the real models: the example corpus and two AllSides raw stories in one store.

The AllSides articles are written to a temporary folder by this test (never committed: they are the
outlets' text). Ratings: the AllSides stories carry the side AllSides gave each outlet, which this test
writes to a ratings file in the temporary folder, as a user exporting them would; for the example
corpus it rates Sputnik and American Free Press on one side (invented): a story covered by one side only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from rashomon.cli import cli
from rashomon.store import Store
from rashomon.web import create_app

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "soleimani-2020"
ALLSIDES = (
    ROOT.parent / "shared" / "benchmarks" / "neus_allsides" / "raw_crawled" / "allsides_stories_dev.jsonl"
)
STORIES = 2


def allsides_stories(count: int) -> list[dict[str, Any]]:
    """The first stories with an article on each side and some body text."""
    chosen = []
    with ALLSIDES.open(encoding="utf-8") as lines:
        for line in lines:
            story = json.loads(line)
            news = story.get("news") or {}
            sides = [news.get(side) for side in ("left", "center", "right")]
            if all(item and item.get("newBody") and item.get("newsLink") for item in sides):
                chosen.append(story)
            if len(chosen) == count:
                return chosen
    return chosen


def write_story(folder: Path, story: dict[str, Any]) -> Path:
    folder.mkdir(parents=True)
    for side, item in story["news"].items():
        record = {
            "title": item["newsTitle"],
            "text": "\n\n".join(item["newBody"]),
            "url": item["newsLink"],
            "outlet": item["newsSource"],
            "published": story["date"][:10],
        }
        (folder / f"{side}.json").write_text(json.dumps(record), encoding="utf-8")
    return folder


def ratings_file(path: Path, stories: list[dict[str, Any]]) -> Path:
    rows = ["outlet,lean", "Sputnik International,right", "American Free Press,right"]
    for story in stories:
        rows += [f'"{item["newsSource"]}",{item["stance"]}' for item in story["news"].values()]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    pytest.importorskip("spacy")
    if not ALLSIDES.is_file():
        pytest.skip(f"{ALLSIDES} is not here")
    tmp = tmp_path_factory.mktemp("outlets-real")
    db = tmp / "x.db"
    stories = allsides_stories(STORIES)
    inputs = [str(EXAMPLE)] + [str(write_story(tmp / f"allsides-{n}", s)) for n, s in enumerate(stories)]
    runner = CliRunner()
    for number, folder in enumerate(inputs):
        result = runner.invoke(
            cli, ["analyze", folder, "--db", str(db), "-o", str(tmp / f"out{number}"), "--quiet"]
        )
        assert result.exit_code == 0, result.output
    return db, stories


def test_outlets_command_prints_profiles_of_all_stories(filled: tuple[Path, list[dict[str, Any]]]) -> None:
    db, stories = filled
    result = CliRunner().invoke(cli, ["outlets", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"over {1 + STORIES} stories" in result.output
    assert "Sputnik (RU; owner Rossiya Segodnya (state-owned))" in result.output
    assert "American Free Press" in result.output  # example article 004 signs "By AFP Staff"
    for story in stories:
        for item in story["news"].values():
            assert item["newsSource"].split(" (")[0].removeprefix("The ") in result.output
    assert "Originates shared claims" in result.output and "95% CI" in result.output


def test_ratings_make_coverage_and_flag_the_one_sided_story(
    filled: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    db, stories = filled
    ratings = ratings_file(tmp_path / "ratings.csv", stories)
    result = CliRunner().invoke(cli, ["outlets", "import-ratings", str(ratings), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Store(db) as store, TestClient(create_app(store), base_url="http://127.0.0.1") as client:
        outlets = client.get("/outlets").text
        assert 'data-outlet="sputnik"' in outlets and "#fig-anonymous" in outlets
        flagged = {}
        for summary in store.stories():
            page = client.get(f"/stories/{summary.id}").text
            coverage = page.split('id="coverage"')[1].split("</section>")[0]
            sources = [article["source"] for article in store.evidence(summary.id)["articles"]]
            flagged["example" if "soleimani-2020" in sources[0] else summary.id] = "blindspot" in coverage
    assert flagged.pop("example") is True  # only right-rated outlets (invented ratings)
    assert list(flagged.values()) == [False] * STORIES  # AllSides stories: one article per side

"""The store with the real models on the bundled example: stored once, reused, and one article added.

The added article is invented for this test (it is nobody's copy); the grown story must equal a fresh
analysis of the same six inputs, which checks that per-article results really are per article.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import rashomon
from rashomon.cli import cli

pytestmark = [pytest.mark.integration, pytest.mark.slow]

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "soleimani-2020"
INVENTED = (
    "Iraqi Lawmakers Vote to Expel US Troops After Soleimani Strike\n\n"
    "By Lena Marsh\n\n"
    "Iraq's parliament voted on Sunday to ask the government to end the presence of foreign troops in "
    "the country, two days after a US drone strike killed Iranian general Qassem Soleimani near Baghdad "
    "airport.\n\n"
    "The resolution was passed by the lawmakers who attended the session, parliament officials said.\n\n"
    "US officials said the strike was ordered to stop imminent attacks on American personnel, but they have "
    "not made public the evidence behind that claim.\n"
)


def analyze(tmp_path: Path, name: str, *inputs: str) -> str:
    args = ["analyze", *inputs, "--db", str(tmp_path / "x.db"), "-o", str(tmp_path / name)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    return result.stderr


def articles_stored(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def test_example_twice_then_one_more_article(tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    first = analyze(tmp_path, "one", str(EXAMPLE))
    assert "stored 5 new articles, 0 already stored" in first
    second = analyze(tmp_path, "two", str(EXAMPLE))
    assert "stored 0 new articles, 5 already stored" in second
    assert "reused per-article results for 5 articles (nlp, attribution, techniques, embed)" in second
    assert "recomputed nothing" in second
    assert articles_stored(tmp_path / "x.db") == 5
    once = json.loads((tmp_path / "one" / "evidence.json").read_text(encoding="utf-8"))
    assert json.loads((tmp_path / "two" / "evidence.json").read_text(encoding="utf-8")) == once

    invented = tmp_path / "baghdad-vote.txt"
    invented.write_text(INVENTED, encoding="utf-8")
    third = analyze(tmp_path, "three", str(EXAMPLE), str(invented))
    assert "stored 1 new article, 5 already stored" in third
    assert "reused per-article results for 5 articles (nlp, attribution, techniques, embed)" in third
    recomputed = (
        "recomputed nlp (1 article), attribution (1 article), techniques (1 article), embed (1 article), "
        "entities"
    )
    assert recomputed in third
    assert articles_stored(tmp_path / "x.db") == 6
    grown = json.loads((tmp_path / "three" / "evidence.json").read_text(encoding="utf-8"))
    fresh = rashomon.analyze([str(EXAMPLE), str(invented)]).evidence
    assert grown == json.loads(json.dumps(fresh))

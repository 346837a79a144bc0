"""`rashomon analyze --db` and `rashomon export`: the reuse line, and the four export formats read back."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

import rashomon.api
from rashomon.cli import cli
from rashomon.store import Store
from rashomon.store.export import to_csv
from store_fixtures import LATE, light_stages, write_corpus


@pytest.fixture(autouse=True)
def _light_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI builds the default pipeline; here it gets the one with fake models."""
    monkeypatch.setattr(rashomon.api, "default_stages", light_stages)


def run(*args: str) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.fixture
def stored(tmp_path: Path) -> tuple[Path, str]:
    corpus = write_corpus(tmp_path / "corpus")
    code, _, err = run("analyze", str(corpus), "--db", str(tmp_path / "x.db"), "-o", str(tmp_path / "out"))
    assert code == 0, err
    with Store(tmp_path / "x.db", create=False) as store:
        return tmp_path / "x.db", store.stories()[0].id


def test_analyze_with_db_writes_reports_and_says_what_it_reused(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    db = str(tmp_path / "x.db")
    code, _, err = run("analyze", str(corpus), "--db", db, "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert "stored 3 new articles, 0 already stored; recomputed nlp (3 articles)" in err
    first = json.loads((tmp_path / "out" / "evidence.json").read_text(encoding="utf-8"))
    assert len(first["articles"]) == 3 and (tmp_path / "out" / "report.html").is_file()
    code, _, err = run("analyze", str(corpus), "--db", db, "-o", str(tmp_path / "again"))
    assert code == 0, err
    assert "stored 0 new articles, 3 already stored; reused per-article results for 3 articles" in err
    assert "recomputed nothing" in err
    (tmp_path / "late.txt").write_text(LATE, encoding="utf-8")
    code, _, err = run(
        "analyze", str(corpus), str(tmp_path / "late.txt"), "--db", db, "-o", str(tmp_path / "more")
    )
    assert code == 0, err
    assert "stored 1 new article, 3 already stored; reused per-article results for 3 articles" in err
    recomputed = (
        "recomputed nlp (1 article), attribution (1 article), techniques (1 article), embed (1 article)"
    )
    assert f"{recomputed}, entities" in err
    grown = json.loads((tmp_path / "more" / "evidence.json").read_text(encoding="utf-8"))
    assert len(grown["articles"]) == 4


def test_db_without_a_path_means_rashomon_db_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    code, _, err = run("analyze", str(corpus), "-o", "out", "--db")
    assert code == 0, err
    assert (tmp_path / "rashomon.db").is_file()
    code, _, err = run("analyze", str(corpus), "--db", "-o", "out2", "--quiet")
    assert code == 0, err
    with Store(tmp_path / "rashomon.db") as store:
        assert len(store.runs()) == 2


def test_nothing_analysable_into_a_store_exits_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code, _, err = run(
        "analyze", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "x.db"), "-o", str(tmp_path)
    )
    assert code == 2 and "empty.txt" in err and "nothing could be analysed" in err


def test_export_json_is_the_evidence_map(stored: tuple[Path, str]) -> None:
    db, story = stored
    code, out, err = run("export", "--db", str(db), "--story", story, "--format", "json")
    assert code == 0, err
    with Store(db) as store:
        assert json.loads(out) == store.evidence(story)


def test_export_csv_has_one_row_per_claim(stored: tuple[Path, str], tmp_path: Path) -> None:
    db, story = stored
    code, _, err = run(
        "export", "--db", str(db), "--story", story, "--format", "csv", "-o", str(tmp_path / "c.csv")
    )
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO((tmp_path / "c.csv").read_text(encoding="utf-8"))))
    with Store(db) as store:
        evidence = store.evidence(story)
    assert len(rows) == len(evidence["claims"])
    said = next(r for r in rows if r["cue"] == "said" and r["speaker"])
    claim = next(c for c in evidence["claims"] if c["id"] == said["claim"])
    assert said["text"] == claim["text"] and int(said["start"]) == claim["start"]
    article = next(a for a in evidence["articles"] if a["id"] == claim["article"])
    group = next(g for g in evidence["groups"] if claim["id"] in g["claims"])
    assert said["outlet"] == (article["outlet"] or "") and said["group"] == group["id"]
    assert int(said["independent_origins"]) == group["independent_origins"] >= 1


def test_csv_cells_cannot_become_spreadsheet_formulas() -> None:
    row: dict[str, object] = dict.fromkeys(
        ("claim", "article", "outlet", "title", "speaker", "cue", "source_type", "quote"), "x"
    )
    row.update(text='=HYPERLINK("http://evil")', group="g", independent_origins=1, hedged=False)
    row.update(checkworthiness=0.5, field="text", start=0, end=1)
    parsed = next(csv.DictReader(io.StringIO(to_csv([row]))))
    assert parsed["text"] == '\'=HYPERLINK("http://evil")'


def test_export_parquet_reads_back_typed(stored: tuple[Path, str], tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    db, story = stored
    target = tmp_path / "claims.parquet"
    code, _, err = run("export", "--db", str(db), "--story", story, "--format", "parquet", "-o", str(target))
    assert code == 0, err
    table = pq.read_table(target)
    with Store(db) as store:
        evidence = store.evidence(story)
    assert table.num_rows == len(evidence["claims"])
    assert str(table.schema.field("hedged").type) == "bool"
    assert str(table.schema.field("start").type) == "int64"
    assert table.column("claim").to_pylist() == [c["id"] for c in evidence["claims"]]


def test_export_graphml_parses(stored: tuple[Path, str]) -> None:
    pytest.importorskip("rashomon.provenance.graph")
    db, story = stored
    code, out, err = run("export", "--db", str(db), "--story", story, "--format", "graphml")
    assert code == 0, err
    root = ET.fromstring(out)
    namespace = "{http://graphml.graphdrawing.org/xmlns}"
    assert root.tag == f"{namespace}graphml"
    assert root.findall(f".//{namespace}node")


def test_export_refusals_are_one_line(stored: tuple[Path, str], tmp_path: Path) -> None:
    db, story = stored
    code, _, err = run("export", "--db", str(db))
    assert code == 2 and story in err and "--story" in err
    code, _, err = run("export", "--db", str(db), "--story", "sty_nope")
    assert code == 2 and "no story 'sty_nope'" in err and "Traceback" not in err
    code, _, err = run("export", "--db", str(tmp_path / "none.db"), "--story", story)
    assert code == 2 and "no store" in err
    assert not (tmp_path / "none.db").exists()


def test_stdin_json_lines_go_into_the_store(tmp_path: Path) -> None:
    record = {
        "text": LATE.split("\n\n", 1)[1],
        "title": "Harbour Traders Count the Cost",
        "outlet": "Coast FM",
    }
    db = str(tmp_path / "x.db")
    result = CliRunner().invoke(
        cli, ["analyze", "-", "--db", db, "-o", str(tmp_path / "out")], input=json.dumps(record)
    )
    assert result.exit_code == 0, result.stderr
    with Store(db) as store:
        assert [s.outlets for s in store.stories()] == [("Coast FM",)]


def test_a_folder_as_the_store_is_a_usage_error(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    code, _, err = run("analyze", str(corpus), "--db", str(tmp_path), "-o", str(tmp_path / "out"))
    assert code == 2 and "is a folder" in err and "Traceback" not in err

"""The command line: outputs written, bad inputs named with a reason, exit codes as the contract says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rashomon.cli import cli

pytestmark = pytest.mark.integration

ARTICLE = (
    "Harbour Reopens After Storm\n\nBy Sam Reed\n\n"
    "The harbour reopened on Tuesday after a storm closed it for three days, port officials said.\n"
    "Fishing boats returned to their moorings by noon, according to the harbour master.\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_analyze_writes_three_outputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, _, err = run("analyze", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--quiet")
    assert code == 0, err
    assert {p.name for p in (tmp_path / "out").iterdir()} >= {"evidence.json", "report.html", "report.md"}
    evidence = json.loads((tmp_path / "out" / "evidence.json").read_text(encoding="utf-8"))
    assert evidence["schema"] == "rashomon/evidence-map@1"
    assert evidence["articles"][0]["byline"] == "Sam Reed"


def test_bad_inputs_are_named_and_the_rest_analysed(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"%PDF-1.4\x00\x01\x02" * 50)
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfa" + b"plain words here " * 30)
    code, _, err = run("analyze", str(tmp_path), str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "empty.txt" in err and "binary.txt" in err and "missing.txt" in err
    assert "Traceback" not in err
    evidence = json.loads((tmp_path / "out" / "evidence.json").read_text(encoding="utf-8"))
    statuses = {Path(i["source"]).name: i["status"] for i in evidence["inputs"]}
    assert statuses["good.txt"] == "analysed"
    assert statuses["empty.txt"] == "skipped" and statuses["binary.txt"] == "skipped"
    assert statuses["missing.txt"] == "failed"


def test_duplicate_article_counted_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE + "\n", encoding="utf-8")
    code, _, _ = run("analyze", str(tmp_path), "-o", str(tmp_path / "out"), "--quiet")
    evidence = json.loads((tmp_path / "out" / "evidence.json").read_text(encoding="utf-8"))
    assert code == 0
    assert len(evidence["articles"]) == 1
    assert sorted(i["status"] for i in evidence["inputs"]) == ["analysed", "duplicate"]


def test_nothing_analysable_exits_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    code, _, err = run("analyze", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "out"))
    assert code == 2
    assert "empty.txt" in err and not (tmp_path / "out" / "evidence.json").exists()


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    code, _, err = run("analyze")
    assert code == 2 and "no input" in err
    code, _, err = run("eval", "no-such-task", "--data", str(tmp_path))
    assert code == 2 and "unknown eval task" in err
    code, _, err = run("analyze", str(tmp_path), "--format", "pdf", "-o", str(tmp_path / "o"))
    assert "Traceback" not in err
    # An output folder that cannot be written is named before any article is analysed.
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, _, err = run("analyze", str(tmp_path / "a.txt"), "-o", str(tmp_path / "a.txt" / "out"))
    assert code == 2 and "cannot write the reports to" in err and "a.txt" in err and "-o" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_eval_list_names_tasks_and_anchors() -> None:
    code, out, _ = run("eval", "--list")
    assert code == 0
    assert "extraction-segments" in out and "0.925" in out
    assert "attribution" in out

"""BASIL triplets as article sets (``rashomon.bench.triplets``), on a tiny invented BASIL folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.bench.triplets import write


def _basil(root: Path) -> Path:
    for uuid, outlets in (("b-second", ("fox", "nyt")), ("a-first", ("hpo",))):
        for n, outlet in enumerate(outlets):
            record = {
                "title": f"{uuid} {outlet}",
                "date": "2014-06-10",
                "url": f"https://example.org/2014/06/10/{uuid}",
                "source": outlet.upper() if outlet == "nyt" else outlet,
                "triplet-uuid": uuid,
                "body-paragraphs": repr([["The pier reopened.", "Crowds came."], ["It rained."]])
                if outlet == "fox"
                else [["The pier reopened on Monday."]],
            }
            path = root / "articles" / "2014" / f"{uuid}_{n}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(record))
    return root


def test_triplets_are_numbered_by_uuid_and_written_as_inputs(tmp_path: Path) -> None:
    data = _basil(tmp_path / "basil")
    written = write(data, tmp_path / "out", [1])
    assert sorted(p.name for p in written) == ["fox.json", "nyt.json"]
    fox = json.loads((tmp_path / "out" / "1" / "fox.json").read_text())
    assert fox == {
        "title": "b-second fox",
        "text": "The pier reopened. Crowds came.\n\nIt rained.",
        "outlet": "fox",
        "published": "2014-06-10",
        "url": "https://example.org/2014/06/10/b-second",
    }
    with pytest.raises(SystemExit, match="no triplet 2"):
        write(data, tmp_path / "out", [2])

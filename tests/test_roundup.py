"""The roundup: neutral wording, its headline line, and the ROUGE-L scorer of ``rashomon eval roundup``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rashomon.evaluation.roundup import lcs, lead, read_stories, rouge_l
from rashomon.stories.roundup import build_roundup


def _claim(claim: str, article: str, field: str, end: int, text: str, worth: float) -> dict[str, Any]:
    return {"id": claim, "article": article, "field": field, "start": 0, "end": end, "text": text,
            "checkworthiness": worth}  # fmt: skip


def _evidence() -> dict[str, Any]:
    claims = [
        _claim("c1", "a1", "text", 30, "The council's shameful vote", 0.9),
        _claim("c2", "a2", "text", 25, "The council voted 5-4", 0.8),
        _claim("t2", "a2", "title", 20, "Council votes on bridge", 0.5),
    ]
    loaded = {
        "field": "text",
        "start": 4,
        "end": 20,
        "text": "council's shameful",
        "technique": "Loaded_Language",
    }
    return {
        "articles": [
            {"id": "a1", "title": "Shameful council kills bridge plan"},
            {"id": "a2", "title": "Council votes on bridge plan"},
            {"id": "a3", "title": "Bridge plan fails in council vote"},
        ],
        "claims": claims,
        "groups": [
            {
                "id": "g1",
                "claims": ["c1", "c2"],
                "articles": ["a1", "a2"],
                "summary": "The council's shameful vote",
                "independent_origins": 1,
                "origins": [{"name": "public vote", "kind": "public_record", "claims": []}],
            }
        ],
        "framing": {
            "articles": {
                "a1": {"loaded": [loaded, {**loaded, "field": "title", "start": 0, "end": 8}]},
                "a2": {"loaded": []},
            }
        },
    }


def test_the_roundup_avoids_a_loaded_summary_and_leads_with_a_clean_central_headline() -> None:
    lines = build_roundup(_evidence())
    assert [line.kind for line in lines] == ["headline", "established"]
    assert lines[0].quote == "Council votes on bridge plan" and lines[0].claims == ("t2",)
    assert lines[1].quote == "The council voted 5-4" and lines[1].claims == ("c2",)


def test_rouge_l_by_hand() -> None:
    assert lcs("a b c d".split(), "a c d e".split()) == 3
    precision, recall, f1 = rouge_l("the cat sat on the mat", "the cat lay on a mat")
    # LCS "the cat on mat" = 4 tokens of 6 and 6
    assert (precision, recall) == (pytest.approx(4 / 6), pytest.approx(4 / 6))
    assert f1 == pytest.approx(4 / 6)
    assert rouge_l("", "anything") == (0.0, 0.0, 0.0)


def test_stories_are_read_from_the_neus_layout(tmp_path: Path) -> None:
    folder = tmp_path / "naacl2022_lrc_roundup_random_order_probe"
    folder.mkdir()
    source = (
        "TITLE=> Bridge vote. ARTICLE=> The council voted. It was close. [SEP] "
        "TITLE=> Vote fails. ARTICLE=> No."
    )
    (folder / "val.source").write_text(source + "\n\n", encoding="utf-8")
    (folder / "val.target").write_text("TITLE=> Council Votes. ARTICLE=> A close vote.\n", encoding="utf-8")
    [(articles, reference)] = read_stories(tmp_path, "dev")
    assert articles == [("Bridge vote.", "The council voted. It was close."), ("Vote fails.", "No.")]
    assert reference == "Council Votes. A close vote."
    assert lead(articles) == "Bridge vote. The council voted. Vote fails. No."

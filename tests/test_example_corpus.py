"""The bundled example corpus end to end with the real models: the foundation's acceptance checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.report.schema import validate_evidence

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "soleimani-2020"
# Page furniture in the example files: none of it may remain in any article body.
FURNITURE = (
    "Leave a Reply",
    "Your email address will not be published",
    "The maximum upload file size",
    "Subscribe",
    "Newsfeed",
    "log in or register",
    "To participate in the discussion",
    "loader",
    "Chats",
    "Заголовок",
    "© AFP 2023",
    "In this file photo",
    "Related News",
    "Credit: J. Scott Applewhite/AP",
    "About the Author",
    "By AFP Staff",
)

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def evidence(example_evidence: dict) -> dict:  # type: ignore[type-arg]
    return example_evidence


def test_all_five_articles_analysed_and_valid(evidence: dict) -> None:  # type: ignore[type-arg]
    assert [i["status"] for i in evidence["inputs"]] == ["analysed"] * 5
    assert validate_evidence(evidence) == []


def test_no_furniture_left_in_any_body(evidence: dict) -> None:  # type: ignore[type-arg]
    for article in evidence["articles"]:
        for line in FURNITURE:
            assert line not in article["text"], (article["source"], line)


def test_no_line_of_the_article_was_lost(evidence: dict) -> None:  # type: ignore[type-arg]
    for article in evidence["articles"]:
        original = Path(article["source"]).read_text(encoding="utf-8")
        kept = set(article["text"].split("\n\n")) | set(article["removed"]) | {article["title"]}
        for line in (line.strip() for line in original.splitlines()):
            assert not line or line in kept, (article["source"], line)


def test_metadata_is_found_or_left_null(evidence: dict) -> None:  # type: ignore[type-arg]
    by_file = {Path(a["source"]).name[:3]: a for a in evidence["articles"]}
    assert by_file["003"]["title"] is None  # its first line is a sentence of the body
    assert by_file["004"]["byline"] == "AFP Staff"
    # "By AFP Staff" is American Free Press's byline, not Agence France-Presse (outlets/registry.json)
    assert by_file["004"]["outlet"] == "American Free Press"
    published = by_file["000"]["published"]  # nothing on that page dates it: at most an inference
    assert published["value"] is None or (published["source"] == "inferred" and published["evidence"])


def test_entities_join_spellings_and_keep_labels(evidence: dict) -> None:  # type: ignore[type-arg]
    soleimani = [e for e in evidence["entities"] if "Soleimani" in e["name"]]
    assert len(soleimani) == 1
    assert {"Qasem Soleimani", "Qassem Soleimani"} <= set(soleimani[0]["aliases"])
    labels = {lb["text"] for lb in soleimani[0]["labels"]}
    assert "anti-terror commanders" in labels and "Iran’s top military leader" in labels
    isis = [e for e in evidence["entities"] if {"ISIS", "Daesh"} & set(e["aliases"])]
    assert len(isis) == 1
    for name in ("Mark Esper", "Mark Milley"):
        matches = [e for e in evidence["entities"] if e["name"] == name]
        assert len(matches) == 1 and name.split()[-1] in matches[0]["aliases"]
    assert any(
        e["name"] == "Robert O'Brien" and "Robert O’Brien" in e["aliases"] for e in evidence["entities"]
    )

"""The invented stories of tests/data/relations/ through the real pipeline, and how their tests read the
evidence: each story's articles analysed once per test module, relations with their groups' texts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

STORIES = Path(__file__).parent / "data" / "relations"


def analyze_story(name: str) -> dict[str, Any]:
    """The evidence map of one invented story: its articles only (the folder's README.md describes the
    story and would be read as one more article)."""
    pytest.importorskip("spacy")
    pytest.importorskip("sentence_transformers")
    import rashomon

    return rashomon.analyze([str(path) for path in sorted((STORIES / name).glob("*.json"))]).evidence


def group_texts(evidence: dict[str, Any], group_id: str) -> list[str]:
    claims = {c["id"]: c["text"] for c in evidence["claims"]}
    group = next(g for g in evidence["groups"] if g["id"] == group_id)
    return [claims[c] for c in group["claims"]]


def relations(evidence: dict[str, Any], kind: str) -> list[tuple[str, str, dict[str, Any]]]:
    """The relations of ``kind``, each with the texts of its two groups' claims joined by " | "."""
    claims = {c["id"]: c["text"] for c in evidence["claims"]}
    groups = {g["id"]: g for g in evidence["groups"]}
    return [
        (
            " | ".join(claims[c] for c in groups[r["a"]]["claims"]),
            " | ".join(claims[c] for c in groups[r["b"]]["claims"]),
            r,
        )
        for r in evidence["relations"]
        if r["type"] == kind
    ]

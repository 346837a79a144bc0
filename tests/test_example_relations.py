"""Issue #4's example-corpus relations, checked on the real pipeline's evidence map."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.integration


def _disputes(evidence: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(text of the doubting claim, all claim texts of the target group, relation) per dispute."""
    claims = {c["id"]: c for c in evidence["claims"]}
    groups = {g["id"]: g for g in evidence["groups"]}
    found = []
    for relation in evidence["relations"]:
        if relation["type"] != "dispute":
            continue
        doubter = claims[relation["evidence"][0]]["text"]
        target = " | ".join(claims[c]["text"] for c in groups[relation["b"]]["claims"])
        found.append((doubter, target, relation))
    return found


def test_june_order_disputes_the_imminent_attack_justification(example_evidence: dict[str, Any]) -> None:
    disputes = _disputes(example_evidence)
    for cue in ("undercutting", "raising serious questions"):
        assert any(cue in doubter and "imminent" in target for doubter, target, _ in disputes), cue


def test_iraqi_doubts_dispute_the_militia_account(example_evidence: dict[str, Any]) -> None:
    disputes = _disputes(example_evidence)
    assert any(
        ("unlikely" in doubter or "skeptical" in doubter) and "militia" in target
        for doubter, target, _ in disputes
    )


def test_esper_disputes_the_four_embassies_claim(example_evidence: dict[str, Any]) -> None:
    claims = {c["id"]: c for c in example_evidence["claims"]}
    disputes = _disputes(example_evidence)
    hits = [r for doubter, target, r in disputes if "didn't see one" in doubter and "embassies" in target]
    assert hits
    target_group = next(g for g in example_evidence["groups"] if g["id"] == hits[0]["b"])
    speakers = {claims[c]["speaker"] for c in target_group["claims"]}
    assert "Donald Trump" in speakers  # "... four U.S. embassies as Trump had claimed"
    assert all(r["explanation"] and r["evidence"] for r in hits)

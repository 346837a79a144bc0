"""``rashomon eval provenance``: origin counting on rashomon's own annotated stories.

No public benchmark counts independent origins, so the project keeps a small set of its own under
``tests/data/provenance/``: one folder per invented story, its articles as JSON records, and an
``expected.json`` listing claim groups (by file and a sentence fragment) with their
``independent_origins``, and the outlets each article cites. Limits: the stories are short and
written for the purpose; they test the rules, not the variety of real news.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rashomon.claims.outlets import outlet_key
from rashomon.errors import DataError
from rashomon.evaluation.registry import EvalTask, Scores, register

EXPECTED = "expected.json"


def score_story(evidence: dict[str, Any], expected: dict[str, Any]) -> dict[str, float]:
    """Counts for one story: origin counts right, groups kept together, citations found."""
    files = {a["id"]: Path(a["source"]).name for a in evidence["articles"]}
    group_of = {c: g for g in evidence["groups"] for c in g["claims"]}
    counts = {
        "groups": 0.0,
        "origins_right": 0.0,
        "grouped": 0.0,
        "cite_tp": 0.0,
        "cite_fp": 0.0,
        "cite_fn": 0.0,
    }
    for wanted in expected["groups"]:
        counts["groups"] += 1
        claims = [
            _claim_for(evidence["claims"], files, file, fragment) for file, fragment in wanted["sentences"]
        ]
        groups = {group_of[c["id"]]["id"] for c in claims if c is not None and c["id"] in group_of}
        first = next((group_of[c["id"]] for c in claims if c is not None and c["id"] in group_of), None)
        if first is not None and first["independent_origins"] == wanted["independent_origins"]:
            counts["origins_right"] += 1
        if len(groups) == 1 and all(c is not None for c in claims):
            counts["grouped"] += 1
    for file, cited in expected["cites"].items():
        found = {
            outlet_key(n) for c in evidence["claims"] if files.get(c["article"]) == file for n in c["cites"]
        }
        wanted = {outlet_key(name) for name in cited}
        counts["cite_tp"] += len(found & wanted)
        counts["cite_fp"] += len(found - wanted)
        counts["cite_fn"] += len(wanted - found)
    return counts


def _claim_for(claims: Sequence[dict[str, Any]], files: dict[str, str], file: str, fragment: str) -> Any:
    for claim in claims:
        if files.get(claim["article"]) == file and fragment in claim["text"]:
            return claim
    return None


def run_provenance(data: Path, split: str, limit: int | None) -> Scores:
    import rashomon

    stories = sorted(p for p in data.iterdir() if (p / EXPECTED).is_file())
    if not stories:
        raise DataError(
            f"no story folders with {EXPECTED} under '{data}'", hint="use --data tests/data/provenance"
        )
    totals: dict[str, float] = {}
    for story in stories[:limit]:
        articles = sorted(str(p) for p in story.iterdir() if p.name != EXPECTED)
        evidence = rashomon.analyze(articles).evidence
        expected = json.loads((story / EXPECTED).read_text(encoding="utf-8"))
        for key, value in score_story(evidence, expected).items():
            totals[key] = totals.get(key, 0.0) + value
    return Scores(n=int(totals["groups"]), metrics=_metrics(totals), primary="origin_count_accuracy")


def _metrics(t: dict[str, float]) -> dict[str, float]:
    precision = t["cite_tp"] / max(t["cite_tp"] + t["cite_fp"], 1.0)
    recall = t["cite_tp"] / max(t["cite_tp"] + t["cite_fn"], 1.0)
    return {
        "origin_count_accuracy": round(t["origins_right"] / max(t["groups"], 1.0), 4),
        "grouped_together": round(t["grouped"] / max(t["groups"], 1.0), 4),
        "citation_precision": round(precision, 4),
        "citation_recall": round(recall, 4),
    }


register(
    EvalTask(
        name="provenance",
        dataset="rashomon's own set (tests/data/provenance/)",
        primary="origin_count_accuracy",
        anchor="none (no public benchmark counts independent origins)",
        splits=("dev",),
        run=run_provenance,
    )
)

"""``rashomon eval provenance``: origin counting on rashomon's own annotated stories.

No public benchmark counts independent origins, so the project keeps a small set of its own under
``tests/data/provenance/``: one folder per invented story, its articles as JSON records, and an
``expected.json`` listing claim groups (by file and a sentence fragment) with their
``independent_origins``, the outlets each article cites and (optionally) the copying between
articles (``reuse``: wire copy, rewrites, passages). Limits: the stories are short and
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
        "claim_origins_right": 0.0,
        "grouped": 0.0,
        "cite_tp": 0.0,
        "cite_fp": 0.0,
        "cite_fn": 0.0,
        "reuse_tp": 0.0,
        "reuse_fp": 0.0,
        "reuse_fn": 0.0,
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
        if (
            all(c is not None for c in claims)
            and _origins_of(evidence, claims) == wanted["independent_origins"]
        ):
            counts["claim_origins_right"] += 1
    for file, cited in expected["cites"].items():
        found = {
            outlet_key(n) for c in evidence["claims"] if files.get(c["article"]) == file for n in c["cites"]
        }
        wanted = {outlet_key(name) for name in cited}
        counts["cite_tp"] += len(found & wanted)
        counts["cite_fp"] += len(found - wanted)
        counts["cite_fn"] += len(wanted - found)
    if "reuse" in expected:
        _score_reuse(evidence, expected["reuse"], files, counts)
    return counts


def _score_reuse(
    evidence: dict[str, Any],
    expected: Sequence[dict[str, Any]],
    files: dict[str, str],
    counts: dict[str, float],
) -> None:
    """Copying between articles (wire, rewrite, passage; shared quotes are a common source, not
    scored): a found pair is right when the expected list has the same two files and kind."""
    found = {
        (frozenset(files.get(a, a) for a in r["articles"]), r["kind"])
        for r in evidence.get("reuse", [])
        if r.get("kind") != "quote"
    }
    wanted = {(frozenset(r["articles"]), r["kind"]) for r in expected}
    counts["reuse_tp"] += len(found & wanted)
    counts["reuse_fp"] += len(found - wanted)
    counts["reuse_fn"] += len(wanted - found)


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


def _origins_of(evidence: dict[str, Any], claims: Sequence[Any]) -> int:
    """Distinct origins (name, kind) behind the given claims, across whatever groups alignment put them
    in: the provenance stage's own answer, apart from alignment's splits."""
    ids = {c["id"] for c in claims}
    return len(
        {(o["name"], o["kind"]) for g in evidence["groups"] for o in g["origins"] if ids & set(o["claims"])}
    )


def _metrics(t: dict[str, float]) -> dict[str, float]:
    precision = t["cite_tp"] / max(t["cite_tp"] + t["cite_fp"], 1.0)
    recall = t["cite_tp"] / max(t["cite_tp"] + t["cite_fn"], 1.0)
    reuse_precision = t["reuse_tp"] / max(t["reuse_tp"] + t["reuse_fp"], 1.0)
    reuse_recall = t["reuse_tp"] / max(t["reuse_tp"] + t["reuse_fn"], 1.0)
    return {
        "reuse_precision": round(reuse_precision, 4),
        "reuse_recall": round(reuse_recall, 4),
        "origin_count_accuracy": round(t["origins_right"] / max(t["groups"], 1.0), 4),
        "grouped_together": round(t["grouped"] / max(t["groups"], 1.0), 4),
        "claim_origin_accuracy": round(t["claim_origins_right"] / max(t["groups"], 1.0), 4),
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

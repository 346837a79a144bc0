"""A story's roundup: a few extractive lines, each pointing to the claims it rests on.

What a careful editor leads with, read off the evidence map rather than written: the claims with the most
independent origins (what is best established), the strongest disputes with who stands on each side,
and the timeline's first and last dated entries. Every line quotes the articles' own words (a group's
summary) and carries the ids of the claims behind it, so a reader can check each one. Nothing is
paraphrased, so nothing is added; the wording is the articles' (no framing stage yet filters loaded
words, see docs/stories.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["established", "contested", "timeline"]
ESTABLISHED, CONTESTED = 2, 2  # lines of each kind
_SUMMARY_CHARS = 200


@dataclass(frozen=True, slots=True)
class RoundupLine:
    kind: Kind
    text: str
    claims: tuple[str, ...]


def build_roundup(evidence: Mapping[str, Any]) -> list[RoundupLine]:
    groups = {g["id"]: g for g in _records(evidence, "groups")}
    return [*_established(groups.values()), *_contested(evidence, groups), *_timeline(evidence)]


def _established(groups: Sequence[Mapping[str, Any]] | Any) -> list[RoundupLine]:
    shared = [g for g in groups if len(g.get("articles", [])) > 1 and g.get("independent_origins", 0) > 0]
    shared.sort(key=lambda g: (-g["independent_origins"], -len(g["articles"]), g["id"]))
    lines = []
    for group in shared[:ESTABLISHED]:
        origins = _origin_names(group)
        n = group["independent_origins"]
        text = (
            f"“{_clip(group.get('summary', ''))}”: {len(group['articles'])} articles, "
            f"{n} independent origin{'s' if n != 1 else ''} ({origins})."
        )
        lines.append(RoundupLine("established", text, tuple(group.get("claims", [])[:1])))
    return lines


def _contested(evidence: Mapping[str, Any], groups: Mapping[str, Mapping[str, Any]]) -> list[RoundupLine]:
    """The strongest disputes, the challenging claim first (a relation's first evidence claim)."""
    claims = {c["id"]: c for c in _records(evidence, "claims")}
    disputes = [r for r in _records(evidence, "relations") if r.get("type") in ("contradict", "dispute")]
    disputes.sort(key=lambda r: -float(r.get("score") or 0.0))
    lines = []
    for relation in disputes[:CONTESTED]:
        a, b = groups.get(relation.get("a", "")), groups.get(relation.get("b", ""))
        pair = [claims.get(i) for i in relation.get("evidence", [])[:2]]
        if a is None or b is None or len(pair) < 2 or pair[0] is None or pair[1] is None:
            continue
        verb = "contradicts" if relation["type"] == "contradict" else "disputes"
        text = (
            f"{_origin_names(a)} {verb} {_origin_names(b)}: “{_clip(pair[0].get('text', ''))}” against "
            f"“{_clip(pair[1].get('text', ''))}”."
        )
        lines.append(RoundupLine("contested", text, tuple(relation.get("evidence", []))))
    return lines


def _timeline(evidence: Mapping[str, Any]) -> list[RoundupLine]:
    dated = sorted((e for e in _records(evidence, "timeline") if e.get("date")), key=lambda e: str(e["date"]))
    ends = dated[:1] + dated[-1:] if len(dated) > 1 else dated
    return [
        RoundupLine("timeline", f"{e['date']}: {_clip(e.get('summary', ''))}", tuple(e.get("claims", [])[:1]))
        for e in ends
    ]


def _origin_names(group: Mapping[str, Any]) -> str:
    names = [str(o.get("name")) for o in group.get("origins", []) if isinstance(o, Mapping) and o.get("name")]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "") or "unattributed"


def _clip(text: object) -> str:
    value = " ".join(str(text).split()).rstrip(",;: ")  # a quote cut before "he said" keeps its comma
    return value if len(value) <= _SUMMARY_CHARS else value[: _SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _records(evidence: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    return [item for item in evidence.get(key, []) if isinstance(item, Mapping)]

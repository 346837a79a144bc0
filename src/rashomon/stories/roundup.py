"""A story's roundup: a few extractive lines, each pointing to the claims it rests on.

What a careful editor leads with, read off the evidence map rather than written: the claims with the most
independent origins (what is best established), the strongest disputes with who stands on each side,
and the timeline's first and last dated entries. Every line quotes the articles' own words (a group's
summary) and carries the ids of the claims behind it, so a reader can check each one. Nothing is
paraphrased, so nothing is added; the wording is the articles', chosen among a group's claims to avoid
the loaded-language and propaganda spans the framing stage found (``NeutralWording``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["headline", "established", "contested", "timeline"]
ESTABLISHED, CONTESTED = 2, 2  # lines of each kind
_SUMMARY_CHARS = 200


@dataclass(frozen=True, slots=True)
class RoundupLine:
    kind: Kind
    text: str
    claims: tuple[str, ...]
    quote: str = ""  # the articles' own words the line quotes, without rashomon's framing of them


def build_roundup(evidence: Mapping[str, Any]) -> list[RoundupLine]:
    groups = {g["id"]: g for g in _records(evidence, "groups")}
    neutral = NeutralWording(evidence)
    lines = [*_established(groups.values(), neutral), *_contested(evidence, groups), *_timeline(evidence)]
    return [*_headline(evidence, neutral), *lines]


def _headline(evidence: Mapping[str, Any], neutral: NeutralWording) -> list[RoundupLine]:
    """The headline most like the others (summed word overlap), preferring one without loaded spans: the
    story as most of its outlets put it, in the words of the least loaded of them."""
    titled = [a for a in _records(evidence, "articles") if a.get("title")]
    if len(titled) < 2:
        return []
    words = [set(re.findall(r"[a-z0-9]{3,}", str(a["title"]).lower())) for a in titled]
    shared = [sum(len(w & other) for other in words) - len(w) for w in words]
    clean = [i for i, a in enumerate(titled) if not neutral.loaded_title(str(a.get("id")), str(a["title"]))]
    best = max(clean or range(len(titled)), key=lambda i: (shared[i], -i))
    title, article = str(titled[best]["title"]), titled[best].get("id")
    claim = [
        c["id"]
        for c in _records(evidence, "claims")
        if c.get("article") == article and c.get("field") == "title"
    ]
    return [RoundupLine("headline", title, tuple(claim[:1]), title)]


class NeutralWording:
    """Picks, among a group's claims, wording that carries none of the loaded-language or propaganda
    spans the framing stage found: a roundup should not repeat one outlet's loaded words as the story's."""

    def __init__(self, evidence: Mapping[str, Any]) -> None:
        self._claims = {c["id"]: c for c in _records(evidence, "claims")}
        framing = evidence.get("framing")
        per_article = framing.get("articles", {}) if isinstance(framing, Mapping) else {}
        self._loaded: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for article, found in per_article.items() if isinstance(per_article, Mapping) else ():
            for span in found.get("loaded", []) if isinstance(found, Mapping) else ():
                key = (str(article), str(span.get("field", "text")))
                self._loaded.setdefault(key, []).append((int(span["start"]), int(span["end"])))

    def loaded_title(self, article: str, title: str) -> bool:
        return bool(self._loaded.get((article, "title"))) and bool(title)

    def loaded(self, claim: Mapping[str, Any]) -> bool:
        spans = self._loaded.get((str(claim.get("article")), str(claim.get("field", "text"))), [])
        start, end = int(claim.get("start", 0)), int(claim.get("end", 0))
        return any(s < end and start < e for s, e in spans)

    def choose(self, group: Mapping[str, Any]) -> tuple[str, str]:
        """(claim id, its words): the summary's claim when it is clean, else the clean member most worth
        checking, else the summary as it is."""
        members = [self._claims[c] for c in group.get("claims", []) if c in self._claims]
        clean = [c for c in members if not self.loaded(c)]
        summary = str(group.get("summary", ""))
        for claim in clean:
            if claim.get("text") == summary:
                return str(claim["id"]), summary
        if clean:
            best = max(
                clean, key=lambda c: (float(c.get("checkworthiness") or 0.0), -len(str(c.get("text"))))
            )
            return str(best["id"]), str(best.get("text", ""))
        first = group.get("claims", [""])
        return str(first[0] if first else ""), summary


def _established(groups: Sequence[Mapping[str, Any]] | Any, neutral: NeutralWording) -> list[RoundupLine]:
    shared = [g for g in groups if len(g.get("articles", [])) > 1 and g.get("independent_origins", 0) > 0]
    shared.sort(key=lambda g: (-g["independent_origins"], -len(g["articles"]), g["id"]))
    lines = []
    for group in shared[:ESTABLISHED]:
        origins = _origin_names(group)
        n = group["independent_origins"]
        claim, words = neutral.choose(group)
        text = (
            f"“{_clip(words)}”: {len(group['articles'])} articles, "
            f"{n} independent origin{'s' if n != 1 else ''} ({origins})."
        )
        lines.append(RoundupLine("established", text, (claim,) if claim else (), _clip(words)))
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
        quote = f"{_clip(pair[0].get('text', ''))} {_clip(pair[1].get('text', ''))}"
        lines.append(RoundupLine("contested", text, tuple(relation.get("evidence", [])), quote))
    return lines


def _timeline(evidence: Mapping[str, Any]) -> list[RoundupLine]:
    dated = sorted((e for e in _records(evidence, "timeline") if e.get("date")), key=lambda e: str(e["date"]))
    ends = dated[:1] + dated[-1:] if len(dated) > 1 else dated
    return [
        RoundupLine(
            "timeline",
            f"{e['date']}: {_clip(e.get('summary', ''))}",
            tuple(e.get("claims", [])[:1]),
            _clip(e.get("summary", "")),
        )
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

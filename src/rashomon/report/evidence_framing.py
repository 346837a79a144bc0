"""The ``framing`` part of the evidence map: per article its techniques, its words for the central act
and what it omits; per key entity each article's labels; the acts' word spectrum and the stance matrix."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rashomon.model.framing import ArticleStance, CentralAct, TechniqueSpan
from rashomon.pipeline import Batch


def framing_evidence(batch: Batch) -> dict[str, Any]:
    framing = batch.framing
    techniques: dict[str, list[TechniqueSpan]] = defaultdict(list)
    for span in batch.techniques:
        techniques[span.article].append(span)
    words: dict[str, list[str]] = defaultdict(list)
    for act in framing.acts:
        for word in act.words:
            if word.term not in words[word.article]:
                words[word.article].append(word.term)
    omitted: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for omission in framing.omissions:
        omitted[omission.article].append(
            {"group": omission.group, "weight": omission.weight, "carried_by": list(omission.carried_by)}
        )
    articles = {
        a.id: {
            "loaded": [
                _technique(s) for s in sorted(techniques[a.id], key=lambda s: (s.field != "title", s.start))
            ],
            "central_act": words[a.id],
            "omits": [o["group"] for o in omitted[a.id]],
            "omitted": omitted[a.id],
            "words": len(a.text.split()),
        }
        for a in batch.articles
    }
    labels = [
        {"entity": e.entity, "name": e.name, "by_article": _by_article(e.labels)} for e in framing.labels
    ]
    return {
        "articles": articles,
        "labels": labels,
        "acts": [_act(a) for a in framing.acts],
        "matrix": [_cell(c) for c in framing.matrix],
    }


def _technique(span: TechniqueSpan) -> dict[str, Any]:
    return {
        "field": span.field,
        "start": span.start,
        "end": span.end,
        "text": span.text,
        "technique": span.technique,
        "score": span.score,
    }


def _by_article(labels: tuple[tuple[str, str], ...]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for article, text in labels:
        out[article].append(text)
    return dict(out)


def _act(act: CentralAct) -> dict[str, Any]:
    return {
        "id": act.id,
        "name": act.name,
        "target": act.target,
        "words": [
            {
                "article": w.article,
                "field": w.field,
                "start": w.start,
                "end": w.end,
                "text": w.text,
                "term": w.term,
                "family": w.family,
                "loaded": w.loaded,
            }
            for w in act.words
        ],
    }


def _cell(cell: ArticleStance) -> dict[str, Any]:
    return {"article": cell.article, "group": cell.group, "stance": cell.stance, "claims": list(cell.claims)}

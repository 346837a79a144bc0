"""Pure helpers over an evidence map: the story-list summary, claim rows, and the line a run prints."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from rashomon.report.evidence import Evidence
from rashomon.store.protocol import AddResult


@dataclass(frozen=True, slots=True)
class Summary:
    title: str
    outlets: tuple[str, ...]
    first_published: str | None
    last_published: str | None
    articles: int
    groups: int
    contested: int
    events: int


def summarise(evidence: Evidence) -> Summary:
    articles = evidence["articles"]
    dates = sorted(a["published"]["value"] for a in articles if a["published"]["value"])
    outlets = tuple(dict.fromkeys(a["outlet"] for a in articles if a["outlet"]))
    contested = {
        side
        for r in evidence["relations"]
        if r["type"] in ("contradict", "dispute")
        for side in (r["a"], r["b"])
    }
    return Summary(
        title=story_title(articles),
        outlets=outlets,
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
        articles=len(articles),
        groups=len(evidence["groups"]),
        contested=len(contested),
        events=len(evidence["events"]),
    )


def story_title(articles: Sequence[dict[str, Any]]) -> str:
    """The first article's headline (the story as first added), else its file name."""
    for article in articles:
        if article["title"]:
            return str(article["title"])
    return PurePath(str(articles[0]["source"])).name if articles else "(empty story)"


def claim_rows(evidence: Evidence) -> list[dict[str, Any]]:
    """One row per claim, with its article's outlet and its group's independent origins (export, search)."""
    articles = {a["id"]: a for a in evidence["articles"]}
    group_of = {claim_id: g for g in evidence["groups"] for claim_id in g["claims"]}
    rows = []
    for claim in evidence["claims"]:
        article = articles.get(claim["article"], {})
        group = group_of.get(claim["id"])
        rows.append(
            {
                "claim": claim["id"],
                "article": claim["article"],
                "outlet": article.get("outlet"),
                "title": article.get("title"),
                "speaker": claim["speaker"],
                "cue": claim["cue"],
                "source_type": claim["source_type"],
                "quote": claim["quote"],
                "text": claim["text"],
                "group": group["id"] if group else None,
                "independent_origins": group["independent_origins"] if group else None,
                "hedged": bool(claim["hedged"]),
                "checkworthiness": float(claim["checkworthiness"]),
                "field": claim.get("field", "text"),
                "start": claim["start"],
                "end": claim["end"],
            }
        )
    return rows


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def describe(result: AddResult, article_stages: Sequence[str], story_articles: int) -> str:
    """One line saying what a run stored, reused and recomputed."""
    parts = [f"stored {_count(result.added, 'new article')}, {result.duplicates} already stored"]
    if result.reused_articles:
        cached = ", ".join(article_stages)
        parts.append(f"reused per-article results for {_count(result.reused_articles, 'article')} ({cached})")
    whole = [s for s in result.reused_stages if s not in article_stages]
    if whole:
        parts.append(f"reused the story's results whole for {', '.join(whole)}")
    computed = story_articles - result.reused_articles
    recomputed = [
        f"{stage} ({_count(computed, 'article')})" if stage in article_stages and computed else stage
        for stage in result.recomputed_stages
    ]
    parts.append(f"recomputed {', '.join(recomputed)}" if recomputed else "recomputed nothing")
    return "; ".join(parts)

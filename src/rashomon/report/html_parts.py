"""Small HTML building blocks shared by the report's sections: sections, references, badges, empty states."""

from __future__ import annotations

from collections.abc import Iterable

from rashomon.report.html_text import attr, bdi, esc
from rashomon.report.view import Story, string

# spaCy types that get their own colour; everything else shares one neutral tint.
ENTITY_COLOURS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT")


def entity_class(entity_type: str | None) -> str:
    """A fixed CSS class per known type: the type string itself never reaches a class attribute."""
    return f"t-{entity_type.lower()}" if entity_type in ENTITY_COLOURS else "t-other"


def section(anchor: str, title: str, count: int | None, body: str, intro: str = "") -> str:
    counter = f' <span class="count">{count}</span>' if count is not None else ""
    lead = f'<p class="intro">{esc(intro)}</p>' if intro else ""
    return f'<section id="{attr(anchor)}"><h2>{esc(title)}{counter}</h2>{lead}{body}</section>'


def none_found(message: str) -> str:
    return f'<p class="none">{esc(message)}</p>'


def data_articles(article_ids: Iterable[str]) -> str:
    """The attribute the article filter reads; ids are escaped like any other article-derived text."""
    return f' data-articles="{attr(" ".join(dict.fromkeys(article_ids)))}"'


def article_anchor(story: Story, article_id: str | None) -> str:
    return f"article-{story.article_number.get(article_id or '', 0)}"


def article_ref(story: Story, article_id: str | None) -> str:
    """A compact in-page link to an article card: "#2 Northgate Daily"."""
    if (article_id or "") not in story.article_number:
        return f'<span class="ref missing">{bdi(story.article_name(article_id))}</span>'
    name = bdi(story.article_name(article_id))
    href = story.links.article(article_id, article_anchor(story, article_id))
    return f'<a class="ref" href="{attr(href)}">{name}</a>'


def article_refs(story: Story, article_ids: Iterable[str]) -> str:
    refs = [article_ref(story, article_id) for article_id in dict.fromkeys(article_ids)]
    return ", ".join(refs) if refs else '<span class="muted">none</span>'


def claim_anchor(story: Story, claim_id: str) -> str:
    return "claim-" + story.claim_label.get(claim_id, "x").replace(".", "-")


def span_anchor(story: Story, claim_id: str) -> str:
    """Where a claim's words start in its article's highlighted text."""
    return "span-" + story.claim_label.get(claim_id, "x").replace(".", "-")


def claim_ref(story: Story, claim_id: str) -> str:
    label = story.claim_label.get(claim_id)
    if label is None:
        return f'<span class="ref missing">claim {bdi(claim_id)} (not in this map)</span>'
    href = story.links.story(claim_anchor(story, claim_id))
    return f'<a class="ref claim-no" href="{attr(href)}">{esc(label)}</a>'


def group_ref(story: Story, group_id: str) -> str:
    label = story.group_label.get(group_id)
    if label is None:
        return f'<span class="ref missing">group {bdi(group_id)} (not in this map)</span>'
    summary = string(story.group_by_id.get(group_id), "summary") or ""
    href = story.links.story(f"group-{label}")
    return f'<a class="ref group-no" href="{attr(href)}" title="{attr(summary)}">{esc(label)}</a>'


def badge(text: str, kind: str = "") -> str:
    css = f"badge {kind}".strip()
    return f'<span class="{attr(css)}">{esc(text)}</span>'


def quoted_claim(story: Story, claim_id: str) -> str:
    """A claim as evidence: its number, words, article and speaker."""
    claim = story.claim_by_id.get(claim_id)
    if claim is None:
        return f'<li class="evidence">{claim_ref(story, claim_id)}</li>'
    speaker = string(claim, "speaker") or "no attributed speaker"
    return (
        f'<li class="evidence">{claim_ref(story, claim_id)} <q>{bdi(string(claim, "text") or "")}</q>'
        f'<div class="by">{bdi(speaker)} · {article_ref(story, string(claim, "article"))}</div></li>'
    )

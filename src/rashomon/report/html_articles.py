"""The report's header (what went in, what came out) and the articles side by side, highlighted."""

from __future__ import annotations

from collections.abc import Iterator

from rashomon.report.html_parts import (
    ENTITY_COLOURS,
    article_anchor,
    badge,
    claim_anchor,
    data_articles,
    entity_class,
    none_found,
    section,
    span_anchor,
)
from rashomon.report.html_text import CLAIM_LAYER, ENTITY_LAYER, LOADED_LAYER, Mark, attr, bdi, esc, highlight
from rashomon.report.view import (
    UNKNOWN,
    Record,
    Story,
    chain_text,
    input_counts,
    published_text,
    record,
    records,
    story_counts,
    story_headline,
    string,
    strings,
)

UNKNOWN_HTML = '<span class="muted">unknown</span>'


def overview(story: Story) -> str:
    stats = "".join(_stat(count) for count in story_counts(story.evidence, story))
    return (
        '<header class="overview"><p class="kicker">rashomon · evidence map</p>'
        f"<h1>{esc(story_headline(story.articles))}</h1>"
        f'<div class="stats">{stats}</div>{_inputs(story)}</header>'
    )


def _stat(count: str) -> str:
    number, _, label = count.partition(" ")
    return f"<div><b>{esc(number)}</b> {esc(label)}</div>"


def _inputs(story: Story) -> str:
    inputs = records(story.evidence, "inputs")
    if not inputs:
        return '<p class="inputs">No record of the inputs given.</p>'
    counts = " · ".join(
        f"{badge(f'{n} {status}', 'st-' + _status_class(status))}" for status, n in input_counts(inputs)
    )
    # Analysed inputs are listed too when they carry a note (a warning from reading them).
    problems = [item for item in inputs if string(item, "status") != "analysed" or string(item, "reason")]
    rows = "".join(
        f"<li>{badge(string(item, 'status') or UNKNOWN, 'st-' + _status_class(string(item, 'status')))} "
        f"<code>{bdi(string(item, 'source') or UNKNOWN)}</code> — "
        f"{esc(string(item, 'reason') or 'no reason given')}</li>"
        for item in problems
    )
    details = f'<ul class="input-problems">{rows}</ul>' if rows else ""
    return f'<div class="inputs"><span class="label">Inputs</span> {counts}{details}</div>'


def _status_class(status: str | None) -> str:
    return status if status in ("analysed", "duplicate", "skipped", "failed") else "other"


# --- article cards -------------------------------------------------------------------------------------


def articles_section(story: Story) -> str:
    if not story.articles:
        return section("articles", "Articles", 0, none_found("No articles were analysed."))
    cards = "".join(article_card(story, number, article) for number, article in enumerate(story.articles, 1))
    return section(
        "articles",
        "Articles side by side",
        len(story.articles),
        legend() + f'<div class="cards">{cards}</div>',
    )


def legend() -> str:
    types = "".join(f'<mark class="ent {entity_class(t)}">{esc(t)}</mark>' for t in ENTITY_COLOURS)
    return (
        f'<p class="legend">{types}<mark class="ent t-other">other</mark>'
        '<mark class="ent t-person speaker">speaker</mark><span class="desc-label">descriptive label</span>'
        '<span class="claim">claim</span><span class="loaded">loaded language</span>'
        '<span class="muted">Hover a highlight for details; numbers link to the claim tables.</span></p>'
    )


def article_card(story: Story, number: int, article: Record) -> str:
    """One article, highlighted; the web app's article page shows the same card."""
    article_id = string(article, "id") or ""
    title = string(article, "title")
    title_html = (
        highlight(title, list(_marks(story, article_id, "title")))
        if title
        else '<span class="muted">untitled</span>'
    )
    text = string(article, "text") or ""
    body = (
        highlight(text, list(_marks(story, article_id, "text"))) if text else none_found("No article text.")
    )
    return (
        f'<article class="card" id="{article_anchor(story, article_id)}"{data_articles([article_id])}>'
        f'<div class="card-head"><span class="no">#{number}</span> '
        f'<span class="outlet">{bdi(string(article, "outlet") or "unknown outlet")}</span></div>'
        f'<h3 class="title" dir="auto">{title_html}</h3>{_metadata(article)}'
        f'<div class="body" dir="auto">{body}</div>{_removed(article)}</article>'
    )


def _metadata(article: Record) -> str:
    published = record(article, "published")
    rows = [
        ("Byline", string(article, "byline")),
        ("Published", published_text(article) if string(published, "value") else None),
        ("Date evidence", string(published, "evidence")),
        ("Source", string(article, "source")),
    ]
    cells = "".join(
        f"<dt>{esc(name)}</dt><dd>{bdi(value) if value else UNKNOWN_HTML}</dd>" for name, value in rows
    )
    return f'<dl class="meta">{cells}</dl>'


def _removed(article: Record) -> str:
    removed = strings(article, "removed")
    if not removed:
        return '<p class="removed-none muted">No boilerplate removed.</p>'
    items = "".join(f"<li><pre>{esc(block)}</pre></li>" for block in removed)
    summary = f"<summary>Removed as boilerplate ({len(removed)})</summary>"
    return f'<details class="removed">{summary}<ol>{items}</ol></details>'


def _marks(story: Story, article_id: str, field: str) -> Iterator[Mark]:
    yield from _claim_marks(story, article_id, field)
    yield from _entity_marks(story, article_id, field)
    yield from _loaded_marks(story, article_id, field)
    yield from _label_marks(story, article_id, field)


def _in_field(span: Record, article_id: str, field: str) -> bool:
    return string(span, "article") == article_id and (string(span, "field") or "text") == field


def _claim_marks(story: Story, article_id: str, field: str) -> Iterator[Mark]:
    for claim in story.claims_of(article_id):
        start, end = claim.get("start"), claim.get("end")
        if not (_in_field(claim, article_id, field) and isinstance(start, int) and isinstance(end, int)):
            continue
        claim_id = string(claim, "id") or ""
        label = story.claim_label.get(claim_id, "?")
        tip = f"Claim {label}: {chain_text(claim)} · {string(claim, 'source_type') or 'unknown source'}"
        href = story.links.story(claim_anchor(story, claim_id))
        lead = f'<a class="cref" id="{span_anchor(story, claim_id)}" href="{attr(href)}">{esc(label)}</a>'
        yield Mark(start, end, CLAIM_LAYER, f'<span class="claim" title="{attr(tip)}">', "</span>", lead)


def _entity_marks(story: Story, article_id: str, field: str) -> Iterator[Mark]:
    speaks: dict[str, list[str]] = {}  # entity id -> labels of the claims it makes in this article
    for claim in story.claims_of(article_id):
        if speaker := string(claim, "speaker_entity"):
            speaks.setdefault(speaker, []).append(story.claim_label.get(string(claim, "id") or "", "?"))
    tags: dict[str, str] = {}  # entity id -> its opening tag in this article
    for entity_id, entity, mention in story.entity_spans(article_id, "mentions"):
        start, end = mention.get("start"), mention.get("end")
        if not (_in_field(mention, article_id, field) and isinstance(start, int) and isinstance(end, int)):
            continue
        if entity_id not in tags:
            name, entity_type = string(entity, "name") or UNKNOWN, string(entity, "type")
            said = speaks.get(entity_id)
            tip = f"{name} · {entity_type or UNKNOWN}" + (f" · speaker of {', '.join(said)}" if said else "")
            css = f"ent {entity_class(entity_type)}" + (" speaker" if said else "")
            tags[entity_id] = f'<mark class="{css}" title="{attr(tip)}">'
        yield Mark(start, end, ENTITY_LAYER, tags[entity_id], "</mark>")


def _loaded_marks(story: Story, article_id: str, field: str) -> Iterator[Mark]:
    framing = record(record(story.evidence, "framing"), "articles")
    for span in records(framing.get(article_id), "loaded"):
        start, end = span.get("start"), span.get("end")
        if (string(span, "field") or "text") == field and isinstance(start, int) and isinstance(end, int):
            tip = f"Loaded language: {string(span, 'technique') or 'technique not named'}"
            yield Mark(start, end, LOADED_LAYER, f'<span class="loaded" title="{attr(tip)}">', "</span>")


def _label_marks(story: Story, article_id: str, field: str) -> Iterator[Mark]:
    """Descriptive labels ("top Iranian general"): how this article names an entity."""
    for _, entity, label in story.entity_spans(article_id, "labels"):
        start, end = label.get("start"), label.get("end")
        if _in_field(label, article_id, field) and isinstance(start, int) and isinstance(end, int):
            tag = f'<span class="desc-label" title="Label for {attr(string(entity, "name") or UNKNOWN)}">'
            yield Mark(start, end, LOADED_LAYER, tag, "</span>")

"""The web pages' bodies. The story and article pages are the offline report's own sections
(``rashomon.report``), wrapped in the site's layout; only the story list, search and job pages are new.

Every string from a story goes through ``esc``/``bdi``/``attr`` from the report: the one escaping discipline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rashomon.report.html_articles import article_card, legend
from rashomon.report.html_claims import article_claims
from rashomon.report.html_parts import (
    article_anchor,
    badge,
    data_articles,
    entity_class,
    group_ref,
    none_found,
    section,
    span_anchor,
)
from rashomon.report.html_text import attr, bdi, esc
from rashomon.report.view import (
    Record,
    Story,
    chain_text,
    date_text,
    outlet_name,
    plural,
    published_text,
    record,
    records,
    string,
    strings,
)
from rashomon.store.protocol import SearchHit, StorySummary
from rashomon.web.jobs import Job
from rashomon.web.layout import add_form, article_url, crumbs, page, story_url

NONE_HTML = '<span class="muted">—</span>'
NONE_ITEM = '<li class="muted">none found</li>'


# --- story list ----------------------------------------------------------------------------------------


def story_list_page(stories: Sequence[StorySummary], max_bytes: int) -> str:
    articles = sum(story.articles for story in stories)
    if stories:
        rows = "".join(_story_row(story) for story in stories)
        head = "".join(
            f"<th>{h}</th>"
            for h in (
                "Story",
                "Outlets",
                "Published",
                "Articles",
                "Claim groups",
                "Contested",
                "Events",
                "Updated",
            )
        )
        table = f'<table class="stories"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    else:
        table = none_found(
            "No stories yet. Add articles below, or analyse a folder into the database with "
            "'rashomon analyze FOLDER --db PATH'."
        )
    body = (
        '<main class="page"><header class="page-head"><p class="kicker">Workspace</p><h1>Stories</h1>'
        f'<p class="intro">{plural(len(stories), "story", "stories")}, {plural(articles, "article")}. '
        "Open a story for its evidence map: who claims what, on whose word, what is contested.</p></header>"
        f"{table}"
        '<details class="add-new"><summary>Add articles to the workspace</summary>'
        f"{add_form(None, max_bytes)}</details></main>"
    )
    return page("Stories", body)


def _story_row(story: StorySummary) -> str:
    outlets = ", ".join(bdi(outlet) for outlet in story.outlets[:6])
    more = len(story.outlets) - 6
    contested = (
        f'<span class="badge rel-dispute">{story.contested}</span>'
        if story.contested
        else esc(story.contested)
    )
    return (
        f'<tr><td class="story-title"><a href="{attr(story_url(story.id))}">'
        f"{bdi(story.title or 'untitled')}</a></td>"
        f"<td>{outlets or NONE_HTML}{esc(f' and {more} more') if more > 0 else ''}</td>"
        f'<td class="date">{esc(_date_span(story.first_published, story.last_published))}</td>'
        f'<td class="num">{esc(story.articles)}</td><td class="num">{esc(story.groups)}</td>'
        f'<td class="num">{contested}</td><td class="num">{esc(story.events)}</td>'
        f'<td class="date muted">{esc(story.updated[:16].replace("T", " "))}</td></tr>'
    )


def _date_span(first: str | None, last: str | None) -> str:
    if not first and not last:
        return "unknown"
    if first == last or not last:
        return date_text(first)
    return f"{date_text(first)} – {date_text(last)}"


# --- story page ----------------------------------------------------------------------------------------


def articles_table(story: Story) -> str:
    """The story page's articles section: one row per article, each opening the article's own page."""
    if not story.articles:
        return section("articles", "Articles", 0, none_found("No articles were analysed."))
    rows = "".join(_article_row(story, n, article) for n, article in enumerate(story.articles, 1))
    head = "".join(
        f"<th>{h}</th>" for h in ("#", "Outlet", "Headline", "Byline", "Published", "Claims", "Removed")
    )
    intro = "Open an article to read it with its claims, speakers, labels and loaded language highlighted."
    table = f'<table class="articles"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    return section("articles", "Articles", len(story.articles), table, intro)


def _article_row(story: Story, number: int, article: Record) -> str:
    article_id = string(article, "id") or ""
    href = story.links.article_pages.get(article_id, "")
    title = bdi(string(article, "title") or "untitled")
    link = f'<a href="{attr(href)}">{title}</a>' if href else title
    return (
        f'<tr id="{article_anchor(story, article_id)}"{data_articles([article_id])}>'
        f'<td class="num">#{number}</td><td>{bdi(outlet_name(article))}</td>'
        f'<td class="headline" dir="auto">{link}</td>'
        f"<td>{bdi(string(article, 'byline')) if string(article, 'byline') else NONE_HTML}</td>"
        f'<td class="date">{esc(published_text(article))}</td>'
        f'<td class="num">{len(story.claims_of(article_id))}</td>'
        f'<td class="num">{len(strings(article, "removed"))}</td></tr>'
    )


# --- article page --------------------------------------------------------------------------------------


def article_page(summary: StorySummary, story: Story, number: int, article: Record) -> str:
    article_id = string(article, "id") or ""
    title = string(article, "title") or "untitled"
    claims = section(
        "article-claims",
        "Claims in this article",
        len(story.claims_of(article_id)),
        article_claims(story, article_id),
        "Numbers are article.claim: click one to jump to its words above; group links open the story page.",
    )
    body = (
        crumbs(
            ("Stories", "/"),
            (summary.title or "untitled story", story_url(summary.id)),
            (f"#{number} {outlet_name(article)}", None),
        )
        + '<main class="page article-page">'
        + legend()
        + '<div class="article-layout">'
        + article_card(story, number, article)
        + _sidebar(story, article_id)
        + "</div>"
        + _neighbours(story, summary.id, number)
        + claims
        + _article_framing(story, article_id)
        + "</main>"
    )
    return page(title, body)


def _sidebar(story: Story, article_id: str) -> str:
    """Who says what in this article, and who is named and how: the text's skeleton at a glance."""
    claims = story.claims_of(article_id)
    said = "".join(
        f'<li><a class="claim-no" href="#{attr(span_anchor(story, string(claim, "id") or ""))}">'
        f"{esc(story.claim_label.get(string(claim, 'id') or '', '?'))}</a> {bdi(chain_text(claim))}"
        f"{' ' + badge('hedged', 'hedged') if claim.get('hedged') is True else ''}"
        f'<div class="said-text" dir="auto">{bdi(_clip(string(claim, "text") or "", 90))}</div></li>'
        for claim in claims
    )
    named = sorted(
        (
            (sum(1 for m in records(entity, "mentions") if string(m, "article") == article_id), entity)
            for entity in story.entity_by_id.values()
        ),
        key=lambda pair: -pair[0],
    )
    people = "".join(
        f'<li><mark class="ent {entity_class(string(entity, "type"))}">'
        f'{bdi(string(entity, "name") or "")}</mark> <span class="muted">×{count}</span>'
        f"{_labels_in(entity, article_id)}</li>"
        for count, entity in named[:15]
        if count
    )
    return (
        '<aside class="article-side">'
        f'<h3>Who says what ({len(claims)})</h3><ol class="said">{said or NONE_ITEM}</ol>'
        f'<h3>Who is named</h3><ul class="named">{people or NONE_ITEM}</ul>'
        "</aside>"
    )


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _labels_in(entity: Record, article_id: str) -> str:
    labels = [
        string(label, "text") or ""
        for label in records(entity, "labels")
        if string(label, "article") == article_id
    ]
    return f' <span class="desc-label">{bdi("; ".join(labels))}</span>' if labels else ""


def _neighbours(story: Story, story_id: str, number: int) -> str:
    links = []
    for other, label in ((number - 1, "‹ previous article"), (number + 1, "next article ›")):
        if 1 <= other <= len(story.articles):
            other_id = string(story.articles[other - 1], "id") or ""
            links.append(f'<a href="{attr(article_url(story_id, other_id))}">{esc(label)}</a>')
    return f'<nav class="neighbours">{" · ".join(links)}</nav>' if links else ""


def _article_framing(story: Story, article_id: str) -> str:
    framing = record(record(record(story.evidence, "framing"), "articles"), article_id)
    acts = "".join(f'<li dir="auto"><q>{bdi(act)}</q></li>' for act in strings(framing, "central_act"))
    loaded = "".join(
        f'<li><q dir="auto">{bdi(string(span, "text") or "")}</q> '
        f"{badge(string(span, 'technique') or 'technique not named', 'technique')}</li>"
        for span in records(framing, "loaded")
    )
    omits = "".join(
        f"<li>{group_ref(story, g)} {bdi(string(story.group_by_id.get(g), 'summary') or '')}</li>"
        for g in strings(framing, "omits")
    )
    if not (acts or loaded or omits):
        return section("article-framing", "Framing", 0, none_found("No framing analysis for this article."))
    parts = [
        ("Names the central act", acts),
        ("Loaded language and techniques", loaded),
        ("Leaves out what others report", omits),
    ]
    body = "".join(f"<h3>{esc(name)}</h3><ul>{items}</ul>" for name, items in parts if items)
    return section("article-framing", "Framing", None, body)


# --- search --------------------------------------------------------------------------------------------


def search_page(query: str, hits: Sequence[SearchHit], anchors: dict[tuple[str, str], str]) -> str:
    """Results, each linking to its article (a claim hit to the claim's words); matched terms in bold."""
    terms = [term for term in re.findall(r"\w+", query) if len(term) > 1]
    if not query.strip():
        results = none_found("Type words to search for in article and claim text.")
    elif not hits:
        results = none_found(f"Nothing matches {query!r}.")
    else:
        results = '<ol class="hits">' + "".join(_hit(hit, terms, anchors) for hit in hits) + "</ol>"
    count = f"{len(hits)} result{'s' if len(hits) != 1 else ''}" if query.strip() else "Search"
    body = (
        f'<main class="page"><header class="page-head"><p class="kicker">Search</p>'
        f"<h1>{esc(count)}{f' for <q>{bdi(query)}</q>' if query.strip() else ''}</h1></header>"
        f"{results}</main>"
    )
    return page(f"Search {query}" if query else "Search", body, query=query)


def _hit(hit: SearchHit, terms: list[str], anchors: dict[tuple[str, str], str]) -> str:
    href = article_url(hit.story_id, hit.article_id)
    if hit.claim_id and (hit.story_id, hit.claim_id) in anchors:
        href += "#" + anchors[hit.story_id, hit.claim_id]
    return (
        f'<li class="hit">{badge(hit.kind, "plain")} '
        f'<a href="{attr(href)}">{bdi(hit.title or "untitled")}</a>'
        f'<p class="snippet" dir="auto">{_emphasise(hit.snippet, terms)}</p></li>'
    )


def _emphasise(snippet: str, terms: list[str]) -> str:
    """The snippet escaped piece by piece, with the query's words in <b>: markup never enters the text."""
    if not terms:
        return esc(snippet)
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    pieces, last = [], 0
    for match in pattern.finditer(snippet):
        pieces.append(esc(snippet[last : match.start()]) + f"<b>{esc(match.group())}</b>")
        last = match.end()
    return "".join(pieces) + esc(snippet[last:])


def claim_anchors(story_id: str, story: Story) -> dict[tuple[str, str], str]:
    """(story id, claim id) -> the anchor of the claim's words on its article page."""
    return {(story_id, claim_id): span_anchor(story, claim_id) for claim_id in story.claim_label}


# --- add and jobs --------------------------------------------------------------------------------------


def add_page(max_bytes: int) -> str:
    body = (
        '<main class="page"><header class="page-head"><p class="kicker">Workspace</p><h1>Add articles</h1>'
        "</header>" + add_form(None, max_bytes) + "</main>"
    )
    return page("Add articles", body)


def job_page(job: Job) -> str:
    """Progress while the job runs (the page refreshes itself, no script needed), then what it did."""
    running = job.status in ("queued", "running")
    refresh = '<meta http-equiv="refresh" content="2">' if running else ""
    body = (
        f'<main class="page job" data-job="{attr(job.id)}"><header class="page-head">'
        f'<p class="kicker">Adding articles</p><h1>{esc(_job_title(job))}</h1></header>'
        f"{_job_progress(job) if running else ''}{_job_outcome(job)}"
        f"<h2>Inputs</h2><ul>{''.join(f'<li><code>{bdi(name)}</code></li>' for name in job.inputs)}</ul>"
        f"{_job_stages(job)}</main>"
    )
    return page(_job_title(job), body, head=refresh)


def _job_title(job: Job) -> str:
    return {
        "queued": "Waiting to start",
        "running": f"Analysing: {job.stage or 'starting'}",
        "done": "Done",
        "failed": "Failed",
    }[job.status]


def _job_progress(job: Job) -> str:
    total = max(job.stage_total, 1)
    return (
        f'<p><progress value="{job.stage_done}" max="{total}"></progress> '
        f'<span class="muted">stage {esc(job.stage or "—")}: {job.stage_done} of {job.stage_total}; '
        f"{len(job.stages)} stages done. This page refreshes itself.</span></p>"
    )


def _job_outcome(job: Job) -> str:
    if job.status == "failed":
        return f'<p class="message error">{esc(job.error or "failed")}</p>'
    result = job.result
    if job.status != "done" or result is None:
        return ""
    skipped = "".join(
        f"<li><code>{bdi(source)}</code> — {esc(reason)}</li>" for source, reason in result.skipped
    )
    warnings = "".join(f"<li>{esc(w)}</li>" for w in result.warnings)
    facts = [
        f"{result.added} added",
        f"{result.duplicates} already stored",
        f"{len(result.skipped)} skipped",
        f"{result.reused_articles} articles reused",
    ]
    return (
        f'<p class="stats">{" · ".join(esc(f) for f in facts)}</p>'
        f'<p><a class="button" href="{attr(story_url(result.story_id))}">Open the story</a></p>'
        + (f"<h2>Skipped</h2><ul>{skipped}</ul>" if skipped else "")
        + (f"<h2>Warnings</h2><ul>{warnings}</ul>" if warnings else "")
        + _stage_reuse(result.reused_stages, result.recomputed_stages)
    )


def _stage_reuse(reused: Sequence[str], recomputed: Sequence[str]) -> str:
    if not reused and not recomputed:
        return ""
    return (
        f'<p class="muted">Stages reused: {esc(", ".join(reused) or "none")}. '
        f"Recomputed: {esc(', '.join(recomputed) or 'none')}.</p>"
    )


def _job_stages(job: Job) -> str:
    if not job.stages:
        return ""
    rows = "".join(
        f'<tr><td>{esc(s.name)}</td><td class="num">{s.seconds:.2f} s</td></tr>' for s in job.stages
    )
    return f'<h2>Stages</h2><table class="stages"><tbody>{rows}</tbody></table>'


# --- API docs and errors -------------------------------------------------------------------------------


def api_docs_page(schema: dict[str, Any]) -> str:
    """The OpenAPI document as a readable page, served from here: no remote script or style."""
    rows = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            params = ", ".join(
                f"{p.get('name')} ({p.get('in')})"
                for p in operation.get("parameters", [])
                if isinstance(p, dict)
            )
            rows.append(
                f'<tr><td class="num"><code>{esc(method.upper())}</code></td>'
                f"<td><code>{esc(path)}</code></td><td>{esc(operation.get('summary', ''))}"
                f'<div class="muted">{esc(operation.get("description", ""))}</div></td>'
                f"<td>{esc(params) or NONE_HTML}</td></tr>"
            )
    head = "<tr><th>Method</th><th>Path</th><th>What it returns</th><th>Parameters</th></tr>"
    body = (
        '<main class="page"><header class="page-head"><p class="kicker">JSON API</p><h1>API</h1>'
        '<p class="intro">Every page\'s data as JSON. The machine-readable description is '
        '<a href="/openapi.json">/openapi.json</a> (OpenAPI 3).</p></header>'
        f'<table class="api"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></main>'
    )
    return page("API", body)


def article_json(story: Story, article: Record) -> dict[str, Any]:
    """The article page's data: the article, its claims, mentions and labels, and its framing."""
    article_id = string(article, "id") or ""
    mentions = [
        {
            "entity": string(entity, "id"),
            "name": string(entity, "name"),
            "type": string(entity, "type"),
            **dict(m),
        }
        for entity in story.entity_by_id.values()
        for m in records(entity, "mentions")
        if string(m, "article") == article_id
    ]
    return {
        "article": dict(article),
        "number": story.article_number.get(article_id),
        "claims": [dict(claim) for claim in story.claims_of(article_id)],
        "mentions": mentions,
        "labels": [
            {"entity": string(entity, "id"), **dict(label)}
            for entity in story.entity_by_id.values()
            for label in records(entity, "labels")
            if string(label, "article") == article_id
        ],
        "framing": dict(record(record(record(story.evidence, "framing"), "articles"), article_id)),
    }

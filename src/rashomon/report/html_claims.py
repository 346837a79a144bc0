"""Sections about claims: who says what per article, claim groups and their origins, contested claims."""

from __future__ import annotations

from rashomon.report.html_parts import (
    article_ref,
    article_refs,
    badge,
    claim_anchor,
    claim_ref,
    data_articles,
    entity_class,
    group_ref,
    none_found,
    quoted_claim,
    section,
    span_anchor,
)
from rashomon.report.html_provenance import echo_chains
from rashomon.report.html_text import attr, bdi, esc
from rashomon.report.view import (
    Record,
    Story,
    chain_text,
    contested,
    number,
    origins_phrase,
    percent,
    records,
    string,
    strings,
)

NONE_HTML = '<span class="muted">—</span>'


def claims_section(story: Story) -> str:
    intro = "Each claim with the words that attribute it, outermost source first. Numbers are article.claim."
    if not story.claims:
        return section("claims", "Claims by article", 0, none_found("No claims were found."))
    blocks = [
        f'<div class="per-article"{data_articles([article_id])}>'
        f"<h3>{article_ref(story, article_id)}</h3>{article_claims(story, article_id)}</div>"
        for article_id in (string(article, "id") or "" for article in story.articles)
    ]
    return section("claims", "Claims by article", len(story.claims), "".join(blocks), intro)


def article_claims(story: Story, article_id: str) -> str:
    """One article's claims table (the web app's article page shows it under the text)."""
    rows = "".join(_claim_row(story, claim) for claim in story.claims_of(article_id))
    return _claims_table(rows) if rows else none_found("No claims found in this article.")


def _claims_table(rows: str) -> str:
    head = "".join(
        f"<th>{h}</th>" for h in ("#", "Claim", "On whose word", "Sourcing", "Check-worthy", "Cites", "Group")
    )
    return f'<table class="claims"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _claim_row(story: Story, claim: Record) -> str:
    claim_id = string(claim, "id") or ""
    group = story.group_of_claim(claim_id)
    group_html = group_ref(story, string(group, "id") or "") if group else '<span class="muted">none</span>'
    where = badge("headline", "plain") + " " if string(claim, "field") == "title" else ""
    cites = strings(claim, "cites")
    span = story.links.article(string(claim, "article"), span_anchor(story, claim_id))
    return (
        f'<tr id="{claim_anchor(story, claim_id)}">'
        f'<td class="num"><a href="{attr(span)}" title="Show in the article">'
        f"{esc(story.claim_label.get(claim_id, '?'))}</a></td>"
        f'<td class="claim-text" dir="auto">{where}{bdi(string(claim, "text") or "")}</td>'
        f"<td>{bdi(chain_text(claim))}</td>"
        f"<td>{_sourcing(claim)}</td><td>{_meter(number(claim, 'checkworthiness'))}</td>"
        f"<td>{', '.join(bdi(c) for c in cites) if cites else NONE_HTML}</td>"
        f"<td>{group_html}</td></tr>"
    )


def _sourcing(claim: Record) -> str:
    parts = [badge(string(claim, "source_type") or "unknown", "plain")]
    quote = string(claim, "quote")
    parts.append(badge(f"{quote} quote" if quote else "no quote", "plain"))
    if claim.get("hedged") is True:
        parts.append(badge("hedged", "hedged"))
    if claim.get("background") is True:
        parts.append(badge("stated as background", "background"))
    return " ".join(parts)


def _meter(value: float | None) -> str:
    """A bar and a number: the bar for scanning a column, the number for reading it."""
    if value is None:
        return '<span class="muted">unknown</span>'
    width = max(0.0, min(1.0, value)) * 100
    return f'<span class="meter"><span style="width:{width:.0f}%"></span></span> {esc(percent(value))}'


# --- groups and their origins --------------------------------------------------------------------------


def groups_section(story: Story) -> str:
    intro = (
        "The same claim across articles. Independent origins count each first-hand source once; "
        "echoes are re-reports that add no new source."
    )
    if not story.groups:
        return section("groups", "Claim groups and origins", 0, none_found("No claim groups were formed."))
    ordered = sorted(story.groups, key=lambda g: (-len(strings(g, "articles")), -len(strings(g, "claims"))))
    cards = "".join(_group_card(story, group) for group in ordered)
    return section(
        "groups", "Claim groups and origins", len(story.groups), f'<div class="groups">{cards}</div>', intro
    )


def _group_card(story: Story, group: Record) -> str:
    group_id = string(group, "id") or ""
    label = story.group_label.get(group_id, "G?")
    origins = "".join(_origin(story, origin) for origin in records(group, "origins"))
    claims = "".join(quoted_claim(story, claim_id) for claim_id in strings(group, "claims"))
    return (
        f'<div class="group" id="group-{esc(label)}"{data_articles(strings(group, "articles"))}>'
        f'<div class="group-head"><span class="no">{esc(label)}</span> '
        f'<b dir="auto">{bdi(string(group, "summary") or "")}</b>'
        f' <span class="origins-count">{esc(origins_phrase(group))}</span></div>'
        f'<div class="cols"><div><h4>Origins</h4>'
        f'<ul class="origins">{origins or "<li class=muted>none recorded</li>"}</ul></div>'
        f"<div><h4>Claims ({len(strings(group, 'claims'))})</h4>"
        f'<ul class="evidence-list">{claims}</ul></div></div>'
        f'<p class="articles-line">In {article_refs(story, strings(group, "articles"))}</p></div>'
    )


def _origin(story: Story, origin: Record) -> str:
    kind = string(origin, "kind") or "unknown"
    claims = ", ".join(claim_ref(story, claim_id) for claim_id in strings(origin, "claims"))
    note = " (a widely witnessed public event: one origin)" if kind == "public_record" else ""
    return (
        f"<li>{bdi(string(origin, 'name') or 'unnamed')} {badge(kind.replace('_', ' '), 'plain')}"
        f"{esc(note)} <span class=muted>{claims}</span>{echo_chains(story, origin)}</li>"
    )


# --- contested claims ----------------------------------------------------------------------------------


def contested_section(story: Story) -> str:
    relations = records(story.evidence, "relations")
    disputes = list(contested(relations))
    agreements = [r for r in relations if string(r, "type") == "agree"]
    body = (
        "".join(_versus(story, relation) for relation in disputes)
        if disputes
        else none_found("No contradictions or disputes were found between claim groups.")
    )
    if agreements:
        items = "".join(_agreement(story, relation) for relation in agreements)
        body += f'<h3>Agreements</h3><ul class="agreements">{items}</ul>'
    intro = "Claim groups that contradict or dispute each other, with the claims that show it side by side."
    return section("contested", "Contested claims", len(disputes), body, intro)


def _versus(story: Story, relation: Record) -> str:
    a, b = string(relation, "a") or "", string(relation, "b") or ""
    evidence = strings(relation, "evidence")
    sides = [_side(story, group_id, evidence) for group_id in (a, b)]
    elsewhere = [c for c in evidence if c not in _group_claims(story, a) | _group_claims(story, b)]
    extra = (
        f'<ul class="evidence-list">{"".join(quoted_claim(story, c) for c in elsewhere)}</ul>'
        if elsewhere
        else ""
    )
    kind = string(relation, "type") or "unknown"
    articles = [string(story.claim_by_id.get(c), "article") or "" for c in evidence]
    return (
        f'<div class="versus"{data_articles(articles)}><div class="versus-head">{badge(kind, "rel-" + kind)} '
        f"{group_ref(story, a)} vs {group_ref(story, b)} "
        f'<span class="muted">score {esc(_score(relation))}</span></div>'
        f'<div class="sides">{sides[0]}<div class="vs">vs</div>{sides[1]}</div>{extra}'
        f'<p class="explanation" dir="auto">'
        f"{bdi(string(relation, 'explanation') or 'No explanation given.')}</p></div>"
    )


def _group_claims(story: Story, group_id: str) -> set[str]:
    return set(strings(story.group_by_id.get(group_id), "claims"))


def _side(story: Story, group_id: str, evidence: list[str]) -> str:
    group = story.group_by_id.get(group_id)
    summary = string(group, "summary") or "group not in this map"
    claims = [c for c in evidence if c in _group_claims(story, group_id)]
    listed = (
        "".join(quoted_claim(story, c) for c in claims)
        or '<li class="muted">no evidence claim from this group</li>'
    )
    origins = f'<div class="muted">{esc(origins_phrase(group))}</div>' if group else ""
    listing = f'<ul class="evidence-list">{listed}</ul>'
    return f'<div class="side"><b dir="auto">{bdi(summary)}</b>{origins}{listing}</div>'


def _score(relation: Record) -> str:
    score = number(relation, "score")
    return "unknown" if score is None else f"{score:.2f}"


def _agreement(story: Story, relation: Record) -> str:
    a, b = string(relation, "a") or "", string(relation, "b") or ""
    summaries = [bdi(string(story.group_by_id.get(g), "summary") or g) for g in (a, b)]
    return (
        f"<li>{group_ref(story, a)} {summaries[0]} ↔ {group_ref(story, b)} {summaries[1]} "
        f'<span class="muted">score {esc(_score(relation))}</span> — '
        f"{bdi(string(relation, 'explanation') or '')}</li>"
    )


# --- entities ------------------------------------------------------------------------------------------


def entities_section(story: Story) -> str:
    entities = list(story.entity_by_id.values())
    if not entities:
        return section("entities", "Entities", 0, none_found("No named entities were found."))
    ordered = sorted(entities, key=lambda e: -len(records(e, "mentions")))
    rows = "".join(_entity_row(story, entity) for entity in ordered)
    columns = ("Entity", "Type", "Aliases", "Mentions by article", "Labels by article")
    head = "<tr>" + "".join(f"<th>{c}</th>" for c in columns) + "</tr>"
    return section(
        "entities",
        "Entities",
        len(entities),
        f'<table class="entities"><thead>{head}</thead><tbody>{rows}</tbody></table>',
    )


def _entity_row(story: Story, entity: Record) -> str:
    mentions: dict[str, int] = {}
    for mention in records(entity, "mentions"):
        article_id = string(mention, "article") or ""
        mentions[article_id] = mentions.get(article_id, 0) + 1
    counts = "; ".join(f"{article_ref(story, a)} ×{n}" for a, n in mentions.items()) or "—"
    labels = "; ".join(
        f"{article_ref(story, string(label, 'article'))}: <q>{bdi(string(label, 'text') or '')}</q>"
        for label in records(entity, "labels")
    )
    entity_type = string(entity, "type")
    return (
        f'<tr{data_articles(mentions)}><td><mark class="ent {entity_class(entity_type)}">'
        f"{bdi(string(entity, 'name') or 'unknown')}</mark></td>"
        f"<td>{esc(entity_type or 'unknown')}</td>"
        f"<td>{', '.join(bdi(a) for a in strings(entity, 'aliases')) or '—'}</td>"
        f"<td>{counts}</td><td>{labels or '<span class=muted>none</span>'}</td></tr>"
    )

"""The outlet comparison view: how each article tells the same story.

Per article: its words for the central act, its labels for the key entities, its propaganda techniques
(highlighted in its text in the articles section) and what it leaves out; the words for the act on a
neutral-to-loaded scale; and a matrix of articles x claim groups (asserts / hedges / disputes / omits).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from rashomon.report.html_parts import article_ref, badge, data_articles, group_ref, none_found, section
from rashomon.report.html_text import attr, bdi, esc
from rashomon.report.view import Record, Story, number, record, records, string, strings

NONE_HTML = '<span class="muted">—</span>'
KEY_ENTITIES = 4  # entities shown in the comparison table; the full label table follows it
SHOWN_OMISSIONS = 5  # heaviest omissions listed per article; the rest are counted
MATRIX_GROUPS = 16  # claim groups in the matrix: the most widely carried
CELL = {
    "asserts": ("●", "asserts"),
    "hedges": ("◐", "hedges"),
    "disputes": ("✕", "disputes"),
    "omits": ("○", "omits"),
}


def framing_section(story: Story) -> str:
    framing = record(story.evidence, "framing")
    per_article = record(framing, "articles")
    if not per_article:
        return section("framing", "Framing", 0, none_found("No framing analysis is available."))
    intro = (
        "The same story, told differently: each article's words for the central act and for the key "
        "people, its propaganda techniques, and what it leaves out that others report."
    )
    body = (
        _acts(story, records(framing, "acts"))
        + _comparison(story, framing)
        + _matrix(story, records(framing, "matrix"))
        + _labels_table(story, records(framing, "labels"))
    )
    return section("framing", "Framing: outlet by outlet", len(per_article), body, intro)


def _acts(story: Story, acts: list[Record]) -> str:
    if not acts:
        return "<h3>The central act</h3>" + none_found(
            "No act done to a key entity is reported by two articles."
        )
    out = ""
    for act in acts:
        used: dict[str, list[str]] = defaultdict(list)
        loaded: dict[str, float] = {}
        for word in records(act, "words"):
            term = string(word, "term") or ""
            used[term].append(string(word, "article") or "")
            loaded[term] = number(word, "loaded") or 0.0
        items = "".join(
            f"<li{data_articles(used[term])}>{_bar(loaded[term])}"
            f'<q>{bdi(term)}</q> <span class="muted">{loaded[term]:.2f}</span> '
            f"{', '.join(article_ref(story, a) for a in dict.fromkeys(used[term]))}</li>"
            for term in sorted(used, key=lambda t: (loaded[t], t))
        )
        target = string(act, "target")
        heading = f"the act done to {bdi(target)}" if target else "the story's central event"
        out += (
            f"<h3>Words for {heading}</h3>"
            '<p class="muted">From neutral to loaded (0-1, a position on an axis between plain and '
            "condemning vocabulary in the sentence-embedding space; see docs/framing.md for its limits).</p>"
            f'<ul class="spectrum">{items}</ul>'
        )
    return out


def _bar(value: float) -> str:
    return f'<span class="scale"><span class="at-{round(10 * value)}"></span></span>'


def _comparison(story: Story, framing: Record) -> str:
    per_article = record(framing, "articles")
    labels = records(framing, "labels")[:KEY_ENTITIES]
    head = (
        "<tr><th>Article</th><th>Words for the act</th>"
        + "".join(
            f"<th>{bdi(string(item, 'name') or story.entity_name(string(item, 'entity')))}</th>"
            for item in labels
        )
        + "<th>Techniques</th><th>Leaves out (heaviest first)</th></tr>"
    )
    rows = "".join(
        _row(story, article_id, record(per_article, article_id), labels) for article_id in per_article
    )
    return f'<h3>Side by side</h3><table class="framing"><thead>{head}</thead><tbody>{rows}</tbody></table>'


def _row(story: Story, article_id: str, framing: Record, labels: list[Record]) -> str:
    acts = "; ".join(f"<q>{bdi(term)}</q>" for term in strings(framing, "central_act")) or NONE_HTML
    cells = "".join(
        "<td>"
        + (
            "; ".join(f"<q>{bdi(x)}</q>" for x in strings(record(item, "by_article"), article_id))
            or NONE_HTML
        )
        + "</td>"
        for item in labels
    )
    return (
        f"<tr{data_articles([article_id])}><td>{article_ref(story, article_id)}</td><td>{acts}</td>{cells}"
        f"<td>{_techniques(framing)}</td><td>{_omits(story, framing)}</td></tr>"
    )


def _techniques(framing: Record) -> str:
    spans = records(framing, "loaded")
    if not spans:
        return NONE_HTML
    counts = Counter(string(s, "technique") or "unnamed" for s in spans)
    words = max(1, int(number(framing, "words") or 0))
    rate = f'<div class="muted">{len(spans)} spans, {1000 * len(spans) / words:.1f} per 1,000 words</div>'
    shown = "".join(f"<li>{badge(t, 'technique')} ×{n}</li>" for t, n in counts.most_common())
    headline = ' <span class="muted">(headline)</span>'
    quotes = "".join(
        f'<li><q dir="auto">{bdi(string(s, "text") or "")}</q>'
        f"{headline if string(s, 'field') == 'title' else ''}</li>"
        for s in spans[:3]
    )
    return f'{rate}<ul>{shown}</ul><ul class="quotes">{quotes}</ul>'


def _omits(story: Story, framing: Record) -> str:
    # "omitted" carries weights; a map holding only the contract's "omits" list is shown unweighted.
    omitted = records(framing, "omitted") or [{"group": g} for g in strings(framing, "omits")]
    if not omitted:
        return NONE_HTML
    items = "".join(_omission(story, o) for o in omitted[:SHOWN_OMISSIONS])
    more = len(omitted) - SHOWN_OMISSIONS
    tail = f'<p class="muted">and {more} lighter ones (in evidence.json)</p>' if more > 0 else ""
    return f"<ul>{items}</ul>{tail}"


def _omission(story: Story, omission: Record) -> str:
    group = string(omission, "group") or ""
    summary = string(story.group_by_id.get(group), "summary") or ""
    weight = number(omission, "weight")
    shown = f' <span class="muted">weight {weight:.2f}</span>' if weight is not None else ""
    return f'<li>{group_ref(story, group)} <span dir="auto">{bdi(summary)}</span>{shown}</li>'


def _matrix(story: Story, cells: list[Record]) -> str:
    if not cells:
        return ""
    article_ids = [string(a, "id") or "" for a in story.articles]
    groups = sorted(
        story.group_by_id,
        key=lambda g: (-len(strings(story.group_by_id[g], "articles")), story.group_label.get(g, "")),
    )[:MATRIX_GROUPS]
    table: dict[tuple[str, str], str] = {}
    for cell in cells:
        key = (string(cell, "group") or "", string(cell, "article") or "")
        table.setdefault(key, string(cell, "stance") or "")
    head = (
        "<tr><th>Claim group</th>"
        + "".join(f"<th>{article_ref(story, a)}</th>" for a in article_ids)
        + "</tr>"
    )
    rows = ""
    for group in groups:
        row = "".join(_matrix_cell(table.get((group, a))) for a in article_ids)
        summary = string(story.group_by_id.get(group), "summary") or ""
        rows += (
            f'<tr><td>{group_ref(story, group)} <span dir="auto">{bdi(summary[:90])}</span></td>{row}</tr>'
        )
    legend = " ".join(f"{symbol} {esc(name)}" for symbol, name in CELL.values())
    return (
        f'<h3>Who asserts, hedges, disputes or omits what</h3><p class="muted">{legend}; blank: not '
        f"reported and not weighed as an omission. The {len(groups)} most widely carried groups.</p>"
        f'<table class="matrix"><thead>{head}</thead><tbody>{rows}</tbody></table>'
    )


def _matrix_cell(stance: str | None) -> str:
    if not stance or stance not in CELL:
        return "<td></td>"
    symbol, name = CELL[stance]
    return f'<td class="{attr(name)}" title="{attr(name)}">{esc(symbol)}</td>'


def _labels_table(story: Story, labels: list[Record]) -> str:
    if not labels:
        return "<h3>Labels per entity</h3>" + none_found("No descriptive labels were recorded.")
    article_ids = [string(a, "id") or "" for a in story.articles]
    head = "<tr><th>Entity</th>" + "".join(f"<th>{article_ref(story, a)}</th>" for a in article_ids) + "</tr>"
    rows = ""
    for item in labels:
        by_article = record(item, "by_article")
        cells = "".join(
            f"<td>{'; '.join(f'<q>{bdi(label)}</q>' for label in strings(by_article, a)) or NONE_HTML}</td>"
            for a in article_ids
        )
        rows += f"<tr><td>{bdi(story.entity_name(string(item, 'entity')))}</td>{cells}</tr>"
    return (
        f'<h3>Labels per entity</h3><table class="labels"><thead>{head}</thead><tbody>{rows}</tbody></table>'
    )

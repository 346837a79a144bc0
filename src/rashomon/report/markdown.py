"""The Markdown report: the HTML report's content as plain text with tables, for notes, tickets and diffs.

Article-derived text is escaped so that no renderer (CommonMark, GitHub, markdown-it) turns it into
markup: HTML-significant characters become entities, Markdown punctuation is backslash-escaped, and
URL, ``www.`` and e-mail shapes are broken up so they are never auto-linked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rashomon.report.view import (
    UNKNOWN,
    Record,
    Story,
    chain_text,
    contested,
    date_text,
    input_counts,
    number,
    origins_phrase,
    outlet_name,
    percent,
    published_text,
    read_story,
    record,
    records,
    show_hidden,
    story_counts,
    story_headline,
    string,
    strings,
)

_PUNCTUATION = re.compile(r"([\\`*_\[\]|~$])")
_AUTOLINK = re.compile(r"(://|www\.|@)", re.IGNORECASE)
# What could open a block (heading, list item, setext underline) when the text starts a line.
_BLOCK_START = re.compile(r"^(#(?=#*(\s|$))|[-+=]|\d+[.)])")


def md(value: object) -> str:
    """Inline Markdown for untrusted text: one line, no markup, no links."""
    text = " ".join(show_hidden("" if value is None else str(value)).split())
    text = _PUNCTUATION.sub(r"\\\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _BLOCK_START.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], text)
    return _AUTOLINK.sub(_defuse, text)


def _defuse(match: re.Match[str]) -> str:
    """An entity in the middle of a URL or address keeps GFM's autolinker from recognising it."""
    found = match.group()
    if found == "@":
        return "&#64;"
    if found == "://":
        return "&#58;//"
    return found[:3] + "&#46;"


def md_lines(value: object) -> list[str]:
    """Untrusted multi-line text as escaped lines, each unable to open a heading, list or code block."""
    return [md(line) for line in ("" if value is None else str(value)).splitlines()]


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A GFM table; cells are already escaped (escaping turns every | into \\|)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell or "—" for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _none(message: str) -> str:
    return f"_{message}_"


def _article(story: Story, article_id: str | None) -> str:
    return md(story.article_name(article_id))


def _articles(story: Story, article_ids: Iterable[str]) -> str:
    return ", ".join(_article(story, a) for a in dict.fromkeys(article_ids)) or "none"


def _claim_no(story: Story, claim_id: str) -> str:
    return story.claim_label.get(claim_id) or f"{md(claim_id)} (not in this map)"


def _group_no(story: Story, group_id: str) -> str:
    return story.group_label.get(group_id) or f"{md(group_id)} (not in this map)"


def _quoted(story: Story, claim_id: str) -> str:
    claim = story.claim_by_id.get(claim_id)
    if claim is None:
        return _claim_no(story, claim_id)
    speaker = string(claim, "speaker") or "no attributed speaker"
    return (
        f"{_claim_no(story, claim_id)} “{md(string(claim, 'text'))}” — {md(speaker)}, "
        f"{_article(story, string(claim, 'article'))}"
    )


def render_markdown(evidence: Mapping[str, Any]) -> str:
    """The whole report as Markdown; never raises on malformed or hostile evidence."""
    story = read_story(evidence)
    parts = [
        _overview(story),
        _articles_table(story),
        _contested(story),
        _flags(story),
        _groups(story),
        _claims(story),
        _timeline(story),
        _events(story),
        _framing(story),
        _entities(story),
        _texts(story),
        "---\n\n_Evidence, not verdicts: every statement points to exact text in the articles. Counts and "
        "scores come from automatic analysis and may be wrong; check the spans._",
    ]
    return "\n\n".join(parts) + "\n"


def _overview(story: Story) -> str:
    headline = f"# Evidence map: {md(story_headline(story.articles))}"
    return f"{headline}\n\n{' · '.join(story_counts(story.evidence, story))}\n\n{_inputs(story)}"


def _inputs(story: Story) -> str:
    inputs = records(story.evidence, "inputs")
    if not inputs:
        return "**Inputs:** no record of the inputs given."
    counts = ", ".join(f"{n} {status}" for status, n in input_counts(inputs))
    problems = [
        f"- {md(string(i, 'status') or UNKNOWN)}: {md(string(i, 'source') or UNKNOWN)} — "
        f"{md(string(i, 'reason') or 'no reason given')}"
        for i in inputs
        if string(i, "status") != "analysed" or string(i, "reason")
    ]
    return "\n\n".join([f"**Inputs:** {md(counts)}", *(["\n".join(problems)] if problems else [])])


def _articles_table(story: Story) -> str:
    if not story.articles:
        return "## Articles\n\n" + _none("No articles were analysed.")
    rows = [
        [
            f"#{n}",
            md(outlet_name(a)),
            md(string(a, "title") or "untitled"),
            md(string(a, "byline") or UNKNOWN),
            md(published_text(a)),
            md(string(record(a, "published"), "evidence") or UNKNOWN),
            md(string(a, "source") or UNKNOWN),
            str(len(strings(a, "removed"))),
        ]
        for n, a in enumerate(story.articles, 1)
    ]
    headers = ["#", "Outlet", "Title", "Byline", "Published", "Date evidence", "Source", "Removed blocks"]
    return "## Articles\n\n" + _table(headers, rows)


def _contested(story: Story) -> str:
    relations = records(story.evidence, "relations")
    disputes = list(contested(relations))
    parts = ["## Contested claims"]
    parts += [_versus(story, r) for r in disputes] or [_none("No contradictions or disputes were found.")]
    agreements = [r for r in relations if string(r, "type") == "agree"]
    if agreements:
        parts.append("### Agreements\n\n" + "\n".join(_agreement(story, r) for r in agreements))
    return "\n\n".join(parts)


def _versus(story: Story, relation: Record) -> str:
    a, b = string(relation, "a") or "", string(relation, "b") or ""
    evidence = strings(relation, "evidence")
    heading = (
        f"### {md(string(relation, 'type') or UNKNOWN)}: "
        f"{_group_title(story, a)} vs {_group_title(story, b)} "
        f"(score {_score(relation)})"
    )
    columns = [
        [_quoted(story, c) for c in evidence if c in strings(story.group_by_id.get(g), "claims")]
        for g in (a, b)
    ]
    headers = [f"{_group_no(story, g)}: {md(origins_phrase(story.group_by_id.get(g) or {}))}" for g in (a, b)]
    rows = [[_at(columns[0], i), _at(columns[1], i)] for i in range(max(len(columns[0]), len(columns[1]), 1))]
    explanation = "> " + md(string(relation, "explanation") or "No explanation given.")
    return f"{heading}\n\n{_table(headers, rows)}\n\n{explanation}"


def _at(items: Sequence[str], index: int) -> str:
    return items[index] if index < len(items) else ""


def _group_title(story: Story, group_id: str) -> str:
    summary = string(story.group_by_id.get(group_id), "summary") or "group not in this map"
    return f"{_group_no(story, group_id)} {md(summary)}"


def _score(relation: Record) -> str:
    score = number(relation, "score")
    return UNKNOWN if score is None else f"{score:.2f}"


def _agreement(story: Story, relation: Record) -> str:
    a, b = string(relation, "a") or "", string(relation, "b") or ""
    return (
        f"- {_group_title(story, a)} ↔ {_group_title(story, b)} (score {_score(relation)}): "
        f"{md(string(relation, 'explanation') or '')}"
    )


def _flags(story: Story) -> str:
    flags = records(story.evidence, "flags")
    if not flags:
        return "## Flags\n\n" + _none("No inconsistencies were flagged.")
    items = [
        f"- **{md(string(f, 'kind') or 'flag')}**: {md(string(f, 'message'))} "
        f"({_articles(story, strings(f, 'articles'))}; "
        f"claims {', '.join(_claim_no(story, c) for c in strings(f, 'claims')) or 'none'})"
        for f in flags
    ]
    return "## Flags\n\n" + "\n".join(items)


def _groups(story: Story) -> str:
    if not story.groups:
        return "## Claim groups and origins\n\n" + _none("No claim groups were formed.")
    ordered = sorted(story.groups, key=lambda g: (-len(strings(g, "articles")), -len(strings(g, "claims"))))
    return "## Claim groups and origins\n\n" + "\n\n".join(_group(story, g) for g in ordered)


def _group(story: Story, group: Record) -> str:
    group_id = string(group, "id") or ""
    origins = [
        f"- {md(string(o, 'name') or 'unnamed')} ({md((string(o, 'kind') or UNKNOWN).replace('_', ' '))}): "
        f"claims {', '.join(_claim_no(story, c) for c in strings(o, 'claims')) or 'none'}"
        for o in records(group, "origins")
    ] or ["- none recorded"]
    claims = [f"- {_quoted(story, c)}" for c in strings(group, "claims")] or ["- none"]
    return (
        f"### {_group_title(story, group_id)} — {md(origins_phrase(group))}\n\n"
        f"Origins:\n\n"
        + "\n".join(origins)
        + "\n\nClaims:\n\n"
        + "\n".join(claims)
        + f"\n\nIn {_articles(story, strings(group, 'articles'))}."
    )


def _claims(story: Story) -> str:
    if not story.claims:
        return "## Claims by article\n\n" + _none("No claims were found.")
    parts = ["## Claims by article"]
    headers = ["#", "Claim", "On whose word", "Sourcing", "Check-worthy", "Cites", "Group"]
    for article in story.articles:
        article_id = string(article, "id") or ""
        claims = story.claims_of(article_id)
        table = (
            _table(headers, (_claim_row(story, c) for c in claims)) if claims else _none("No claims found.")
        )
        parts.append(f"### {_article(story, article_id)}\n\n{table}")
    return "\n\n".join(parts)


def _claim_row(story: Story, claim: Record) -> list[str]:
    claim_id = string(claim, "id") or ""
    group = story.group_of_claim(claim_id)
    sourcing = [string(claim, "source_type") or UNKNOWN, f"{string(claim, 'quote') or 'no'} quote"]
    if claim.get("hedged") is True:
        sourcing.append("hedged")
    if claim.get("background") is True:
        sourcing.append("stated as background")
    headline = "(headline) " if string(claim, "field") == "title" else ""
    return [
        _claim_no(story, claim_id),
        f"{headline}“{md(string(claim, 'text'))}”",
        md(chain_text(claim)),
        md(", ".join(sourcing)),
        percent(number(claim, "checkworthiness")),
        md(", ".join(strings(claim, "cites"))),
        _group_no(story, string(group, "id") or "") if group else "none",
    ]


def _timeline(story: Story) -> str:
    entries = records(story.evidence, "timeline")
    if not entries:
        return "## Timeline\n\n" + _none("No dated statements were found.")
    rows = [
        [
            md(date_text(string(e, "date")))
            + (f" – {md(date_text(string(e, 'end')))}" if string(e, "end") else ""),
            md(string(e, "precision") or UNKNOWN),
            md(string(e, "summary")),
            _articles(story, strings(e, "articles")),
            ", ".join(_claim_no(story, c) for c in strings(e, "claims")),
            _articles(story, strings(e, "disputed_by")) if strings(e, "disputed_by") else "",
        ]
        for e in entries
    ]
    note = (
        "Dates are shown at the precision the text supports: a month is the whole month, not its first day."
    )
    return (
        "## Timeline\n\n"
        + note
        + "\n\n"
        + _table(["Date", "Precision", "What", "Articles", "Claims", "Disputed by"], rows)
    )


def _events(story: Story) -> str:
    events = records(story.evidence, "events")
    if not events:
        return "## Events\n\n" + _none("No distinct events were identified.")
    rows = [
        [
            f"E{n}",
            md(date_text(string(e, "date"))),
            md(string(e, "summary")),
            ", ".join(_group_no(story, g) for g in strings(e, "groups")),
            _articles(story, strings(e, "articles")),
        ]
        for n, e in enumerate(events, 1)
    ]
    return "## Events\n\n" + _table(["#", "Date", "Event", "Claim groups", "Articles"], rows)


def _framing(story: Story) -> str:
    framing = record(story.evidence, "framing")
    per_article = record(framing, "articles")
    rows = [_framing_row(story, article_id, record(per_article, article_id)) for article_id in per_article]
    table = (
        _table(["Article", "Words for the central act", "Techniques", "Leaves out (heaviest 3)"], rows)
        if rows
        else _none("No per-article framing was recorded.")
    )
    return (
        "## Framing\n\n"
        + _acts(records(framing, "acts"))
        + table
        + "\n\n"
        + _labels(story, records(framing, "labels"))
    )


def _acts(acts: list[Record]) -> str:
    out = ""
    for act in acts:
        loaded = {string(w, "term") or "": number(w, "loaded") or 0.0 for w in records(act, "words")}
        terms = ", ".join(f"“{md(t)}” {v:.2f}" for t, v in sorted(loaded.items(), key=lambda p: (p[1], p[0])))
        target = string(act, "target")
        what = f"the act done to {md(target)}" if target else "the story's central event"
        out += f"Words for {what}, neutral to loaded: {terms}\n\n"
    return out


def _framing_row(story: Story, article_id: str, framing: Record) -> list[str]:
    spans = records(framing, "loaded")
    return [
        _article(story, article_id),
        "; ".join(f"“{md(act)}”" for act in strings(framing, "central_act")),
        "; ".join(f"“{md(string(s, 'text'))}” ({md(string(s, 'technique') or 'unnamed')})" for s in spans),
        "; ".join(_group_title(story, g) for g in strings(framing, "omits")[:3])
        + (f" (+{len(strings(framing, 'omits')) - 3} more)" if len(strings(framing, "omits")) > 3 else ""),
    ]


def _labels(story: Story, labels: list[Record]) -> str:
    if not labels:
        return "### Labels per entity\n\n" + _none("No descriptive labels were recorded.")
    article_ids = [string(a, "id") or "" for a in story.articles]
    rows = [
        [md(story.entity_name(string(item, "entity")))]
        + [
            "; ".join(f"“{md(label)}”" for label in strings(record(item, "by_article"), a))
            for a in article_ids
        ]
        for item in labels
    ]
    return "### Labels per entity\n\n" + _table(["Entity", *(_article(story, a) for a in article_ids)], rows)


def _entities(story: Story) -> str:
    entities = sorted(story.entity_by_id.values(), key=lambda e: -len(records(e, "mentions")))
    if not entities:
        return "## Entities\n\n" + _none("No named entities were found.")
    rows = [_entity_row(story, e) for e in entities]
    return "## Entities\n\n" + _table(["Entity", "Type", "Aliases", "Mentions by article", "Labels"], rows)


def _entity_row(story: Story, entity: Record) -> list[str]:
    mentions: dict[str, int] = {}
    for mention in records(entity, "mentions"):
        article_id = string(mention, "article") or ""
        mentions[article_id] = mentions.get(article_id, 0) + 1
    labels = [
        f"{_article(story, string(label, 'article'))}: “{md(string(label, 'text'))}”"
        for label in records(entity, "labels")
    ]
    return [
        md(string(entity, "name") or UNKNOWN),
        md(string(entity, "type") or UNKNOWN),
        md(", ".join(strings(entity, "aliases"))),
        "; ".join(f"{_article(story, a)} ×{n}" for a, n in mentions.items()),
        "; ".join(labels),
    ]


def _texts(story: Story) -> str:
    """The clean texts last, quoted, so the report stands on its own without the evidence file."""
    if not story.articles:
        return "## Article texts\n\n" + _none("No articles were analysed.")
    parts = ["## Article texts"]
    for n, article in enumerate(story.articles, 1):
        title = md(string(article, "title") or "untitled")
        body = _quote(string(article, "text") or "") or _none("No article text.")
        removed = strings(article, "removed")
        extra = (
            f"\n\nRemoved as boilerplate ({len(removed)}):\n\n"
            + "\n".join(f"- {md(block)}" for block in removed)
            if removed
            else ""
        )
        parts.append(f"### #{n} {md(outlet_name(article))}: {title}\n\n{body}{extra}")
    return "\n\n".join(parts)


def _quote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in md_lines(text))

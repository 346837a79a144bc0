"""HTML for the outlets pages and the story page's coverage section. Every figure links to its evidence.

Sorting is done by the server from the column links (``?sort=hedged&order=asc``), so it works without
script. Every outlet name, note and headline comes from articles and goes through ``esc``/``bdi``/``attr``.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from rashomon.outlets.coverage import SIDE_ORDER, Coverage
from rashomon.outlets.figures import Figure, OutletProfile, Ref
from rashomon.outlets.identify import outlet_key
from rashomon.outlets.profile import Profiles
from rashomon.outlets.ratings import Rating, Ratings
from rashomon.report.html import render_body
from rashomon.report.html_parts import badge, none_found, section, span_anchor
from rashomon.report.html_text import attr, bdi, esc
from rashomon.report.view import Story, plural, string
from rashomon.store.protocol import StorySummary
from rashomon.web.layout import add_form, article_url, crumbs, page
from rashomon.web.views import articles_table

QUOTE_CHARS = 100  # a claim's words shown beside its link: enough to recognise it
EVIDENCE_SHOWN = 200  # links listed per figure on an outlet's page; the count says how many there are
TABLE_FIGURES = ("originates", "anonymous", "hedged", "loaded", "techniques", "omits", "disputed", "headline")
SHORT_LABELS = {  # column heads; the outlet's page and each cell's tooltip give the full wording
    "originates": "Originates",
    "anonymous": "Anonymous sources",
    "hedged": "Hedged",
    "loaded": "Loaded /1k words",
    "techniques": "Techniques /1k words",
    "omits": "Omits corroborated",
    "disputed": "Disputed",
    "headline": "Headline overstates",
}
SIDE_COLOURS = {"left": "#2f6db5", "center": "#8a8f98", "right": "#c0392b"}
IMPORT_HINT = "rashomon outlets import-ratings FILE --db PATH"


def outlet_url(key: str) -> str:
    return f"/outlets/{quote(key, safe='')}"


# --- the outlets page ------------------------------------------------------------------------------------


def outlets_page(
    profiles: Profiles, ratings: Ratings, sort: str, order: str, story_titles: Mapping[str, str]
) -> str:
    rows = "".join(_outlet_row(profile, ratings) for profile in _sorted(profiles, sort, order))
    columns = [("name", "Outlet"), ("articles", "Articles"), ("stories", "Stories"), ("claims", "Claims")]
    columns += [(name, _label(profiles, name)) for name in TABLE_FIGURES] + [("delay", "Median delay")]
    head = "".join(_header(name, label, sort, order) for name, label in columns)
    table = (
        f'<table class="outlets"><thead><tr>{head}<th>Rating</th></tr></thead><tbody>{rows}</tbody></table>'
        if profiles.outlets
        else none_found("No outlet identified yet: add articles, or give them an outlet.")
    )
    intro = (
        f"{plural(len(profiles.outlets), 'outlet')} over {plural(profiles.stories, 'story', 'stories')}, "
        "measured from the stored evidence, not from ratings. Each figure is a count with its 95% interval; "
        "small samples (under 30) are marked. Click a figure for the claims and articles behind it."
    )
    body = (
        crumbs(("Stories", "/"), ("Outlets", None))
        + '<main class="page"><header class="page-head"><p class="kicker">Workspace</p><h1>Outlets</h1>'
        + f'<p class="intro">{esc(intro)}</p>{_ratings_note(ratings)}</header>{table}'
        + _unidentified(profiles, story_titles)
        + "</main>"
    )
    return page("Outlets", body)


def _label(profiles: Profiles, name: str) -> str:
    return SHORT_LABELS.get(name, name)


def _sorted(profiles: Profiles, sort: str, order: str) -> list[OutletProfile]:
    def key(profile: OutletProfile) -> tuple[int, float | str]:
        if sort == "name":
            return 0, profile.name.casefold()
        if sort in ("articles", "stories"):
            return 0, float(len(getattr(profile, sort)))
        if sort == "claims":
            return 0, float(profile.claims)
        if sort == "delay":
            median = profile.delay.median
            return (1, 0.0) if median is None else (0, median)
        if sort in TABLE_FIGURES:
            value = profile.figure(sort).value
            return (1, 0.0) if value is None else (0, value)
        return 0, float(len(profile.articles))

    known = [p for p in profiles.outlets if key(p)[0] == 0]
    unknown = [p for p in profiles.outlets if key(p)[0] == 1]  # n/a stays last in either order
    return sorted(known, key=lambda p: key(p)[1], reverse=order == "desc") + unknown


def _header(name: str, label: str, sort: str, order: str) -> str:
    flip = "asc" if sort == name and order == "desc" else "desc"
    mark = (" ▼" if order == "desc" else " ▲") if sort == name else ""
    state = ("descending" if order == "desc" else "ascending") if sort == name else "none"
    href = f"/outlets?sort={quote(name)}&order={flip}"
    return f'<th aria-sort="{state}"><a href="{attr(href)}">{esc(label)}{esc(mark)}</a></th>'


def _outlet_row(profile: OutletProfile, ratings: Ratings) -> str:
    href = outlet_url(profile.key)
    cells = "".join(_figure_cell(profile, profile.figure(name)) for name in TABLE_FIGURES)
    delay = profile.delay
    delay_cell = (
        f'<a href="{attr(href)}#fig-delay">{esc(f"{delay.median:g} d")}</a>'
        f'<div class="muted">n={len(delay.days)}</div>'
        if delay.median is not None
        else '<span class="muted">n/a</span>'
    )
    country = f' <span class="muted">{esc(profile.country)}</span>' if profile.country else ""
    return (
        f'<tr data-outlet="{attr(profile.key)}">'
        f'<td><a href="{attr(href)}">{bdi(profile.name)}</a>{country}</td>'
        f'<td class="num">{len(profile.articles)}</td><td class="num">{len(profile.stories)}</td>'
        f'<td class="num">{profile.claims}</td>{cells}<td class="num">{delay_cell}</td>'
        f"<td>{_rating_badge(ratings.get(profile.name))}</td></tr>"
    )


def _figure_cell(profile: OutletProfile, figure: Figure) -> str:
    if not figure.available or figure.value is None:
        return f'<td class="num muted" title="{attr(figure.text())}">n/a</td>'
    low, high = figure.interval or (0.0, 0.0)
    if figure.scale == 1:
        shown, spread = (
            f"{100 * figure.value:.0f}%",
            f"{figure.hits}/{figure.total} · {100 * low:.0f}–{100 * high:.0f}%",
        )
    else:
        shown, spread = (
            f"{figure.value:.1f}",
            f"{figure.hits} in {figure.total:,} words · {low:.1f}–{high:.1f}",
        )
    small = f" {badge('small', 'small-sample')}" if figure.small else ""
    href = f"{outlet_url(profile.key)}#fig-{figure.name}"
    return (
        f'<td class="num fig" title="{attr(figure.text())}"><a href="{attr(href)}">{esc(shown)}</a>{small}'
        f'<div class="muted">{esc(spread)}</div></td>'
    )


def _rating_badge(rating: Rating | None) -> str:
    if rating is None:
        return '<span class="muted">—</span>'
    parts = [
        part
        for part in (rating.lean, f"reliability {rating.reliability}" if rating.reliability else None)
        if part
    ]
    colour = SIDE_COLOURS.get(rating.side or "", "")
    style = f' style="border-color:{colour}"' if colour else ""
    return f'<span class="badge lean"{style}>{esc(", ".join(parts))}</span>'


def _ratings_note(ratings: Ratings) -> str:
    if len(ratings):
        return f'<p class="muted">{plural(len(ratings), "outlet rating")} imported by the user.</p>'
    return f'<p class="muted">No outlet ratings imported (rashomon ships none): {esc(IMPORT_HINT)}.</p>'


def _unidentified(profiles: Profiles, story_titles: Mapping[str, str]) -> str:
    if not profiles.unidentified:
        return ""
    items = "".join(
        f'<li><a href="{attr(article_url(ref.story, ref.article))}">{bdi(ref.note or ref.article)}</a> '
        f'<span class="muted">in {bdi(story_titles.get(ref.story, ref.story))}</span></li>'
        for ref in profiles.unidentified
    )
    intro = "No outlet could be read from these articles' input, page, address, byline or credit lines."
    return section(
        "unidentified",
        "Articles with no identified outlet",
        len(profiles.unidentified),
        f"<ul>{items}</ul>",
        intro,
    )


# --- one outlet -----------------------------------------------------------------------------------------


def outlet_page(profile: OutletProfile, rating: Rating | None, stories: Mapping[str, Story]) -> str:
    about = [part for part in (profile.country, f"owner: {profile.owner}" if profile.owner else None) if part]
    if not profile.registered:
        about.append("not in the outlet registry")
    sample = (
        f"{plural(len(profile.articles), 'article')} in {plural(len(profile.stories), 'story', 'stories')}, "
        f"{plural(profile.claims, 'claim')}, {profile.words:,} words; "
        f"{len(profile.exclusive)} claims only it carries; "
        f"{len(profile.undetermined)} shared claims whose order the dates cannot tell."
    )
    sections = "".join(_figure_section(figure, stories) for figure in profile.figures)
    if profile.techniques:
        listed = "".join(
            f"<li>{badge(name, 'technique')} ×{count}</li>" for name, count in profile.techniques.items()
        )
        sections += section(
            "techniques", "Techniques named", sum(profile.techniques.values()), f"<ul>{listed}</ul>"
        )
    sections += section(
        "fig-delay",
        "Median delay behind the origin",
        len(profile.delay.days),
        f"<p>{esc(profile.delay.text())}</p>{_evidence(profile.delay.evidence, stories)}",
    )
    sections += section("articles", "Articles", len(profile.articles), _evidence(profile.articles, stories))
    sections += section(
        "exclusive",
        "Claims only this outlet carries",
        len(profile.exclusive),
        _evidence(profile.exclusive, stories),
    )
    sections += section(
        "undetermined",
        "Shared claims of undetermined order",
        len(profile.undetermined),
        _evidence(profile.undetermined, stories),
    )
    body = (
        crumbs(("Stories", "/"), ("Outlets", "/outlets"), (profile.name, None))
        + '<main class="page outlet-page"><header class="page-head"><p class="kicker">Outlet</p>'
        + f"<h1>{bdi(profile.name)}</h1><p>{esc('; '.join(about))} {_rating_badge(rating)}</p>"
        + f'<p class="intro">{esc(sample)}</p></header>{sections}</main>'
    )
    return page(profile.name, body)


def _figure_section(figure: Figure, stories: Mapping[str, Story]) -> str:
    return section(
        f"fig-{figure.name}",
        figure.label,
        figure.hits if figure.available else None,
        f"<p>{esc(figure.text())}</p>{_evidence(figure.evidence, stories)}",
    )


def _evidence(refs: tuple[Ref, ...], stories: Mapping[str, Story]) -> str:
    if not refs:
        return '<p class="none">none</p>'
    items = "".join(f"<li>{_ref_link(ref, stories)}</li>" for ref in refs[:EVIDENCE_SHOWN])
    more = len(refs) - EVIDENCE_SHOWN
    tail = f'<li class="muted">and {more} more (rashomon outlets --json lists all)</li>' if more > 0 else ""
    return f'<ol class="evidence">{items}{tail}</ol>'


def _ref_link(ref: Ref, stories: Mapping[str, Story]) -> str:
    story = stories.get(ref.story)
    href = article_url(ref.story, ref.article)
    if story is None:
        return f'<a href="{attr(href)}">{esc(ref.article)}</a>'
    number = story.article_number.get(ref.article, 0)
    headline = string(story.article(ref.article), "title") or "untitled"
    label = f"#{number} {headline}"
    if ref.claim:
        href += f"#{span_anchor(story, ref.claim)}"
        words = string(story.claim_by_id.get(ref.claim), "text") or ""
        quoted = f": “{words[:QUOTE_CHARS]}{'…' if len(words) > QUOTE_CHARS else ''}”" if words else ""
        label = f"claim {story.claim_label.get(ref.claim, ref.claim)} in {headline}{quoted}"
    note = f' <span class="muted">{bdi(ref.note)}</span>' if ref.note else ""
    return f'<a href="{attr(href)}">{bdi(label)}</a>{note}'


# --- the story page --------------------------------------------------------------------------------------


def story_page(
    summary: StorySummary, story: Story, max_bytes: int, coverage: Coverage, ratings: Ratings
) -> str:
    """The evidence map with the coverage bar and the outlet badges above it."""
    body = (
        crumbs(("Stories", "/"), (summary.title or "untitled story", None))
        + coverage_section(coverage, ratings)
        + f'<div class="report">{render_body(story, articles=articles_table)}</div>'
        + '<section id="add" class="page"><h2>Add articles to this story</h2>'
        + f"{add_form(summary.id, max_bytes)}</section>"
    )
    return page(summary.title or "Story", body)


def coverage_section(coverage: Coverage, ratings: Ratings) -> str:
    return (
        '<section id="coverage" class="page coverage"><h2>Coverage by side</h2>'
        + _bar(coverage, ratings)
        + _badges(coverage)
        + "</section>"
    )


def _bar(coverage: Coverage, ratings: Ratings) -> str:
    if not len(ratings):
        return f'<p class="muted">No outlet ratings imported, so no sides: {esc(IMPORT_HINT)}.</p>'
    if not coverage.rated:
        return '<p class="muted">None of this story\'s outlets is rated.</p>'
    segments = "".join(
        f'<span class="side side-{side}" style="width:{100 * len(coverage.side(side)) / coverage.rated:.1f}%;'
        f'background:{SIDE_COLOURS[side]};display:inline-block;color:#fff;overflow:hidden">'
        f"{esc(side)} {len(coverage.side(side))}</span>"
        for side in SIDE_ORDER
        if coverage.side(side)
    )
    blind = coverage.blindspot
    flag = f" {badge(f'blindspot: barely covered by the {blind}', 'blindspot rel-dispute')}" if blind else ""
    counts = ", ".join(f"{side} {len(coverage.side(side))}" for side in SIDE_ORDER)
    rated = f"{coverage.rated} of {len(coverage.articles)} articles rated"
    summary = f"{rated} ({counts}; {len(coverage.unrated)} unrated)"
    return (
        f'<div class="coverage-bar" style="display:flex;width:100%" role="img" aria-label="{attr(summary)}">'
        f'{segments}</div><p class="coverage-counts">{esc(summary)}{flag}</p>'
    )


def _badges(coverage: Coverage) -> str:
    badges = []
    for placed in coverage.articles:
        article = article_url(placed.ref.story, placed.ref.article)
        href = outlet_url(outlet_key(placed.outlet)) if placed.outlet else article
        name = placed.outlet or "unknown outlet"
        lean = f" · {placed.lean}" if placed.lean else ""
        colour = SIDE_COLOURS.get(placed.side or "", "")
        style = f' style="border-color:{colour}"' if colour else ""
        side = attr(placed.side or "")
        badges.append(
            f'<a class="badge outlet-badge" data-side="{side}"{style} href="{attr(href)}">'
            f"{bdi(name)}{esc(lean)}</a>"
        )
    return f'<p class="outlet-badges">{"".join(badges)}</p>'

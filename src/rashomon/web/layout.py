"""The page shell every web page shares, and the small forms on several pages.

Pages load their styles and scripts from ``/static`` (the policy forbids inline ones); the report's own
stylesheet and script are served as they are, so the story page looks and behaves like ``report.html``.
"""

from __future__ import annotations

from urllib.parse import quote

from rashomon.report.html_text import attr, bdi, esc
from rashomon.web.assets import asset_url
from rashomon.web.geometry import inline_styles_to_classes, registered_css
from rashomon.web.uploads import ACCEPTED

STYLES = ("report.css", "geometry.css", "web.css")
SCRIPTS = ("report.js", "web.js")


def page(title: str, body: str, *, query: str = "", head: str = "", status_class: str = "") -> str:
    """A whole HTML document: header with navigation and search, then the body, inline styles as classes."""
    body = inline_styles_to_classes(body)
    styles = "".join(f'<link rel="stylesheet" href="{attr(asset_url(name))}">' for name in STYLES)
    styles += f'<link rel="stylesheet" href="/static/inline.css?v={registered_css()[1]}">'
    scripts = "".join(f'<script src="{attr(asset_url(name))}" defer></script>' for name in SCRIPTS)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer"><link rel="icon" href="data:,">'
        f"<title>{esc(title)} · rashomon</title>{styles}{scripts}{head}</head>"
        f'<body class="web {attr(status_class)}">{_site_header(query)}{body}</body></html>\n'
    )


def _site_header(query: str) -> str:
    return (
        '<header class="site"><a class="brand" href="/">rashomon</a>'
        '<nav><a href="/">Stories</a><a href="/outlets">Outlets</a><a href="/add">Add articles</a>'
        '<a href="/docs">API</a></nav>'
        '<form class="search" action="/search" method="get" role="search">'
        f'<input type="search" name="q" value="{attr(query)}" maxlength="200" '
        'placeholder="Search articles and claims" aria-label="Search articles and claims">'
        "<button>Search</button></form></header>"
    )


def crumbs(*parts: tuple[str, str | None]) -> str:
    """Breadcrumbs: (label, href or None for the current page). Labels are escaped as article text."""
    items = [f'<a href="{attr(href)}">{bdi(label)}</a>' if href else bdi(label) for label, href in parts]
    return f'<nav class="crumbs" aria-label="Breadcrumbs">{" › ".join(items)}</nav>'


def story_url(story_id: str) -> str:
    return f"/stories/{quote(story_id, safe='')}"


def article_url(story_id: str, article_id: str) -> str:
    return f"{story_url(story_id)}/articles/{quote(article_id, safe='')}"


def add_form(story_id: str | None, max_bytes: int) -> str:
    """Upload files or paste text: a plain form, which the script turns into an upload with progress."""
    action = f"{story_url(story_id)}/add" if story_id else "/add"
    api = f"/api{story_url(story_id)}/articles" if story_id else "/api/stories"
    target = "this story" if story_id else "the story they belong to (or a new one)"
    return (
        f'<form class="add-form" action="{attr(action)}" method="post" enctype="multipart/form-data" '
        f'data-api="{attr(api)}">'
        f'<p class="intro">Articles are analysed and added to {esc(target)}. '
        f"Up to {max_bytes // 1_000_000} MB per upload; files: {esc(ACCEPTED)}.</p>"
        '<div class="add-cols"><fieldset><legend>Upload files</legend>'
        f'<input type="file" name="file" multiple accept="{attr(ACCEPTED.replace(" ", ""))}">'
        '<p class="muted">Saved web pages, plain text, JSON article records or WARC archives; several '
        "at once is fine. An article already stored is recognised and not added twice.</p>"
        "</fieldset>"
        "<fieldset><legend>Or paste an article</legend>"
        + _field("title", "Headline")
        + _field("outlet", "Outlet")
        + _field("byline", "Byline")
        + _field("published", "Published (YYYY-MM-DD)", pattern=r"\d{4}(-\d{2}(-\d{2})?)?")
        + _field("url", "Address (shown as text)")
        + '<label class="wide">Text<textarea name="text" rows="8"></textarea></label></fieldset></div>'
        '<p><button type="submit">Add and analyse</button> '
        '<span class="job-status" aria-live="polite"></span>'
        '<progress class="job-progress" hidden></progress></p></form>'
    )


def _field(name: str, label: str, pattern: str = "") -> str:
    extra = f' pattern="{attr(pattern)}"' if pattern else ""
    return f'<label>{esc(label)}<input type="text" name="{attr(name)}" maxlength="2000"{extra}></label>'


def error_body(status: int, title: str, message: str, hint: str | None) -> str:
    hint_html = f'<p class="hint">{esc(hint)}</p>' if hint else ""
    return (
        f'<main class="page error"><p class="kicker">Error {status}</p><h1>{esc(title)}</h1>'
        f'<p class="message">{esc(message)}</p>{hint_html}<p><a href="/">Back to the stories</a></p></main>'
    )

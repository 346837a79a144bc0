"""What a web page says about itself: title, outlet, byline, date, canonical URL and publisher hints.

Everything here is read from the page's own markup (``<meta>``, ``<link>``, JSON-LD, ``<time>``); nothing is
guessed from the domain or the wording of the text. A field the page does not state stays ``None``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urljoin

from lxml import html as lxml_html

from rashomon.model import PublishedDate

# schema.org types whose fields describe the article itself (not the site, a breadcrumb or an image).
ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "TechArticle",
        "ScholarlyArticle",
        "Report",
        "SocialMediaPosting",
    }
)
ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
ISO_MONTH = re.compile(r"^\s*(\d{4})-(\d{2})\s*$")
# Dates before the web or after tomorrow are markup errors (CMS defaults such as 1970-01-01).
EARLIEST_YEAR = 1990


@dataclass(frozen=True, slots=True)
class PageMetadata:
    title: str | None
    outlet: str | None
    byline: str | None
    published: PublishedDate
    url: str | None
    descriptions: tuple[str, ...]  # meta/JSON-LD descriptions: the publisher's own summary or lead
    article_body: str | None  # JSON-LD articleBody, the publisher's own copy of the text


def read_metadata(tree: Any, html: str, url: str | None) -> PageMetadata:
    """Collect the page's self-description from an lxml tree (``html`` feeds htmldate)."""
    meta = _meta_values(tree)
    articles = [node for node in _json_ld_nodes(tree) if _is_article(node)]
    return PageMetadata(
        title=_title(tree, meta, articles),
        outlet=_outlet(meta, articles),
        byline=_byline(meta, articles),
        published=_published(tree, meta, articles, html, url),
        url=_canonical_url(tree, meta, url),
        descriptions=_descriptions(meta, articles),
        article_body=_article_body(articles),
    )


def clean(value: object) -> str | None:
    """Whitespace-normalised text, or None for anything empty or not a string."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _meta_values(tree: Any) -> dict[str, list[str]]:
    """``<meta>`` contents keyed by lower-cased name/property/itemprop, in page order."""
    values: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = clean(element.get("content"))
        if key and content:
            values.setdefault(key.strip().lower(), []).append(content)
    return values


def _first(meta: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        if meta.get(key):
            return meta[key][0]
    return None


def _json_ld_nodes(tree: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD blocks, ``@graph`` members and nested lists included."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue  # broken JSON-LD is common; the rest of the page still speaks
        yield from _walk_json(data, depth=0)


def _walk_json(data: object, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 6:  # real JSON-LD nests 2-3 deep; this bounds hostile input
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_json(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        yield from _walk_json(data.get("@graph"), depth + 1)


def _is_article(node: dict[str, Any]) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k in ARTICLE_TYPES for k in kinds)


def _title(tree: Any, meta: dict[str, list[str]], articles: list[dict[str, Any]]) -> str | None:
    for node in articles:
        headline = clean(node.get("headline"))
        if headline:
            return headline
    found = _first(meta, "og:title", "twitter:title")
    if found:
        return found
    headings = [clean(h.text_content()) for h in tree.iter("h1")]
    headings = [h for h in headings if h]
    if len(headings) == 1:  # several h1s: site name, section, ... which one is the headline is unknown
        return headings[0]
    titles = tree.xpath("//title")
    return clean(titles[0].text_content()) if titles else None


def _outlet(meta: dict[str, list[str]], articles: list[dict[str, Any]]) -> str | None:
    found = _first(meta, "og:site_name")
    if found:
        return found
    for node in articles:
        publisher = node.get("publisher")
        publishers = publisher if isinstance(publisher, list) else [publisher]
        for item in publishers:
            if isinstance(item, dict) and clean(item.get("name")):
                return clean(item.get("name"))
    return _first(meta, "application-name")


def _byline(meta: dict[str, list[str]], articles: list[dict[str, Any]]) -> str | None:
    names: list[str] = []
    for node in articles:
        names.extend(_person_names(node.get("author")))
    if not names:
        for key in ("author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator"):
            names.extend(v for v in meta.get(key, []) if not _is_url(v))
            if names:
                break
    names = [re.sub(r"^by\s+", "", n, flags=re.IGNORECASE) for n in names]
    unique = list(dict.fromkeys(n for n in names if n))
    return ", ".join(unique) if unique else None


def _person_names(author: object) -> list[str]:
    if isinstance(author, list):
        return [name for item in author for name in _person_names(item)]
    if isinstance(author, dict):
        name = clean(author.get("name"))
        return [name] if name and not _is_url(name) else []
    name = clean(author)
    return [name] if name and not _is_url(name) else []


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://", "/", "www."))


def _descriptions(meta: dict[str, list[str]], articles: list[dict[str, Any]]) -> tuple[str, ...]:
    found = [v for key in ("description", "og:description", "twitter:description") for v in meta.get(key, [])]
    found.extend(d for node in articles if (d := clean(node.get("description"))))
    return tuple(dict.fromkeys(found))


def _article_body(articles: list[dict[str, Any]]) -> str | None:
    bodies = [node.get("articleBody") for node in articles]
    texts = [b for b in bodies if isinstance(b, str) and b.strip()]
    return max(texts, key=len) if texts else None


def _canonical_url(tree: Any, meta: dict[str, list[str]], url: str | None) -> str | None:
    links = tree.xpath("//link[@rel='canonical']/@href")
    found = clean(links[0]) if links else None
    found = found or _first(meta, "og:url")
    if not found:
        return url
    return urljoin(url, found) if url else found


# Where pages state their publication date, most explicit first; the evidence names the one used.
DATE_META_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "date",
)


def _published(
    tree: Any, meta: dict[str, list[str]], articles: list[dict[str, Any]], html: str, url: str | None
) -> PublishedDate:
    for node in articles:
        found = _iso_date(node.get("datePublished"), "JSON-LD datePublished")
        if found:
            return found
    for key in DATE_META_KEYS:
        found = _iso_date(_first(meta, key), f'<meta "{key}">')
        if found:
            return found
    for value in tree.xpath("//time[@itemprop='datePublished' or @pubdate]/@datetime"):
        found = _iso_date(value, "<time datePublished>")
        if found:
            return found
    return _htmldate(tree, url)


def _iso_date(value: object, evidence: str) -> PublishedDate | None:
    if not isinstance(value, str):
        return None
    day = ISO_DAY.match(value)
    if day and _plausible(int(day[1]), int(day[2]), int(day[3])):
        return PublishedDate(day.group(0).strip(), "day", "page", f"{evidence}: {value.strip()}")
    month = ISO_MONTH.match(value)
    if month and _plausible(int(month[1]), int(month[2]), 1):
        return PublishedDate(month.group(0).strip(), "month", "page", f"{evidence}: {value.strip()}")
    return None


def _plausible(year: int, month: int, day: int) -> bool:
    try:
        stated = date(year, month, day)
    except ValueError:
        return False
    return year >= EARLIEST_YEAR and stated.toordinal() <= date.today().toordinal() + 1


def _htmldate(tree: Any, url: str | None) -> PublishedDate:
    """htmldate's markup-only search (no guessing from free text): other date elements and the URL."""
    from htmldate import find_date

    try:
        # htmldate mutates the tree it is given, so it gets its own copy.
        copy = lxml_html.fromstring(lxml_html.tostring(tree))
        found = find_date(copy, extensive_search=False, original_date=True, url=url)
    except Exception:  # htmldate raises assorted errors on broken markup; a missing date is the answer
        return PublishedDate()
    if not isinstance(found, str) or not ISO_DAY.match(found):
        return PublishedDate()
    return PublishedDate(found[:10], "day", "page", "htmldate: page markup or URL (extensive search off)")

"""Main-text extraction from a saved web page: the article body, what was left out, and the page's metadata.

``extract_page`` never raises on bad markup: an empty or hostile page gives an empty body, a page nested
past the HTML parser's depth limit is flattened and read with a warning. The one refusal is a page
whose text the parser cannot hold (a single run of text over 10 MB): `InputError`. How the body is
chosen is described in ``html_body``; the numbers behind it are in docs/extraction.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rashomon.clean.html_blocks import (
    decode_html,
    flatten_markup,
    normalise,
    parse_html_checked,
    visible_blocks,
)
from rashomon.clean.html_body import extract_paragraphs
from rashomon.clean.html_meta import PageMetadata, read_metadata
from rashomon.errors import InputError
from rashomon.model import PublishedDate

__all__ = ["ExtractedPage", "decode_html", "extract_page"]

# ``removed`` keeps the page's other blocks so later stages can read them (credit lines are evidence of
# sourcing). The caps bound memory on pathological pages; real article pages have 50-250 blocks
# (trafilatura_eval median ~120), and a block longer than 2,000 chars is a whole-page container.
MAX_REMOVED_BLOCKS = 300
MAX_BLOCK_CHARS = 2000
# A block counts as part of the body when this share of its word trigrams is in the body: trafilatura
# re-spaces inline markup, so exact substring tests miss blocks that were in fact kept.
IN_BODY_OVERLAP = 0.8
# The headline sits above the body: after at most a kicker, a date line and a lead.
TITLE_SEARCH_PARAGRAPHS = 3
WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """One page, split into the article body and everything else a reader could see."""

    text: str  # the article body: paragraphs separated by "\n\n" (no title in it)
    removed: tuple[str, ...] = ()  # other visible blocks judged not article text, verbatim
    title: str | None = None
    outlet: str | None = None  # as the page names itself; never guessed from the domain
    byline: str | None = None
    published: PublishedDate = field(default_factory=PublishedDate)
    url: str | None = None  # canonical / og:url if present, else the url passed in
    warnings: tuple[str, ...] = ()  # what the reader should know about how the page was read


FLATTENED = (
    "the page nests its markup deeper than the HTML parser's limit of 255 levels; "
    "it was read without its nesting, so paragraph breaks may be off"
)


def extract_page(html: str, url: str | None = None) -> ExtractedPage:
    """Extract the article body and metadata of one page. Never raises on bad HTML (see the module)."""
    tree, limit = parse_html_checked(html)
    warnings: tuple[str, ...] = ()
    if limit == "depth":
        html = flatten_markup(html)
        tree, limit = parse_html_checked(html)
        warnings = (FLATTENED,)
    if limit is not None:
        what = "tags nested too deep" if limit == "depth" else "a single run of text over 10 MB"
        raise InputError(
            f"the page is beyond what the HTML parser reads ({what})", hint="save its text as .txt"
        )
    if tree is None:
        return ExtractedPage(text="", url=url, warnings=warnings)
    metadata = read_metadata(tree, html, url)
    blocks = visible_blocks(tree)
    paragraphs = extract_paragraphs(
        html,
        url,
        blocks=blocks,
        descriptions=metadata.descriptions,
        article_body=metadata.article_body,
        title=metadata.title,
    )
    paragraphs = _without_title(paragraphs, metadata.title)
    return _page(paragraphs, blocks, metadata, warnings)


def _page(
    paragraphs: list[str], blocks: list[str], metadata: PageMetadata, warnings: tuple[str, ...]
) -> ExtractedPage:
    return ExtractedPage(
        text="\n\n".join(paragraphs),
        removed=_removed_blocks(blocks, paragraphs, metadata.title),
        title=metadata.title,
        outlet=metadata.outlet,
        byline=metadata.byline,
        published=metadata.published,
        url=metadata.url,
        warnings=warnings,
    )


def _without_title(paragraphs: list[str], title: str | None) -> list[str]:
    """The headline belongs in ``title``; a body that repeats it near the top (after a kicker) drops it."""
    if not title:
        return paragraphs
    head = [p for p in paragraphs[:TITLE_SEARCH_PARAGRAPHS] if normalise(p) != normalise(title)]
    return head + paragraphs[TITLE_SEARCH_PARAGRAPHS:]


def _removed_blocks(blocks: list[str], paragraphs: list[str], title: str | None) -> tuple[str, ...]:
    body = normalise(" ".join(paragraphs))
    body_trigrams = _trigrams(body)
    verdicts = [_in_body(block, body, body_trigrams) for block in blocks]
    outside = [i for i, kept in enumerate(verdicts) if not kept and blocks[i] != title]
    chosen = _nearest_to_body(outside, [i for i, kept in enumerate(verdicts) if kept])
    return tuple(blocks[i][:MAX_BLOCK_CHARS] for i in chosen)


def _in_body(block: str, body: str, body_trigrams: set[tuple[str, ...]]) -> bool:
    if block in body:
        return True
    trigrams = _trigrams(block)
    return bool(trigrams) and len(trigrams & body_trigrams) >= IN_BODY_OVERLAP * len(trigrams)


def _nearest_to_body(outside: list[int], inside: list[int]) -> list[int]:
    """At most MAX_REMOVED_BLOCKS indices, preferring blocks next to the body (credits, captions, bylines)."""
    if len(outside) <= MAX_REMOVED_BLOCKS:
        return outside
    if not inside:
        return outside[:MAX_REMOVED_BLOCKS]

    def distance(index: int) -> int:
        return min(abs(index - kept) for kept in inside)

    return sorted(sorted(outside, key=distance)[:MAX_REMOVED_BLOCKS])


def _trigrams(text: str) -> set[tuple[str, ...]]:
    tokens = WORD.findall(text.lower())
    return {tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)} if len(tokens) >= 3 else set()

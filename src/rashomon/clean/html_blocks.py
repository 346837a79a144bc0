"""Turning HTML into something to reason about: decoded text, a parsed tree, and the visible text blocks.

A *block* is the text a reader sees as one unit: a paragraph, a list item, a heading, a caption, a
stray line inside a ``<div>``. ``removed`` in an extracted page is made of these, so nothing visible
is silently lost.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

# Elements whose text a reader never sees.
INVISIBLE_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "iframe", "object"}
)
# Elements that start a new block; everything else is inline and joins its parent's block.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "br", "option", "select", "button",
    }
)  # fmt: skip
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def normalise(text: str) -> str:
    """Whitespace collapsed to single spaces: the form in which texts are compared."""
    return " ".join(text.split())


def decode_html(data: bytes) -> str:
    """Bytes of a saved page to text: UTF-8, else the page's declared charset, else a detected one."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass  # an unknown charset name: fall through to detection
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else data.decode("latin-1")


def parse_html_checked(html: str) -> tuple[Any | None, str | None]:
    """The tree, and which of libxml2's resource limits cut it short: "depth" (tags nested over 255
    deep) or "text" (one run of text over 10 MB). Past either limit libxml2 drops the rest of the page."""
    if not html.strip():
        return None, None
    parser = lxml_html.HTMLParser()
    try:
        tree = lxml_html.document_fromstring(html, parser=parser)
    except ValueError:
        # lxml refuses str input that carries an XML encoding declaration; hand it bytes instead.
        parser = lxml_html.HTMLParser(encoding="utf-8")
        try:
            tree = lxml_html.document_fromstring(html.encode("utf-8", errors="replace"), parser=parser)
        except (ValueError, etree.ParserError):
            return None, _limit_hit(parser)
    except etree.ParserError:
        return None, _limit_hit(parser)
    return tree, _limit_hit(parser)


def _limit_hit(parser: Any) -> str | None:
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            return "depth" if "depth" in entry.message.lower() else "text"
    return None


# Flattening a page nested past the parser's limit: these tags survive (none of them nests: the parser
# closes an open <p> or heading at the next one); block tags become paragraph breaks; the content of
# these never shows and is dropped; every other tag goes, its text kept.
FLAT_KEEP = frozenset(
    {"html", "head", "body", "title", "meta", "p", "br", "h1", "h2", "h3", "h4", "h5", "h6"}
)
FLAT_DROP_CONTENT = frozenset(
    {"script", "style", "template", "noscript", "svg", "iframe", "object", "textarea"}
)
_TAG_NAME = re.compile(r"<(/?)\s*([A-Za-z][A-Za-z0-9:-]*)")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def flatten_markup(html: str) -> str:
    """The page with its nesting removed, in one linear pass (a hostile page can be megabytes of tags).
    Runs of block tags with no text between them become a single paragraph break."""
    lower = html.translate(_ASCII_LOWER)  # same length as html, unlike str.lower()
    out: list[str] = []
    pos, at_break = 0, True

    def text(piece: str) -> None:
        nonlocal at_break
        out.append(piece)
        at_break = at_break and not piece.strip()

    def tag(markup: str, *, is_break: bool) -> None:
        nonlocal at_break
        if not (is_break and at_break):
            out.append(markup)
        at_break = at_break or is_break

    while (start := html.find("<", pos)) >= 0:
        text(html[pos:start])
        if html.startswith("<!--", start):
            end = html.find("-->", start + 4)
            pos = len(html) if end < 0 else end + 3
            continue
        end = html.find(">", start)
        if end < 0:
            pos = len(html)
            break
        pos = end + 1
        found = _TAG_NAME.match(lower, start, min(end, start + 80))
        if found is None:
            continue  # a doctype, a processing instruction, or a stray "<"
        closing, name = found.group(1), found.group(2)
        if name in FLAT_KEEP:
            tag(html[start:pos] if name == "meta" else f"<{closing}{name}>", is_break=False)
        elif name in FLAT_DROP_CONTENT and not closing:
            skip_to = lower.find(f"</{name}", pos)
            pos = len(html) if skip_to < 0 else max(pos, lower.find(">", skip_to) + 1 or len(html))
        elif name in BLOCK_TAGS:
            tag("<p>", is_break=True)
    text(html[pos:])
    return "".join(out)


def visible_blocks(tree: Any) -> list[str]:
    """The page's visible text blocks in document order, each whitespace-normalised and non-empty."""
    blocks: list[str] = []
    buffer: list[str] = []
    body = tree.find("body")
    _collect(body if body is not None else tree, blocks, buffer, depth=0)
    _flush(blocks, buffer)
    return blocks


def _collect(element: Any, blocks: list[str], buffer: list[str], depth: int) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.lower() in INVISIBLE_TAGS or _hidden(element) or not tag or depth > 400:
        return  # comments and processing instructions have a non-string tag; depth bounds hostile nesting
    is_block = tag.lower() in BLOCK_TAGS
    if is_block:
        _flush(blocks, buffer)
    if element.text:
        buffer.append(element.text)
    for child in element:
        _collect(child, blocks, buffer, depth + 1)
        if child.tail:
            buffer.append(child.tail)
    if is_block:
        _flush(blocks, buffer)
    elif tag.lower() in {"span", "a", "b", "i", "em", "strong"}:
        buffer.append("")  # inline: no separator, the page's own spacing is kept
    else:
        buffer.append(" ")  # other inline elements (img alt, input) rarely glue words


def _hidden(element: Any) -> bool:
    return element.get("hidden") is not None or bool(HIDDEN_STYLE.search(element.get("style") or ""))


def _flush(blocks: list[str], buffer: list[str]) -> None:
    text = normalise("".join(buffer))
    buffer.clear()
    if text:
        blocks.append(text)

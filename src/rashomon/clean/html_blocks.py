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


def parse_html(html: str) -> Any | None:
    """An lxml tree of the page, or None when there is nothing to parse."""
    if not html.strip():
        return None
    try:
        return lxml_html.document_fromstring(html)
    except ValueError:
        # lxml refuses str input that carries an XML encoding declaration; hand it bytes instead.
        parser = lxml_html.HTMLParser(encoding="utf-8")
        try:
            return lxml_html.document_fromstring(html.encode("utf-8", errors="replace"), parser=parser)
        except (ValueError, etree.ParserError):
            return None
    except etree.ParserError:
        return None


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

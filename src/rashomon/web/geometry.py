"""Inline ``style`` attributes from the report renderers, turned into classes the strict CSP allows.

The offline report is one self-contained file, so its renderers position timeline bars, meter fills and
graph legends with ``style="..."`` attributes. The web app's policy (``style-src 'self'``) blocks every
inline style, so the same markup would lose its look. Rather than loosen the policy, each style attribute
becomes classes whose rules are served from ``/static``:

- ``left`` and ``width`` percentages (timeline bars, meters) are rounded to 0.1% and use fixed classes
  (``gl-123``) from one static sheet: a tenth of a percent of a 1000-pixel track is one pixel.
- Any other declaration that passes a strict grammar (colours, pixel sizes: no ``url()``, quotes or
  braces) gets a class named by its hash, registered in a bounded table and served as ``inline.css``.

Patterns are safe here because the renderers escape every article-derived string: ``<``, ``>`` and ``"``
never appear inside article text in the markup, so a ``style="..."`` inside a tag is the renderer's own.
A declaration that fails the grammar stays inline and is blocked by the policy: the page loses a
decoration, never its content.
"""

from __future__ import annotations

import hashlib
import re
import threading
from functools import lru_cache

PERCENT_PROPERTIES = {"left": "gl", "width": "gw"}
STEPS = 1000  # 0.1% resolution
MAX_REGISTERED = 5_000  # distinct other declarations kept; renderers use a few dozen

_TAG = re.compile(r"<[a-zA-Z][^<>]*?\sstyle=\"[^\"]*\"[^<>]*>")
_STYLE = re.compile(r"\sstyle=\"([^\"]*)\"")
_CLASS = re.compile(r"\sclass=\"([^\"]*)\"")
_PERCENT = re.compile(r"^\s*([a-z-]+)\s*:\s*(-?\d+(?:\.\d+)?)%\s*$")
_DECLARATION = re.compile(r"^\s*([a-z-]{1,40})\s*:\s*([#a-zA-Z0-9.%, ()+-]{1,120})\s*$")
_FORBIDDEN = re.compile(r"url|image|expression|@|\\", re.IGNORECASE)

_lock = threading.Lock()
_registered: dict[str, str] = {}  # class name -> "property:value"


def inline_styles_to_classes(markup: str) -> str:
    """Rewrite every style attribute that can be expressed as classes; other tags are left untouched."""
    return _TAG.sub(_rewrite_tag, markup)


def registered_css() -> tuple[str, int]:
    """The rules for every hashed class seen so far, and how many there are (the sheet's version)."""
    with _lock:
        rules = [f".{name}{{{declaration}}}" for name, declaration in sorted(_registered.items())]
    return "\n".join(rules) + "\n", len(rules)


def _rewrite_tag(match: re.Match[str]) -> str:
    tag = match.group()
    style = _STYLE.search(tag)
    assert style is not None
    classes = _classes(style.group(1).replace("&#x27;", "'"))
    if classes is None:
        return tag
    tag = tag[: style.start()] + tag[style.end() :]
    existing = _CLASS.search(tag)
    if existing is None:
        end = -2 if tag.endswith("/>") else -1
        return f'{tag[:end]} class="{classes}"{tag[end:]}'
    joined = f"{existing.group(1)} {classes}".strip()
    return f'{tag[: existing.start()]} class="{joined}"{tag[existing.end() :]}'


def _classes(style: str) -> str | None:
    """``left:12.34%;color:#c00`` -> ``gl-123 is-…``; None when any declaration cannot be a class."""
    names = []
    for declaration in filter(str.strip, style.split(";")):
        name = _percent_class(declaration) or _registered_class(declaration)
        if name is None:
            return None
        names.append(name)
    return " ".join(names) or None


def _percent_class(declaration: str) -> str | None:
    found = _PERCENT.match(declaration)
    if found is None or found.group(1) not in PERCENT_PROPERTIES:
        return None
    tenths = round(float(found.group(2)) * STEPS / 100)
    return f"{PERCENT_PROPERTIES[found.group(1)]}-{max(0, min(STEPS, tenths))}"


def _registered_class(declaration: str) -> str | None:
    found = _DECLARATION.match(declaration)
    if found is None or _FORBIDDEN.search(declaration):
        return None
    normal = f"{found.group(1)}:{found.group(2).strip()}"
    name = "is-" + hashlib.sha256(normal.encode()).hexdigest()[:10]
    with _lock:
        if name not in _registered:
            if len(_registered) >= MAX_REGISTERED:
                return None
            _registered[name] = normal
    return name


@lru_cache(maxsize=1)
def geometry_css() -> str:
    """One rule per percentage class: about 2000 short lines, served once and cached."""
    rules = [
        f".{prefix}-{step}{{{prop}:{step / 10:g}%}}"
        for prop, prefix in PERCENT_PROPERTIES.items()
        for step in range(STEPS + 1)
    ]
    return "/* rashomon.web.geometry: inline geometry as classes, for a strict CSP */\n" + "\n".join(rules)

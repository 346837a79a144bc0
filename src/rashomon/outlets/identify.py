"""Which outlet published an article: one canonical name across inputs, or None, never a guess.

Signals, most authoritative first: a name the input or the page gives that the registry knows (under any
alias), the article's web domain, that given name verbatim when the registry does not know it, then
signatures inside the text that only count for a registered outlet: a byline such as "By Reuters Staff", a
wire dateline "BEIRUT (Reuters) -", a credit line "(Press TV)" or "© Reuters 2020". Photo credits
("© AFP 2023 / SAUL LOEB ...") and sourcing lines ("contains reporting by ... of The New York Times")
name someone else's work, not the publisher, so they are never read as the outlet.

The registry (``registry.json`` beside this module) is an editable list; ``Registry.load(extra)`` adds a
user's own file, whose entries replace packaged ones of the same name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from rashomon.claims.outlets import outlet_name
from rashomon.errors import UsageError

Via = Literal["name", "domain", "byline", "dateline", "credit line", ""]

QUALIFIER = re.compile(r"\s*[(\[][^()\[\]]{1,30}[)\]]\s*$")  # "Fox News (Online News)" -> "Fox News"
BYLINE = re.compile(
    r"^\s*(?:by\s+)?(?P<name>.+?)(?:\s+(?:staff(?:\s+(?:writers?|reporters?))?|newsroom|wire(?:\s+service)?|"
    r"reporters?|editors?|desk))?\s*$",
    re.IGNORECASE,
)
BYLINE_PARTS = re.compile(r"\s*(?:,|\band\b|&|\||\s[-–—]\s|/)\s*", re.IGNORECASE)
DATELINE = re.compile(r"^\s*(?:[A-Z][A-Za-z .,'’-]{1,60}?\s*)?\((?P<name>[A-Za-z .&-]{2,30})\)\s*[-—–]")
CREDIT_LINES = (
    re.compile(
        r"^[(\[]?\s*(?:source|via|credit|courtesy(?:\s+of)?)\s*[:\-–—]\s*(?P<name>[^()\[\]]{2,60}?)[)\]]?\.?$",
        re.I,
    ),
    re.compile(r"^[(\[]\s*(?P<name>[^()\[\]]{2,60}?)\s*[)\]]\.?$"),
    re.compile(
        r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s+)?(?P<name>[^/|©\d]{2,60}?)(?:[,.]?\s*\d{4})?"
        r"(?:[,.]?\s*all rights reserved)?\.?$",
        re.IGNORECASE,
    ),
    re.compile(r"^(?P<name>.{2,40}?)['’]s? website can also be accessed", re.IGNORECASE),
)
NOT_PUBLISHER = re.compile(r"photo|image|picture|file|getty|reporting by|contributed|/", re.IGNORECASE)
TAIL_LINES = 6  # credit lines sit at the end of the body, or among the removed boilerplate
HEAD_CHARS = 300  # bylines and datelines sit in the first lines


@dataclass(frozen=True, slots=True)
class Outlet:
    """One registry entry."""

    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    country: str | None = None
    owner: str | None = None

    @property
    def key(self) -> str:
        return outlet_key(self.name)


@dataclass(frozen=True, slots=True)
class Identity:
    """An article's outlet: ``name`` None when unknown; ``registered`` False for a name the registry lacks."""

    name: str | None
    registered: bool = False
    via: Via = ""
    evidence: str = ""  # the text or address it was read from
    outlet: Outlet | None = None

    @property
    def key(self) -> str | None:
        return outlet_key(self.name) if self.name else None


def outlet_key(name: str) -> str:
    """'The Guardian', 'the guardian ' and 'Guardian' share one key."""
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", name.strip().casefold()))


class Registry:
    """Outlets by every name and domain they go by."""

    def __init__(self, outlets: Iterable[Outlet]) -> None:
        self.outlets: dict[str, Outlet] = {}
        for outlet in outlets:
            self.outlets[outlet.key] = outlet
        self._names: dict[str, Outlet] = {}
        self._domains: dict[str, Outlet] = {}
        for outlet in self.outlets.values():
            for name in (outlet.name, *outlet.aliases):
                self._names[outlet_key(name)] = outlet
            for domain in outlet.domains:
                self._domains[_bare_host(domain)] = outlet

    @classmethod
    def load(cls, extra: Path | None = None) -> Registry:
        """The packaged registry, extended (and overridden by name) by a user's file."""
        outlets = list(packaged_registry().outlets.values())
        if extra is not None:
            outlets.extend(read_registry(extra))
        return cls(outlets)

    def by_name(self, text: str) -> Outlet | None:
        """'AP', 'the Associated Press', 'Fox News (Online News)' → the entry; None if not registered."""
        bare = text.strip()
        for candidate in (bare, QUALIFIER.sub("", bare)):
            found = self._names.get(outlet_key(candidate))
            canonical = outlet_name(candidate)  # the citation module's aliases: 'NBC' -> 'NBC News'
            if found is None and canonical is not None:
                found = self._names.get(outlet_key(canonical))
            if found is not None:
                return found
        return None

    def by_domain(self, address: str) -> Outlet | None:
        """The outlet whose domain the address is on (subdomains too); None for a path or unknown host."""
        host = _host(address)
        while host:
            if host in self._domains:
                return self._domains[host]
            host = host.partition(".")[2] if host.count(".") > 1 else ""
        return None


def identify(
    names: Sequence[str | None] = (),
    url: str | None = None,
    byline: str | None = None,
    text: str = "",
    removed: Sequence[str] = (),
    registry: Registry | None = None,
) -> Identity:
    """The outlet of one article from what the input, the page and the text say (see the module doc)."""
    known = registry or packaged_registry()
    given = [name.strip() for name in names if name and name.strip()]
    for name in given:
        if (outlet := known.by_name(name)) is not None:
            return Identity(outlet.name, True, "name", name, outlet)
    if url and (outlet := known.by_domain(url)) is not None:
        return Identity(outlet.name, True, "domain", url, outlet)
    if given:
        return Identity(given[0])
    return _from_text(known, byline, text, removed)


def identify_record(article: Mapping[str, Any], registry: Registry | None = None) -> Identity:
    """The outlet of an evidence-map article (``evidence.json``'s ``articles[]``)."""
    source = article.get("source")
    url = article.get("url") or (source if isinstance(source, str) and "://" in source else None)
    removed = article.get("removed")
    return identify(
        names=[_text(article.get("outlet"))],
        url=_text(url),
        byline=_text(article.get("byline")),
        text=_text(article.get("text")) or "",
        removed=[block for block in removed if isinstance(block, str)] if isinstance(removed, list) else [],
        registry=registry,
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _from_text(known: Registry, byline: str | None, text: str, removed: Sequence[str]) -> Identity:
    head = text[:HEAD_CHARS]
    lines = [line.strip() for line in head.splitlines() if line.strip()][:3]
    bylines = [byline] if byline else [line for line in lines if line.lower().startswith("by ")]
    for line in bylines:
        if (outlet := _byline_outlet(known, line)) is not None:
            return Identity(outlet.name, True, "byline", line, outlet)
    for line in lines:
        match = DATELINE.match(line)
        if match and (outlet := known.by_name(match["name"])) is not None:
            return Identity(outlet.name, True, "dateline", line[:80], outlet)
    tail = [line.strip() for line in text.splitlines() if line.strip()][-TAIL_LINES:]
    for line in [*tail, *(block.strip() for block in removed)]:
        if (outlet := _credit_outlet(known, line)) is not None:
            return Identity(outlet.name, True, "credit line", line[:80], outlet)
    return Identity(None)


def _byline_outlet(known: Registry, line: str) -> Outlet | None:
    body = re.sub(r"^\s*by\s+", "", line, flags=re.IGNORECASE)
    for part in BYLINE_PARTS.split(body):
        if (outlet := known.by_name(part)) is not None:  # whole first: "AFP Staff" is American Free Press
            return outlet
        match = BYLINE.match(part)
        if match and (outlet := known.by_name(match["name"])) is not None:
            return outlet
    return None


def _credit_outlet(known: Registry, line: str) -> Outlet | None:
    if len(line) > 120 or NOT_PUBLISHER.search(line):
        return None
    for pattern in CREDIT_LINES:
        match = pattern.match(line)
        if match and (outlet := known.by_name(match["name"].strip(" .,-–—"))) is not None:
            return outlet
    return None


def _host(address: str) -> str:
    if "://" not in address:
        return ""
    try:
        host = urlsplit(address.strip()).hostname or ""
    except ValueError:
        return ""
    return _bare_host(host)


def _bare_host(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def read_registry(path: Path) -> list[Outlet]:
    """A registry file: ``{"outlets": [{"name", "domains", "aliases", "country", "owner"}]}``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageError(
            f"cannot read the outlet registry {path}: {error}", hint="give a JSON file"
        ) from error
    entries = data.get("outlets") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise UsageError(f"{path} has no 'outlets' list", hint='write {"outlets": [{"name": ...}]}')
    return [_entry(path, number, entry) for number, entry in enumerate(entries, 1)]


def _entry(path: Path, number: int, entry: Any) -> Outlet:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
        raise UsageError(f"{path}: outlet {number} has no 'name'", hint="every entry needs a name")
    return Outlet(
        name=entry["name"].strip(),
        domains=_texts(entry.get("domains")),
        aliases=_texts(entry.get("aliases")),
        country=entry.get("country") if isinstance(entry.get("country"), str) else None,
        owner=entry.get("owner") if isinstance(entry.get("owner"), str) else None,
    )


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(item for item in value if isinstance(item, str)) if isinstance(value, list) else ()


@lru_cache(maxsize=1)
def packaged_registry() -> Registry:
    text = files("rashomon.outlets").joinpath("registry.json").read_text(encoding="utf-8")
    entries = json.loads(text)["outlets"]
    return Registry(_entry(Path("registry.json"), n, entry) for n, entry in enumerate(entries, 1))

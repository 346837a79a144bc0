"""Static files, served from the package by name: a fixed table, so no request path reaches the disk."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from rashomon.web.geometry import geometry_css


@dataclass(frozen=True, slots=True)
class Asset:
    body: bytes
    media_type: str
    etag: str


_SOURCES = {
    "report.css": ("rashomon.report", "text/css"),
    "report.js": ("rashomon.report", "text/javascript"),
    "web.css": ("rashomon.web.static", "text/css"),
    "web.js": ("rashomon.web.static", "text/javascript"),
}


@lru_cache(maxsize=1)
def assets() -> dict[str, Asset]:
    table = {
        name: _asset(files(package).joinpath(name).read_bytes(), media)
        for name, (package, media) in _SOURCES.items()
    }
    table["geometry.css"] = _asset(geometry_css().encode("utf-8"), "text/css")
    return table


def _asset(body: bytes, media_type: str) -> Asset:
    return Asset(body, f"{media_type}; charset=utf-8", hashlib.sha256(body).hexdigest()[:16])


def asset_url(name: str) -> str:
    """The address with a content hash, so browsers may cache it for long and still see a new version."""
    return f"/static/{name}?v={assets()[name].etag}"

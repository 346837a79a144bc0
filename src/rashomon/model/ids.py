"""Content-hash ids: the same content always gets the same id, so runs are resumable and cacheable."""

from __future__ import annotations

import hashlib
import unicodedata


def normalise_for_hash(text: str) -> str:
    """Collapse whitespace and Unicode forms so trivially different copies hash alike."""
    folded = unicodedata.normalize("NFKC", text)
    return " ".join(folded.split())


def content_id(prefix: str, *parts: str) -> str:
    """A short stable id such as ``art_3f2a9c0b1d4e5f60`` from the normalised parts."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(normalise_for_hash(part).encode("utf-8"))
        digest.update(b"\x1f")
    return f"{prefix}_{digest.hexdigest()[:16]}"

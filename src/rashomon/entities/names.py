"""Name normalisation shared by entity resolution: the key under which surface forms are grouped."""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
POSSESSIVE = re.compile(r"(?:'s|s')$", re.IGNORECASE)


def canonical_surface(text: str) -> str:
    """The form shown to users: straight whitespace, no leading article or possessive."""
    text = " ".join(text.split())
    text = LEADING_ARTICLE.sub("", text)
    return POSSESSIVE.sub("", text.translate(APOSTROPHES)).strip(" ,.;:")


def name_key(text: str) -> str:
    """Case-, accent-, apostrophe- and punctuation-insensitive key of a name."""
    folded = unicodedata.normalize("NFKD", canonical_surface(text).casefold())
    letters = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", letters))

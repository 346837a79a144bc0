"""Wire credit lines: an article that says it is AP, Reuters or AFP copy rests on that agency's report.

Only the forms agencies put on their text count: a dateline ("BEIRUT (AP) —", "LONDON, May 3
(Reuters) -"), a byline or credit naming the agency in full ("By The Associated Press", "Agence
France-Presse"), AP's copyright line and Reuters' "(Reporting by …; Editing by …)" signature. Photo
credits ("© AFP 2023 / SAUL LOEB", "Credit: J. Scott Applewhite/AP") are not text credits, and a bare
"AFP" in a byline is not enough: "By AFP Staff" on American Free Press names another publisher.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rashomon.model import Article

CREDIT_CHARS = 160  # a credit or byline line is short; a long line is article text
AGENCIES = {"ap": "Associated Press", "reuters": "Reuters", "afp": "Agence France-Presse"}

DATELINE = re.compile(
    r"[\s\W]{0,3}[A-Z][A-Za-z.'’ -]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*\((AP|Reuters|AFP)\)\s*[—–-]",
)
FULL_NAME = re.compile(
    r"^\s*(?:By\s+)?(?:The\s+)?(Associated Press|Reuters|Agence France[- ]Presse)"
    r"(?:\s+(?:staff|writers?))?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
COPYRIGHT = re.compile(r"Copyright\s+(?:©\s*)?\d{4}\s+(?:The\s+)?(Associated Press)", re.IGNORECASE)
REUTERS_SIGNATURE = re.compile(r"\(Reporting by [^)]{2,120}(?:Editing|Writing) by [^)]{2,80}\)")
PHOTO = re.compile(r"©|\bcredit\s*:|\bphoto\b|\bimage\b|/\s*(?:AP|AFP|Reuters)\b", re.IGNORECASE)

_KEYS = {
    "associated press": "ap",
    "reuters": "reuters",
    "agence france-presse": "afp",
    "agence france presse": "afp",
}


def wire_credit(article: Article) -> str | None:
    """The wire agency whose copy this article says it is, or None."""
    for line in article.text.lstrip()[:400].splitlines()[:2]:  # a dateline opens the story
        match = DATELINE.match(line)
        if match:
            return AGENCIES[match.group(1).lower()]
    for line in _credit_lines(article):
        if len(line) > CREDIT_CHARS or PHOTO.search(line):
            continue
        for pattern in (FULL_NAME, COPYRIGHT):
            found = pattern.search(line)
            if found:
                return AGENCIES[_KEYS[found.group(1).lower().replace("  ", " ")]]
    tail = article.text[-600:]
    if REUTERS_SIGNATURE.search(tail) and "Reuters" in article.text + " ".join(article.removed):
        return "Reuters"
    return None


def _credit_lines(article: Article) -> Iterable[str]:
    if article.byline:
        yield article.byline
    yield from (line for block in article.removed for line in block.splitlines())
    lines = article.text.strip().splitlines()
    yield from lines[:2]
    yield from lines[-3:]

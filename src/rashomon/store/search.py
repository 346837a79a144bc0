"""Full-text search: user text turned into a safe FTS5 query, hits with a plain-text snippet and offsets.

FTS5 has its own query language (``AND``, ``OR``, ``NEAR``, ``col:``, ``*``, parentheses); user text is
never passed to it raw. Words are taken out of the text and each is quoted as an FTS5 string, so an
operator or a stray quote is just a word (or nothing) and no input can raise a syntax error. Text in
double quotes stays a phrase; everything else must all match (implicit AND).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from rashomon.errors import UsageError
from rashomon.store.protocol import SearchHit

WORD = re.compile(r"\w+")
PHRASE = re.compile(r'"([^"]*)"')
MAX_TERMS = 32
MAX_QUERY_CHARS = 1000
MAX_LIMIT = 500
SNIPPET_CONTEXT = 90


@dataclass(frozen=True, slots=True)
class Query:
    fts: str  # the FTS5 MATCH expression
    words: tuple[str, ...]  # the words, for locating the match in the text


def fts_query(text: str) -> Query:
    """A MATCH expression made only of quoted words and phrases; refuses text with no words in it."""
    if len(text) > MAX_QUERY_CHARS:
        raise UsageError(f"search text is {len(text)} characters", hint=f"use at most {MAX_QUERY_CHARS}")
    parts: list[str] = []
    words: list[str] = []
    for phrase in PHRASE.findall(text):
        found = WORD.findall(phrase)
        if found:
            parts.append(_quote(" ".join(found)))
            words.extend(found)
    for word in WORD.findall(PHRASE.sub(" ", text)):
        parts.append(_quote(word))
        words.append(word)
    if not parts:
        raise UsageError("the search has no words in it", hint="search for words that appear in the articles")
    if len(parts) > MAX_TERMS:
        raise UsageError(f"the search has {len(parts)} terms", hint=f"use at most {MAX_TERMS}")
    return Query(" ".join(parts), tuple(dict.fromkeys(words)))


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def search(conn: sqlite3.Connection, text: str, limit: int = 50) -> list[SearchHit]:
    """Articles and claims that match, best first (bm25 across both kinds)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"search limit {limit} is out of range", hint=f"use 1 to {MAX_LIMIT}")
    query = fts_query(text)
    try:
        article_rows = conn.execute(
            """SELECT a.id, a.title, a.text, m.story_id, bm25(articles_fts) AS score
               FROM articles_fts
               JOIN articles a ON a.seq = articles_fts.rowid
               JOIN story_articles m ON m.article_id = a.id
               WHERE articles_fts MATCH ? ORDER BY score, a.seq LIMIT ?""",
            (query.fts, limit),
        ).fetchall()
        claim_rows = conn.execute(
            """SELECT c.id, c.article_id, c.story_id, c.text, c.field, c.start_char, c.end_char, a.title,
                      bm25(claims_fts) AS score
               FROM claims_fts
               JOIN claims c ON c.seq = claims_fts.rowid
               JOIN articles a ON a.id = c.article_id
               WHERE claims_fts MATCH ? ORDER BY score, c.seq LIMIT ?""",
            (query.fts, limit),
        ).fetchall()
    except sqlite3.OperationalError as error:  # quoting makes this unreachable; never show sqlite's text
        raise UsageError("the search could not be run", hint="search for plain words") from error
    scored: list[tuple[float, SearchHit]] = []
    for row in article_rows:
        start, end = locate(row["text"], query.words)
        hit = SearchHit(
            "article",
            row["story_id"],
            row["id"],
            None,
            row["title"] or "",
            snippet(row["text"], start, end),
            start,
            end,
        )
        scored.append((row["score"], hit))
    for row in claim_rows:
        in_body = row["field"] == "text"
        start, end = (row["start_char"], row["end_char"]) if in_body else (0, 0)
        hit = SearchHit(
            "claim",
            row["story_id"],
            row["article_id"],
            row["id"],
            row["title"] or "",
            _short(row["text"]),
            start,
            end,
        )
        scored.append((row["score"], hit))
    scored.sort(key=lambda pair: pair[0])
    return [hit for _, hit in scored[:limit]]


def locate(text: str, words: tuple[str, ...]) -> tuple[int, int]:
    """The first place one of the words occurs in ``text``; (0, 0) when it matched only the title, or
    only through diacritic folding that a plain case-insensitive search does not repeat."""
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + r")\b", re.IGNORECASE)
    match = pattern.search(text)
    return (match.start(), match.end()) if match else (0, 0)


def snippet(text: str, start: int, end: int) -> str:
    """Plain text around the match, whitespace collapsed; the caller escapes it."""
    left = max(0, start - SNIPPET_CONTEXT)
    right = min(len(text), end + SNIPPET_CONTEXT)
    if left > 0:  # whole words only: move in to the next space on each side
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    body = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + body + ("…" if right < len(text) else "")


def _short(text: str, limit: int = 2 * SNIPPET_CONTEXT + 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"

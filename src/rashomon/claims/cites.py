"""Which outlets or reports a claim relies on, from its attribution chain and its sentence.

Short names ("the Times", "the Post") resolve to the full outlet named elsewhere in the same
article; they stay as written when the article names no such outlet.
"""

from __future__ import annotations

import re

from rashomon.claims.outlets import outlet_name

CITATION = re.compile(
    r"(?:according to (?:a |the )?(?:reports?|reporting|an? article|story)(?: \w+){0,4}? (?:by|in|from) |"
    r"according to |"
    r"told |obtained by |reported by |cited by |first reported by |in an interview with |speaking to )"
    r"(?P<outlet>(?:[Tt]he )?[A-Z][\w&.’'-]*(?: [A-Z][\w&.’'-]*){0,4})"
)
REPORTS = re.compile(
    r"(?P<outlet>(?:[Tt]he )?[A-Z][\w&.’'-]*(?: [A-Z][\w&.’'-]*){0,4})"
    r" (?:reports|reported|said in a report)\b"
)


def sentence_cites(sentence: str) -> list[str]:
    found = []
    for pattern in (CITATION, REPORTS):
        for match in pattern.finditer(sentence):
            name = outlet_name(match.group("outlet"))
            if name:
                found.append(name)
    return found


def resolve_short_names(names: list[str], article_text: str) -> tuple[str, ...]:
    """'The Times' → 'The New York Times' when the article names it; order kept, duplicates dropped."""
    resolved: list[str] = []
    for name in names:
        full = _expand(name, article_text)
        if full not in resolved:
            resolved.append(full)
    return tuple(resolved)


def _expand(name: str, text: str) -> str:
    short = re.fullmatch(r"(?:The )?(\w+)", name)
    if short is None:
        return name
    word = short.group(1)
    for match in re.finditer(rf"(?:[Tt]he )?((?:[A-Z][\w.]+ ){{1,3}}{word})\b", text):
        full = outlet_name(match.group(0))
        if full and full.lower() != name.lower():
            return full
    return name

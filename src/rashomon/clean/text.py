"""Cleaning plain article text: split the body from title, byline, date lines and page furniture.

Every line that leaves the body is kept verbatim in ``removed`` (the title goes to ``title``), so a
reader can always see what was taken out, and later stages can read credit lines as sourcing evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rashomon.clean import boilerplate as bp
from rashomon.clean.dates import date_line, parse_date
from rashomon.model import PublishedDate

BYLINE = re.compile(r"^\s*(?:by|von|par|por|written by|author:)\s+(?P<who>\S.{1,80}?)\s*$", re.IGNORECASE)
TITLE_MAX_WORDS = 30  # the longest headlines in the NeuS/AllSides set run to ~25 words
HEAD_LINES = 6  # title, dek, byline and date lines all sit in the first few lines of a page
FOREIGN_UI_MAX_WORDS = 12
TAIL_MAX_WORDS = 8


@dataclass(frozen=True, slots=True)
class CleanText:
    text: str
    removed: tuple[str, ...] = ()
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    published: PublishedDate = field(default_factory=PublishedDate)
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class _Lines:
    lines: list[str]
    keep: list[bool]

    def indices(self) -> list[int]:
        return [i for i, line in enumerate(self.lines) if line.strip() and self.keep[i]]


def clean_plain_text(raw: str) -> CleanText:
    lines = _Lines(
        lines=[line.rstrip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")], keep=[]
    )
    lines.keep = [True] * len(lines.lines)
    title = _take_title(lines)
    byline = _take_byline(lines)
    published = _take_date_line(lines)
    _drop_boilerplate(lines)
    _drop_tail(lines)
    _drop_repeats(lines)
    signature_date, outlet = _image_signature(lines)
    body = [lines.lines[i].strip() for i in lines.indices()]
    removed = tuple(
        line.strip()
        for i, line in enumerate(lines.lines)
        if line.strip() and not lines.keep[i] and line != title
    )
    return CleanText(
        text="\n\n".join(body),
        removed=removed,
        title=title.strip() if title else None,
        byline=byline,
        outlet=outlet,
        published=published if published.known else signature_date,
    )


def _take_title(lines: _Lines) -> str | None:
    """The first line is the headline when it is short, not a sentence of body, and more text follows."""
    idx = lines.indices()
    if len(idx) < 2:
        return None
    first = lines.lines[idx[0]].strip()
    words = bp.word_count(first)
    ends_as_sentence = first.endswith((".", "!", "?", "。", "！", "？")) and not first.endswith("...")
    if words == 0 or words > TITLE_MAX_WORDS or ends_as_sentence or bp.classify_line(first):
        return None
    if BYLINE.match(first) or date_line(first):
        return None
    lines.keep[idx[0]] = False
    return lines.lines[idx[0]]


def _take_byline(lines: _Lines) -> str | None:
    for i in lines.indices()[:HEAD_LINES]:
        match = BYLINE.match(lines.lines[i])
        if match and len(match.group("who").split()) <= 10 and not bp.looks_like_prose(lines.lines[i]):
            lines.keep[i] = False
            return match.group("who").strip()
    return None


def _take_date_line(lines: _Lines) -> PublishedDate:
    for i in lines.indices()[:HEAD_LINES]:
        found = date_line(lines.lines[i])
        if found is not None:
            lines.keep[i] = False
            return found
    return PublishedDate()


def _drop_boilerplate(lines: _Lines) -> None:
    script = bp.dominant_script("\n".join(lines.lines[i] for i in lines.indices()))
    for i in lines.indices():
        line = lines.lines[i]
        if bp.classify_line(line):
            lines.keep[i] = False
        elif _spaced_words(line) <= FOREIGN_UI_MAX_WORDS and bp.dominant_script(line) not in (script, "none"):
            lines.keep[i] = False  # a UI string in another script ("Заголовок открываемого материала")


def _spaced_words(line: str) -> int:
    """Whitespace-separated words, plus the words of scripts written without spaces (Chinese, Japanese)."""
    return len(line.split()) + bp.unspaced_words(line)


def _drop_tail(lines: _Lines) -> None:
    """After the last line of prose, short non-sentences are page furniture (menus, counters, widgets)."""
    for i in reversed(lines.indices()):
        line = lines.lines[i]
        if bp.looks_like_prose(line) or _spaced_words(line) > TAIL_MAX_WORDS:
            return
        lines.keep[i] = False


def _drop_repeats(lines: _Lines) -> None:
    """A second copy of a line (pull quotes, repeated credits) would double-count what it says."""
    seen: set[str] = set()
    for i in lines.indices():
        key = " ".join(lines.lines[i].split()).casefold()
        if key in seen and len(key.split()) >= 4:
            lines.keep[i] = False
        seen.add(key)


def _image_signature(lines: _Lines) -> tuple[PublishedDate, str | None]:
    """Some sites sign image alt text '<caption> - Site, 1920, 07.05.2022': the site and its page date."""
    for i, line in enumerate(lines.lines):
        match = bp.IMAGE_SIGNATURE.search(line)
        if match and not lines.keep[i]:
            date = parse_date(match.group("date"), evidence=line.strip(), source="inferred")
            return date or PublishedDate(), match.group("site").strip()
    return PublishedDate(), None

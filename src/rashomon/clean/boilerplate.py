"""What is not article text, line by line: web UI strings, comment forms, captions, credits.

Each rule is general web boilerplate seen across news sites, written as whole-line patterns so that a
body sentence that merely contains a word like "subscribe" is never removed. The rules were written
from the kinds of lines the BBAW/trafilatura evaluation pages mark as ``without`` segments and from
common English news page furniture, then checked (not tuned) on the bundled example corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

LineKind = Literal["ui", "comment_form", "caption", "credit", "related", "foreign_ui", "tail"]

# Whole-line UI strings (compared case-folded, trailing punctuation and counters stripped).
UI_LINES: frozenset[str] = frozenset(
    {
        "subscribe",
        "subscribe now",
        "subscribe to our newsletter",
        "sign up",
        "sign in",
        "log in",
        "login",
        "register",
        "log in or register",
        "sign up for our newsletter",
        "newsletter",
        "newsfeed",
        "loader",
        "loading",
        "chats",
        "share",
        "share this",
        "share this article",
        "share on facebook",
        "share on twitter",
        "tweet",
        "email",
        "print",
        "copy link",
        "whatsapp",
        "facebook",
        "twitter",
        "linkedin",
        "reddit",
        "telegram",
        "pinterest",
        "advertisement",
        "ad",
        "sponsored",
        "sponsored content",
        "story continues below advertisement",
        "continue reading",
        "continue reading below",
        "read more",
        "read more:",
        "show more",
        "load more",
        "see more",
        "more",
        "comments",
        "comment",
        "show comments",
        "view comments",
        "leave a reply",
        "leave a comment",
        "post a comment",
        "add a comment",
        "reply",
        "cancel reply",
        "to participate in the discussion",
        "join the discussion",
        "skip to content",
        "skip to main content",
        "menu",
        "search",
        "home",
        "close",
        "back to top",
        "top",
        "next article",
        "previous article",
        "next",
        "previous",
        "related",
        "related news",
        "related articles",
        "related stories",
        "related content",
        "recommended",
        "recommended for you",
        "most popular",
        "most read",
        "trending",
        "trending now",
        "you may also like",
        "more from",
        "more stories",
        "latest news",
        "top stories",
        "about the author",
        "about us",
        "contact us",
        "privacy policy",
        "terms of use",
        "terms of service",
        "cookie policy",
        "cookie settings",
        "accept",
        "accept all",
        "all rights reserved",
        "listen to this article",
        "follow us",
        "follow",
        "like",
        "tags",
        "topics",
        "filed under",
        "watch",
        "video",
        "photo",
        "gallery",
        "image",
        "images",
        "click here",
        "download",
        "donate",
        "support us",
        "breaking news",
        "live",
        "updated",
        "opinion",
        "editorial",
        "analysis",
    }
)

COMMENT_FORM = re.compile(
    r"your email address will not be published|required fields are marked|maximum upload file size"
    r"|you can upload:|drop files? here|will be automatically embedded|notify me of (follow-up|new)"
    r"|save my name, email|this site uses akismet|comments are (closed|moderated)"
    r"|by commenting,? you agree|you must be logged in to post",
    re.IGNORECASE,
)

CAPTION = re.compile(
    r"^\s*(?:\(?(?:in this|this) (?:file )?(?:photo|image|picture|handout photo)\b"
    r"|file photo\b|pictured\b|photo:|image:|picture:|caption:|image caption|image source"
    r"|media caption|photograph:|\(photo\b|\[photo\b)",
    re.IGNORECASE,
)

CREDIT = re.compile(
    r"^\s*(?:©|\(c\)\s|copyright\b|credit:|credits:|photo credit|photo by\b|photograph by\b|image by\b"
    r"|getty images\b"
    r"|[—–-]?\s*this (?:story|article|report) (?:contains|includes|has) (?:additional )?reporting"
    r"|additional reporting by|reporting by\b|editing by\b|writing by\b|contributing:|compiled by\b)",
    re.IGNORECASE,
)

# Photo-agency credit at the end of a caption: "Name/AP", "(AP Photo/Evan Vucci)", "REUTERS/Name".
TRAILING_PHOTO_CREDIT = re.compile(
    r"(?:\((?:AP|AFP|Reuters|Getty|EPA)(?: Photo)?/[^)]{2,60}\)|/(?:AP|AFP|Getty Images|REUTERS|EPA)\s*$)",
)

# Image alt signature used by several sites: "<caption> - Site Name, 1920, 07.05.2022".
IMAGE_SIGNATURE = re.compile(
    r"\s[-–]\s(?P<site>[^,]{2,60}),\s(?P<width>\d{3,4}),\s(?P<date>\d{2}\.\d{2}\.\d{4})\s*$"
)

COUNTER = re.compile(r"^\s*[\d\s.,:+()|/-]*\s*$")
SENTENCE_END = re.compile(r"[.!?…\"'”’)\]。！？」』]\s*$")
WORD = re.compile(r"\w+", re.UNICODE)
# Scripts written without spaces (Han, kana, Thai): \w+ takes a whole clause for one word there.
UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Chinese words average under two characters; counting two characters as one word is conservative.
CHARS_PER_UNSPACED_WORD = 2
# Which script dominates is clear from the first 100k letters; reading all of a 1M-char text costs seconds.
SCRIPT_SAMPLE = 100_000


@dataclass(frozen=True, slots=True)
class LineVerdict:
    kind: LineKind | None

    @property
    def is_boilerplate(self) -> bool:
        return self.kind is not None


def _folded(line: str) -> str:
    text = line.strip().casefold()
    text = re.sub(r"\s*\(\d+\)\s*$|\s+\d+\s*$", "", text)  # "Comments (12)", "Share 3"
    return text.strip(" :|»›>·•-–—")


def classify_line(line: str) -> LineKind | None:
    """The boilerplate kind of one line, or None when it may be article text."""
    stripped = line.strip()
    if not stripped:
        return None
    if _folded(stripped) in UI_LINES or COUNTER.match(stripped):
        return "ui"
    if COMMENT_FORM.search(stripped):
        return "comment_form"
    if CREDIT.match(stripped):
        return "credit"
    if CAPTION.match(stripped) or IMAGE_SIGNATURE.search(stripped) or TRAILING_PHOTO_CREDIT.search(stripped):
        return "caption"
    return None


def unspaced_words(line: str) -> int:
    """Words that spacing does not show: one per two characters of Han, kana or Thai."""
    return len(UNSPACED.findall(line)) // CHARS_PER_UNSPACED_WORD


def word_count(line: str) -> int:
    """Words in a line, in every script."""
    return len(WORD.findall(line)) + unspaced_words(line)


def looks_like_prose(line: str) -> bool:
    """A line that reads as a sentence: enough words and sentence-final punctuation."""
    return word_count(line) >= 6 and bool(SENTENCE_END.search(line))


def dominant_script(text: str) -> str:
    """'latin', 'cyrillic', 'arabic', 'cjk', ... by letter counts; 'none' without letters."""
    counts: dict[str, int] = {}
    for char in text[:SCRIPT_SAMPLE]:
        if char.isalpha():
            script = _script_of(char)
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda s: counts[s]) if counts else "none"


def _script_of(char: str) -> str:
    code = ord(char)
    if code < 0x250 or 0x1E00 <= code < 0x1F00:
        return "latin"
    if 0x370 <= code < 0x400:
        return "greek"
    if 0x400 <= code < 0x530:
        return "cyrillic"
    if 0x590 <= code < 0x600:
        return "hebrew"
    if 0x600 <= code < 0x780 or 0xFB50 <= code < 0xFF00:
        return "arabic"
    if 0x900 <= code < 0xE00:
        return "indic"
    if 0x3040 <= code < 0xA000 or 0xAC00 <= code < 0xD7B0:
        return "cjk"
    return "other"

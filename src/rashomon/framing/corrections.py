"""An outlet's own correction: "Correction: An earlier version of this article said Lindqvist was acquitted
of all charges. She was convicted of accounting fraud."

A correction notice withdraws what the article (or an earlier version of it) said. When the article still
holds that claim in its body, the reader of the evidence map must know the outlet has taken it back: a
flag of kind ``corrected`` names the body claim and the notice. The withdrawn words are those after
"said", "stated", "reported" (...) in the notice; a body claim holding at least ``SHARED_WORDS`` of their
content words (5-letter stems, at least two) is the one withdrawn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rashomon.model import Article, Claim
from rashomon.model.flag import Flag
from rashomon.timeline.events import stems

KIND = "corrected"
NOTICE = re.compile(
    r"\b(?:an? )?(?:earlier|previous|original) version of this (?:article|story|report|piece)\s+"
    r"(?:incorrectly |wrongly |mistakenly )?(?:said|stated|reported|misstated|claimed|described|referred to)"
    r"\s+(?:that\s+)?(?P<withdrawn>[^.!?]{6,}[.!?]?)",
    re.IGNORECASE,
)
SHARED_WORDS = 0.75


def corrections(articles: Sequence[Article], claims: Sequence[Claim]) -> list[Flag]:
    flags = []
    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.article, []).append(claim)
    for article in articles:
        for notice in NOTICE.finditer(article.text):
            withdrawn = stems(notice.group("withdrawn"))
            if len(withdrawn) < 2:
                continue
            mine = by_article.get(article.id, [])
            inside = [c for c in mine if c.start < notice.end() and notice.start() < c.end]
            for claim in mine:
                if claim in inside or claim.start >= notice.start():
                    continue
                if len(withdrawn & stems(claim.text)) >= SHARED_WORDS * len(withdrawn):
                    flags.append(_flag(article, claim, inside, _notice_text(article.text, notice)))
    return flags


def _notice_text(text: str, notice: re.Match[str]) -> str:
    """The notice from its sentence's start to the end of its paragraph."""
    start = max(text.rfind(".", 0, notice.start()) + 1, text.rfind("\n", 0, notice.start()) + 1)
    end = text.find("\n", notice.end())
    return " ".join(text[start : end if end >= 0 else len(text)].split())


def _flag(article: Article, claim: Claim, notice: list[Claim], said: str) -> Flag:
    outlet = article.outlet or "The outlet"
    message = f"{outlet}'s own correction withdraws “{claim.text}”: “{said}”"
    return Flag(KIND, message, (article.id,), (claim.id, *(c.id for c in notice)))

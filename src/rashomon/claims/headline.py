"""Claims in headlines: the title as one claim, with a trailing attribution when it has one.

Headlines attribute in a few fixed shapes: "...: Book", "..., Book Claims", "... - Report",
"..., Officials Say". Anything else is the outlet's own voice.
"""

from __future__ import annotations

import re

from rashomon.claims.checkworthy import checkworthiness
from rashomon.claims.dates import claim_dates
from rashomon.claims.hedging import is_hedged
from rashomon.claims.outlets import ANONYMOUS_NOUNS, DOCUMENT_NOUNS, outlet_name
from rashomon.model import Article, ChainLink, Claim, content_id
from rashomon.model.claim import SourceType

TRAILING = re.compile(
    r"(?:[,:]\s*|\s+[-–—|]\s+)(?P<source>[A-Z][\w.’' -]{1,40}?)"
    r"(?:\s+(?P<cue>Says?|Claims?|Reports?|Alleges?|Warns?|Reveals?|Finds?|Suggests?|Told))?\s*$"
)


def headline_claim(article: Article) -> Claim | None:
    title = article.title
    if not title or len(title.split()) < 4 or title.rstrip().endswith("?"):
        return None
    match = TRAILING.search(title)
    source_type: SourceType = "own_voice"
    speaker = cue = None
    end = len(title.rstrip())
    if match and (match.group("cue") or _source_type(match.group("source")) != "named"):
        speaker, cue = match.group("source").strip(), match.group("cue")
        source_type = _source_type(speaker)
        end = match.start()
    text = title[:end]
    return Claim(
        id=content_id("clm", article.id, "title", text),
        article=article.id,
        start=0,
        end=end,
        text=text,
        field="title",
        speaker=speaker,
        cue=cue,
        chain=(ChainLink(speaker, cue),) if speaker else (),
        source_type=source_type,
        quote=None,
        hedged=is_hedged(text, [cue] if cue else []),
        checkworthiness=checkworthiness(text, entities=1, event_verb=True, attributed=speaker is not None),
        dates=claim_dates(text, article.published.value),
    )


def _source_type(source: str) -> SourceType:
    head = source.lower().split()[-1]
    if outlet_name(source):
        return "outlet"
    if head in DOCUMENT_NOUNS:
        return "document"
    if head in ANONYMOUS_NOUNS:
        return "anonymous"
    return "named"

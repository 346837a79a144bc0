"""Claims in headlines: the title as one claim, with a trailing attribution when it has one.

Headlines attribute in a few fixed shapes: "...: Book", "..., Book Claims", "... - Report",
"..., Officials Say", "Source says ...", "... as report says ...". Anything else is the outlet's own voice.
"""

from __future__ import annotations

import re

from rashomon.claims.checkworthy import checkworthiness
from rashomon.claims.dates import claim_dates
from rashomon.claims.hedging import is_hedged
from rashomon.claims.outlets import ANONYMOUS_NOUNS, DOCUMENT_NOUNS, outlet_name
from rashomon.claims.speakers import ORG_NOUNS
from rashomon.entities.roles import is_role_noun
from rashomon.model import Article, ChainLink, Claim, content_id
from rashomon.model.claim import SourceType

TRAILING = re.compile(
    r"(?:[,:]\s*|\s+[-–—|]\s+)(?P<source>[A-Z][\w.’' -]{1,40}?)"
    r"(?:\s+(?P<cue>Says?|Claims?|Reports?|Alleges?|Warns?|Reveals?|Finds?|Suggests?|Told))?\s*$"
)


# "Researcher: Brightwell leak far bigger than admitted": a leading source, unless the prefix is a label.
LEADING = re.compile(r"^(?P<source>[A-Z][\w.’'&-]*(?: [\w.’'&-]+){0,4}):\s+(?=\S)")
LABELS = frozenset(
    "exclusive analysis explainer opinion live watch update updated breaking editorial comment review "
    "interview factbox fact-check timeline photos video listen podcast report special".split()
)
# "Brightwell says hackers stole data", "Iran Denies Role in Attack": a leading source and its cue.
LEADING_SAYS = re.compile(
    r"^(?P<source>[A-Z][\w.’'&-]*(?: [\w.’'&-]+){0,4}?) (?P<cue>[Ss]ays?|[Cc]laims?|[Ww]arns?|[Aa]dmits?|"
    r"[Dd]enies|[Dd]eny|[Ii]nsists?|[Cc]onfirms?|[Aa]lleges?|[Rr]eports?)\s+(?=\S)"
)
# "Fears for Tellbrook as report says plant will close", "Prices rise after study finds ...": a source and
# its cue inside the headline, after "as" or "after"; what it says follows.
MIDDLE_SAYS = re.compile(
    r"\s(?:as|after|while)\s+(?P<source>(?:(?:a|the|new)\s+)?[\w.’'&-]+(?:\s+[\w.’'&-]+){0,2}?)\s+"
    r"(?P<cue>says?|claims?|warns?|admits?|alleges?|reports?|finds?|suggests?|shows?|reveals?)\s+(?=\S)",
    re.IGNORECASE,
)
# "What Brightwell customers need to know", "How the plan fell apart": an explainer asserts nothing.
INTERROGATIVE = re.compile(r"^(?:what|how|why|who|when|where|which|whether)\b", re.IGNORECASE)


def headline_claim(article: Article) -> Claim | None:
    title = article.title
    if not title or len(title.split()) < 4 or title.rstrip().endswith("?") or INTERROGATIVE.match(title):
        return None
    match = TRAILING.search(title)
    source_type: SourceType = "own_voice"
    speaker = cue = None
    start, end = 0, len(title.rstrip())
    leading = LEADING.match(title)
    if match and (match.group("cue") or _source_type(match.group("source")) != "named"):
        speaker, cue = match.group("source").strip(), match.group("cue")
        source_type = _source_type(speaker)
        end = match.start()
    elif leading and _speaks(leading.group("source"), title) and len(title) - leading.end() > 12:
        speaker, cue = leading.group("source"), ":"
        source_type = _source_type(speaker)
        start = leading.end()
    elif (says := LEADING_SAYS.match(title)) and _speaks(says.group("source"), title):
        speaker, cue = says.group("source"), says.group("cue")
        source_type = _source_type(speaker)
        start = says.end()
    elif (middle := MIDDLE_SAYS.search(title)) and _speaks_within(middle.group("source")):
        speaker, cue = middle.group("source"), middle.group("cue")
        source_type = _source_type(speaker)
        start = middle.end()
    text = title[start:end]
    return Claim(
        id=content_id("clm", article.id, "title", text),
        article=article.id,
        start=start,
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


def _speaks(source: str, title: str) -> bool:
    """Whether a headline's leading phrase is someone speaking: a role, an anonymous or document noun, an
    outlet, or (outside Title Case headlines, which capitalise every word) a short name. "Exclusive:" and
    "Brightwell's shocking cover-up:" are a label and a topic."""
    words = source.split()
    head = words[-1].lower()
    if source.lower() in LABELS or head in LABELS:
        return False
    if _names_a_source(source, head):
        return True
    title_case = all(w[:1].isupper() for w in title.split() if w[:1].isalpha() and len(w) > 3)
    return not title_case and len(words) <= 3 and all(w[:1].isupper() for w in words) and "'" not in source


def _speaks_within(source: str) -> bool:
    """Whether the phrase before a cue inside a headline is a source: as ``_names_a_source``, an
    organisation noun ("as union says") too, or a capitalised name of up to three words ("as Trump says")."""
    words = source.split()
    head = words[-1].lower()
    if _names_a_source(source, head) or head in ORG_NOUNS:
        return True
    named = [w for w in words if w.lower() not in ("a", "the", "new")]
    return 1 <= len(named) <= 3 and all(w[:1].isupper() for w in named)


def _names_a_source(source: str, head: str) -> bool:
    """A role ("officials"), an anonymous or document noun ("sources", "report") or an outlet."""
    return bool(
        is_role_noun(head.rstrip("s"))
        or head in ANONYMOUS_NOUNS
        or head in DOCUMENT_NOUNS
        or outlet_name(source)
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

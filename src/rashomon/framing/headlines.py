"""Headlines that assert what the body only hedges ("Almost Started WWIII Over a Lie" over a body that
says "If this is the case, the U.S. almost started World War III ...").

A headline claim in the outlet's own voice, not hedged, is compared with the body's claims of the same
article by their sentence embeddings (the align stage's vectors). When the body claim closest to it is
hedged, the headline states as fact what the body conditions: a flag of kind ``headline-overstates``
naming both claims. Only close paraphrases are compared (cosine at least ``SAME_CLAIM_COSINE``, or
three quarters of the headline's words in one hedged claim): a headline that summarises the whole
article matches no single claim and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from rashomon.claims.hedging import hedge_markers
from rashomon.model import Article, Claim
from rashomon.model.flag import Flag
from rashomon.model.vectors import ClaimVectors
from rashomon.timeline.events import stems

KIND = "headline-overstates"
# MiniLM cosine above which a body claim restates the headline. Not fitted on a benchmark (none pairs
# headlines with hedged restatements); 0.6 is where STS paraphrase pairs start in MiniLM's model card
# range, and on the example it separates restatements (0.65-0.92) from related sentences (0.46-0.59).
SAME_CLAIM_COSINE = 0.6
# A body claim that says the thing is not shown ("the study does not prove that sweetlin causes them")
# holds back from it as much as a hedge does.
NOT_PROVEN = re.compile(
    r"\b(?:not|never|no|n't)\b[^.;]{0,25}?\b(?:prove[sn]?|show[sn]?|establish(?:es)?|confirm(?:s|ed)?|"
    r"demonstrate[sd]?)\b(?: that)?",
    re.IGNORECASE,
)
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
# Or the headline's words (5-letter stems, at least three) nearly all in one hedged body claim.
MIN_WORDS = 3
SHARED_WORDS = 0.75


def overstating_headlines(
    articles: Sequence[Article], claims: Sequence[Claim], vectors: ClaimVectors
) -> list[Flag]:
    rows = vectors.rows()
    flags = []
    for article in articles:
        mine = [c for c in claims if c.article == article.id and c.id in rows]
        titles = [c for c in mine if c.field == "title" and c.source_type == "own_voice" and not c.hedged]
        body = [c for c in mine if c.field != "title"]
        for title in titles:
            match = _closest(title, body, vectors, rows)
            if match is None or not _hedged(match):
                match = _worded_alike(title, body) or _said_unproven(title, body)
            if match is not None:
                flags.append(_flag(article, title, match))
    return flags


def _hedged(claim: Claim) -> bool:
    """Hedged by more than its attribution: "according to a large study" only says where a finding comes
    from (a headline "linked to ... in large study" states no more), "may have ignored", "if this is the
    case" and "the union alleges" hold back from it."""
    attributed_only = (claim.cue or "").lower().strip() == "according to" and not hedge_markers(claim.text)
    return claim.hedged and not attributed_only


def _said_unproven(title: Claim, body: list[Claim]) -> Claim | None:
    """A body claim saying that what the headline asserts is not shown: "Diet Sweetener Causes Heart
    Attacks" over "the study does not prove that sweetlin causes them". The headline must hold the
    unproven relation's verb ("causes") and share another word with it; a headline that says only what
    was shown ("finds modest link") is left alone."""
    said = stems(title.text.rsplit(":", 1)[-1])
    for claim in body:
        found = NOT_PROVEN.search(claim.text)
        if found is None:
            continue
        words = [
            w for w in re.findall(r"[A-Za-z']+", claim.text[found.end() :]) if w.lower() not in DETERMINERS
        ]
        verbs = stems(" ".join(words[1:2]))  # the word after the subject: "sweetlin *causes* them"
        if verbs & said and len(stems(" ".join(words)) & said) >= 2:
            return claim
    return None


def _worded_alike(title: Claim, body: list[Claim]) -> Claim | None:
    """A hedged body claim holding nearly all the headline's words ("Bosses Ignored Leak Warnings" /
    "Bosses at the plant ... may have ignored warnings about leaking gas"): its extra words keep the two
    apart in embedding space, but the headline says the same with the hedge dropped. A topic before a
    colon ("Varrow blast:") is not part of what the headline asserts."""
    said = stems(title.text.rsplit(":", 1)[-1])
    if len(said) < MIN_WORDS:
        return None
    for claim in body:
        if _hedged(claim) and len(said & stems(claim.text)) >= SHARED_WORDS * len(said):
            return claim
    return None


def _closest(title: Claim, body: list[Claim], vectors: ClaimVectors, rows: dict[str, int]) -> Claim | None:
    if not body:
        return None
    matrix = vectors.matrix[[rows[c.id] for c in body]]
    similarity = matrix @ vectors.matrix[rows[title.id]]
    best = int(np.argmax(similarity))
    return body[best] if float(similarity[best]) >= SAME_CLAIM_COSINE else None


def _flag(article: Article, title: Claim, body: Claim) -> Flag:
    message = f"the headline states “{title.text}” as fact; the body hedges it: “{body.text}”"
    return Flag(KIND, message, (article.id,), (title.id, body.id))

"""Reporting and cognition verbs: what makes a cue an attribution rather than an action.

PolNeAR, on which the tagger is trained, also annotates intentions and some actions ("ordered",
"urged") as attributions. A claim's speaker must be someone *saying, writing or believing* it, so a
cue counts only when one of its words is a reporting or cognition verb from this list (the usual
English reporting-verb inventory of quotation-attribution work, e.g. Pareti's PARC guidelines) or the
phrase "according to".
"""

from __future__ import annotations

import re

REPORTING_LEMMAS = frozenset(
    """
    say tell write report claim state add note explain insist deny allege announce reveal describe argue
    warn assert acknowledge admit confirm suggest believe think accuse charge contend maintain estimate
    predict recall remark reply respond retort stress emphasize emphasise observe indicate declare testify
    tweet post publish cite quote disclose concede complain question ask promise vow pledge threaten boast
    conclude find show agree disagree dispute reject mention comment hint imply speculate assure inform
    recount characterize characterise call label dub fear hope expect suspect doubt assume understand
    learn hear according accord brief caution counter concede attest allege assess blame credit
    acknowledge lament muse opine posit propose reason recommend reiterate repeat signal sense worry
    whisper shout write memoir book elaborate exclaim quip joke
    """.split()
)
# Irregular past forms, for token streams without a lemmatiser (rashomon.testing's fake nlp stage).
REPORTING_LEMMAS |= frozenset("said told wrote thought found heard felt understood".split())
# Verbs that report only as the cue the tagger found for a quote ('“...,” he continued', '“...,” fumed a
# driver'); elsewhere they report nothing ("police continued to fire tear gas"), so nested attributions
# and events never read them.
CUE_LEMMAS = REPORTING_LEMMAS | {"continue", "fume", "rage", "slam"}
ACCORDING = "according"
# Nouns for what someone said, as regular-expression alternatives: "dismissed the *reports*", "*claims*
# that ... are baseless".
CLAIM_NOUNS = r"claims?|allegations?|accusations?|reports?|charges?|suggestions?"
# What a denial's object is when it points back at a claim already told: "denied *it*", "*the claim*".
ANAPHORIC_OBJECT = (
    r"(?:it|this|that|them|these|those|(?:the|these|those|such|that|this) "
    r"(?:" + CLAIM_NOUNS + r"|accounts?|story|stories|version))"
)


# An embedded question opens with one of these: "whether he knew", "how imminent an attack was".
EMBEDDED_QUESTION = re.compile(r"^\W*(?:how|whether|what|who|whom|whose|why|when|where|which|if)\b", re.I)


def is_reporting(lemmas: list[str]) -> bool:
    """Whether a cue's lemmas make it a reporting cue (``CUE_LEMMAS``)."""
    return any(lemma.lower() in CUE_LEMMAS for lemma in lemmas)

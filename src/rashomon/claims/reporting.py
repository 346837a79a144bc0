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

# An embedded question asserts nothing: "he asked *whether a double standard was at play*", "renewing
# questions of *whether he obstructed justice*". "Whether" opens one under any cue; "if" and the wh-words
# only under a cue of asking ("she asked *who had signed the order*"), since "described *how the
# soldiers fired*" tells what happened and "said *if the talks fail, they will strike*" is a claim.
WHETHER = re.compile(r"^\W*whether\b", re.IGNORECASE)
ASKING_CUE = re.compile(
    r"\b(?:ask(?:s|ed|ing)?|inquir(?:e|es|ed|ing)|enquir(?:e|es|ed|ing)|wonder(?:s|ed|ing)?)\b", re.IGNORECASE
)
# A speaker who doubts it voices the doubt ("questioned whether the order was lawful"): kept, for the
# relate stage to read as a dispute.
DOUBTING_CUE = re.compile(
    r"\b(?:question(?:s|ed|ing)?(?! of\b)|doubt(?:s|ed|ing)?|challeng(?:e|es|ed|ing)|disput(?:e|es|ed|ing)|"
    r"(?:rais|cast)\w* (?:\w+ )?(?:questions?|doubts?))\b",
    re.IGNORECASE,
)


def asks(text: str, cue: str) -> bool:
    """Whether a content under ``cue`` is a question left open, not a claim: "whether" under any cue, another
    question word under a cue of asking or doubting ("asked | *who had signed the order*", "raised the
    question | *where Obama was born*"); not "described | *how the soldiers fired*"."""
    return bool(
        WHETHER.match(text)
        or (EMBEDDED_QUESTION.match(text) and (ASKING_CUE.search(cue) or DOUBTING_CUE.search(cue)))
    )


def is_reporting(lemmas: list[str]) -> bool:
    """Whether a cue's lemmas make it a reporting cue (``CUE_LEMMAS``)."""
    return any(lemma.lower() in CUE_LEMMAS for lemma in lemmas)

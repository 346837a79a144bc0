"""The reporting language of dispute (plain negation is read by ``align.claim_features.claim_negated``).

A claim that "raised doubts about" another, says it "undercuts" it, or that its proponents "have
not released any evidence", disputes it without contradicting its facts. Phrases are the common
English forms of doubt, challenge and denial in news copy (checked against the dispute examples of
the project's brief and the FNC-1 "disagree" headlines' vocabulary), not tuned to any story.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rashomon.claims.reporting import ANAPHORIC_OBJECT, CLAIM_NOUNS

DISPUTE = re.compile(
    r"\b(?:rais(?:e|es|ed|ing) (?:serious )?(?:doubts?|questions?)|cast(?:s|ing)? doubt|"
    r"doubts? (?:about|over|on)|question(?:s|ed|ing)? (?:about|over)|"
    r"call(?:s|ed|ing)? (?P<called>.{3,60}?) into question|"
    r"undercut(?:s|ting)?|"
    r"undermin(?:e|es|ed|ing)|contradict(?:s|ed|ing)?|disput(?:e|es|ed|ing)|den(?:y|ies|ied|ying)|"
    r"reject(?:s|ed|ing)?|refut(?:e|es|ed|ing)|debunk(?:s|ed|ing)?|"
    r"(?:no|without|lack of|absence of) (?:\w+ ){0,2}evidence|"
    r"(?:not|never) (?:\w+ ){0,3}(?:provided|released|shown|presented|offered|produced|cited) "
    r"(?:\w+ ){0,3}evidence|"
    r"(?:could not|couldn't|cannot|can't|was unable to|were unable to|(?:has|have) been unable to) "
    r"(?:independently )?(?:verify|confirm|corroborate)|"
    r"(?:could not|couldn't|cannot|can't) be (?:independently )?(?:verified|confirmed|corroborated)|"
    r"never shown|unaware of any|(?:didn't|did not|haven't|have not|hasn't|has not) see[n]? (?:one|any)|"
    r"(?:is|are|was|were|it's|seems?|remains?) (?:highly |very |most )?unlikely (?:that|to)|"
    r"skeptical|sceptical|bogus|misleading|fudg(?:e|ed|ing)|overstat(?:e|es|ed|ing)|"
    r"exaggerat(?:e|es|ed|ing)|at odds with|inconsistent with|not true|false claim|over a lie|"
    r"dismiss(?:es|ed|ing)? (?:[\w'’]+ ){0,3}?(?:claims?|allegations?|accusations?|reports?|charges?|"
    r"suggestions?)|baseless|unfounded|groundless|inaccurate|incorrect|untrue|"
    r"challeng(?:e|es|ed|ing) (?:the|his|her|their)|"
    # denials that something happened: "the inspection that X says took place never took place"
    r"never (?:took place|happened|occurred)|(?:did not|didn't|has not|hasn't|have not|haven't) "
    r"(?:taken place|take place|happened|happen|occurred|occur))\b",  # whole words: no "rejection of"
    re.IGNORECASE,
)
# A speaker's doubt told after the attribution: '"Inspectors never came," said the union head,
# *contradicting the company's claim of an inspection in March*'.
TRAILING = re.compile(
    r"^[^.!?]{0,160}?,\s*(?P<cue>contradicting|disputing|denying|rejecting|refuting|challenging|"
    r"undercutting|undermining|casting doubt on)\s+(?P<object>[^.!?;]{8,})",
    re.IGNORECASE,
)
# A denial whose object points back ("The ministry denied the claim.", "the ministry denies it"): it answers
# the claim told just before it in the same article.
ANSWERS_PREVIOUS = re.compile(
    r"\b(?P<cue>den(?:y|ies|ied)|reject(?:s|ed)?|disput(?:e|es|ed)|refut(?:e|es|ed)|contest(?:s|ed)?|"
    r"dismiss(?:es|ed)?)\s+" + ANAPHORIC_OBJECT + r"\W*$",
    re.IGNORECASE,
)
# "Claims that Sorel was mistreated are baseless": the proposition is what the claims say.
CLAIMED_BEFORE = re.compile(
    r"\b(?:" + CLAIM_NOUNS + r"|assertions?) (?:that|of) "
    r"(?P<what>.{8,}?) (?:is|are|was|were)(?: (?:entirely|completely|totally|simply|wholly))?$",
    re.IGNORECASE,
)
DISMISSED = re.compile(r"(?:" + CLAIM_NOUNS + r")$", re.IGNORECASE)


# "the disputed vote", "after Sunday's disputed election": a participle used as an adjective reports no
# dispute of anything the sentence says.
ATTRIBUTIVE = re.compile(
    r"(?:\b(?:the|a|an|this|that|its|his|her|their|our|after|over|of|in|on|from|for|hotly|highly|much|"
    r"bitterly|fiercely|widely)|['’]s)\s+$",
    re.IGNORECASE,
)


# Rejecting or denying a proposal, a request or a visit refuses an act; it disputes no claim: "we reject his
# visit", "the court denied bail", "the board rejected the offer" (not "denied the plan existed").
REFUSING = re.compile(r"^(?:den|reject|dismiss)", re.IGNORECASE)
REFUSED = re.compile(
    r"(?!\s+that\b)\s+(?:(?:the|a|an|his|her|their|its|our|your|any|this|these|those|[\w-]+['’]s)\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:requests?|entry|access|bail|permission|visas?|appeals?|applications?|motions?|"
    r"offers?|proposals?|plans?|bids?|visits?|invitations?|deals?|nominations?|amendments?|bills?|budgets?|"
    r"petitions?|demands?|resignations?|asylum|licen[cs]es?|loans?|permits?|subpoenas?|summons(?:es)?|"
    r"ultimatums?|terms|conditions|compromises?|agreements?|treat(?:y|ies)|measures?|legislation|"
    r"resolutions?|settlements?|nominees?|candidates?|candidacy|picks?|overtures?|pleas?|calls?|aid|help|"
    r"assistance|funding|money|payments?|ideas?\s+of)\b(?!['’])"
    # not the subject of a clause: "denied the plan existed" denies a claim
    r"(?!\s+(?:was|were|is|are|had|has|have|did|does|would|could|will|\w+ed)\b)",
    re.IGNORECASE,
)


# Rejecting a person opposes them ("he would reject Judge Gorsuch and join the filibuster"): a name that ends
# its phrase (not "Russia's claims", not "denied Russia interfered").
NAMED_OBJECT = re.compile(
    r"\s+(?:[A-Z][\w.'’-]*\s+){0,3}(?!(?:Mrs?|Ms|Dr|Gov|Sen|Rep|Gen|Lt|Col|Capt|Sgt|St|Prof)\b)[A-Z][\w-]+"
    r"(?=\s*(?:[,.;:]|$)|\s+(?:and|or|on|in|at|for|as|to|from|over|"
    r"after|because|while|when|with|by)\b)"
)
DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|a|an|this|its|his|her|their|our|legal|trade)|['’]s)\s+$", re.I)
# The noun "dispute" names a quarrel, not a doubt about a claim: "a dispute with the United States", "the
# dispute over water rights".
NOUN_DISPUTE = re.compile(r"\s+(?:with|over|between|among|involving|about|of|in|on|for)\b", re.IGNORECASE)
# "I didn't deny them", "did not dispute the figures", "never rejected": a negated denial denies nothing.
NEGATED_BEFORE = re.compile(r"(?:n['’]t|\bnot|\bnever)\s+(?:(?!only\b|merely\b)\w+ly\s+)?$", re.IGNORECASE)
NEGATABLE = re.compile(
    r"^(?:den|reject|disput|refut|contradict|dismiss|undermin|undercut|debunk)", re.IGNORECASE
)
# Undermining or undercutting disputes an argument, not a thing: "undercutting his administration's claims",
# "undermines the credibility of", not "a conspiracy to undermine the election".
WEAKENING = re.compile(r"^(?:undermin|undercut)", re.IGNORECASE)
ARGUMENT = re.compile(
    r"^\s+that\b|^[^\w.;!?]*(?:[\w'’-]+[^\w.;!?]+){0,6}?(?:"
    + CLAIM_NOUNS
    + r"|accounts?|case|arguments?|credibility|justifications?|rationale|narratives?|story|stories|versions?|"
    r"assertions?|positions?|defen[cs]e|explanations?|testimony|premise|notion|contentions?|conclusions?|"
    r"findings?|assessments?|statements?|words|reasoning|evidence|basis|theory)\b",
    re.IGNORECASE,
)


def _dispute_match(text: str) -> re.Match[str] | None:
    for match in DISPUTE.finditer(text):
        word = re.match(r"\w+", text[match.start() :])
        first = word.group(0).lower() if word is not None else ""
        before, cue = text[: match.start()], match.group(0)
        if first == "disputed" and ATTRIBUTIVE.search(before):
            continue  # "the disputed vote"
        if first in ("dispute", "disputes") and DETERMINER_BEFORE.search(before):
            continue  # "a dispute", "the disputes" (not "a statement that disputes the findings")
        if first in ("dispute", "disputes") and NOUN_DISPUTE.match(text, match.end()):
            continue
        if NEGATABLE.match(cue) and NEGATED_BEFORE.search(before):
            continue
        if _refuses(cue, text, match.end()):
            continue
        if WEAKENING.match(cue) and not ARGUMENT.match(text[match.end() :]):
            continue
        return match
    return None


def _refuses(cue: str, text: str, at: int) -> bool:
    """Whether a rejecting or denying ``cue`` takes, at ``text[at:]``, an act or a person for its object."""
    return bool(REFUSING.match(cue) and (REFUSED.match(text, at) or NAMED_OBJECT.match(text, at)))


def refused_object(cue: str, content: str) -> bool:
    """Whether an attribution's refusing cue ("rejected", "denied") takes an act or a person as its
    content ("rejected | a subpoena for documents", "denied | a request to turn over documents"), not
    someone's words."""
    words = cue.split()
    return bool(words) and _refuses(words[-1], " " + content, 0)


@lru_cache(maxsize=1 << 14)  # the relate stage asks about each claim once per candidate pair
def dispute_cue(text: str) -> str | None:
    match = _dispute_match(text)
    return match.group(0) if match else None


def disputed_part(text: str) -> str | None:
    """What the dispute is about: the words after the cue ("... undercutting *his claims that ...*"),
    or the words before it when the cue ends the sentence ("... over a lie")."""
    match = _dispute_match(text)
    if match is None:
        return None
    if match.group("called"):  # "calling X into question": X is what is disputed
        return match.group("called")
    after = text[match.end() :].strip(" ,.:;“”\"'")
    before = text[: match.start()].strip(" ,.:;“”\"'")
    if len(after.split()) >= 3:
        return after
    claimed = CLAIMED_BEFORE.search(before)
    return claimed.group("what") if claimed else (before or None)


# "rejected *the union's* claims as baseless": whose claims are disputed, when the doubt names its source.
OWNED_CLAIMS = re.compile(
    r"\b(?:the |an? )?(?P<owner>(?:[\w-]+ ){0,2}?[\w-]+)['’]s? [“\"]?(?:own |[\w-]+ and [\w-]+ |[\w-]+ )?"
    r"(?:" + CLAIM_NOUNS + r"|account|assertions?|statements?|comments?|remarks?)\b"
    # not when the doubt says what was claimed ("his administration's claims *that* ..."): that is its target
    r"(?!\s+(?:that|of|about|over|regarding|concerning)\b)",
    re.IGNORECASE,
)


def disputed_source(text: str) -> str | None:
    """The last word of the source whose claims a doubt names ("the union's claims" -> "union"), else None."""
    match = _dispute_match(text)
    if match is None:
        return None
    owned = OWNED_CLAIMS.search(text[max(match.start() - 60, 0) :])
    if owned is None or owned.group("owner").lower() in _NOT_OWNERS:
        return None
    return owned.group("owner").split()[-1].lower()


_NOT_OWNERS = frozenset({"its", "his", "her", "their", "these", "those", "such", "the", "media", "news"})


def answers_previous(text: str) -> str | None:
    """The cue of a denial whose object is a pronoun or "the claim" (it answers the claim before it)."""
    match = ANSWERS_PREVIOUS.search(text)
    if match is None or NEGATED_BEFORE.search(text[: match.start()]):
        return None  # "I didn't deny them"
    return match.group("cue")


def short_object(text: str) -> str | None:
    """What a missing-evidence doubt names in a word or two ("has not released any evidence *of
    sabotage*"): too few words to embed as the disputed proposition, but "evidence of X" names exactly
    what is doubted, so a target must be about X. Other cues' short objects ("fudging *the
    intelligence*") name a thing, not a proposition, and are not used."""
    match = _dispute_match(text)
    if match is None:
        return None
    after = text[match.end() :].strip(" ,.:;“”\"'")
    if DISMISSED.search(match.group(0)):  # "dismissed the reports *about the contracts* as fabrications"
        dismissed = _ABOUT.match(re.split(r"\s+as\s+|[,;]|\s+and\s+", after, maxsplit=1)[0])
        return dismissed.group(1) if dismissed and len(dismissed.group(1).split()) <= 3 else None
    verified = _UNVERIFIED.search(match.group(0))
    if verified:  # "could not verify *the results*", "*The documents* could not be verified"
        named = text[: match.start()] if verified.group("passive") else after
        found = _THING.match(named.strip(" ,.:;“”\"'"))
        return found.group(1) if found else None
    if not match.group(0).lower().endswith("evidence"):
        return None
    found = _EVIDENCE_OF.match(after)
    if found is None or len(after.split()) > 3:
        return None
    return found.group(1)


_UNVERIFIED = re.compile(
    r"(?:verify|confirm|corroborate)|(?P<passive>verified|confirmed|corroborated)$", re.IGNORECASE
)
_THING = re.compile(
    r"^(?:(?:the|an?|its|their|his|her|these|those|this|that)\s+)?"
    r"(?!(?:it|they|he|she|this|that|these|those)$)([A-Za-z][\w'-]+(?: [A-Za-z][\w'-]+){0,2})$",
    re.IGNORECASE,
)
_ABOUT = re.compile(
    r"(?:about|of|over|on|regarding|concerning)\s+(?:an? |the |his |her |their |its )?([A-Za-z][\w' -]*?)\s*$"
)
_EVIDENCE_OF = re.compile(r"(?:of|for|that)\s+(?:an? |the )?([A-Za-z][A-Za-z'-]+(?: [A-Za-z][A-Za-z'-]+)?)$")


def trailing_dispute(tail: str) -> tuple[str, str] | None:
    """(cue, what it disputes) when the words after a claim, to its sentence's end, go on to dispute
    something (", contradicting the company's claim of ..."); None otherwise."""
    match = TRAILING.match(tail)
    return (match.group("cue"), match.group("object").strip(" ,.:;“”\"'")) if match else None

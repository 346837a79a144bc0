"""Who a claim's source span names: a person, an outlet, a document or an anonymous source.

Pronoun sources ("he said") resolve by rule to the nearest preceding named person of the same
article, since no coreference model installs offline (see docs/models.md).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.claims.mention_index import PRONOUN_GENDER, PRONOUN_REACH, MentionIndex
from rashomon.claims.outlets import ANONYMOUS_NOUNS, DOCUMENT_NOUNS, outlet_name
from rashomon.claims.quotes import opening_quote
from rashomon.entities.roles import is_role_noun
from rashomon.model import Entity
from rashomon.model.claim import SourceType

PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "it"})
POSSESSIVE_PRONOUNS = frozenset({"her", "his", "their", "its"})
INDEFINITE = frozenset({"a", "an", "one", "another"})
# Nouns by which an article refers back to an organisation it has named: "the group said" is Press
# Freedom Watch when the article called it "a media rights group".
ORG_NOUNS = frozenset(
    {
        "group",
        "organisation",
        "organization",
        "company",
        "firm",
        "agency",
        "ministry",
        "department",
        "union",
        "party",
        "committee",
        "commission",
        "council",
        "charity",
        "watchdog",
        "bank",
        "court",
        "lab",
        "laboratory",
        "institute",
        "centre",
        "center",
        "mission",
        "authority",
        "regulator",
        "alliance",
        "coalition",
        "movement",
        "hospital",
        "university",
        "government",
    }
)
ROLE_REACH = 1500  # characters ahead to look for "Dmitri Vass, the lawyer" after "her lawyer said"
WORD = re.compile(r"[\w'’-]+")
SENTENCE_OPENING = re.compile(r"(?:^|[.!?][\"”’]?\s+|\n\s*)(?:[Tt]he\s+)?$")


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    entity: str | None
    source_type: SourceType


@dataclass(frozen=True, slots=True)
class Recent:
    """The person who spoke last in this article (a source span naming a person or a person's role),
    and where the span started: "a spokesman for the fire service said. He said ..." is that spokesman."""

    start: int
    speaker: Speaker
    kind: str = "person"  # or "organisation": "It said" stands for the organisation that spoke last


def identify(
    text: str,
    start: int,
    end: int,
    mentions: MentionIndex,
    cue: str = "",
    content: tuple[int, int] | None = None,
    recent: Sequence[Recent] = (),
    subject: tuple[int, int] | None = None,
) -> Speaker:
    """Who the source span names. ``cue``: the attribution's cue, when known; ``content``: the span of
    what it says; ``recent``: the article's speakers before it (people and organisations), in order;
    ``subject``: the span of the previous sentence's subject, whom a "he"/"she" most likely is."""
    start, end = _within_paragraph(text, start, end, content)
    span = text[start:end].strip()
    words = [w.lower() for w in WORD.findall(span)]
    if "who" in words[1:] or "which" in words[1:]:
        # "an expert who has seen the stolen files": the source is the expert, not the files
        words = words[: next(i for i, w in enumerate(words) if i and w in ("who", "which"))]
    head_phrase = span.split(",", 1)[0]
    if "," in span and head_phrase.lower().startswith("the ") and len(head_phrase.split()) <= 3:
        # "The lab, an independent research group,": the lab, described
        words = [w.lower() for w in WORD.findall(head_phrase)]
        span = head_phrase
    # "Hollis, who had warned that ...": a relative pronoun that is the subject of a speech verb speaks
    # for the person just named; "Soleimani, who according to Iraq's prime minister was ..." is not
    # Soleimani's word (the tagger took the pronoun for the source of a prepositional cue).
    relative = words == ["who"] and bool(cue) and not cue.lower().startswith(("according", "per "))
    antecedent = _antecedent(text, start) if relative else None
    if antecedent is not None and not _names_a_person(antecedent, mentions):
        # "A doctor at the main hospital, who asked not to be named ..., said": the doctor, unnamed
        return identify(text, *antecedent, mentions, cue, content, recent)
    if len(words) == 1 and (words[0] in PRONOUNS or relative):
        skip = _quotation(text, content) if content else None
        preferred = mentions.person_at(subject, skip, text, words[0]) if subject and not relative else None
        if preferred is not None:
            return Speaker(preferred.name, preferred.id, "named")
        named = mentions.person_mention_before(start, skip, text, words[0])
        last = next((r for r in reversed(recent) if r.kind == "person" and r.start < start), None)
        if last is not None and _other_gender(last.speaker, words[0], mentions, text):
            last = None  # "she said" after a man spoke
        later = last is not None and (named is None or named[0] < last.start)
        if last is not None and later and not relative:
            return last.speaker  # the speaker was named after the last person
        return Speaker(named[1].name, named[1].id, "named") if named else Speaker(span, None, "named")
    if words == ["it"]:  # "It said" / "It described the aircraft as ...": the organisation just named
        spoke = next((r for r in reversed(recent) if r.kind == "organisation" and r.start < start), None)
        named_org = mentions.organisation_mention_before(start)
        # only an organisation that opened its sentence ("Kestrania's defence ministry gave a different
        # account. It said ..."), not one named in passing ("Democrats in Congress have said ..., nor has it")
        opened = named_org is not None and bool(
            SENTENCE_OPENING.search(text[max(named_org[0] - 6, 0) : named_org[0]])
        )
        if named_org is not None and opened and (spoke is None or named_org[0] > spoke.start):
            return Speaker(named_org[1].name, named_org[1].id, "named")
        if spoke is not None and start - spoke.start <= PRONOUN_REACH:
            return spoke.speaker
    outlet = outlet_name(span)
    if outlet:
        return Speaker(outlet, None, "outlet")
    for entity in _speaking_people(text, start, end, mentions):
        return Speaker(entity.name, entity.id, "named")
    head = words[-1] if words else ""
    if words[:1] == ["the"] and len(words) <= 3:  # "the official" is "A Western intelligence official"
        heard = _heard_before(head, recent, start)
        if heard is not None:
            return heard
    possessor = _possessed_name(text, start, end, words, mentions)
    noun = _head_before_preposition(words)
    if (
        words[:1]
        and words[0] in INDEFINITE
        and noun != head
        and is_role_noun(noun)
        and noun not in SPOKESPEOPLE
    ):
        # "A doctor at St. Aurel Hospital" is no hospital; "a spokeswoman for the regulator" speaks for it
        return Speaker(span, None, "anonymous")
    if is_role_noun(head) and head not in ANONYMOUS_NOUNS:
        # "The former US defense secretary explains": the person this article describes with that role.
        # "Her lawyer said" is not the woman it belongs to: the person described as a lawyer (before or
        # just after), else "Anika Sorel's lawyer". "An EU spokesman" is nobody named before.
        person = mentions.person_described(head, start, ahead=ROLE_REACH if possessor else 0)
        if person is None and not possessor and words[0] not in INDEFINITE:
            person = mentions.person_before(start)
        if person is not None:
            return Speaker(person.name, person.id, "named")
        if possessor:
            return Speaker(possessor, None, "named")
        if words[0] in INDEFINITE:
            return Speaker(span, None, "anonymous")
    # "the ministry", "the rights group" (not "The Interior Ministry": a name of its own)
    if head in ORG_NOUNS and words[0] == "the" and len(words) <= 3 and span[4:].islower():
        organisation = mentions.organisation_described(head, start)
        if organisation is not None:
            return Speaker(organisation.name, organisation.id, "named")
        described = _described_name(text, start, head)
        if described:
            return Speaker(described, None, "named")
    for entity in mentions.covering(start, end):
        if outlet_name(entity.name):
            return Speaker(outlet_name(entity.name) or entity.name, entity.id, "outlet")
    if head in DOCUMENT_NOUNS or (words and words[0] in ("book", "memoir")):
        return Speaker(span, None, "document")
    if head in ANONYMOUS_NOUNS or head in PLURAL_PRONOUNS:
        return Speaker(span, None, "anonymous")
    entities = mentions.covering(start, end)
    if entities:
        return Speaker(entities[0].name, entities[0].id, "named")
    return Speaker(span, None, "anonymous" if not span[:1].isupper() else "named")


def _within_paragraph(text: str, start: int, end: int, content: tuple[int, int] | None) -> tuple[int, int]:
    """A source span cut at a paragraph break to the side nearest what it says: "... carry in Washington
    D.C.\n\nU.S. Capitol Police have not announced" is the police (the parser ran the sentence on past an
    abbreviation); a source after its content keeps its first line."""
    last = text.rfind("\n\n", start, end)
    if last < 0:
        return start, end
    if content is not None and content[0] < start:
        return start, text.find("\n\n", start, end)
    return last + 2, end


def _other_gender(speaker: Speaker, pronoun: str, mentions: MentionIndex, text: str) -> bool:
    entity = (
        next((e for _, _, e in mentions.items if e.id == speaker.entity), None) if speaker.entity else None
    )
    return entity is not None and mentions.other_gender(entity, PRONOUN_GENDER.get(pronoun), text)


# Two people named side by side in one source, not one modifying the other's role.
COORDINATED = re.compile(r"\b(?:and|or|with)\b|,|&")
_NAME = r"[A-Z][\w'’&-]+(?: (?:of|for|and|the|on) )?(?: ?[A-Z][\w'’&-]+)*"
PREPOSITIONS = frozenset({"at", "for", "of", "from", "in", "with", "on"})
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "official"})
# The phrase a relative "who" hangs on: back to the clause's start, ending in the comma before "who".
ABBREVIATED = "|".join(f"(?<={a})" for a in "St Dr Mr Mrs Ms Jr Lt Gen Col Sgt Gov Rep Sen Prof".split())
ANTECEDENT = re.compile(r"((?:[^,;:.!?\n“”\"]|(?:" + ABBREVIATED + r")\.){3,120}?),\s*$")


def _antecedent(text: str, start: int) -> tuple[int, int] | None:
    """The span of the phrase before ", who" ("A doctor at the main hospital in Hisn Tamar")."""
    window = max(start - 140, 0)
    found = ANTECEDENT.search(text, window, start)
    if found is None:
        return None
    phrase = found.group(1)
    lead = len(phrase) - len(phrase.lstrip())
    return found.start(1) + lead, found.end(1)


def _names_a_person(span: tuple[int, int], mentions: MentionIndex) -> bool:
    return any(entity.type == "PERSON" for entity in mentions.overlapping(*span))


def _head_before_preposition(words: list[str]) -> str:
    """The last word before the first preposition: "doctor" of "a doctor at the main hospital"."""
    for index, word in enumerate(words):
        if index and word in PREPOSITIONS:
            return words[index - 1]
    return words[-1] if words else ""


def _described_name(text: str, position: int, noun: str) -> str | None:
    """The name an article gave before with that noun in an appositive, when the tagger saw no entity:
    "Press Freedom Watch, a media rights group, called for ..." for a later "the group said"."""
    window = text[max(position - 2 * PRONOUN_REACH, 0) : position]
    # the noun must head the appositive: "a media rights group," not "a worker and union delegate"
    pattern = rf"({_NAME}),\s+an? [^,.;]{{0,50}}?\b{re.escape(noun)}s?\b(?=\s*[,.;)]|\s*$)"
    found = re.findall(pattern, window)
    return found[-1] if found else None


def _heard_before(head: str, recent: Sequence[Recent], start: int) -> Speaker | None:
    """The unnamed source of this article last described with ``head`` ("A Western intelligence
    official" for a later "the official"): one source, however it is named again."""
    for heard in reversed(recent):
        name = heard.speaker.name.lower().split()
        if (
            heard.start < start
            and heard.speaker.entity is None
            and name[-1:] == [head]
            and name[0] in INDEFINITE
        ):
            return heard.speaker
    return None


def _quotation(text: str, content: tuple[int, int]) -> tuple[int, int]:
    """The content widened to the whole quotation it closes: in '“The people of Ardenne have spoken. We
    will win,” she said' a content of the last sentence still belongs to a quote that names Ardenne."""
    opened = opening_quote(text, content[0])
    return (opened, content[1]) if opened is not None else content


def is_personal(text: str, start: int, end: int, mentions: MentionIndex) -> bool:
    """Whether a source span names a person or a person's role ("a spokesman for the fire service"), so
    that a "he" or "she" after it can stand for it."""
    words = [w.lower() for w in WORD.findall(text[start:end])]
    if words == ["who"] and (antecedent := _antecedent(text, start)) is not None:
        return is_personal(text, *antecedent, mentions)  # "A doctor at the hospital, who ..., said"
    if "who" in words[1:] or "which" in words[1:]:
        words = words[: next(i for i, w in enumerate(words) if i and w in ("who", "which"))]
    if not words or words[0] in PRONOUNS or words[0] in PLURAL_PRONOUNS:
        return False
    if _speaking_people(text, start, end, mentions):
        return True
    heads = [w for w in words if w not in ("for", "of", "at", "the", "a", "an")]
    return any(is_role_noun(w) and not w.endswith("s") for w in heads[:4]) and not _plural_head(words)


def is_organisational(text: str, start: int, end: int, mentions: MentionIndex) -> bool:
    """Whether a source span names an organisation ("The Kessmoor Industrial Safety Authority", "the
    ministry", "Drovia's defence ministry"), so that an "it" after it can stand for it."""
    words = [w.lower() for w in WORD.findall(text[start:end])]
    if not words or words[0] in PRONOUNS or words[0] in PLURAL_PRONOUNS:
        return False
    if any(e.type == "ORG" for e in mentions.covering(start, end)):
        return True
    return words[-1] in ORG_NOUNS and not _plural_head(words)


def _plural_head(words: list[str]) -> bool:
    return words[-1].endswith("s") and not words[-1].endswith("ss")


def _possessive_at(text: str, end: int) -> bool:
    """Whether a name ending at ``end`` is a possessor: "Sorel's", "the officials'"."""
    after = text[end : end + 3]
    return bool(re.match(r"['’](?:s\b|\s|$)", after))


def _named_in(start: int, end: int, mentions: MentionIndex) -> list[tuple[int, int, Entity]]:
    found = []
    for s, e, entity in mentions.items[max(bisect_left(mentions.starts, start) - 8, 0) :]:
        if s >= end:
            break
        if e > start:
            found.append((s, e, entity))
    return found


def _speaking_people(text: str, start: int, end: int, mentions: MentionIndex) -> list[Entity]:
    """People named in the source span, the one who speaks first, except one named only as a possessor
    ("Sorel's lawyer"). A name before a role and another name modifies the role: "Moore campaign chairman
    Bill Armistead" is Armistead, "Pence press secretary Alyssa Farah" is Farah ("Smith and Jones" is
    Smith, and Jones with her)."""
    named = [
        (s, e, entity)
        for s, e, entity in _named_in(start, end, mentions)
        if entity.type == "PERSON" and not _possessive_at(text, e)
    ]
    if len(named) >= 2 and not COORDINATED.search(text[named[0][1] : named[-1][0]]):
        named = [named[-1], *named[:-1]]
    return [entity for _, _, entity in named]


def _possessed_name(text: str, start: int, end: int, words: list[str], mentions: MentionIndex) -> str | None:
    """The source span's name when it is someone's role ("her lawyer", "Sorel's lawyer"), else None.
    A pronoun possessor is spelled out: "her lawyer" -> "Anika Sorel's lawyer"."""
    span = text[start:end].strip()
    if len(words) >= 2 and words[-2] in POSSESSIVE_PRONOUNS:
        person = mentions.person_before(start) if words[-2] in ("her", "his") else None
        if person is None:
            return span
        return f"{person.name}'s {span.split()[-1]}"
    if any(_possessive_at(text, e) for _, e, _ in _named_in(start, end, mentions)):
        return span
    if len(words) >= 3 and re.search(r"['’]s$", words[-2]):
        return span  # "the plant's manager"
    return None

"""Types the small tagger gets wrong on names it has never seen, corrected from the run's own evidence.

spaCy's small model reads an unknown one-word name as a person more often than not: the town in "the
Kessmoor town of Varrow", the company in "Halbrenn denied ...", the outlet "Open Ardenne", even the
sentence-initial "Turnout reached 68 percent". Each rule below needs the run's text to say so:
- a name the run calls a town, city, province (...) "of", whose people it names ("Ardennians" for
  "Ardenne"), or names after "in" at least twice and never as a speaker, is a place (unless it is the
  surname of a person the run names in full); one written before "river", "valley" (...) is a natural
  place ("the Velna river");
- the name of an article's outlet is an organisation;
- a lone word that begins or ends exactly one multi-word organisation of the run ("Halbrenn" for
  "Halbrenn Chemicals", "Herald" for "Varrow Herald"), and is no person's surname, is that organisation;
- a name written before "movement", "party" (...) is an organisation's ("the Civic Dawn movement");
- a lone word tagged a work of art, a product (...) that is the surname of a person its article names in
  full is that person ("Wendt said");
- two or three capitalised words followed by a person's role ("Marta Osterby, a statistician at ...")
  name a person;
- a name after a person's role and "of"/"at" ("chief executive of Nordvik Kraft") or after "shares of" is
  an organisation's;
- a lower-case description is its owner's ("Drovia's defence ministry", not every country's);
- a lone word after a title's "of" ("Secretary of State") is part of the title, no entity;
- a lone capitalised word found only at sentence starts, which the run also writes in lower case
  ("Turnout" / "turnout"), is no name at all.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rashomon.claims.outlets import KNOWN_OUTLETS
from rashomon.entities.names import name_key
from rashomon.entities.roles import is_role_noun
from rashomon.model import Article, EntityMention

_NAME = r"[A-Z][\w'’-]+"
PLACE_OF = re.compile(
    r"\b(?:towns?|cit(?:y|ies)|villages?|provinces?|regions?|districts?|count(?:y|ies)|states?|"
    r"municipalit(?:y|ies)|ports?|islands?|suburbs?)\s+of\s+"
    rf"({_NAME}(?:(?:,\s+|,?\s+and\s+){_NAME})*)"
)
FEATURE_AFTER = re.compile(
    r"^\s+(?:river|valley|lake|sea|mountains|hills|bay|gulf|strait|coast|delta|basin|plateau|peninsula|"
    r"desert|canyon|glacier)\b"
)
UNIT_AFTER = re.compile(r"^\s+(?:province|region|district|county|prefecture|governorate|municipality)\b")
IN_BEFORE = re.compile(r"\b(?:in|near|outside|across)\s+$")
SPEAKS_AFTER = re.compile(r"^\s*(?:said|says|told|added|wrote|warned|denied)\b")
ACTS_AFTER = re.compile(
    r"^\s*(?:said|says|denied|denies|rejected|rejects|blamed|blames|announced|confirmed|declined|insisted|"
    r"admitted|apologi[sz]ed|responded|stated|claimed|spokes(?:man|woman|person))\b"
)
SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’]?\s+|\n\s*)$")
LONE_TYPES = frozenset({"PERSON", "ORG"})
# Services people post on, and known outlets: never a person, however the tagger typed them ("Trump said on
# Twitter", "in an interview with Axios" had made Twitter and Axios speakers).
PLATFORMS = frozenset(
    "twitter facebook instagram youtube tiktok whatsapp telegram reddit linkedin snapchat threads bluesky "
    "weibo wechat".split()
) | {"truth social"}
KNOWN_OUTLET_KEYS = frozenset(name_key(name) for name in KNOWN_OUTLETS)
OTHER_TYPES = frozenset({"WORK_OF_ART", "PRODUCT", "FAC", "LAW", "EVENT", "NORP", "LOC"})
OWNER_BEFORE = re.compile(r"\b[A-Z][\w-]+(?: [A-Z][\w-]+){0,3}['’]s\s+$")
ROLE_APPOSITIVE = re.compile(
    r"^,\s+(?:an?|the)\s+(?:[\w'-]+\s+){0,3}?([a-z][\w-]+)\s+(?:at|of|for|with|in|from|who)\b"
)
ROLE_OF = re.compile(r"\b([a-z][\w-]+)\s+(?:of|at|for)\s+(?:the\s+)?$")
# Roles only an organisation has ("chief executive of"), not a person too ("spokesman for", "wife of").
EMPLOYER_ROLES = frozenset(
    "executive executives director directors chairman chairwoman ceo founder founders employee employees "
    "shareholder shareholders board owner owners subsidiary unit".split()
)
SHARES_OF = re.compile(r"\b[Ss]hares\s+(?:of|in)\s+$")
TITLE_OF = re.compile(r"\b([A-Za-z]+) of\s+$")
MOVEMENT_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:movement|party|alliance|coalition|front|bloc|network|foundation|federation)\b"
)


@dataclass(frozen=True, slots=True)
class Retyped:
    """The mentions with their types corrected, and the lone words that stand for one organisation of the
    run ("herald" -> "varrow herald"), for the resolver to join."""

    mentions: list[EntityMention]
    organisation_parts: dict[str, str]


def retyped(
    mentions: Sequence[EntityMention], articles: Sequence[Article], lowered: frozenset[str]
) -> Retyped:
    """``lowered``: the words the run writes in lower case (``names.lower_case_words``)."""
    texts = {a.id: a.text for a in articles}
    outlets = {name_key(a.outlet) for a in articles if a.outlet}
    surnames = _surnames([m for m in mentions if name_key(m.text) not in outlets])
    places = _places(mentions, texts) - surnames
    features = _features(mentions, texts) - surnames
    parts = _organisation_parts(mentions, outlets, texts, lowered)
    organisations = set(parts) | _movements(mentions, texts, surnames)
    common = _common_words(mentions, texts, lowered)
    people = _described_as_people(mentions, texts)
    employers = _employers(mentions, texts) - surnames - people
    things = _things(mentions, texts) - people
    local_surnames = {(m.article, name_key(m.text).split()[-1]) for m in mentions if _full_person(m)}
    found = []
    for mention in mentions:
        key = name_key(mention.text)
        if key in common or _in_title(mention, texts):
            continue
        mention = _owned(mention, texts)
        if key in people and mention.label != "PERSON":
            mention = replace(mention, label="PERSON")  # "Marta Osterby, a statistician at ..."
        elif (key in outlets and mention.label != "ORG") or (
            mention.label == "PERSON" and (key in PLATFORMS or key in KNOWN_OUTLET_KEYS)
        ):
            mention = replace(mention, label="ORG")
        elif key in features and mention.label in LONE_TYPES:
            mention = replace(mention, label="LOC")  # "the Velna river"
        elif key in places and mention.label in LONE_TYPES:
            mention = replace(mention, label="GPE")
        elif key in things and mention.label == "PERSON":
            mention = replace(mention, label="PRODUCT")  # "the Maren Dawn", "the Arlo": a ship, a car
        elif (key in organisations or key in employers) and mention.label == "PERSON":
            mention = replace(mention, label="ORG")
        elif mention.label in OTHER_TYPES and (mention.article, key) in local_surnames:
            mention = replace(mention, label="PERSON")  # "Wendt said" tagged a work of art
        found.append(mention)
    # the parts again over the corrected types: "Nordvik Kraft", typed a person, is an organisation now
    return Retyped(found, _organisation_parts(found, outlets, texts, lowered))


def _owned(mention: EntityMention, texts: dict[str, str]) -> EntityMention:
    """ "Drovia's defence ministry": a description in lower case is its owner's, not one organisation that
    every country's "defence ministry" would share."""
    if mention.label != "ORG" or not mention.text[:1].islower():
        return mention
    text = texts.get(mention.article, "")
    owner = OWNER_BEFORE.search(text[max(mention.start - 40, 0) : mention.start])
    if owner is None:
        return mention
    start = mention.start - (len(owner.group(0)))
    return replace(mention, start=start, text=text[start : mention.end])


def _in_title(mention: EntityMention, texts: dict[str, str]) -> bool:
    """ "State" in "Secretary of State Mike Pompeo" is part of a title, not an organisation."""
    if len(mention.text.split()) != 1 or mention.label not in LONE_TYPES:
        return False  # "President of Iran": Iran is still a place
    found = TITLE_OF.search(texts.get(mention.article, "")[max(mention.start - 30, 0) : mention.start])
    return bool(found and is_role_noun(found.group(1)))


def _employers(mentions: Sequence[EntityMention], texts: dict[str, str]) -> set[str]:
    """Names the run writes after a person's role and "of"/"at"/"for" ("former chief executive of Nordvik
    Kraft", "an analyst at Fjordhavn Securities") or after "shares of/in": organisations."""
    found = set()
    for mention in mentions:
        before = texts.get(mention.article, "")[max(mention.start - 40, 0) : mention.start]
        role = ROLE_OF.search(before)
        if (role and role.group(1) in EMPLOYER_ROLES) or SHARES_OF.search(before):
            found.add(name_key(mention.text))
    return found


THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def _things(mentions: Sequence[EntityMention], texts: dict[str, str]) -> set[str]:
    """Names typed PERSON that the run writes after "the" at least twice and in most of their mentions: a
    person is not "the Maren Dawn" (a ferry) or "the Arlo" (a car model). "The late ..." names a person,
    but "late" stands between."""
    counts: dict[str, list[int]] = {}
    for mention in mentions:
        if mention.label != "PERSON":
            continue
        text = texts.get(mention.article, "")
        seen = counts.setdefault(name_key(mention.text), [0, 0])
        seen[0] += 1
        seen[1] += mention.text.lower().startswith("the ") or bool(
            THE_BEFORE.search(text, max(mention.start - 5, 0), mention.start)
        )
    return {key for key, (total, after_the) in counts.items() if after_the >= 2 and 2 * after_the > total}


def _described_as_people(mentions: Sequence[EntityMention], texts: dict[str, str]) -> set[str]:
    """Names of two or three capitalised words the run follows with a person's role in apposition
    ("Marta Osterby, a statistician at Vellacourt University"), whatever the tagger typed them."""
    found = set()
    for mention in mentions:
        words = mention.text.split()
        if mention.label == "PERSON" or not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
            continue
        role = ROLE_APPOSITIVE.match(texts.get(mention.article, "")[mention.end : mention.end + 60])
        if role and is_role_noun(role.group(1)):
            found.add(name_key(mention.text))
    return found


def _full_person(mention: EntityMention) -> bool:
    return mention.label == "PERSON" and len(name_key(mention.text).split()) >= 2


def _surnames(mentions: Sequence[EntityMention]) -> set[str]:
    return {name_key(m.text).split()[-1] for m in mentions if _full_person(m)}


def _movements(mentions: Sequence[EntityMention], texts: dict[str, str], surnames: set[str]) -> set[str]:
    """Names the run writes before "movement", "party" (...): "Vennick's Civic Dawn movement" -> an
    organisation; not a person's surname ("the Trump campaign")."""
    found = set()
    for mention in mentions:
        key = name_key(mention.text)
        after = texts.get(mention.article, "")[mention.end : mention.end + 16]
        if mention.label == "PERSON" and key not in surnames and MOVEMENT_AFTER.match(after):
            found.add(key)
    return found


def _features(mentions: Sequence[EntityMention], texts: dict[str, str]) -> set[str]:
    """Names the run writes before "river", "valley", "mountains" (...): natural places."""
    return {
        name_key(m.text)
        for m in mentions
        if FEATURE_AFTER.match(texts.get(m.article, "")[m.end : m.end + 14])
    }


def _places(mentions: Sequence[EntityMention], texts: dict[str, str]) -> set[str]:
    said_of: set[str] = set()
    for text in texts.values():
        for match in PLACE_OF.finditer(text):
            said_of.update(name_key(n) for n in re.findall(_NAME, match.group(1)))
    after_in: Counter[str] = Counter()
    speaking: set[str] = set()
    for mention in mentions:
        key = name_key(mention.text)
        if mention.label != "PERSON" or len(key.split()) > 3:
            continue
        text = texts.get(mention.article, "")
        if UNIT_AFTER.match(text[mention.end : mention.end + 14]):
            said_of.add(key)  # "Tal Barra province"
            continue
        possessive = text[mention.end : mention.end + 2] in ("'s", "’s")  # "in Smith's view"
        located = bool(IN_BEFORE.search(text[max(mention.start - 12, 0) : mention.start]))
        if located and not possessive:
            after_in[key] += 1
        elif SPEAKS_AFTER.match(text[mention.end : mention.end + 12]):  # not "officials in Marenne said"
            speaking.add(key)
    demonyms = {name_key(m.text) for m in mentions if m.label == "NORP"}
    lone = {k for m in mentions if m.label in LONE_TYPES and len((k := name_key(m.text)).split()) == 1}
    # "Ardennians" names the people of "Ardenne", "Israeli" those of "Israel"
    of_people = {key for key in lone if len(key) >= 4 and any(_demonym_of(d, key) for d in demonyms)}
    often_in = {key for key, count in after_in.items() if count >= 2 and key not in speaking}
    return said_of | of_people | often_in


DEMONYM_ENDINGS = ("ian", "ians", "an", "ans", "i", "is", "ese", "ish", "ite", "ites", "er", "ers")


def _demonym_of(demonym: str, name: str) -> bool:
    """ "ardennians" of "ardenne", "israeli" of "israel"; not "marxist" of "marx"."""
    stem = name[:-1] if name[-1] in "aeiouy" else name
    return demonym != name and demonym.startswith(stem) and demonym[len(stem) :] in DEMONYM_ENDINGS


def _organisation_parts(
    mentions: Sequence[EntityMention], outlets: set[str], texts: dict[str, str], lowered: frozenset[str]
) -> dict[str, str]:
    """A lone word that ends one organisation's name ("Herald") is that organisation; one that begins it
    ("Halbrenn") only if the run also has it act as an organisation does ("Halbrenn denied"): a town
    names its newspaper ("the Bellhaven Post") and stays a town."""
    names = {name_key(m.text) for m in mentions if m.label == "ORG"} | outlets
    surnames = _surnames(mentions)
    acting = {
        name_key(m.text) for m in mentions if ACTS_AFTER.match(texts.get(m.article, "")[m.end : m.end + 16])
    }
    parts: dict[str, set[str]] = defaultdict(set)
    for name in names:
        words = name.split()
        if len(words) >= 2:
            if words[0] in acting:
                parts[words[0]].add(name)
            if words[-1] not in lowered:  # "Herald"; not "House" ("the House voted" is no White House)
                parts[words[-1]].add(name)
    return {
        word: next(iter(owners))
        for word, owners in parts.items()
        if len(owners) == 1 and word not in surnames and len(word) > 3
    }


def _common_words(
    mentions: Sequence[EntityMention], texts: dict[str, str], lowered: frozenset[str]
) -> set[str]:
    starts: dict[str, bool] = {}
    for mention in mentions:
        key = name_key(mention.text)
        if len(key.split()) != 1 or mention.label not in LONE_TYPES:
            continue
        text = texts.get(mention.article, "")
        initial = bool(SENTENCE_START.search(text[max(mention.start - 4, 0) : mention.start]))
        starts[key] = starts.get(key, True) and initial
    return {key for key, always in starts.items() if always and key in lowered}

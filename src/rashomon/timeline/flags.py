"""Temporal consistency: dates in a story that cannot all be true, each flag naming claims and articles.

* ``date-after-death``: a claim reports someone killed or dead on a date; a timeline event dated after it
  has that person acting or acted upon ("wanted to strike" them). The person is found by name, or by a
  description an article ties to the name ("a senior military officer, in an oblique reference to X").
* ``upcoming-before-publication``: a claim calls something upcoming (forthcoming, will, is set to, due)
  and dates it before its own article's publication date.
* ``relative-vs-absolute``: in one group of claims, a date read relative to an article's publication
  ("seven months ago") and an absolute date ("in August 2019") for the same claim cannot both hold.

Rules are phrased for any story (death verbs, tie cues, role nouns), never for one set of articles.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rashomon.model import Article, Claim, ClaimGroup, Entity
from rashomon.model.flag import Flag
from rashomon.model.timeline import TimelineEntry
from rashomon.nlp.event_words import DEADLY_EVENTS
from rashomon.timeline.dating import ClaimDate
from rashomon.timeline.entries import calendar_date
from rashomon.timeline.timex import sentence_bounds

_DEATH_AFTER = (
    r"(?:was|were|had\s+been|has\s+been|is)\s+(?:\w+\s+)?(?:killed|assassinated|slain|executed|murdered)"
)
# "killed X" reports a death; "the killing of X" is as often a plan or an order ("signed off on the killing").
_DEATH_BEFORE = r"(?:killed|assassinated|murdered|executed)"
_ACT = re.compile(
    r"\b(?:strike|struck|kill|killing|attack|target|hit|assassinate|take\s+out|meet|met|visit|order|ordered|"
    r"plan|planned|travel|said|says|told|spoke|called|sent|send|wrote|write|filed|file|warned|warn|signed|"
    r"complained|posted|published|testified)\w*",
    re.IGNORECASE,
)
_EVENT_CLASS = {word: index for index, words in enumerate(DEADLY_EVENTS) for word in words.split()}
_DIED_IN = re.compile(
    r"\b(?:died|was\s+killed|were\s+killed|perished|lost\s+(?:his|her|their)\s+lives?)\s+in\s+"
    r"(?:the|a|an|that|this|[A-Z]\w+'s)\s+(?:[\w-]+\s+){0,3}?(?P<event>[a-z]+)\b"
)
_TIE = re.compile(
    r"\b(?:reference|referring|refers|referred|related|nod|allusion|alluding)\s+to\b", re.IGNORECASE
)
_ROLE = re.compile(
    r"\b(?:a|an|the|this|that)\s+((?:[A-Za-z][a-z-]*\s+){0,3}?(?:officer|commander|general|figure|leader|official|"
    r"person|man|woman|chief|target))\b"
)
_UPCOMING = re.compile(
    r"\b(?:upcoming|forthcoming|will|is\s+set\s+to|are\s+set\s+to|scheduled|is\s+due|are\s+due|due\s+to)\b",
    re.IGNORECASE,
)
_WINDOW = 250  # characters between a name and its death verb (appositions run long)


@dataclass(frozen=True, slots=True)
class Death:
    person: str  # entity id
    name: str
    date: str  # contract date
    claim: Claim


def temporal_flags(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    groups: Sequence[ClaimGroup],
    entities: Sequence[Entity],
    timeline: Sequence[TimelineEntry],
    dates: Mapping[str, tuple[ClaimDate, ...]],
) -> list[Flag]:
    by_id = {c.id: c for c in claims}
    flags = [
        *after_death_flags(articles, claims, entities, timeline, dates, by_id),
        *upcoming_flags(articles, claims, dates),
        *relative_absolute_flags(groups, dates, by_id),
    ]
    return flags


# --- after death ----------------------------------------------------------------------------------------


def person_names(entity: Entity) -> list[str]:
    """The name, its aliases, and their surnames (the last word of a multi-word name)."""
    names = {entity.name, *entity.aliases}
    names |= {n.split()[-1] for n in list(names) if len(n.split()) > 1}
    return sorted((n for n in names if len(n) > 3), key=len, reverse=True)


_DEATH_VERB = re.compile(
    rf"\b(?P<passive>{_DEATH_AFTER})\b|\b(?P<active>{_DEATH_BEFORE})\b|\b(?P<died>died)\b", re.IGNORECASE
)


def deaths(
    claims: Sequence[Claim], entities: Sequence[Entity], dates: Mapping[str, tuple[ClaimDate, ...]]
) -> list[Death]:
    """Who each claim reports killed or dead, and when: the person named nearest before "was killed" /
    "died" (all of them before "were killed"), or right after "killed"; the claim's earliest day or month."""
    people = [(e, person_names(e)) for e in entities if e.type == "PERSON"]
    event_days = _event_days(claims, dates)
    found: list[Death] = []
    for claim in claims:
        claim_dates = dates.get(claim.id, ())
        claim_day = _earliest(claim_dates)
        for verb in _DEATH_VERB.finditer(claim.text):
            when = claim_day
            # "who died in the blast" with no date in its clause: the blast's date, which the story gives
            # elsewhere, not what else the claim dates ("a letter Hollis, who died in the blast, sent in
            # August 2024"); "was killed in a drone strike in January 2020" keeps its own date.
            event = _DIED_IN.match(claim.text, verb.start())
            clause = claim.text[verb.start() : _clause_end(claim.text, verb.end())]
            if event and not any(d.text and d.text.split(",")[0] in clause for d in claim_dates):
                when = event_days.get(_EVENT_CLASS.get(event.group("event"), -1))
            if when is None:
                continue
            for entity in _victims(claim.text, verb, people):
                found.append(Death(entity.id, entity.name, when, claim))
    return found


_CLAUSE_END = re.compile(r"[,;.!?]")


def _clause_end(text: str, start: int) -> int:
    found = _CLAUSE_END.search(text, start)
    return found.start() if found else len(text)


def _event_days(claims: Sequence[Claim], dates: Mapping[str, tuple[ClaimDate, ...]]) -> dict[int, str]:
    """Per deadly-event class, the day the story's claims most often give it (earliest on a tie): the
    days of claims naming a word of the class and stating one day ("exploded ... on Tuesday night")."""
    counts: dict[int, dict[str, int]] = {}
    for claim in claims:
        days = {
            found[0]
            for d in dates.get(claim.id, ())
            if (found := calendar_date(d.value)) and found[1] == "day"
        }
        if len(days) != 1:
            continue
        (day,) = days
        for kind in {_EVENT_CLASS[w] for w in re.findall(r"[a-z]+", claim.text.lower()) if w in _EVENT_CLASS}:
            counts.setdefault(kind, {})
            counts[kind][day] = counts[kind].get(day, 0) + 1
    return {kind: min(days, key=lambda d: (-days[d], d)) for kind, days in counts.items()}


def _victims(text: str, verb: re.Match[str], people: Sequence[tuple[Entity, list[str]]]) -> list[Entity]:
    named: list[tuple[int, Entity]] = []
    for entity, names in people:
        for name in names:
            for match in re.finditer(rf"\b{re.escape(name)}\b", text):
                named.append((match.start(), entity))
    if verb.group("active"):
        after = [(p, e) for p, e in named if verb.end() <= p <= verb.end() + 60]
        return [min(after, key=lambda item: item[0])[1]] if after else []
    before = [(p, e) for p, e in named if verb.start() - _WINDOW <= p < verb.start()]
    if not before:
        return []
    if verb.group(0).lower().startswith("were"):
        return list(dict.fromkeys(e for _, e in before))
    return [max(before, key=lambda item: item[0])[1]]


def _earliest(claim_dates: Iterable[ClaimDate]) -> str | None:
    values = [
        found[0] for d in claim_dates if (found := calendar_date(d.value)) and found[1] in ("day", "month")
    ]
    return min(values) if values else None


def _after(later: str, death: str) -> bool:
    """Whether every day of ``later`` falls after every day of ``death`` (a month holds all its days)."""
    if len(later) < len(death):
        return later > death[: len(later)]
    return later[: len(death)] > death


def tied_roles(texts: Iterable[str], names: Sequence[str]) -> set[str]:
    """Descriptions the story ties to a person: "a senior military officer, in an oblique reference to X",
    read sentence by sentence in the articles (the tie is often outside any claim's span)."""
    roles: set[str] = set()
    for text in texts:
        bounds = sentence_bounds(text)
        for left, right in itertools.pairwise(bounds):
            sentence = text[left:right]
            if not _TIE.search(sentence) or not any(
                re.search(rf"\b{re.escape(n)}\b", sentence) for n in names
            ):
                continue
            roles |= {m.group(1).lower() for m in _ROLE.finditer(sentence)}
    return roles


def _mentions(text: str, names: Sequence[str], roles: set[str]) -> tuple[int, str] | None:
    """Where the text names the person or a tied description of them (a description matches when it shares
    the role noun and, if it has modifiers, at least one of them)."""
    for name in names:
        match = re.search(rf"\b{re.escape(name)}\b", text)
        if match:
            return match.start(), name
    for match in _ROLE.finditer(text):
        words = match.group(1).lower().split()
        for role in roles:
            role_words = role.split()
            if words[-1] == role_words[-1] and (
                len(role_words) == 1 or set(words[:-1]) & set(role_words[:-1])
            ):
                return match.start(), match.group(0)
    return None


def after_death_flags(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    entities: Sequence[Entity],
    timeline: Sequence[TimelineEntry],
    dates: Mapping[str, tuple[ClaimDate, ...]],
    by_id: Mapping[str, Claim],
) -> list[Flag]:
    flags = []
    people = {e.id: e for e in entities}
    by_person: dict[str, list[Death]] = {}
    for death in deaths(claims, entities, dates):
        by_person.setdefault(death.person, []).append(death)
    for person, reports in by_person.items():
        # the most precise date reported, the earliest of those: a month holds the day it contains
        when = min((d.date for d in reports), key=lambda value: (-len(value), value))
        names = person_names(people[person])
        roles = tied_roles([a.text for a in articles], names)
        reporters = list(dict.fromkeys(d.claim.id for d in reports if d.date == when))[:3]
        for entry in timeline:
            if not _after(entry.date, when):
                continue
            involved = [
                c
                for c in entry.claims
                if c in by_id
                and _acts_on(by_id[c].text, names, roles)
                and _stated(dates.get(c, ()), entry.date)
            ]
            if not involved:
                continue
            described = _mentions(by_id[involved[0]].text, names, roles)
            how = f" ('{described[1]}')" if described else ""
            name = people[person].name
            message = (
                f"{len(involved)} claim(s) date an act involving {name}{how} to {entry.date}, after "
                f"{name}'s reported death on {when}."
            )
            claim_ids = tuple(dict.fromkeys([*involved, *reporters]))
            article_ids = tuple(dict.fromkeys(by_id[c].article for c in claim_ids if c in by_id))
            flags.append(Flag("date-after-death", message, article_ids, claim_ids))
    return flags


def _stated(claim_dates: Iterable[ClaimDate], date: str) -> bool:
    """Whether the claim itself states the event's date, not only through a guess about tense ("in June"
    read as next June because a plan is mentioned): an absolute date inside the event's period."""
    return any(
        not d.relative and (d.value.startswith(date) or date.startswith(d.value[:10])) for d in claim_dates
    )


def _acts_on(text: str, names: Sequence[str], roles: set[str]) -> bool:
    """The person (or a tied description) is named within a few words of an action verb, and the claim is
    not itself a report of the death."""
    found = _mentions(text, names, roles)
    if found is None:
        return False
    if re.search(_DEATH_AFTER, text) or re.search(_DEATH_BEFORE, text):
        return False
    position = found[0]
    return any(abs(m.end() - position) <= 60 for m in _ACT.finditer(text))


# --- upcoming before publication ---------------------------------------------------------------------------


def upcoming_flags(
    articles: Sequence[Article], claims: Sequence[Claim], dates: Mapping[str, tuple[ClaimDate, ...]]
) -> list[Flag]:
    published = {
        a.id: a.published.value for a in articles if a.published.value and a.published.source != "inferred"
    }
    flags = []
    for claim in claims:
        when = published.get(claim.article)
        cue = _UPCOMING.search(claim.text)
        if when is None or cue is None:
            continue
        for date in dates.get(claim.id, ()):
            value = calendar_date(date.value)
            if value is None or date.relative or not _after(when, value[0]):
                continue
            message = (
                f"'{cue.group(0)}' event dated {value[0]} ('{date.text}') in an article published {when}: "
                "an upcoming event cannot precede its report."
            )
            flags.append(Flag("upcoming-before-publication", message, (claim.article,), (claim.id,)))
            break
    return flags


# --- relative vs absolute ---------------------------------------------------------------------------


def relative_absolute_flags(
    groups: Sequence[ClaimGroup], dates: Mapping[str, tuple[ClaimDate, ...]], by_id: Mapping[str, Claim]
) -> list[Flag]:
    flags = []
    for group in groups:
        relative = [
            (c, d) for c in group.claims for d in dates.get(c, ()) if d.relative and calendar_date(d.value)
        ]
        absolute = [
            (c, d)
            for c in group.claims
            for d in dates.get(c, ())
            if not d.relative and calendar_date(d.value)
        ]
        for rel_claim, rel in relative:
            clashes = [
                (c, d)
                for c, d in absolute
                if c != rel_claim
                and by_id[c].article != by_id[rel_claim].article
                and _same_precision(rel.value, d.value)
                and _similar(by_id[c].text, by_id[rel_claim].text)
                and not _overlap(rel.value, d.value)
            ]
            if not clashes:
                continue
            abs_claim, absolute_date = clashes[0]
            message = (
                f"'{rel.text}' resolves to {rel.value} against its article's date, but the same claim "
                "elsewhere "
                f"says '{absolute_date.text}' ({absolute_date.value})."
            )
            claim_ids = (rel_claim, abs_claim)
            flags.append(
                Flag(
                    "relative-vs-absolute",
                    message,
                    tuple(dict.fromkeys(by_id[c].article for c in claim_ids)),
                    claim_ids,
                )
            )
            break
    return flags


def _same_precision(a: str, b: str) -> bool:
    return len(a[:10]) == len(b[:10]) and len(a[:10]) >= 7


def _overlap(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _similar(a: str, b: str) -> bool:
    """Whether two claims share enough wording to be the same claim (guards against a mixed group)."""
    from rashomon.timeline.events import stems

    left, right = stems(a), stems(b)
    return bool(left | right) and len(left & right) / len(left | right) >= 0.35

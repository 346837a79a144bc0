"""Names the tagger found elsewhere in the run, found again where it missed them.

spaCy's small model tags an unfamiliar name in one sentence and not in the next: "Varrow" is a place in
four of five articles and nothing in "Dozens of workers died in Varrow". A name the run tagged at least
twice (or once, when it has three words or more) is looked for, written exactly so (case and whole
words), in every article of the run, and each untagged occurrence becomes a mention with the name's most
common type (so does one the tagger typed a date or a number); so does an organisation's description of
two words or more ("defence ministry"). Left out, so that no common word becomes a name: names under four
letters, names the run also writes in lower case ("Turnout" / "turnout"), month and weekday names, and
words inside another mention.

A person's bare surname is found the same way, within each article that names the person in full
("Sorel was detained on Monday." after "Anika Sorel"), unless the run writes it in lower case ("Young",
"May"); entity resolution then gives it to the person (``resolve._attach_surnames``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from rashomon.entities.names import TITLES
from rashomon.entities.roles import is_role_noun
from rashomon.model import Article, EntityMention

MIN_TAGGED = 2
MIN_LENGTH = 4
PROPAGATED_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
# Types a name can have; a mention of a run's name typed otherwise (DATE, CARDINAL) is retyped.
NAME_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
)
TITLE_WORDS = frozenset(title.rstrip(".-") for title in TITLES)
PREVIOUS_WORD = re.compile(r"([A-Z][\w'’.-]*) $")
CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def propagated(
    mentions: Sequence[EntityMention], articles: Sequence[Article], lowered: frozenset[str]
) -> list[EntityMention]:
    """``mentions``, then the untagged occurrences of the run's names. ``lowered``: the words the run writes
    in lower case (``names.lower_case_words``)."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        labels[mention.text][mention.label] += 1
    names = {
        name: counts.most_common(1)[0][0]
        for name, counts in labels.items()
        if (sum(counts.values()) >= MIN_TAGGED or len(name.split()) >= 3)
        and counts.most_common(1)[0][0] in PROPAGATED_TYPES
        and len(name) >= MIN_LENGTH
        and (name[:1].isupper() or _description(name, counts))
        and name.lower() not in CALENDAR
    }
    if not names:
        return list(mentions)
    names = {name: label for name, label in names.items() if " " in name or name.lower() not in lowered}
    if not names:
        return list(mentions)
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(r"(?<![\w'’-])(?:" + alternatives + r")(?![\w-])")
    # "died in Varrow on Tuesday" tagged Varrow a date: the run's name, with the name's type
    mentions = [
        replace(m, label=names[m.text]) if m.text in names and m.label not in NAME_TYPES else m
        for m in mentions
    ]
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for mention in mentions:
        taken[mention.article].append((mention.start, mention.end))
    found = []
    for article in articles:
        spans = sorted(taken[article.id])
        starts = [s for s, _ in spans]
        for match in pattern.finditer(article.text):
            if not _inside(spans, starts, match.start(), match.end()):
                found.append(
                    EntityMention(article.id, match.start(), match.end(), match.group(), names[match.group()])
                )
    return [*mentions, *found]


def _description(name: str, counts: Counter[str]) -> bool:
    """An organisation named by a description of two words or more ("defence ministry"), which the
    entities stage gives its owner ("Drovia's defence ministry")."""
    return " " in name and counts.most_common(1)[0][0] == "ORG"


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps a mention already there."""
    i = bisect_right(starts, start) - 1
    return any(s < end and start < e for s, e in spans[max(i - 2, 0) : i + 3])


def bare_surnames(
    mentions: Sequence[EntityMention], articles: Sequence[Article], lowered: frozenset[str]
) -> list[EntityMention]:
    """``mentions``, then the untagged occurrences of each surname of a person an article names in full
    (two words or more, the last capitalised), in that article only."""
    surnames: dict[str, set[str]] = defaultdict(set)
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for mention in mentions:
        taken[mention.article].append((mention.start, mention.end))
        words = mention.text.split()
        if mention.label == "PERSON" and len(words) >= 2:
            last = words[-1].strip(".,")
            if (
                len(last) >= 3
                and last[:1].isupper()
                and last.lower() not in lowered | CALENDAR
                and not is_role_noun(last.lower())  # "... Rudakov/Bloomberg Photographer"
            ):
                surnames[mention.article].add(last)
    found = []
    for article in articles:
        if not surnames.get(article.id):
            continue
        alternatives = "|".join(re.escape(n) for n in sorted(surnames[article.id], key=len, reverse=True))
        pattern = re.compile(r"(?<![\w'’-])(?:" + alternatives + r")(?![\w-])")
        spans = sorted(taken[article.id])
        starts = [s for s, _ in spans]
        for match in pattern.finditer(article.text):
            if not _inside(spans, starts, match.start(), match.end()) and not _name_goes_on(
                article.text, match.start()
            ):
                found.append(EntityMention(article.id, match.start(), match.end(), match.group(), "PERSON"))
    return [*mentions, *found]


def _name_goes_on(text: str, start: int) -> bool:
    """Whether the word before ``start`` is a capitalised word other than a title: "Tamar" in an untagged
    "Hisn Tamar" is not the surname of "Ruth Tamar"; "Governor Tamar", "Mr. Tamar" and "... on Monday. Tamar"
    are hers."""
    before = PREVIOUS_WORD.search(text, max(start - 40, 0), start)
    if before is None:
        return False
    word = before.group(1).lower()
    return not word.endswith(".") and word not in TITLE_WORDS and not is_role_noun(word)

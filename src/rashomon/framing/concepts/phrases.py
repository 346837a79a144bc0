"""What a mention's words say about its referent, read from the text alone: head noun, name, role words.

``resolve_concepts`` sees only spans and their text, so the head is found the way a reader skims: the
last word before the first preposition, relative pronoun or comma ("victory by the administration" ->
"victory"); a name is the run of capitalised words that ends that part ("the C.I.A. director Mike
Pompeo" -> "Mike Pompeo"), unless every capitalised word is a title ("the President").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rashomon.entities.names import TITLES, name_key
from rashomon.entities.resolve import alias_table

WORD = re.compile(r"'s\b|\w[\w.'’-]*|[^\w\s]")
CUT = frozenset(
    "of for by to in on at with from that who which whose whom about over against between after before "
    "during under into as than , ; : ( ) -- — \" ' ''".split()
)
DETERMINERS = frozenset(
    "the a an this that these those its his her their our my your some any all both each every another "
    "such 's ' two three several many".split()
)
HONORIFICS = frozenset("mr mrs ms dr sir dame lord lady rev former late then ex".split())
TITLE_WORDS = frozenset(word for title in TITLES for word in title.replace(".", "").split())


@dataclass(frozen=True, slots=True)
class Phrase:
    """The parts of one mention text that merging looks at."""

    core: str  # the words up to the head, determiners dropped: "released memos"
    head: str  # the head's lemma-ish lower form: "memo"
    name: str  # the canonical name key of a trailing name, "" for common noun phrases
    roles: tuple[str, ...]  # lower-case common words before a name: ("director",) in "CIA director Pompeo"
    modifiers: frozenset[str]  # capitalised words before a common head: {"north", "korean"}
    owner: str = (
        ""  # the capitalised run before a common head, as a name key: "north korean", "united states"
    )


@lru_cache(maxsize=1 << 16)
def read_phrase(text: str) -> Phrase:
    words = WORD.findall(text.replace(" - ", "-").replace(" 's", "'s").replace("'s", " 's"))
    core = _core(words)
    if not core:
        return Phrase("", "", "", (), frozenset())
    head = _lemma(core[-1])
    name_words = _trailing_name(core)
    if name_words:
        key = name_key(" ".join(name_words))
        before = core[: len(core) - len(name_words)]
        roles = tuple(_lemma(w) for w in before if _is_role(w))
        return Phrase(" ".join(core), head, alias_table().get(key, key), roles, frozenset())
    capitals = frozenset(w.lower() for w in core[:-1] if w[:1].isupper())
    return Phrase(" ".join(core), head, "", (), capitals, _owner(core[:-1]))


def _owner(before: list[str]) -> str:
    """Name key of the first capitalised run before the head ("U.S. officials" -> "united states")."""
    run: list[str] = []
    for word in before:
        if word[:1].isupper():
            run.append(word)
        elif run:
            break
    key = name_key(" ".join(run)) if run else ""
    return alias_table().get(key, key)


def _is_role(word: str) -> bool:
    """A common noun or rank before a name ("director", "President"), not an honorific ("Mr.")."""
    lower = word.lower().strip(".")
    return word.isalpha() and (word.islower() or lower in TITLE_WORDS) and lower not in HONORIFICS


def _core(words: list[str]) -> list[str]:
    kept: list[str] = []
    for index, word in enumerate(words):
        if index and word.lower() in CUT:
            break
        kept.append(word)
    while kept and (kept[0].lower() in DETERMINERS or not kept[0][:1].isalnum()):
        kept.pop(0)
    while kept and not kept[-1][:1].isalnum():
        kept.pop()
    return kept


def _trailing_name(core: list[str]) -> list[str]:
    run: list[str] = []
    for word in reversed(core):
        if not (word[:1].isupper() or word == "-" or (run and word[:1].isdigit())):
            break
        run.insert(0, word)
    while run and (run[0] == "-" or run[0].lower().strip(".") in TITLE_WORDS):
        run.pop(0)
    return run


def _lemma(word: str) -> str:
    """Crude singular: enough to put "memos" with "memo" and "migrants" with "migrant"."""
    lower = word.lower().strip(".'’")
    if len(lower) > 3 and lower.endswith("ies"):
        return lower[:-3] + "y"
    if len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return lower[:-1]
    return lower

"""One article's entity mentions in text order: the lookups speaker resolution makes (who is named in a
span, who was named last before it, who is described with a role or an organisation's noun)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rashomon.claims.quotes import opening_quote
from rashomon.model import Entity

# Marks of a person's gender that news copy writes itself: honorifics right before the name, and nouns
# of the person's labels. Used only to keep "she said" from a man just named (and "he" from a woman).
HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame)\.?\s+$")
HONORIFICS = {"mr": "m", "sir": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f"}
GENDERED = {
    **dict.fromkeys(
        "woman mother wife daughter sister girl grandmother widow actress chairwoman spokeswoman "
        "congresswoman businesswoman queen princess niece aunt girlfriend".split(),
        "f",
    ),
    **dict.fromkeys(
        "man father husband son brother boy grandfather widower spokesman congressman businessman king "
        "prince nephew uncle boyfriend".split(),
        "m",
    ),
}
PRONOUN_GENDER = {"she": "f", "her": "f", "hers": "f", "he": "m", "him": "m", "his": "m"}
WORD = re.compile(r"[a-z]+")
COVERAGE = 0.6  # an organisation or place speaks only when its name is most of the source span
PRONOUN_REACH = 800  # characters back to look for the person a pronoun stands for (about three sentences)


@dataclass(frozen=True, slots=True)
class MentionIndex:
    """One article's entity mentions in text order, for span lookup and pronoun resolution."""

    article: str
    starts: tuple[int, ...]
    items: tuple[tuple[int, int, Entity], ...]

    @classmethod
    def for_articles(cls, entities: Sequence[Entity]) -> dict[str, MentionIndex]:
        """Indexes for every article in one pass over the run's mentions (never articles × mentions)."""
        by_article: dict[str, list[tuple[int, int, Entity]]] = defaultdict(list)
        for entity in entities:
            for mention in entity.mentions:
                by_article[mention.article].append((mention.start, mention.end, entity))
        return {article: cls._of(article, items) for article, items in by_article.items()}

    @classmethod
    def _of(cls, article: str, items: list[tuple[int, int, Entity]]) -> MentionIndex:
        items.sort(key=lambda item: item[0])
        return cls(article=article, starts=tuple(i[0] for i in items), items=tuple(items))

    @classmethod
    def empty(cls, article: str) -> MentionIndex:
        return cls(article=article, starts=(), items=())

    @classmethod
    def build(cls, article: str, entities: Sequence[Entity]) -> MentionIndex:
        """One article's index (the stages build all articles' at once with ``for_articles``)."""
        return cls.for_articles(entities).get(article) or cls.empty(article)

    def overlapping(self, start: int, end: int) -> list[Entity]:
        i = max(bisect_left(self.starts, start) - 8, 0)
        found = []
        while i < len(self.items) and self.items[i][0] < end:
            if self.items[i][1] > start:
                found.append(self.items[i][2])
            i += 1
        return found

    def covering(self, start: int, end: int) -> list[Entity]:
        """Entities whose mention makes up most of the span: "the Pentagon", not "the ex-Pentagon chief"."""
        found = []
        for s, e, entity in self.items:
            overlap = min(e, end) - max(s, start)
            if overlap > 0 and overlap >= COVERAGE * (end - start):
                found.append(entity)
        return found

    def person_described(self, role: str, position: int, ahead: int = 0) -> Entity | None:
        """The person mentioned last before ``position`` whose labels in this article use ``role``; failing
        that, the first one within ``ahead`` characters after it (news names a source after first
        calling it "her lawyer")."""
        return self._described(("PERSON",), role, position, ahead)

    def organisation_described(self, noun: str, position: int) -> Entity | None:
        """The organisation mentioned last before ``position`` (within reach) whose name or labels in this
        article use ``noun``: "the ministry" after "the Interior Ministry"."""
        return self._described(("ORG",), noun, position, 0, reach=PRONOUN_REACH * 2)

    def _described(
        self, types: tuple[str, ...], word: str, position: int, ahead: int, reach: int | None = None
    ) -> Entity | None:
        before: tuple[int, Entity] | None = None
        after: tuple[int, Entity] | None = None
        for s, _, entity in self.items:
            if entity.type not in types or (reach is not None and s < position - reach):
                continue
            if s >= position + ahead or not _uses(entity, word, self.article):
                continue
            if s < position:
                before = (s, entity) if before is None or s > before[0] else before
            elif after is None or s < after[0]:
                after = (s, entity)
        chosen = before or after
        return chosen[1] if chosen else None

    def organisation_mention_before(self, position: int) -> tuple[int, Entity] | None:
        """The last organisation named before ``position``, within reach, with where."""
        i = bisect_left(self.starts, position) - 1
        while i >= 0 and self.items[i][0] >= position - PRONOUN_REACH:
            if self.items[i][2].type == "ORG":
                return self.items[i][0], self.items[i][2]
            i -= 1
        return None

    def person_before(self, position: int, skip: tuple[int, int] | None = None) -> Entity | None:
        found = self.person_mention_before(position, skip)
        return found[1] if found else None

    def person_mention_before(
        self, position: int, skip: tuple[int, int] | None = None, text: str = "", pronoun: str = ""
    ) -> tuple[int, Entity] | None:
        """The last person named before ``position`` (within reach), with where; not one named inside
        ``skip``, the claim's own content, anywhere: in '"The people of Ardenne have spoken," she said'
        she is not someone her quote names, nor is "she" in "Moore did take her home, she said" Moore.
        With ``text``, not one named inside any quotation either, nor, for a ``pronoun`` ("she"), one
        the article or the run marks as of the other gender (``gender``)."""
        can_be = self._can_be(skip, text, pronoun)
        i = bisect_left(self.starts, position) - 1
        while i >= 0 and self.items[i][0] >= position - PRONOUN_REACH:
            s, _, entity = self.items[i]
            if can_be(entity) and not (text and opening_quote(text, s) is not None):
                return s, entity
            i -= 1
        return None

    def person_at(
        self, span: tuple[int, int], skip: tuple[int, int] | None, text: str, pronoun: str
    ) -> Entity | None:
        """The person named at ``span`` who can be the ``pronoun``: not one named inside ``skip``, nor one
        of the other gender (as ``person_mention_before``)."""
        can_be = self._can_be(skip, text, pronoun)
        return next((entity for entity in self.overlapping(*span) if can_be(entity)), None)

    def _can_be(self, skip: tuple[int, int] | None, text: str, pronoun: str) -> Callable[[Entity], bool]:
        """Whether an entity can be a pronoun's person: a person, not one named inside ``skip`` (the claim's
        own content), not of the other gender."""
        told = set()
        if skip is not None:
            first, last = bisect_left(self.starts, skip[0]), bisect_left(self.starts, skip[1])
            told = {entity.id for _, _, entity in self.items[first:last]}
        wanted = PRONOUN_GENDER.get(pronoun.lower())
        other: dict[str, bool] = {}  # an entity's gender is read once (``gender`` scans its mentions)

        def can_be(entity: Entity) -> bool:
            if entity.type != "PERSON" or entity.id in told:
                return False
            if entity.id not in other:
                other[entity.id] = self.other_gender(entity, wanted, text)
            return not other[entity.id]

        return can_be

    def other_gender(self, entity: Entity, wanted: str | None, text: str) -> bool:
        """Whether ``entity`` is known to be of the other gender than ``wanted`` ("f"/"m"; None: any)."""
        if wanted is None or not text:
            return False
        found = self.gender(entity, text)
        return found is not None and found != wanted

    def gender(self, entity: Entity, text: str) -> str | None:
        """ "f" or "m" where the article's honorifics ("Ms. Zimmer", "Mr. Moore") or the run's labels of the
        person ("the mayor's wife", "a grandmother of four") say so, and agree; else None. Names alone
        are never read for it."""
        marks = {
            HONORIFICS[found.group(1).lower()]
            for s, _, e in self.items
            if e.id == entity.id and (found := HONORIFIC.search(text, max(s - 6, 0), s))
        }
        for label in entity.labels:
            marks |= {GENDERED[w] for w in WORD.findall(label.text.lower()) if w in GENDERED}
        return next(iter(marks)) if len(marks) == 1 else None


def _uses(entity: Entity, word: str, article: str) -> bool:
    return word in entity.name.lower() or any(
        word in label.text.lower() for label in entity.labels if label.article == article
    )

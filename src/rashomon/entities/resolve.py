"""Cross-article entity resolution: one entity per referent, by evidence, without an all-pairs pass.

Mentions are first grouped by their normalised name key. Groups are then joined when one of these
holds: the alias table lists both names; one is the acronym of the other (by initials, or defined in
the text as "Long Name (ACR)"); both are the same multi-word name in another romanisation; or a lone
surname has exactly one full name it can belong to (in its own article first, then in the run).
Comparisons run inside blocks keyed by folded initials, so the cost grows with block sizes, not with
the square of the mentions.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rashomon.entities.names import (
    acronym,
    canonical_surface,
    fold_token,
    is_acronym,
    lower_case_words,
    name_key,
    similar_tokens,
)
from rashomon.entities.propagate import bare_surnames, propagated
from rashomon.entities.retype import retyped
from rashomon.entities.roles import is_role_noun
from rashomon.model import Article, Entity, EntityMention, content_id

NAMED_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
)
SURNAME_TYPES = frozenset({"PERSON", "ORG", "GPE"})
# Words that make a capitalised name an institution's, never a person's ("spokesman Pentagon Press Office").
INSTITUTION_WORDS = frozenset(
    {
        "ministry",
        "department",
        "service",
        "party",
        "council",
        "committee",
        "agency",
        "group",
        "company",
        "bank",
        "university",
        "news",
        "times",
        "post",
        "union",
        "court",
        "army",
        "force",
        "forces",
        "police",
        "office",
        "government",
        "institute",
        "foundation",
        "association",
        "corporation",
        "inc",
        "ltd",
        "systems",
        "media",
        "network",
        "press",
        "watch",
        "organisation",
        "organization",
        "commission",
    }
)
ROLE_BEFORE = re.compile(r"([A-Za-z-]+)\s+$")
DEFINED_ACRONYM = re.compile(r"((?:[A-Z][\w'’-]+\s+(?:of\s+|the\s+|and\s+|for\s+)*){1,8})\(([A-Z]{2,6})\)")


@dataclass(slots=True)
class _Group:
    key: str
    mentions: list[EntityMention] = field(default_factory=list)

    @property
    def tokens(self) -> list[str]:
        return [t for t in self.key.split() if len(t) > 1]

    @property
    def type(self) -> str:
        return Counter(m.label for m in self.mentions).most_common(1)[0][0]

    @property
    def articles(self) -> set[str]:
        return {m.article for m in self.mentions}


class _UnionFind:
    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {key: key for key in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(b)] = self.find(a)


def resolve_entities(mentions: Sequence[EntityMention], articles: Sequence[Article] = ()) -> list[Entity]:
    lowered = lower_case_words(a.text for a in articles)
    typed = retyped(_titled_people(propagated(mentions, articles, lowered), articles), articles, lowered)
    groups = _group_by_key(bare_surnames(typed.mentions, articles, lowered))
    joined = _UnionFind(groups)
    _join_organisation_parts(groups, joined, typed.organisation_parts)
    _join_aliases(groups, joined)
    _join_acronyms(groups, joined, articles)
    _join_romanisations(groups, joined)
    clusters: dict[str, list[EntityMention]] = defaultdict(list)
    for key, group in groups.items():
        if not _is_lone_surname(group):
            clusters[joined.find(key)].extend(group.mentions)
    _attach_surnames(groups, joined, clusters)
    return sorted((_entity(members) for members in clusters.values()), key=lambda e: (e.type, e.name))


def _titled_people(mentions: Sequence[EntityMention], articles: Sequence[Article]) -> list[EntityMention]:
    """A name right after a person's role noun is a person's, whatever the tagger said: spaCy's small model
    tags "ministry spokeswoman Irina Dabic" an organisation."""
    texts = {a.id: a.text for a in articles}
    found = []
    for mention in mentions:
        text = texts.get(mention.article, "")
        if (
            mention.label in ("ORG", "GPE", "NORP")
            and mention.end <= len(text)
            and _name_shaped(mention.text)
        ):
            role = ROLE_BEFORE.search(text[max(mention.start - 30, 0) : mention.start])
            if role and is_role_noun(role.group(1)):
                mention = replace(mention, label="PERSON")
        found.append(mention)
    return found


def _name_shaped(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and not any(w.lower().strip(".,") in INSTITUTION_WORDS for w in words)
    )


def _group_by_key(mentions: Sequence[EntityMention]) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    for mention in mentions:
        key = name_key(mention.text)
        if mention.label in NAMED_TYPES and key:
            groups.setdefault(key, _Group(key)).mentions.append(mention)
    return groups


def _join_organisation_parts(groups: dict[str, _Group], joined: _UnionFind, parts: dict[str, str]) -> None:
    """ "Halbrenn" joins "Halbrenn Chemicals" when it begins or ends no other organisation of the run
    (``entities.retype``); not a place, and not a name that is mostly a person's."""
    for key, group in groups.items():
        owner = parts.get(key)
        if owner in groups and group.type == "ORG":
            joined.union(owner, key)


def _join_aliases(groups: dict[str, _Group], joined: _UnionFind) -> None:
    table = alias_table()
    by_canonical: dict[str, list[str]] = defaultdict(list)
    for key, group in groups.items():
        if key in table and group.type != "PERSON":
            by_canonical[table[key]].append(key)
    for keys in by_canonical.values():
        for key in keys[1:]:
            joined.union(keys[0], key)


def _join_acronyms(groups: dict[str, _Group], joined: _UnionFind, articles: Sequence[Article]) -> None:
    defined = {name_key(short): name_key(long) for a in articles for long, short in _defined_acronyms(a.text)}
    by_initials: dict[str, list[str]] = defaultdict(list)
    for key, group in groups.items():
        if group.type != "PERSON":
            initials = acronym(group.mentions[0].text)
            if initials:
                by_initials[initials].append(key)
    for key, group in groups.items():
        if not is_acronym(group.mentions[0].text):
            continue
        target = defined.get(key)
        if target in groups:
            joined.union(target, key)
            continue
        candidates = {joined.find(k) for k in by_initials.get(group.mentions[0].text.replace(".", ""), [])}
        if len(candidates) == 1:  # an acronym that two different names expand to is left alone
            joined.union(candidates.pop(), key)


def _defined_acronyms(text: str) -> list[tuple[str, str]]:
    found = []
    for match in DEFINED_ACRONYM.finditer(text):
        long, short = match.group(1).strip(), match.group(2)
        words = [w for w in long.split() if w[:1].isupper()]
        # Keep the trailing words whose initials spell the acronym.
        while words and acronym(" ".join(words)) != short and len(words) > len(short):
            words = words[1:]
        if acronym(" ".join(words)) == short:
            found.append((" ".join(words), short))
    return found


def _join_romanisations(groups: dict[str, _Group], joined: _UnionFind) -> None:
    """Join multi-word names whose tokens are all variants ("Qassem Soleimani", "Qasem Suleimani").

    Names are blocked by word count and their surname skeleton's first letter and length; a variant is
    at most one edit away, so only a block and the block one letter longer are compared."""
    blocks: dict[tuple[str, int, int], list[_Group]] = defaultdict(list)
    for group in groups.values():
        tokens = group.tokens
        if len(tokens) >= 2:
            folded = fold_token(tokens[-1])
            blocks[(folded[:1], len(tokens), len(folded))].append(group)
    for (letter, count, length), block in blocks.items():
        longer = blocks.get((letter, count, length + 1), [])
        for i, first in enumerate(block):
            for second in [*block[i + 1 :], *longer]:
                if _same_type_family(first, second) and all(
                    similar_tokens(a, b) for a, b in zip(first.tokens, second.tokens, strict=True)
                ):
                    joined.union(first.key, second.key)


def _same_type_family(a: _Group, b: _Group) -> bool:
    return (a.type == "PERSON") == (b.type == "PERSON")


def _is_lone_surname(group: _Group) -> bool:
    # spaCy's small model often tags a bare surname ORG or GPE ("Trump", "Pompeo"); those are tried too,
    # but only against full names in their own article (see _attach_surnames).
    return group.type in SURNAME_TYPES and len(group.tokens) == 1 and not is_acronym(group.mentions[0].text)


def _attach_surnames(
    groups: dict[str, _Group], joined: _UnionFind, clusters: dict[str, list[EntityMention]]
) -> None:
    """A lone surname joins the one full name it can belong to: in its article first, then in the run.

    Full names are indexed by their surname's folded skeleton (first letter and length), so each lone
    surname is compared with the few names it could be a variant of, never with every name of the run.
    """
    full_names = [k for k, members in clusters.items() if _cluster_is_full_person(members)]
    index: dict[tuple[str, int], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    articles: dict[str, set[str]] = {}
    for k in full_names:
        articles[k] = {m.article for m in clusters[k]}
        for mention in clusters[k]:
            key = name_key(mention.text)
            if key:
                last = key.split()[-1]
                folded = fold_token(last)
                index[(folded[:1], len(folded))][last].add(k)
    order = {k: i for i, k in enumerate(full_names)}
    for group in (g for g in groups.values() if _is_lone_surname(g)):
        candidates = sorted(_surname_candidates(group.tokens[0], index), key=order.__getitem__)
        for article, mentions in _by_article(group.mentions).items():
            local = [k for k in candidates if article in articles[k]]
            chosen = _salient(local if local or group.type != "PERSON" else candidates, clusters)
            target = chosen[0] if len(chosen) == 1 else joined.find(group.key)
            clusters[target].extend(mentions)
            if target in articles:
                articles[target].add(article)


def _salient(candidates: list[str], clusters: dict[str, list[EntityMention]]) -> list[str]:
    """Of two people who share a surname, the one the run names at least twice as often (a story's
    protagonist beside her sister): a bare "Sorel" is her. Otherwise all stay candidates."""
    chosen = most_named([len(clusters[k]) for k in candidates])
    return candidates if chosen is None else [candidates[chosen]]


def most_named(mentions: Sequence[int]) -> int | None:
    """Which of several people sharing a surname a bare surname means, by how often each is named: the
    only one, or the one named at least twice as often as any other; None when none stands out."""
    if not mentions:
        return None
    ranked = sorted(range(len(mentions)), key=lambda i: -mentions[i])
    if len(ranked) == 1 or mentions[ranked[0]] >= 2 * mentions[ranked[1]]:
        return ranked[0]
    return None


def _surname_candidates(surname: str, index: dict[tuple[str, int], dict[str, set[str]]]) -> set[str]:
    """Full-name clusters whose surname is a variant of ``surname`` (see ``similar_tokens``)."""
    folded = fold_token(surname)
    found: set[str] = set()
    for length in (len(folded) - 1, len(folded), len(folded) + 1):
        for last, keys in index.get((folded[:1], length), {}).items():
            if similar_tokens(surname, last):
                found |= keys
    return found


def _cluster_is_full_person(members: list[EntityMention], any_person: bool = False) -> bool:
    full = [m for m in members if len(name_key(m.text).split()) >= 2]
    if any_person:
        return any(m.label == "PERSON" for m in full)
    return Counter(m.label for m in members).most_common(1)[0][0] == "PERSON" and bool(full)


def _by_article(mentions: list[EntityMention]) -> dict[str, list[EntityMention]]:
    found: dict[str, list[EntityMention]] = defaultdict(list)
    for mention in mentions:
        found[mention.article].append(mention)
    return found


def _entity(members: list[EntityMention]) -> Entity:
    # A cluster holding a full personal name is a person, however often the tagger called the bare
    # surname an organisation.
    label = (
        "PERSON"
        if _cluster_is_full_person(members, any_person=True)
        else (Counter(m.label for m in members).most_common(1)[0][0])
    )
    surfaces = [canonical_surface(m.text) for m in members if not is_acronym(m.text)] or [
        canonical_surface(m.text) for m in members
    ]
    counts = Counter(surfaces)
    # The fullest common form names the entity: most words first, then most frequent.
    name = max(sorted(counts), key=lambda s: (len(s.split()), counts[s], len(s)))
    table = alias_table()
    canonical = table.get(name_key(name))
    name = _display_name(canonical) if canonical and label != "PERSON" else name
    return Entity(
        id=content_id("ent", label, name_key(name)),
        name=name,
        type=label,
        aliases=tuple(sorted({m.text for m in members})),
        mentions=tuple(sorted(members, key=lambda m: (m.article, m.start))),
    )


@lru_cache(maxsize=1)
def alias_table() -> dict[str, str]:
    """name key -> canonical key, from the packaged table and the user's RASHOMON_ALIASES file."""
    text = resources.files("rashomon.entities").joinpath("aliases.json").read_text(encoding="utf-8")
    groups = json.loads(text)["groups"]
    extra = os.environ.get("RASHOMON_ALIASES")
    if extra:
        groups += json.loads(Path(extra).read_text(encoding="utf-8"))["groups"]
    table: dict[str, str] = {}
    for names in groups:
        for name in names:
            table.setdefault(name_key(name), name_key(names[0]))
            _DISPLAY[name_key(names[0])] = names[0]
    return table


_DISPLAY: dict[str, str] = {}


def _display_name(canonical_key: str) -> str:
    return _DISPLAY.get(canonical_key, canonical_key)

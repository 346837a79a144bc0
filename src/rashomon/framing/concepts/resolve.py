"""Target-concept resolution across the articles of one story (after Hamborg et al.'s TCA, 2019).

Mentions are merged in passes from the surest evidence to the loosest, each pass working on the
concepts the previous one left; after the first, no pass joins two concepts with different names:
1. one name: "Trump", "Mr. Trump", "President Donald Trump" (rashomon's name keys and alias table);
   a bare surname or family name joins the full name it ends or starts ("Kim" -> "Kim Jong-un");
   a one-word name that is another's initials ("DNC");
2. a state's or party's organs stand for it: "the Russian government", "U.S. officials", and the named
   bodies "Democratic Party" / "Democratic National Committee" for "Democrats";
3. a role word the story uses with one name ("President Trump" ... "the president");
4. one head noun with compatible modifiers ("the memos", "the released memos", "Comey's memos");
5. one sentence saying two phrases are one thing: apposition (``links``);
6. near-identity by meaning: concepts whose phrases' MiniLM vectors are close on average
   ("undocumented immigrants" / "illegal aliens", "the migrants" / "refugees"), never two names.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from rashomon.entities.resolve import alias_table
from rashomon.framing.concepts.mentions import ConceptMention
from rashomon.framing.concepts.phrases import Phrase, read_phrase

# Heads that name a state's or party's organs rather than a thing of their own (crude singulars).
INSTITUTIONS = frozenset(
    "government official agent administration intelligence military force troop "
    "authority regime diplomat envoy negotiator officer delegation embassy ministry army navy spy "
    "national state media".split()
)
# Heads of named bodies that stand for the people they are named after ("Democratic Party").
BODIES = frozenset({"party", "committee", "government", "administration"})
# Demonyms the prefix test in _merge_owners cannot see ("American" does not begin "United States").
DEMONYMS = {"american": "united states", "british": "united kingdom"}

# Concepts the embedding pass compares at most: 4,000 x 4,000 float32 is 64 MB. A NewsWCL50 event has
# 330-430 after the rule passes (from 940-1,380 mentions), so the cap never binds there.
MAX_SIMILAR = 4000

Embed = Callable[[Sequence[str]], npt.NDArray[np.float32]]


@dataclass(frozen=True, slots=True)
class Settings:
    """Merge thresholds, calibrated on NewsWCL50 dev (events 0-6) by leave-one-event-out on the primary
    mention-to-concept F1 (own candidate mentions): each held-out event took the value that scored best
    on the six others. Dev F1 per setting is in docs/wordchoice.md."""

    similarity: float = 0.56  # centroid cosine for pass 6; grid 0.40-0.80 by 0.02, every fold chose 0.56
    role_share: float = 0.5  # share of a role word's uses one name needs for pass 3; flat over 0.3-0.7
    head_merge: bool = True  # pass 4; on won in every held-out event (dev F1 59.4 on, 55.9 off)


class _Union:
    """Union-find that knows which names each group carries, so loose evidence never joins two names."""

    def __init__(self, phrases: Sequence[Phrase]) -> None:
        self.parent = list(range(len(phrases)))
        self.names = [frozenset({p.name}) if p.name else frozenset() for p in phrases]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int, *, guarded: bool = True) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or (
            guarded and self.names[ra] and self.names[rb] and not self.names[ra] & self.names[rb]
        ):
            return
        keep, gone = min(ra, rb), max(ra, rb)
        self.parent[gone] = keep
        self.names[keep] = self.names[keep] | self.names[gone]

    def groups(self) -> dict[int, list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            found[self.find(i)].append(i)
        return found


def resolve_concepts(
    mentions: Sequence[ConceptMention],
    embed: Embed | None = None,
    links: Sequence[tuple[ConceptMention, ConceptMention]] = (),
    settings: Settings = Settings(),
) -> list[list[ConceptMention]]:
    """Group the mentions of one story into concepts; without ``embed`` pass 6 is skipped."""
    phrases = _demote_capitalised_nouns([read_phrase(m.text) for m in mentions])
    union = _Union(phrases)
    _merge_names(phrases, union)
    _merge_acronyms(phrases, union)
    _merge_owners(phrases, union)
    _merge_roles(phrases, union, settings.role_share)
    if settings.head_merge:
        _merge_heads(phrases, union)
    _merge_links(mentions, links, union)
    if embed is not None:
        _merge_similar(phrases, union, embed, settings.similarity)
    groups = sorted(union.groups().values(), key=lambda g: g[0])
    return [[mentions[i] for i in group] for group in groups]


def _demote_capitalised_nouns(phrases: list[Phrase]) -> list[Phrase]:
    """A one-word "name" the story uses more often as a common head is a sentence-initial noun
    ("Migrants waited" among many "the migrants"), not a name; "Democrats" stays a name."""
    common = Counter(p.head for p in phrases if p.head and not p.name)
    named = Counter(p.name for p in phrases if p.name and " " not in p.name)
    return [replace(p, name="") if p.name in named and common[p.head] > named[p.name] else p for p in phrases]


def _merge_names(phrases: Sequence[Phrase], union: _Union) -> None:
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, phrase in enumerate(phrases):
        if phrase.name:
            by_name[phrase.name].append(i)
    for members in by_name.values():
        for i in members[1:]:
            union.join(members[0], i)
    for name, members in by_name.items():
        if " " in name:
            continue
        fuller = [k for k in by_name if " " in k and name in (k.split()[0], k.split()[-1])]
        if fuller:
            best = max(fuller, key=lambda k: (len(by_name[k]), k))
            union.join(members[0], by_name[best][0], guarded=False)


def _merge_acronyms(phrases: Sequence[Phrase], union: _Union) -> None:
    """ "DNC" is "Democratic National Committee": a one-word name equal to another name's initials."""
    first: dict[str, int] = {}
    for i, phrase in enumerate(phrases):
        first.setdefault(phrase.name, i)
    for name, i in first.items():
        words = name.split()
        initials = "".join(w[0] for w in words)
        if len(words) >= 2 and initials in first:
            union.join(first[initials], i, guarded=False)


def _merge_owners(phrases: Sequence[Phrase], union: _Union) -> None:
    """ "the Russian government", "U.S. officials": a state's institutions stand for the state.

    The owner must be an alias-table name ("U.S.") or an adjective of a name in the story ("Russian"
    for "Russia"); "Trump administration" stays apart from the person "Trump"."""
    names: dict[str, int] = {}
    for i, phrase in enumerate(phrases):
        if phrase.name:
            names.setdefault(phrase.name, i)
    canonical = set(alias_table().values())
    for i, phrase in enumerate(phrases):
        owner, guarded = phrase.owner, True
        if phrase.name and " " in phrase.name and phrase.head in BODIES:  # "Democratic Party"
            owner, guarded = phrase.name.rsplit(" ", 1)[0], False
        elif not owner or phrase.head not in INSTITUTIONS:
            continue
        owner = DEMONYMS.get(owner, owner)
        if owner in canonical and owner in names:
            union.join(names[owner], i, guarded=guarded)
            continue
        adjectival = [k for k in names if len(k) >= 4 and owner != k and owner.startswith(k[:-1])]
        if adjectival:
            union.join(names[max(adjectival, key=len)], i, guarded=guarded)


def _merge_links(
    mentions: Sequence[ConceptMention], links: Sequence[tuple[ConceptMention, ConceptMention]], union: _Union
) -> None:
    index = {m: i for i, m in enumerate(mentions)}
    for a, b in links:
        if a in index and b in index:
            union.join(index[a], index[b])


def _merge_roles(phrases: Sequence[Phrase], union: _Union, share: float) -> None:
    """Attach "the president" to the name the story's "President X" mentions mostly carry."""
    uses: dict[str, Counter[int]] = defaultdict(Counter)
    for i, phrase in enumerate(phrases):
        for role in phrase.roles:
            uses[role][union.find(i)] += 1
        if " " in phrase.name and phrase.head.isalpha():  # "Democratic Party" ... "the party"
            uses[phrase.head][union.find(i)] += 1
    for i, phrase in enumerate(phrases):
        if phrase.name or phrase.modifiers or phrase.head not in uses:
            continue
        root, count = uses[phrase.head].most_common(1)[0]
        if count >= share * sum(uses[phrase.head].values()):
            union.join(root, i)


def _merge_heads(phrases: Sequence[Phrase], union: _Union) -> None:
    by_head: dict[str, list[int]] = defaultdict(list)
    for i, phrase in enumerate(phrases):
        if phrase.head and not phrase.name:
            by_head[phrase.head].append(i)
    for members in by_head.values():
        for i in members[1:]:
            first = members[0]
            a, b = phrases[first].modifiers, phrases[i].modifiers
            if not (a and b and not a & b):
                union.join(first, i)


def _merge_similar(phrases: Sequence[Phrase], union: _Union, embed: Embed, threshold: float) -> None:
    """Greedy centroid clustering of the concepts so far, on their phrases' mean vector.

    The similarity matrix is square in the number of concepts, so only the ``MAX_SIMILAR`` largest take
    part; the rest (single mentions of a long story's minor phrases) stay as they are."""
    groups = [g for g in union.groups().values() if any(phrases[i].core for i in g)]
    groups = sorted(groups, key=lambda g: (-len(g), g[0]))[:MAX_SIMILAR]
    if len(groups) < 2:
        return
    texts = sorted({phrases[i].core for g in groups for i in g if phrases[i].core})
    vectors = _unit(embed(texts))
    row = {text: vectors[k] for k, text in enumerate(texts)}
    named = np.array([bool(union.names[union.find(g[0])]) for g in groups], dtype=bool)
    centroid = _unit(
        np.stack([np.mean([row[phrases[i].core] for i in g if phrases[i].core], axis=0) for g in groups])
    )
    weight = np.array([len(g) for g in groups], dtype=np.float32)
    alive = np.ones(len(groups), dtype=bool)
    similarity = centroid @ centroid.T
    np.fill_diagonal(similarity, -1.0)
    _block_names(similarity, named)
    while True:
        a, b = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
        if similarity[a, b] < threshold:
            break
        union.join(groups[a][0], groups[b][0])
        merged = centroid[a] * weight[a] + centroid[b] * weight[b]
        centroid[a], weight[a] = _unit(merged[None, :])[0], weight[a] + weight[b]
        named[a] = named[a] or named[b]
        alive[b] = False
        similarity[b, :] = similarity[:, b] = -1.0
        similarity[a, :] = np.where(alive, centroid @ centroid[a], -1.0)
        similarity[a, a] = -1.0
        if named[a]:
            similarity[a, named] = -1.0
        similarity[:, a] = similarity[a, :]


def _block_names(similarity: npt.NDArray[np.float32], named: npt.NDArray[np.bool_]) -> None:
    """Two concepts that each carry a name are two referents: pass 1 would have joined them."""
    similarity[np.ix_(named, named)] = -1.0


def _unit(matrix: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(norms == 0, 1.0, norms)).astype(np.float32)

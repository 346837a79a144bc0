"""The story's central acts and each article's words for them ("drone strike", "killing", "murder").

An act word is a predicate whose *patient* is a key entity, read off the dependency parse: a verb whose
object (or passive subject) is a mention of the entity ("killed Soleimani", "Soleimani was killed"), a
noun whose "of" complement is ("the assassination of Soleimani", "War Crime Murder of Top Iranian
General" in a headline), and a noun whose relative or participial clause is such a verb ("the strike
that killed Soleimani"). A mention is a name, an alias or a label some article gave the entity. The
phrase kept is the head with its compound and adjective modifiers ("drone strike", "war crime murder"),
entity words left out.

The target is the entity most articles describe as the patient of an act. Which word families belong to
its central act is decided in ``assemble``; what a single article alone says was done to the target
once ("met", "praised") stays out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from rashomon.model import Article, Entity, Token
from rashomon.model.claim import Field
from rashomon.model.framing import ActWord, CentralAct
from rashomon.model.ids import content_id
from rashomon.nlp.event_words import EVENT_NOUNS, same_act

PATIENT_DEPS = frozenset({"dobj", "nsubjpass", "obj"})
MODIFIER_DEPS = frozenset({"compound", "amod"})
PATIENT_TYPES = frozenset({"PERSON", "ORG", "GPE", "FAC", "NORP"})
PRIORITY = {"PERSON": 0, "ORG": 1, "FAC": 2, "GPE": 3, "NORP": 4}
# Verbs whose object is what was said or thought, never an act done to it.
NOT_ACTS = frozenset(
    "say tell call name describe quote cite mention report write know be have claim allege allegation "
    "accuse accusation deny denial suggest suggestion".split()
)
MIN_ARTICLES = 2  # a family reported by one article only is that article's detail, not the story's act


@dataclass(frozen=True, slots=True)
class Candidate:
    article: str
    field: Field
    start: int
    end: int
    text: str
    term: str
    family: str
    target: str
    anchor: int  # the head token's index: ties words of one sentence into one act
    linked: int | None  # the head of the clause or phrase that names the same act, when there is one


def family_of(lemma: str) -> str:
    """Verb and nominalisation share a family: killing/kill, assassination/assassinate, strikes/strike,
    explosion/explode, invasion/invade."""
    word = lemma.lower()
    for suffix, replacement, stem in (
        ("ation", "ate", 3),
        ("sion", "de", 4),
        ("ing", "", 3),
        ("ment", "", 3),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= stem:
            base = word[: -len(suffix)] + replacement
            if suffix == "ing" and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # "kidnapping" -> "kidnap", "stabbing" -> "stab"; "killing" -> "kill"
            return base
    return word


def central_acts(
    articles: Sequence[Article],
    tokens: Sequence[Token],
    entities: Sequence[Entity],
    titles: Mapping[str, tuple[Sequence[Token], Sequence[Span]]] | None = None,
) -> list[Candidate]:
    """Every act-word candidate of the run: bodies, and titles when their parses are given (article id ->
    the title's tokens and the entity spans found in it, offsets into the title)."""
    spans = _entity_spans(entities)
    by_article: dict[str, list[Token]] = defaultdict(list)
    for token in tokens:
        by_article[token.article].append(token)
    found: list[Candidate] = []
    for article in articles:
        found.extend(_candidates(article.text, by_article[article.id], spans.get(article.id, []), "text"))
        if titles and article.id in titles and article.title:
            title_tokens, title_spans = titles[article.id]
            found.extend(_candidates(article.title, list(title_tokens), list(title_spans), "title"))
    return found


Span = tuple[int, int, str, str]  # start, end, entity id, entity type


def _entity_spans(entities: Sequence[Entity]) -> dict[str, list[Span]]:
    spans: dict[str, list[Span]] = defaultdict(list)
    for entity in entities:
        if entity.type in PATIENT_TYPES:
            for mention in entity.mentions:
                spans[mention.article].append((mention.start, mention.end, entity.id, entity.type))
            # An article's description of the entity names it too: "the murder of a top Iranian general".
            for label in entity.labels:
                spans[label.article].append((label.start, label.end, entity.id, entity.type))
    return spans


def _candidates(text: str, tokens: list[Token], spans: list[Span], field: Field) -> list[Candidate]:
    if not tokens:
        return []
    first = tokens[0].index
    children: dict[int, list[Token]] = defaultdict(list)
    for token in tokens:
        if token.head != token.index:
            children[token.head].append(token)

    def entities_at(token: Token) -> list[tuple[int, str]]:
        return [(PRIORITY.get(kind, 9), e) for s, t, e, kind in spans if s <= token.start < t]

    def target_of(token: Token) -> str | None:
        # A patient may be a whole phrase ("IRGC commander Qassem Soleimani"): the person in it is the
        # patient before the organisation that describes them.
        found = entities_at(token)
        for child in children[token.index]:
            if child.dep in {"appos", "compound", "flat"}:
                found += entities_at(child)
        return min(found)[1] if found else None

    out: list[Candidate] = []
    verbs = {family_of(t.lemma) for t in tokens if t.pos == "VERB"}
    for token in tokens:
        head = token.index
        if token.pos == "VERB" and token.lemma.lower() not in NOT_ACTS:
            for child in children[head]:
                target = target_of(child) if child.dep in PATIENT_DEPS else None
                if target:
                    out.append(
                        _make(
                            text,
                            tokens,
                            first,
                            children,
                            token,
                            target,
                            spans,
                            _clause_head(token, tokens, first),
                        )
                    )
        elif token.pos == "NOUN" and _eventive(token, verbs):
            target = _noun_target(token, children, target_of)
            if target:
                out.append(_make(text, tokens, first, children, token, target, spans, None))
    found = _with_clause_nouns(out, tokens, first, children, text, spans)
    return [replace(c, field=field) for c in found] if field != "text" else found


def _eventive(token: Token, verbs: set[str]) -> bool:
    """A noun that may name an act: a nominalisation ("assassination", "killing"), a noun the same text
    also uses as a verb ("strike"/"struck"), or any noun heading a headline ("... Murder of Top General").
    "The head of X" is not; other nouns reach the central act only by resembling its words (``assemble``)."""
    family = family_of(token.lemma)
    if _speech(token):
        return False
    return family != token.lemma.lower() or family in verbs or token.dep == "ROOT" or family in EVENT_NOUNS


def _speech(token: Token) -> bool:
    word = token.lemma.lower()
    return word in NOT_ACTS or word.rstrip("s") in NOT_ACTS


def _noun_target(
    token: Token, children: dict[int, list[Token]], target_of: Callable[[Token], str | None]
) -> str | None:
    """ "the killing of X". Possessors and compounds are left out: "Trump's order", "U.S. drone strike"
    name the agent as often as the patient."""
    for child in children[token.index]:
        if child.dep == "prep" and child.lemma.lower() == "of":
            for pobj in children[child.index]:
                if pobj.dep == "pobj" and (found := target_of(pobj)):
                    return found
    return None


def _clause_head(token: Token, tokens: list[Token], first: int) -> int | None:
    """ "the strike that killed X", "the strike killing X": the clause hangs on the noun naming the same
    act. Not an infinitive ("a plan to kill X", "the order to kill X"): a plan is not the killing."""
    participle = token.dep == "acl" and token.tag in {"VBG", "VBN"}
    if (token.dep == "relcl" or participle) and 0 <= token.head - first < len(tokens):
        head = tokens[token.head - first]
        return head.index if head.pos == "NOUN" else None
    return None


def _with_clause_nouns(
    found: list[Candidate],
    tokens: list[Token],
    first: int,
    children: dict[int, list[Token]],
    text: str,
    spans: list[Span],
) -> list[Candidate]:
    have = {c.anchor for c in found}
    extra = []
    for candidate in found:
        if candidate.linked is not None and candidate.linked not in have:
            noun = tokens[candidate.linked - first]
            if _speech(noun):
                continue  # "claims that X was mistreated": the claim is not the act
            extra.append(
                _make(text, tokens, first, children, noun, candidate.target, spans, candidate.anchor)
            )
            have.add(candidate.linked)
    return found + extra


def _make(
    text: str,
    tokens: list[Token],
    first: int,
    children: dict[int, list[Token]],
    head: Token,
    target: str,
    spans: list[Span],
    linked: int | None,
) -> Candidate:
    parts = [head, *_modifiers(head, children, spans)]
    parts += [c for c in children[head.index] if c.dep == "prt"]
    start, end = min(t.start for t in parts), max(t.end for t in parts)
    words = sorted(parts, key=lambda t: t.start)
    term = " ".join(text[t.start : t.end].lower() for t in words)
    return Candidate(
        head.article,
        "text",
        start,
        end,
        text[start:end],
        term,
        family_of(head.lemma),
        target,
        head.index,
        linked,
    )


def _modifiers(head: Token, children: dict[int, list[Token]], spans: list[Span]) -> list[Token]:
    """Compound and adjective modifiers left of the head, recursively, entity words excluded."""
    out: list[Token] = []
    for child in children[head.index]:
        modifier = child.dep in MODIFIER_DEPS and child.start < head.start and child.pos in {"NOUN", "ADJ"}
        if modifier and not any(s <= child.start < e for s, e, _, _ in spans):
            out.extend([child, *_modifiers(child, children, spans)])
    return out


GroupAt = Callable[[Candidate], str | None]


Similar = Callable[[str, str], float]
# MiniLM cosine of two bare act words above which one names the same kind of act: kill/murder 0.68,
# killing/murder 0.78, assassination/murder 0.67, while kill against meet, praise, blame, order, name
# stays at 0.25-0.42 (the word list and figures are in docs/framing.md).
SAME_ACT_COSINE = 0.6


def assemble(
    candidates: Iterable[Candidate],
    entities: Sequence[Entity],
    scores: dict[str, float],
    group_at: GroupAt,
    similar: Similar | None = None,
) -> list[CentralAct]:
    """The central act on the main target: its word families that reach two articles, those tied to them
    in one sentence, and those in a claim that the alignment grouped with a claim using them ("advisers
    recommended taking out Soleimani" beside "officials urged Trump to kill Soleimani")."""
    found = list(candidates)
    per_target: dict[str, set[str]] = defaultdict(set)
    for candidate in found:
        per_target[candidate.target].add(candidate.article)
    if not per_target:
        return []
    target = max(per_target, key=lambda t: (len(per_target[t]), t))
    if len(per_target[target]) < MIN_ARTICLES:
        return []
    mine = [c for c in found if c.target == target]
    central = _central_families(mine, group_at)
    others = {c.family for c in mine} - central
    central |= {f for f in others if any(same_act(f, c) for c in central)}  # "kidnap" beside "detain"
    if similar is not None and central:
        others = {c.family for c in mine} - central
        central |= {f for f in others if max(similar(f, c) for c in central) >= SAME_ACT_COSINE}
    words = [
        ActWord(c.article, c.field, c.start, c.end, c.text, c.term, c.family, scores.get(c.term, 0.5))
        for c in mine
        if c.family in central
    ]
    if not words:
        return []
    words.sort(key=lambda w: (w.loaded, w.term, w.article, w.start))
    name = next(e.name for e in entities if e.id == target)
    return [CentralAct(content_id("act", target, *sorted(central)), common_term(words), name, tuple(words))]


def common_term(words: list[ActWord]) -> str:
    """The act's name: the term of its most widely used family that most articles use, the less loaded
    one on a tie ("killing", not the one outlet's "taking out")."""
    family_reach: dict[str, set[str]] = defaultdict(set)
    term_reach: dict[str, set[str]] = defaultdict(set)
    for word in words:
        family_reach[word.family].add(word.article)
        term_reach[word.term].add(word.article)
    family = max(family_reach, key=lambda f: (len(family_reach[f]), f))
    chosen = [w for w in words if w.family == family]
    return min(chosen, key=lambda w: (-len(term_reach[w.term]), w.loaded, w.term)).term


def _central_families(mine: list[Candidate], group_at: GroupAt) -> set[str]:
    families: dict[str, set[str]] = defaultdict(set)
    for candidate in mine:
        families[candidate.family].add(candidate.article)
    central = {f for f, arts in families.items() if len(arts) >= MIN_ARTICLES}
    anchors = {(c.article, c.anchor): c.family for c in mine}
    groups = {c: group_at(c) for c in mine}
    carried = {(groups[c], c.article) for c in mine if c.family in central and groups[c]}
    for candidate in mine:
        tied = candidate.linked is not None and anchors.get((candidate.article, candidate.linked)) in central
        group = groups[candidate]
        aligned = group is not None and any(g == group and a != candidate.article for g, a in carried)
        if tied or aligned:
            central.add(candidate.family)
    return central

"""The central act of a story whose event is done to no one: "explosion", "blast", "massacre".

``framing.acts`` finds the act through its patient ("killed Soleimani"). An explosion, an earthquake or
a riot has none, and there every outlet's word for the event stays empty. This is the fallback when no
patient reaches two articles: the event is found through its *place*.

An event word is an eventive noun (a nominalisation, a noun its article also uses as a verb, or the head
of a headline: ``acts._eventive``, with "explosion"/"explode" in one family) anchored to a place entity
(GPE, LOC, FAC): a compound ("the Harlow Bay massacre") or an "in/at/near" phrase ("an explosion at the
Harlow Bay depot"). The place most articles anchor an event to is the story's; its event families that
two articles use are the central act, and so is what an article that uses none of them anchors to the
same place (one outlet's "massacre" beside the others' "explosion"). Then every mention of a central
family counts, anchored or not ("the blast shattered windows").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace

from rashomon.framing.acts import (
    MIN_ARTICLES,
    SAME_ACT_COSINE,
    Candidate,
    Similar,
    Span,
    common_term,
    family_of,
)
from rashomon.model import Article, Entity, Token
from rashomon.model.claim import Field
from rashomon.model.framing import ActWord, CentralAct
from rashomon.model.ids import content_id
from rashomon.nlp.event_words import EVENT_NOUNS

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "off", "on"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj"})
PLACE_DEPTH = 6  # prep -> pobj -> prep -> pobj (-> prep -> pobj): "through a plant in the town of Varrow"
# Modifiers kept with the event word: nouns, adjectives and participles ("the *stolen* election").
MODIFIER_POS = frozenset({"NOUN", "ADJ", "VERB"})
LIGHT_NOUNS = frozenset("act case result form kind".split())
NOT_EVENTS = frozenset("people person official statement report time year day week month part".split())


def event_candidates(
    articles: Sequence[Article],
    tokens: Sequence[Token],
    entities: Sequence[Entity],
    titles: Mapping[str, tuple[Sequence[Token], Sequence[Span]]] | None = None,
) -> list[Candidate]:
    """Every eventive noun of the run, ``target`` set to the place entity it is anchored to ("" when it
    is anchored to none)."""
    places: dict[str, list[Span]] = defaultdict(list)
    for entity in entities:
        if entity.type in PLACE_TYPES:
            for mention in entity.mentions:
                places[mention.article].append((mention.start, mention.end, entity.id, entity.type))
    by_article: dict[str, list[Token]] = defaultdict(list)
    for token in tokens:
        by_article[token.article].append(token)
    found: list[Candidate] = []
    for article in articles:
        texts: list[tuple[Field, str, Sequence[Token], Sequence[Span]]] = [
            ("text", article.text, by_article[article.id], places[article.id])
        ]
        if titles and article.id in titles and article.title:
            title_tokens, title_spans = titles[article.id]
            texts.append(
                ("title", article.title, title_tokens, [s for s in title_spans if s[3] in PLACE_TYPES])
            )
        for field, text, toks, spans in texts:
            found.extend(_nouns(article.id, field, text, list(toks), list(spans)))
    return found


def _nouns(article: str, field: Field, text: str, tokens: list[Token], spans: list[Span]) -> list[Candidate]:
    if not tokens:
        return []
    children: dict[int, list[Token]] = defaultdict(list)
    for token in tokens:
        if token.head != token.index:
            children[token.head].append(token)
    verbs = {family_of(t.lemma) for t in tokens if t.pos == "VERB"}
    by_index = {t.index: t for t in tokens}

    def place_at(token: Token) -> str | None:
        return next((e for s, t, e, _ in spans if s <= token.start < t), None)

    def within(token: Token, depth: int) -> str | None:
        """A place in the phrase under ``token`` (compounds, modifiers, "of", nested "in" phrases)."""
        if found := place_at(token):
            return found
        if depth == 0:
            return None
        for child in children[token.index]:
            follows = child.dep in {"compound", "amod", "pobj", "appos"} or (
                child.dep == "prep" and child.lemma.lower() in PLACE_PREPOSITIONS | {"of", "through"}
            )
            if follows and (found := within(child, depth - 1)):
                return found
        return None

    def place_phrases(token: Token) -> str:
        for child in children[token.index]:
            if child.dep == "compound" and child.start < token.start and (found := place_at(child)):
                return found
            place_prep = child.dep == "prep" and child.lemma.lower() in PLACE_PREPOSITIONS | {"through"}
            if place_prep and (found := within(child, PLACE_DEPTH)):
                return found
        return ""

    def anchor(noun: Token) -> str:
        """The place the event noun is anchored to: in its own phrase ("the Harlow Bay massacre", "an
        explosion at the depot in Harlow Bay"), or in the clause it is the subject or object of ("a
        quake hit an island off Iran", "a fire ripped through a store in Surrey")."""
        found = place_phrases(noun)
        head = by_index.get(noun.head)
        if not found and head is not None and head.pos == "VERB" and noun.dep in ARGUMENT_DEPS:
            found = place_phrases(head) or next(
                (p for c in children[head.index] if c.dep in {"dobj", "obj"} and (p := place_phrases(c))), ""
            )
        # "workers died in Varrow *in a preventable massacre*": the verb the noun's phrase hangs on
        hung = head is not None and head.dep == "prep" and noun.dep == "pobj"
        verb = by_index.get(head.head) if head is not None and hung else None
        if not found and verb is not None and verb.pos == "VERB":
            found = place_phrases(verb)
        return found

    out = []
    for token in tokens:
        if token.pos != "NOUN" or token.lemma.lower() in NOT_EVENTS | LIGHT_NOUNS or place_at(token):
            continue  # a light noun's "of" object carries the word: "an act of *sabotage*"
        family = family_of(token.lemma)
        head_of_title = field == "title" and token.dep == "ROOT"
        subject = _copula_subject(token, by_index, children)
        eventive = token.lemma.lower() in EVENT_NOUNS or family in verbs or family in EVENT_NOUNS
        if (
            subject is not None and eventive
        ):  # "the blast was sabotage", "the explosion was an act of sabotage"
            out.append(_candidate(article, field, text, token, family, "", subject, children, place_at))
            continue
        if not (eventive or head_of_title):
            continue
        out.append(_candidate(article, field, text, token, family, anchor(token), None, children, place_at))
    return out


def _candidate(
    article: str,
    field: Field,
    text: str,
    token: Token,
    family: str,
    place: str,
    linked: int | None,
    children: dict[int, list[Token]],
    place_at: Callable[[Token], str | None],
) -> Candidate:
    modifiers = [
        c
        for c in children[token.index]
        if c.dep in {"compound", "amod"}
        and c.start < token.start
        and c.pos in MODIFIER_POS
        and not place_at(c)
    ]
    words = sorted([token, *modifiers], key=lambda t: t.start)
    start, end = words[0].start, words[-1].end
    term = " ".join(text[t.start : t.end].lower() for t in words)
    return Candidate(article, field, start, end, text[start:end], term, family, place, token.index, linked)


def _copula_subject(token: Token, by_index: dict[int, Token], children: dict[int, list[Token]]) -> int | None:
    """The subject noun a copula equates this noun with ("the blast *was sabotage*"), also through a light
    noun ("the explosion was *an act of* sabotage"); None otherwise."""
    head = by_index.get(token.head)
    if token.dep == "pobj" and head is not None and head.dep == "prep" and head.lemma.lower() == "of":
        light = by_index.get(head.head)
        if light is None or light.lemma.lower() not in LIGHT_NOUNS:
            return None
        token, head = light, by_index.get(light.head)
    if token.dep != "attr" or head is None or head.lemma.lower() != "be":
        return None
    subject = next((c for c in children[head.index] if c.dep == "nsubj" and c.pos == "NOUN"), None)
    return subject.index if subject is not None else None


def _widespread(candidates: list[Candidate], least: int) -> set[str]:
    """The families at least ``least`` articles use; when several, those as widespread as the most."""
    families: dict[str, set[str]] = defaultdict(set)
    for candidate in candidates:
        families[candidate.family].add(candidate.article)
    return {f for f, arts in families.items() if len(arts) >= least}


def assemble_event(
    candidates: Iterable[Candidate],
    entities: Sequence[Entity],
    scores: dict[str, float],
    similar: Similar | None = None,
) -> list[CentralAct]:
    """The story's event act: the families anchored to the story's place in two articles (else the
    event families half the articles use), widened by similar words, by each remaining article's own
    word anchored to the place, and by what a copula equates with them ("the blast was sabotage")."""
    given = list(candidates)
    found = [c for c in given if c.linked is None]
    linked = [c for c in given if c.linked is not None]
    articles = {c.article for c in found}
    reach: dict[str, set[str]] = defaultdict(set)
    for candidate in found:
        if candidate.target:
            reach[candidate.target].add(candidate.article)
    place = max(reach, key=lambda p: (len(reach[p]), p), default=None)
    anchored = [
        c for c in found if place is not None and c.target == place and len(reach[place]) >= MIN_ARTICLES
    ]
    central = _widespread(anchored, MIN_ARTICLES)
    if not central:  # no place anchors the event in two articles: the event noun most articles use
        anchored = []
        central = _widespread(found, max(MIN_ARTICLES, (len(articles) + 1) // 2))
    if not central:
        return []
    if similar is not None:
        others = {c.family for c in found} - central
        central |= {f for f in others if max(similar(f, c) for c in central) >= SAME_ACT_COSINE}
    covered = {c.article for c in found if c.family in central}
    first: dict[str, Candidate] = {}  # an uncovered article's own word: its headline's, else its first
    for candidate in sorted(anchored, key=lambda c: (c.field != "title", c.start)):
        if candidate.article not in covered:
            first.setdefault(candidate.article, candidate)
    central |= {c.family for c in first.values()}
    families_at = {(c.article, c.field, c.anchor): c.family for c in found}
    copulas = [c for c in linked if families_at.get((c.article, c.field, c.linked or -1), "") in central]
    central |= {c.family for c in copulas}
    found += copulas
    words = [
        ActWord(c.article, c.field, c.start, c.end, c.text, c.term, c.family, 0.5)
        for c in found
        if c.family in central
    ]
    return [
        scored(
            CentralAct(content_id("act", "event", place or "", *sorted(central)), "", None, tuple(words)),
            scores,
        )
    ]


def scored(act: CentralAct, scores: Mapping[str, float]) -> CentralAct:
    """The act with its words' loadedness read from ``scores`` (0.5 when missing), neutral first, and
    named by its most common term: the caller scores the words of the act it keeps, once."""
    words = sorted(
        (replace(w, loaded=scores.get(w.term, 0.5)) for w in act.words),
        key=lambda w: (w.loaded, w.term, w.article, w.start),
    )
    return replace(act, name=common_term(words), words=tuple(words))

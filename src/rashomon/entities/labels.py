"""Descriptive labels: how each article describes an entity, as spans of its own text.

Four patterns over the dependency parse: appositives ("Soleimani, the commander of the Quds Force"),
pre-modifiers ("top Iranian general Qasem Soleimani"), predicate nominals ("Soleimani was the
architect of ..."), and unnamed role phrases ("the top anti-terror commander") joined to a nearby
named person whom the same article already describes with the same role noun.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from rashomon.entities.names import TITLES, is_acronym, name_key
from rashomon.entities.parse import ParsedArticle, parse_articles
from rashomon.entities.roles import is_role_noun
from rashomon.model import Article, Entity, EntityLabel, EntityMention, Sentence, Token

PREMODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
# Parts of a subtree that are not the description itself: coordinated names, clauses about the person.
CUT_DEPS = frozenset({"conj", "cc", "relcl", "acl", "advcl", "appos"})
LEADING_NOISE = frozenset({"DET", "PUNCT", "CCONJ", "PRON", "ADP"})
SINGLE_TITLES = frozenset(t.rstrip(".") for t in TITLES)
ROLE_WINDOW = (
    -3,
    2,
)  # sentences before/after a role phrase searched for its named person (news ledes run both ways)
MAX_LABEL_WORDS = 16

Span = tuple[int, int]


def attach_labels(
    entities: Sequence[Entity],
    articles: Sequence[Article],
    sentences: Sequence[Sentence],
    tokens: Sequence[Token],
) -> list[Entity]:
    parsed = parse_articles(tokens)
    texts = {a.id: a.text for a in articles}
    found: dict[str, set[EntityLabel]] = defaultdict(set)
    roles: dict[tuple[str, str], set[str]] = defaultdict(
        set
    )  # (article, role lemma) -> entities so described
    for entity in entities:
        own = {name_key(alias) for alias in entity.aliases}
        for mention in entity.mentions:
            doc = parsed.get(mention.article)
            for label, head in (
                _named_labels(doc, mention, texts[mention.article], entity.type) if doc else []
            ):
                if name_key(label.text) not in own and not is_acronym(label.text):
                    found[entity.id].add(label)
                    roles[(mention.article, head)].add(entity.id)
    people: dict[str, list[tuple[Entity, EntityMention]]] = defaultdict(list)
    for entity in entities:
        if entity.type == "PERSON":
            for mention in entity.mentions:
                people[mention.article].append((entity, mention))
    for article_id, doc in parsed.items():
        for entity_id, label in _role_labels(doc, texts[article_id], people[article_id], roles):
            found[entity_id].add(label)
    return [replace(e, labels=_outermost(found[e.id])) for e in entities]


def _outermost(labels: set[EntityLabel]) -> tuple[EntityLabel, ...]:
    """Drop a label lying inside a longer label of the same entity ("Iraqi chief" in "Iraqi chief of ...")."""
    kept = [
        lb
        for lb in labels
        if not any(
            o != lb and o.article == lb.article and o.start <= lb.start and lb.end <= o.end for o in labels
        )
    ]
    return tuple(sorted(kept, key=lambda lb: (lb.article, lb.start)))


def _named_labels(
    doc: ParsedArticle, mention: EntityMention, text: str, entity_type: str
) -> list[tuple[EntityLabel, str]]:
    """Labels of one named mention, each with the lemma of its head noun ("commander", "general")."""
    root = doc.root_of(mention.start, mention.end)
    if root is None:
        return []
    spans: list[list[Token]] = []
    premodifiers: list[Token] = []
    for child in (doc.token(c) for c in doc.children.get(root.index, ())):
        if child.dep == "appos":
            spans.append(_description(doc, child.index))
        elif child.dep in PREMODIFIER_DEPS and child.end <= mention.start:
            premodifiers.extend(_description(doc, child.index))
    if premodifiers:  # "top Iranian general Qasem Soleimani": every modifier left of the name, as one span
        spans.append(sorted(premodifiers, key=lambda t: t.index))
    if root.dep == "appos" and doc.token(root.head).pos in ("NOUN", "PROPN"):
        spans.append([t for t in _description(doc, root.head) if t.end <= mention.start])
    if root.dep in ("nsubj", "nsubjpass") and doc.token(root.head).lemma == "be":
        spans.extend(
            _description(doc, c) for c in doc.children.get(root.head, ()) if doc.token(c).dep == "attr"
        )
    found = []
    for span in spans:
        head = _role_word(span) if entity_type == "PERSON" else _head_noun(span)
        label = _label(span, (mention.start, mention.end), text)
        if label is not None and head is not None:
            found.append((label, head))
    return found


def _role_word(span: list[Token]) -> str | None:
    """The role noun a person's description turns on; the small parser often mis-heads these spans."""
    for token in span:
        if is_role_noun(token.lemma) or is_role_noun(token.lemma.rstrip("s")):
            return token.lemma.lower()
    return None


def _description(doc: ParsedArticle, index: int) -> list[Token]:
    """The subtree of ``index`` without coordinated or clausal parts."""
    stack, found = [index], []
    while stack:
        current = stack.pop()
        found.append(doc.token(current))
        stack.extend(c for c in doc.children.get(current, ()) if doc.token(c).dep not in CUT_DEPS)
    return sorted(found, key=lambda t: t.index)


def _head_noun(span: list[Token]) -> str | None:
    indices = {t.index for t in span}
    heads = [t for t in span if t.head not in indices or t.head == t.index]
    nouns = [t for t in heads if t.pos in ("NOUN", "PROPN")]
    return nouns[0].lemma.lower() if nouns else None


def _label(span: list[Token], name: Span, text: str) -> EntityLabel | None:
    words = [t for t in span if t.end <= name[0] or t.start >= name[1]]
    while words and (words[0].pos in LEADING_NOISE or words[0].dep == "case"):
        words = words[1:]
    while words and words[-1].pos in ("PUNCT", "ADP", "CCONJ", "DET"):
        words = words[:-1]
    if not words or not any(t.pos in ("NOUN", "ADJ", "PROPN") for t in words):
        return None
    start, end = _balanced(text, words[0].start, words[-1].end)
    if name[0] < end and start < name[1]:
        return None  # the span would swallow the name itself
    label_text = text[start:end]
    if len(label_text.split()) > MAX_LABEL_WORDS or label_text.lower().rstrip(".") in SINGLE_TITLES:
        return None
    return EntityLabel(words[0].article, start, end, label_text)


def _balanced(text: str, start: int, end: int) -> Span:
    """Close a parenthesis the parse cut off ("... Guards Corps (IRGC") or drop the open part."""
    piece = text[start:end]
    if piece.count("(") > piece.count(")"):
        close = text.find(")", end, end + 12)
        if close != -1:
            return start, close + 1
        return start, start + len(piece[: piece.rindex("(")].rstrip())
    return start, end


def _role_labels(
    doc: ParsedArticle,
    text: str,
    people: list[tuple[Entity, EntityMention]],
    roles: dict[tuple[str, str], set[str]],
) -> list[tuple[str, EntityLabel]]:
    """Unnamed role phrases ("the top anti-terror commander") joined to the person they describe.

    ``people`` are this article's person mentions (grouped once per run: no pass over every entity of the
    run per article)."""
    article = doc.tokens[0].article
    sentence_of = {t.start: t.sentence for t in doc.tokens}
    named = [(m.start, m.end) for _, m in people]
    results: list[tuple[str, EntityLabel]] = []
    for token in doc.tokens:
        described = roles.get((article, token.lemma.lower()))
        if token.pos != "NOUN" or not described or any(s <= token.start < e for s, e in named):
            continue
        if any(doc.token(c).dep == "appos" for c in doc.children.get(token.index, ())):
            continue  # "the leader, Soleimani": already a label of the named appositive
        span = [t for t in _description(doc, token.index) if t.index <= token.index]
        label = _label(span, (token.end, token.end), text)
        if label is None or len(label.text.split()) < 2 or _counted(doc, token) > 2:
            continue  # "at least 11 journalists" describes no one person nearby
        results.extend(
            (entity_id, label) for entity_id in _role_targets(token, sentence_of, people, described)
        )
    return results


NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


def _counted(doc: ParsedArticle, token: Token) -> int:
    """How many a plural role phrase counts ("two commanders": 2; "dozens of ...": many); 0 when uncounted."""
    for child in (doc.token(c) for c in doc.children.get(token.index, ())):
        if child.dep == "nummod":
            word = child.lemma.lower().replace(",", "")
            return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 99)
    return 0


def _role_targets(
    token: Token,
    sentence_of: dict[int, int],
    people: list[tuple[Entity, EntityMention]],
    described: set[str],
) -> list[str]:
    low, high = token.sentence + ROLE_WINDOW[0], token.sentence + ROLE_WINDOW[1]
    nearby = sorted(
        (abs(sentence_of.get(m.start, -99) - token.sentence), e.id)
        for e, m in people
        if e.id in described and low <= sentence_of.get(m.start, -99) <= high
    )
    if not nearby:
        return []
    if token.tag == "NNS":  # "both commanders": every person so described nearby
        return sorted({entity_id for _, entity_id in nearby})
    return [nearby[0][1]]

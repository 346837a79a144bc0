"""Nested attributions inside a content, found over the parse.

The tagger reliably finds the outer attribution of "Esper says Milley told him that O'Brien had
called to say that Trump wanted ...", less so the inner ones. Inside each content, a reporting verb
with a clausal complement is one more level: its subject (or, for "to say", the subject of the verb
it depends on) is the source, the complement is the content. Applied until no level is left.

A reporting clause introduced by "as" ("Iran was planning an attack on four embassies *as Trump had
claimed*") attributes the clause it modifies: that clause, less the "as" clause, is the content.
"""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.claims.attribution.spans import AttributionSpans
from rashomon.claims.reporting import REPORTING_LEMMAS
from rashomon.entities.parse import ParsedArticle

COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MAX_DEPTH = 4
RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})


def nested(doc: ParsedArticle, outer: AttributionSpans, depth: int = 0) -> list[AttributionSpans]:
    """Attributions nested inside ``outer``'s content, outermost first."""
    if outer.content is None or depth >= MAX_DEPTH:
        return []
    start, end = outer.content
    for token in doc.covering(start, end):
        if token.lemma.lower() not in REPORTING_LEMMAS or token.pos != "VERB":
            continue
        complement = _complement(doc, token.index) or _as_clause_content(doc, token.index)
        source = _subject(doc, token.index)
        if complement is None or source is None:
            continue
        inner = AttributionSpans(cue=(token.start, token.end), source=source, content=complement, score=0.5)
        inside = start <= complement[0] and complement[1] <= end and start <= source[0] and source[1] <= end
        if not inside:
            continue
        return [inner, *nested(doc, inner, depth + 1)]
    return []


def _complement(doc: ParsedArticle, verb: int) -> tuple[int, int] | None:
    for child in doc.children.get(verb, ()):
        if doc.token(child).dep in COMPLEMENT_DEPS:
            tree = doc.subtree(child)
            first = next((t for t in tree if t.dep != "mark" and t.pos != "PUNCT"), tree[0])
            return first.start, tree[-1].end
    return None


def _as_clause_content(doc: ParsedArticle, verb: int) -> tuple[int, int] | None:
    """For "X, as officials said": the clause the "as" clause modifies, without the "as" clause."""
    token = doc.token(verb)
    marks = [doc.token(c) for c in doc.children.get(verb, ()) if doc.token(c).dep == "mark"]
    if token.dep != "advcl" or not any(m.lemma.lower() == "as" for m in marks) or token.head == verb:
        return None
    own = {t.index for t in doc.subtree(verb)}
    clause = [
        t for t in doc.subtree(token.head) if t.index not in own and t.dep != "mark" and t.pos != "PUNCT"
    ]
    clause = [t for t in clause if t.index < min(own)]  # the words before "as": the attributed clause
    if len(clause) < 3:
        return None
    return clause[0].start, clause[-1].end


def _subject(doc: ParsedArticle, verb: int) -> tuple[int, int] | None:
    """The verb's own subject, or the subject of the verb it complements ("called ... to say")."""
    current = verb
    for _ in range(3):
        for child in doc.children.get(current, ()):
            token = doc.token(child)
            if token.dep in SUBJECT_DEPS:
                if token.lemma.lower() in RELATIVE_PRONOUNS and doc.token(current).dep == "relcl":
                    child = doc.token(current).head  # "an article ..., which alleges": the article
                tree = [t for t in doc.subtree(child) if t.dep not in ("relcl", "acl", "appos", "punct")]
                return _span(tree)
        head = doc.token(current).head
        if head == current or doc.token(current).dep not in ("xcomp", "advcl", "conj"):
            return None
        current = head
    return None


def _span(tokens: Sequence[object]) -> tuple[int, int]:
    return tokens[0].start, tokens[-1].end  # type: ignore[attr-defined]

"""Background events: a dated past event an outlet presupposes inside another sentence.

Journalists repeat the story's founding event as background fact in subordinate positions: "...
justification for ordering *the U.S. drone strike that killed Soleimani in Baghdad on Jan. 3*," NBC
reported; "*When the U.S. drone strike was finally carried out Jan. 3*, the U.S. justified ...";
"... *when he ordered the assassination of Soleimani*" (in a clause dated "on Jan. 2"). The sentence
around them is attributed, so the claim stage would otherwise keep only the attributed content and
lose the outlet's own statement that the event happened. Provenance needs it: an event stated by
several outlets is one public record (see ``provenance/public.py``).

Two shapes, found over the dependency parse of sentences that an attribution touches (a sentence no
attribution touches is already a whole own-voice claim):

* a **definite event noun phrase** ("the strike", "Monday's earthquake", "the shooting of ...") whose
  head is an event noun, with any relative clause in the past tense ("that killed ...", "that struck
  ..."), stating a day-precision date inside the phrase;
* a **"when" clause in the past tense** ("when the bridge collapsed on Monday"), without its
  "when"; a clause with no date of its own takes the date of the clause it modifies, since "when"
  makes them simultaneous.

A background event must name a participant (an entity mention: "the Jan. 3 strike" alone is too
vague to join anything), and loses side remarks on someone else's word (", who according to ... was
on a mission of peace").
Each becomes an own-voice claim (``cites`` empty, even when the sentence credits an outlet: the
outlet repeats the event as fact, it does not report it on that outlet's word). Phrases without a
day-precision date are left out: provenance can only join dated events across articles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.claims.checkworthy import DROP_BELOW, checkworthiness
from rashomon.claims.dates import claim_dates
from rashomon.claims.hedging import is_hedged
from rashomon.claims.mention_index import MentionIndex
from rashomon.claims.reporting import REPORTING_LEMMAS
from rashomon.claims.segment import ClaimSpan
from rashomon.entities.parse import ParsedArticle, parse_articles
from rashomon.model import Article, Claim, Sentence, Token, content_id
from rashomon.nlp.event_words import BACKGROUND_EVENTS

WHEN_DEPS = frozenset({"advcl", "relcl"})
DEFINITE = frozenset({"the", "this", "that"})
PAST_TAGS = frozenset({"VBD"})
DAY_DATE = re.compile(r"^(?:\d{4}|XXXX)-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class BackgroundSpan:
    start: int
    end: int
    sentence: int
    dates: tuple[str, ...]  # the day-precision dates it states (its own, or its governing clause's)


def background_claims(
    article: Article,
    spans: Sequence[ClaimSpan],
    sentences: Sequence[Sentence],
    tokens: Sequence[Token],
    mentions: MentionIndex,
) -> list[Claim]:
    """Own-voice claims for the dated events an article presupposes inside attributed sentences."""
    if not tokens:
        return []
    doc = parse_articles(tokens)[article.id]
    found = [
        _claim(article, span, doc, mentions)
        for span in background_candidates(article, spans, sentences, doc)
        if mentions.overlapping(span.start, span.end)
    ]
    return [c for c in found if c.checkworthiness >= DROP_BELOW]


def background_candidates(
    article: Article, spans: Sequence[ClaimSpan], sentences: Sequence[Sentence], doc: ParsedArticle
) -> list[BackgroundSpan]:
    """The background spans of the sentences not in the outlet's own voice that are not already claim
    spans: what ``background_claims`` keeps where an entity is named in them (the embed stage, ahead of
    the entities, takes them all)."""
    own = {s.sentence for s in spans if not s.chain}
    taken = {(s.start, s.end) for s in spans}
    found = []
    for sentence in sentences:
        if sentence.index in own:
            continue
        for span in _outermost(background_spans(doc, article.text, sentence, article.published.value)):
            if (span.start, span.end) not in taken:
                found.append(span)
    return found


def background_spans(
    doc: ParsedArticle, text: str, sentence: Sentence, doc_date: str | None
) -> list[BackgroundSpan]:
    """Every event phrase and "when" clause of one sentence that states a day-precision date."""
    found = []
    for token in doc.covering(sentence.start, sentence.end):
        if _is_event_phrase(doc, token):
            words = _without_asides(doc, doc.subtree(token.index))
            span = _span(words)
            dates = _day_dates(text[span[0] : span[1]], doc_date)
            if not dates:
                span, dates = _with_date_after(doc, text, token, words, doc_date)
        elif _is_past_when_clause(doc, token):
            words = [
                t for t in doc.subtree(token.index) if t.lemma.lower() != "when" or t.head != token.index
            ]
            span = _span(_without_asides(doc, words))
            dates = _day_dates(text[span[0] : span[1]], doc_date) or _governing_dates(
                doc, text, token, doc_date
            )
        else:
            continue
        dates = tuple(d for d in dates if not _after(d, doc_date))  # "the 3 July vote" still to come
        if dates and span[1] > span[0]:
            found.append(BackgroundSpan(span[0], span[1], sentence.index, dates))
    return found


def _is_event_phrase(doc: ParsedArticle, token: Token) -> bool:
    """A definite noun phrase headed by an event noun, any relative clause in the past tense."""
    if token.pos != "NOUN" or token.lemma.lower() not in BACKGROUND_EVENTS:
        return False
    children = [doc.token(c) for c in doc.children.get(token.index, ())]
    definite = any((c.dep == "det" and c.lemma.lower() in DEFINITE) or c.dep == "poss" for c in children)
    clauses = [c for c in children if c.dep == "relcl"]
    return definite and all(_is_past(doc, c) for c in clauses)


def _is_past_when_clause(doc: ParsedArticle, token: Token) -> bool:
    """ "when the bridge collapsed": a clause opened by "when", past tense, not a report. The parser
    attaches it to the verb (advcl) or, right after a date, to the date ("on 9 June when ...": relcl)."""
    if (
        token.dep not in WHEN_DEPS
        or token.pos not in ("VERB", "AUX")
        or token.lemma.lower() in REPORTING_LEMMAS
    ):
        return False
    children = [doc.token(c) for c in doc.children.get(token.index, ())]
    opened = any(c.lemma.lower() == "when" and c.dep in ("advmod", "mark") for c in children)
    return opened and _is_past(doc, token)


def _is_past(doc: ParsedArticle, verb: Token) -> bool:
    """Simple past, or a participle with a past auxiliary ("was carried out", "had collapsed")."""
    if verb.tag in PAST_TAGS:
        return True
    auxiliaries = [
        doc.token(c) for c in doc.children.get(verb.index, ()) if doc.token(c).dep in ("aux", "auxpass")
    ]
    return verb.tag == "VBN" and any(a.tag in PAST_TAGS for a in auxiliaries)


def _with_date_after(
    doc: ParsedArticle, text: str, head: Token, words: Sequence[Token], doc_date: str | None
) -> tuple[tuple[int, int], tuple[str, ...]]:
    """ "the earthquake that struck Lorvia *on Monday* had left ...": the parser often hangs a date right
    after a relative clause on the main verb; a phrase ending in a relative clause takes an "on <date>"
    that follows it at once (the event the clause tells is the one dated)."""
    span = _span(words)
    clauses = [c for c in doc.children.get(head.index, ()) if doc.token(c).dep == "relcl"]
    if not clauses or not words or doc.subtree(clauses[-1])[-1].index != words[-1].index:
        return span, ()
    following = words[-1].index + 1
    if following - doc.first >= len(doc.tokens) or doc.token(following).lemma.lower() != "on":
        return span, ()
    tree = doc.subtree(following)
    dates = _day_dates(text[tree[0].start : tree[-1].end], doc_date)
    return ((span[0], tree[-1].end), dates) if dates else (span, ())


def _governing_dates(doc: ParsedArticle, text: str, clause: Token, doc_date: str | None) -> tuple[str, ...]:
    """The dates of the clause a "when" clause modifies, in the words before it ("Trump came close to
    war on Jan. 2, however, when he ordered ..."): "when" makes the two events simultaneous."""
    head = doc.token(clause.head)
    before = [t for t in doc.subtree(head.index) if t.index < doc.subtree(clause.index)[0].index]
    return _day_dates(text[before[0].start : before[-1].end], doc_date) if before else ()


def _after(date: str, doc_date: str | None) -> bool:
    """A full date later than a full publication date: an event announced, not one that happened."""
    known = doc_date is not None and DAY_DATE.match(doc_date) is not None and not date.startswith("X")
    return known and date > str(doc_date)


def _day_dates(text: str, doc_date: str | None) -> tuple[str, ...]:
    return tuple(d for d in claim_dates(text, doc_date) if DAY_DATE.match(d))


def _span(tokens: Sequence[Token]) -> tuple[int, int]:
    """The tokens' extent without leading or trailing punctuation (a quote mark, a comma)."""
    words = [t for t in tokens if t.pos != "PUNCT"]
    return (words[0].start, words[-1].end) if words else (0, 0)


def _without_asides(doc: ParsedArticle, tokens: Sequence[Token]) -> list[Token]:
    """Without side remarks on someone else's word (", who according to Iraq's prime minister was on a
    mission of peace"): a non-restrictive relative clause or apposition holding a reporting cue is that
    source's claim, not part of the event ("the earthquake, which struck on Monday" keeps its clause)."""
    by_index = {t.index: t for t in tokens}
    aside: set[int] = set()
    for token in tokens:
        tree = doc.subtree(token.index)
        before = by_index.get(tree[0].index - 1)
        if token.dep in ("relcl", "appos") and before is not None and before.tag == "," and _reported(tree):
            aside.update(t.index for t in tree)
            aside.add(before.index)
    return [t for t in tokens if t.index not in aside]


def _reported(tokens: Sequence[Token]) -> bool:
    return any(
        t.lemma.lower() == "accord" or (t.pos == "VERB" and t.lemma.lower() in REPORTING_LEMMAS)
        for t in tokens
    )


def _outermost(spans: Sequence[BackgroundSpan]) -> list[BackgroundSpan]:
    """A phrase inside a kept clause ("the strike" inside "when the strike was carried out") is one
    statement, not two: keep the outermost."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    kept: list[BackgroundSpan] = []
    for span in ordered:
        if not any(k.start <= span.start and span.end <= k.end for k in kept):
            kept.append(span)
    return kept


def _claim(article: Article, span: BackgroundSpan, doc: ParsedArticle, mentions: MentionIndex) -> Claim:
    text = article.text[span.start : span.end]
    inside = doc.covering(span.start, span.end)
    return Claim(
        id=content_id("clm", article.id, str(span.start), str(span.end)),
        article=article.id,
        start=span.start,
        end=span.end,
        text=text,
        hedged=is_hedged(text, []),
        checkworthiness=checkworthiness(
            text,
            entities=len(mentions.overlapping(span.start, span.end)),
            event_verb=any(t.tag in ("VBD", "VBN") for t in inside),
            attributed=False,
        ),
        sentence=span.sentence,
        dates=span.dates,
        background=True,
    )

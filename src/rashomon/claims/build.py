"""Turning claim spans into ``Claim`` records: speaker, cue, chain, source type, quote, hedging, cites."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rashomon.claims.attribution.spans import AttributionSpans
from rashomon.claims.checkworthy import DROP_BELOW, checkworthiness
from rashomon.claims.cites import resolve_short_names, sentence_cites
from rashomon.claims.dates import article_dates, dates_within
from rashomon.claims.hedging import is_hedged
from rashomon.claims.mention_index import MentionIndex
from rashomon.claims.outlets import same_outlet
from rashomon.claims.segment import ClaimSpan
from rashomon.claims.speakers import Recent, Speaker, identify, is_organisational, is_personal
from rashomon.entities.parse import ParsedArticle, parse_articles
from rashomon.model import Article, ChainLink, Claim, Sentence, Token, content_id
from rashomon.model.claim import QuoteKind

OPEN_QUOTES, CLOSE_QUOTES = "“\"‘'«", "”\"’'»"
QUOTED = re.compile(r"[“\"«][^”\"»]{12,}[”\"»]")
BOOK_SUFFIX = " (book)"
# A book or memoir as a publication, not the idiom: "We did everything by the book" is no memoir.
# Nor a ledger of business news: "the plant's order book", "the record books", "the company's books".
BOOK_CONTEXT = re.compile(
    r"\b(?:memoirs?|(?<!by the )(?<!order )(?<!record )(?<!rule )(?<!phone )(?<!note)(?<!guest )"
    r"(?<!account )(?<!text)(?<!cheque )(?<!check )(?<!pass)book)\b",
    re.IGNORECASE,
)
# "who asked not to be named because ...": a source's request for anonymity, not something it claims.
ANONYMITY_REQUEST = re.compile(r"^(?:not to be (?:named|identified)|to remain anonymous|anonymity)\b", re.I)


def build_claims(
    article: Article,
    spans: Sequence[ClaimSpan],
    sentences: Sequence[Sentence],
    tokens: Sequence[Token],
    mentions: MentionIndex,
) -> list[Claim]:
    claims = []
    authors: set[str] = set()  # people this article has already quoted from their book
    recent: list[Recent] = []  # the article's speakers so far (people, organisations), by source position
    dates = article_dates(article.text, article.published.value)
    doc = parse_articles(tokens).get(article.id) if tokens else None
    for span in spans:
        claim = _claim(article, span, sentences, tokens, mentions, authors, recent, dates, doc)
        if claim.chain and claim.chain[0].speaker.endswith(BOOK_SUFFIX):
            authors.add(claim.chain[0].speaker.removesuffix(BOOK_SUFFIX))
        if claim.checkworthiness >= DROP_BELOW and not ANONYMITY_REQUEST.match(claim.text):
            claims.append(claim)
    return claims


def _claim(
    article: Article,
    span: ClaimSpan,
    sentences: Sequence[Sentence],
    tokens: Sequence[Token],
    mentions: MentionIndex,
    authors: set[str],
    recent: list[Recent],
    dates: Sequence[tuple[int, int, str]],
    doc: ParsedArticle | None = None,
) -> Claim:
    text = article.text
    links = []
    for a in (_participle_source(a, doc) for a in span.chain):
        before = [r for r in recent if a.source and r.start < a.source[0]]
        who, cue_text = _link(article, a, mentions, before)
        links.append((who, cue_text))
        known = any(r.start == a.source[0] for r in recent) if a.source else True
        if a.source and not known:
            if is_personal(text, a.source[0], a.source[1], mentions):
                recent.append(Recent(a.source[0], who))
            elif is_organisational(text, a.source[0], a.source[1], mentions):
                recent.append(Recent(a.source[0], who, "organisation"))
            recent.sort(key=lambda r: r.start)
    chain = _first_person(_book_voice(links, text, span, authors))
    speaker = chain[-1][0] if chain else None
    claim_text = text[span.start : span.end]
    sentence_text = _sentence_text(text, sentences, span)
    cites = [s.name for s, _ in chain if s.source_type == "outlet"] + sentence_cites(sentence_text)
    inside = [t for t in tokens if span.start <= t.start < span.end]
    return Claim(
        id=content_id("clm", article.id, str(span.start), str(span.end)),
        article=article.id,
        start=span.start,
        end=span.end,
        text=claim_text,
        speaker=speaker.name if speaker else None,
        speaker_entity=speaker.entity if speaker else None,
        cue=chain[-1][1] if chain else None,
        chain=tuple(ChainLink(s.name, cue) for s, cue in chain),
        # The type of the immediate speaker; the chain keeps who relayed it ("Officials" via NBC News).
        source_type=chain[-1][0].source_type if chain else "own_voice",
        quote=_quote_kind(text, span.start, span.end) if chain else None,
        hedged=is_hedged(claim_text, [cue for _, cue in chain if cue]),
        checkworthiness=checkworthiness(
            claim_text,
            entities=len(mentions.overlapping(span.start, span.end)),
            event_verb=any(t.tag in ("VBD", "VBN") for t in inside),
            attributed=bool(chain),
            predicate=_has_verb(inside) or not _names_a_source(chain[-1][1] if chain else ""),
        ),
        cites=_without_own_outlet(resolve_short_names(cites, text), article.outlet),
        sentence=span.sentence,
        dates=dates_within(dates, span.start, span.end),
    )


NO_CONTENT_CUES = re.compile(
    r"\b(?:cit(?:e|es|ed|ing)|quot(?:e|es|ed|ing)|respond|repl(?:y|ied)|comment)", re.I
)


def _names_a_source(cue: str) -> bool:
    """Cues whose object, without a verb, is a source or a request, not what was said: "citing *two people
    familiar with her work*", "did not respond to *a request for comment*". ("Called for *a public
    inquiry*" keeps its object: a demand is a claim.)"""
    return bool(NO_CONTENT_CUES.search(cue))


def _has_verb(tokens: Sequence[Token]) -> bool:
    """Whether a span holds a verb; True when its tokens carry no tags (a token stream without a tagger)."""
    return all(t.tag == "X" for t in tokens) or any(t.tag.startswith(("VB", "MD")) for t in tokens)


def _link(
    article: Article, attribution: AttributionSpans, mentions: MentionIndex, recent: Sequence[Recent]
) -> tuple[Speaker, str]:
    cue_text = article.text[attribution.cue[0] : attribution.cue[1]]
    source = attribution.source
    if source is None:
        return Speaker("unnamed source", None, "anonymous"), cue_text
    speaker = identify(article.text, *source, mentions, cue_text, attribution.content, recent)
    return speaker, cue_text


PARTICIPLE_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp"})


def _participle_source(attribution: AttributionSpans, doc: ParsedArticle | None) -> AttributionSpans:
    """ "She denied that ..., saying they had fired only tear gas": a participle cue's source is the
    subject of the verb it hangs on, whatever span the tagger gave (it had taken the next sentence's
    subject)."""
    cue = next(iter(doc.covering(*attribution.cue)), None) if doc is not None else None
    if doc is None or cue is None or cue.tag != "VBG" or cue.dep not in PARTICIPLE_DEPS:
        return attribution
    subject = next(
        (
            doc.token(i)
            for i in doc.children.get(cue.head, ())
            if doc.token(i).dep in ("nsubj", "nsubjpass") and i < cue.index
        ),
        None,
    )
    if subject is None:
        return attribution
    inside = doc.subtree(subject.index)
    span = (inside[0].start, max(t.end for t in inside))
    source = attribution.source
    if source is not None and span[0] <= source[0] < span[1]:
        return attribution
    return replace(attribution, source=span)


FIRST_PERSON = frozenset({"i", "we", "me", "us"})


def _first_person(chain: list[tuple[Speaker, str]]) -> list[tuple[Speaker, str]]:
    """ "I think ..." inside someone's quote is that someone speaking."""
    resolved: list[tuple[Speaker, str]] = []
    for speaker, cue in chain:
        if resolved and speaker.name.lower() in FIRST_PERSON:
            speaker = resolved[-1][0]
        resolved.append((speaker, cue))
    return resolved


def _book_voice(
    chain: list[tuple[Speaker, str]], text: str, span: ClaimSpan, authors: set[str]
) -> list[tuple[Speaker, str]]:
    """A person who 'writes' in a book or memoir speaks through a document: 'Mark Esper (book)'. Once an
    article has quoted someone from their book, their later quotes there come from it too."""
    if not chain or chain[0][0].source_type != "named":
        return chain
    cue = span.chain[0].cue
    window = text[max(0, cue[0] - 250) : cue[1] + 60]
    if not BOOK_CONTEXT.search(window) and chain[0][0].name not in authors:
        return chain
    first, cue_text = chain[0]
    book = Speaker(f"{first.name}{BOOK_SUFFIX}", first.entity, "document")
    return [(book, cue_text), *chain[1:]]


def _without_own_outlet(cites: tuple[str, ...], outlet: str | None) -> tuple[str, ...]:
    """ "Reed told the Coast Gazette" in the Coast Gazette is its own reporting, not a citation."""
    if not outlet:
        return cites
    return tuple(c for c in cites if not same_outlet(c, outlet))


def _sentence_text(text: str, sentences: Sequence[Sentence], span: ClaimSpan) -> str:
    for sentence in sentences:
        if sentence.index == span.sentence:
            return text[sentence.start : max(sentence.end, span.end)]
    return text[span.start : span.end]


def _quote_kind(text: str, start: int, end: int) -> QuoteKind:
    before = text[max(0, start - 2) : start + 1]
    after = text[end - 1 : end + 2]
    if any(q in before for q in OPEN_QUOTES) and any(q in after for q in CLOSE_QUOTES):
        return "direct"
    if QUOTED.search(text[start:end]):
        return "mixed"
    return "indirect"

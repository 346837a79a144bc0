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
from rashomon.claims.quotes import opening_quote
from rashomon.claims.reporting import DOUBTING_CUE, EMBEDDED_QUESTION, asks
from rashomon.claims.segment import ClaimSpan
from rashomon.claims.speakers import PRONOUNS, Recent, Speaker, identify, is_organisational, is_personal
from rashomon.entities.parse import ParsedArticle, parse_articles
from rashomon.model import Article, ChainLink, Claim, Sentence, Token, content_id
from rashomon.model.claim import QuoteKind
from rashomon.timeline.lexicon import MONTHS, UNITS, WEEKDAYS, unit_key

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
        asserts = not (ANONYMITY_REQUEST.match(claim.text) or _embedded_question(claim) or _not_told(claim))
        if claim.checkworthiness >= DROP_BELOW and asserts:
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
        who, cue_text = _link(article, a, mentions, before, doc)
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
            # a verbless line in the outlet's voice is a subhead ("The mood on Capitol Hill"); told, it
            # may be a small clause ("called the case very unfair") unless its cue names a source
            predicate=_has_verb(inside) or bool(chain and not _names_a_source(chain[-1][1])),
        ),
        cites=_without_own_outlet(resolve_short_names(cites, text), article.outlet),
        sentence=span.sentence,
        dates=dates_within(dates, span.start, span.end),
    )


NO_CONTENT_CUES = re.compile(
    r"\b(?:cit(?:e|es|ed|ing)|quot(?:e|es|ed|ing)|respond|repl(?:y|ied)|comment)", re.I
)
# A cue ending in "about" names the topic, not what was said of it: "what he might reveal *about Trump and
# his associates*", "asked *about the ban*" (a warning, a complaint or a doubt about something still says
# something: "raised doubts about *the tallying*").
TOPIC_CUE = re.compile(r"^(?!.*\b(?:warn|complain|worr))(?:.*\s)?(?:about|regarding|concerning)\s*$", re.I)


def _embedded_question(claim: Claim) -> bool:
    """Whether an attributed claim's content is a question its speaker asks, not something it asserts."""
    if not claim.chain or claim.cue is None or DOUBTING_CUE.search(claim.cue):
        return False  # a doubter's question stays, for the relate stage to read as a dispute
    return asks(claim.text, claim.cue)


# A telling its cue negates: "Santorum *did not say* public schools were a bad idea", "*stopped short of
# noting* she'd rather have Clinton", "*refused to say* he supports ...": the speaker did not say it. (Not
# "could not resist suggesting", "has not shied from": two negations tell it.)
NOT_TOLD = re.compile(
    r"^(?:(?:did|does|do|has|have|had|would|will|could|can|is|are|was|were)(?:\s+not|n['’]t)|"
    r"can['’]t|cannot|won['’]t|never|"
    r"refus\w*\s+to|declin\w*\s+to|stopp?\w*\s+short\s+of)\b"
    r"(?!.*\b(?:resist|shy|shie[ds]|shying|hesitat\w*|hold\w* back|held back|fail\w*|stop\w*)\b)",
    re.IGNORECASE,
)


# A negation the tagger left outside the cue: "Mr. Mueller *had not* | found | the campaign to have ...",
# "@MittRomney just *refused to* | say | he supports ...".
NEGATION_BEFORE = re.compile(
    r"\b(?:(?:did|does|do|has|have|had|would|will|could|can|is|are|was|were)\s+not|\w+n['’]t|never|"
    r"refus(?:e|es|ed|ing)\s+to|declin(?:e|es|ed|ing)\s+to)\s+$",
    re.IGNORECASE,
)


def _with_negation(text: str, start: int, end: int) -> str:
    """The cue as written, with a negation just before it that the tagger's span left out."""
    before = NEGATION_BEFORE.search(text[max(start - 20, 0) : start])
    return text[start - len(before.group(0)) if before else start : end]


# A negated check of what others say is a doubt of it, kept for the relate stage: "could not confirm | that
# the drone was Iranian", "have never shown evidence | that ...", "did not see one".
NEGATED_CHECK = re.compile(r"\b(?:verify|confirm|corroborate|evidence|see|seen|aware)\b", re.IGNORECASE)


def _not_told(claim: Claim) -> bool:
    """Whether the claim's cue says its speaker did not tell it; an embedded question stays ("have not
    clearly stated *how imminent an attack was*": a doubt, read by the relate stage), and so does a
    negated check ("could not confirm that ...")."""
    if not claim.chain or claim.cue is None or EMBEDDED_QUESTION.match(claim.text):
        return False
    cue = claim.cue.strip()
    return bool(NOT_TOLD.match(cue)) and not NEGATED_CHECK.search(cue)


def _names_a_source(cue: str) -> bool:
    """Cues whose object, without a verb, is a source, a request or a topic, not what was said: "citing
    *two people familiar with her work*", "did not respond to *a request for comment*", "spoke about *the
    plan*". ("Called for *a public inquiry*" keeps its object: a demand is a claim.)"""
    return bool(NO_CONTENT_CUES.search(cue) or (TOPIC_CUE.match(cue) and not DOUBTING_CUE.search(cue)))


def _has_verb(tokens: Sequence[Token]) -> bool:
    """Whether a span holds a verb; True when its tokens carry no tags (a token stream without a tagger)."""
    return all(t.tag == "X" for t in tokens) or any(t.tag.startswith(("VB", "MD")) for t in tokens)


def _link(
    article: Article,
    attribution: AttributionSpans,
    mentions: MentionIndex,
    recent: Sequence[Recent],
    doc: ParsedArticle | None = None,
) -> tuple[Speaker, str]:
    cue_text = _with_negation(article.text, attribution.cue[0], attribution.cue[1])
    source = attribution.source
    if source is None:
        return Speaker("unnamed source", None, "anonymous"), cue_text
    written = article.text[source[0] : source[1]].strip().lower()
    restrictive = not article.text[: source[0]].rstrip().endswith(",")  # ", who": identify reads the phrase
    if written in ("who", "that") and restrictive and doc is not None:
        source = _relative_antecedent(doc, source, attribution.cue) or source
    subject = (
        _subject_before(doc, source[0], article.text) if doc is not None and written in PRONOUNS else None
    )
    speaker = identify(article.text, *source, mentions, cue_text, attribution.content, recent, subject)
    return speaker, cue_text


# Words of time (the timex lexicon's months, weekdays and units, and a few more): never a speaker.
TEMPORAL = (
    frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(UNITS) | {"time", "moment", "morning", "evening"}
)


def _relative_antecedent(
    doc: ParsedArticle, source: tuple[int, int], cue: tuple[int, int]
) -> tuple[int, int] | None:
    """The noun phrase a restrictive relative "who" speaks for, when the cue is its clause's verb: "three
    other women *who claimed* Moore pursued them" are the women, not the last person named. (After a
    comma, ``identify`` takes the phrase before it: the parser may hang the clause on the wrong noun,
    "A doctor at the hospital in Hisn Tamar, who asked ..." on the town.)"""
    who = next(iter(doc.covering(*source)), None)
    if who is None or who.dep not in ("nsubj", "nsubjpass"):
        return None
    verb = doc.token(who.head)
    if verb.dep != "relcl" or not (cue[0] <= verb.start < cue[1]) or verb.head == verb.index:
        return None
    noun = doc.token(verb.head)
    if noun.pos not in ("NOUN", "PROPN") or unit_key(noun.lemma.lower()) in TEMPORAL:
        return None  # the parser hung the clause on a date ("in June 2016 ... who said"): not a speaker
    before = [t for t in doc.subtree(noun.index) if t.index <= noun.index]
    return before[0].start, noun.end


def _subject_before(doc: ParsedArticle, position: int, text: str) -> tuple[int, int] | None:
    """The span of the named subject a "he"/"she" at ``position`` most likely stands for: its own sentence's,
    when that comes first ("Trump denied that he asked Comey ..."), else the sentence before's ("Jerry Pow
    told Mr. Dale that he would back Mr. Moore. '...,' he said": Pow, not Dale, not Moore)."""
    at = next(iter(doc.covering(position, position + 1)), None)
    if at is None:
        return None
    first = at.index
    while first > doc.first and doc.token(first - 1).sentence == at.sentence:
        first -= 1
    first = _after_paragraph_break(doc, text, first, at.index)
    own = _named_subject(doc, range(first, at.index), text)
    if own is not None:
        return own
    other = {"he", "she"} - {at.lemma.lower()}
    if any(
        doc.token(i).pos == "PRON" and doc.token(i).lemma.lower() in other for i in range(first, at.index)
    ):
        return None  # "He said she told him ...": the subject before is "he", not "she"
    if first == doc.first:
        return None
    start = first - 1
    while start > doc.first and doc.token(start - 1).sentence == doc.token(first - 1).sentence:
        start -= 1
    return _named_subject(doc, range(_after_paragraph_break(doc, text, start, first), first), text)


def _after_paragraph_break(doc: ParsedArticle, text: str, start: int, end: int) -> int:
    """The first token index in ``start..end`` after the last paragraph break there: the parser sometimes
    runs one sentence over a break ('... Pelosi said, “I got two-thirds of the vote.”¶¶Separately, Ryan
    told reporters ...'), and a "he" there follows the paragraph's subject, not the one before it."""
    for index in range(end - 1, start, -1):
        if "\n\n" in text[doc.token(index - 1).start : doc.token(index).start]:
            return index
    return start


def _named_subject(doc: ParsedArticle, indices: range, text: str) -> tuple[int, int] | None:
    """The span of the main clause's subject among ``indices``: the root's subject, or, when that is inside
    a quotation, the subject of a verb beside the root ('“Milley said he was stunned ...,” Esper claims':
    Esper). None for a pronoun; the caller takes it only when a person is named there ("A doctor at the
    hospital" is none, and the article's last speaker is taken instead)."""
    subjects = [t for t in (doc.token(i) for i in indices) if t.dep in ("nsubj", "nsubjpass")]
    outside = [t for t in subjects if opening_quote(text, t.start) is None]
    main = [t for t in outside if doc.token(t.head).dep == "ROOT"]
    if not main:
        main = [t for t in outside if doc.token(t.head).dep == "parataxis"]
    if not main or main[0].pos == "PRON":  # the tagger may call a name a verb ("Trump ... denied")
        return None
    return main[0].start, main[0].end


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

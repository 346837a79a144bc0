"""Tracing each claim to its origin, and counting independent origins per claim group.

A claim's origin, in order of evidence:
1. a document at the head of its chain ("Mark Esper (book) writes ...") → ``document``;
2. an outlet it cites or that relays it ("according to reports by NBC News") → that outlet's ``report``;
3. a named person speaking on record with no outlet between → ``person`` (one speaker act);
4. an anonymous source or the outlet's own voice: if an earlier sentence of the same passage (up to
   ``CARRY_SENTENCES`` back) cited an outlet, the claim continues that attribution (news rewrites
   carry a source forward, and "officials said" after "NBC reported" are NBC's officials);
5. otherwise an anonymous source is the publishing outlet's own ``report``, and an unattributed claim
   is the outlet's own reporting. Own-voice claims that two or more outlets state independently of
   any report are one ``public_record`` origin (a widely witnessed event), not several confirmations.

Two run-wide findings refine this (see ``reuse.py`` and ``public.py``): an article that carries a wire
agency's credit line rests on that agency's report; a claim inside text copied from an earlier article
rests on what that article's claim rests on; and an own-voice claim stating a dated event that other
articles state independently is that event's one public record, whichever group alignment put it in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from rashomon.model import Article, Claim, ClaimGroup, Origin
from rashomon.model.group import OriginKind

CARRY_SENTENCES = 3  # an own-voice sentence continues a cited report for up to three sentences


@dataclass(frozen=True, slots=True)
class Trace:
    """One claim's origin before grouping: ``own`` marks unattributed own-voice statements."""

    name: str
    kind: OriginKind
    own: bool = False
    entity: str | None = None  # the speaker's entity id: "Mayor Ann Reed" and "Reed" are one person


@dataclass(frozen=True, slots=True)
class RunSources:
    """What the whole run knows about where text came from, beyond each claim's own attribution.

    ``outlets``: outlet key -> its one article in the run; ``derived``: claim id -> the article its
    text was copied from; ``public``: claim id -> the public event it states; ``own``: article id ->
    the name of that article's own reporting."""

    outlets: Mapping[str, str] = field(default_factory=dict)
    derived: Mapping[str, str] = field(default_factory=dict)
    public: Mapping[str, str] = field(default_factory=dict)
    own: Mapping[str, str] = field(default_factory=dict)


OWN_SUFFIX = " (own reporting)"


def own_reporting(article: Article) -> str:
    return f"{_name_of(article)}{OWN_SUFFIX}"


def trace_claims(
    claims: Sequence[Claim], articles: Sequence[Article], credits: Mapping[str, str] | None = None
) -> dict[str, Trace]:
    """Each claim's origin from its own attribution. ``credits`` maps an article to the wire agency
    whose copy it is: that article's unattributed and anonymous claims are the agency's report."""
    outlets = {a.id: own_reporting(a) for a in articles}
    credits = credits or {}
    traces: dict[str, Trace] = {}
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article].append(claim)
    for article_id, members in by_article.items():
        carried: tuple[int, str] | None = None  # (sentence index, outlet) of the last cited report
        for claim in sorted(members, key=lambda c: (c.field != "title", c.start)):
            trace = _trace(claim, outlets.get(article_id, article_id), carried)
            agency = credits.get(article_id)
            if agency and trace.name == outlets.get(article_id):  # wire copy: the agency's report
                trace = Trace(agency, "report", own=trace.own)
            traces[claim.id] = trace
            if claim.cites and claim.sentence is not None:
                carried = (claim.sentence, claim.cites[0])
    return traces


def _name_of(article: Article) -> str:
    return article_name(article.outlet, article.title, article.source)


def article_name(outlet: str | None, title: str | None, source: str) -> str:
    """The outlet when known, else the article's title or file name: never an invented outlet."""
    if outlet:
        return outlet
    if title:
        return f"“{title[:60]}”"
    return source.rsplit("/", 1)[-1]


def _trace(claim: Claim, outlet: str, carried: tuple[int, str] | None) -> Trace:
    head = claim.chain[0] if claim.chain else None
    if head is not None and head.speaker.endswith("(book)"):
        return Trace(head.speaker, "document")
    if claim.source_type == "document" and claim.speaker:
        return Trace(claim.speaker, "document")
    if claim.cites:
        return Trace(claim.cites[0], "report")
    if claim.source_type == "outlet" and claim.speaker:
        return Trace(claim.speaker, "report")
    if claim.source_type == "named" and claim.speaker:
        return Trace(claim.speaker, "person", entity=claim.speaker_entity)
    if carried and claim.sentence is not None and 0 < claim.sentence - carried[0] <= CARRY_SENTENCES:
        return Trace(carried[1], "report")  # anonymous sources right after a cited report are its sources
    if claim.source_type == "anonymous":
        return Trace(outlet, "report")
    return Trace(outlet, "report", own=True)


def group_origins(
    group: ClaimGroup,
    claims: dict[str, Claim],
    traces: dict[str, Trace],
    outlets: dict[str, str] | None = None,
    run: RunSources | None = None,
) -> ClaimGroup:
    """Origins of one group. ``outlets`` maps an outlet name to its article in this run: a claim that
    cites that outlet's report takes the origin of that article's own claim in the group."""
    run = run or RunSources(outlets=outlets or {})
    if outlets is not None and not run.outlets:
        run = replace(run, outlets=outlets)
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    shown: dict[tuple[str, str], str] = {}
    resolved = {c: _resolve(c, group, claims, traces, run) for c in group.claims}
    own_names = {_identity(resolved[c])[0] for c in group.claims if resolved[c].own}
    for claim_id in group.claims:
        trace = resolved[claim_id]
        if trace.own and len(own_names) >= 2:
            trace = Trace("public record", "public_record")
        key = _identity(trace)
        shown.setdefault(key, trace.name)
        found[key].append(claim_id)
    origins = tuple(
        Origin(name=shown[key], kind=key[1], claims=tuple(ids))  # type: ignore[arg-type]
        for key, ids in sorted(found.items(), key=lambda item: (shown[item[0]], item[0]))
    )
    return replace(group, origins=origins)


def _identity(trace: Trace) -> tuple[str, str]:
    """One outlet's reporting is one origin however it is named: "Associated Press (own reporting)",
    "The Associated Press" and "AP" (a wire credit, a citation, the agency's own article) are one."""
    from rashomon.claims.outlets import outlet_key

    if trace.kind == "person" and trace.entity:
        return trace.entity, trace.kind
    if trace.kind != "report":
        return trace.name, trace.kind
    return outlet_key(trace.name.removesuffix(OWN_SUFFIX)), trace.kind


def _resolve(
    claim_id: str, group: ClaimGroup, claims: dict[str, Claim], traces: dict[str, Trace], run: RunSources
) -> Trace:
    """A claim's trace after what the run knows: its headline's body, a public event, copied text,
    and a cited outlet whose own article is in the run."""
    from rashomon.claims.outlets import outlet_key

    trace = traces[claim_id]
    claim = claims[claim_id]
    if claim.field == "title":  # a headline rests on its own article's body, not on its own authority
        body = [c for c in group.claims if claims[c].article == claim.article and claims[c].field == "text"]
        if body:
            claim_id, trace = body[0], traces[body[0]]
    if claim_id in run.public:
        return Trace(run.public[claim_id], "public_record")
    source = run.derived.get(claim_id)
    if source is not None and (trace.own or trace.name == run.own.get(claim.article)):
        return _in_article(source, group, claims, traces) or Trace(
            run.own.get(source, source), "report", own=True
        )
    source = run.outlets.get(outlet_key(trace.name)) if trace.kind == "report" else None
    if source is None or source == claim.article:
        return trace
    return _in_article(source, group, claims, traces) or trace


def _in_article(
    article: str, group: ClaimGroup, claims: dict[str, Claim], traces: dict[str, Trace]
) -> Trace | None:
    theirs = [traces[c] for c in group.claims if claims[c].article == article and claims[c].field == "text"]
    return theirs[0] if theirs else None

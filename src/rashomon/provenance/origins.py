"""Tracing each claim to its origin, and counting independent origins per claim group.

A claim's origin, in order of evidence:
1. a document at the head of its chain ("Mark Esper (book) writes ...") → ``document``;
2. an outlet it cites or that relays it ("according to reports by NBC News") → that outlet's ``report``;
3. a named person speaking on record with no outlet between → ``person`` (one speaker act);
4. an anonymous source with no outlet named → the publishing outlet's own ``report``;
5. the outlet's own voice: if an earlier sentence of the same passage cited an outlet, the claim
   continues that attribution (news rewrites carry a source forward); otherwise it is the outlet's
   own reporting. Own-voice claims that two or more outlets state independently of any report are
   one ``public_record`` origin (a widely witnessed event), not several confirmations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rashomon.model import Article, Claim, ClaimGroup, Origin
from rashomon.model.group import OriginKind

CARRY_SENTENCES = 3  # an own-voice sentence continues a cited report for up to three sentences


@dataclass(frozen=True, slots=True)
class Trace:
    """One claim's origin before grouping: ``own`` marks unattributed own-voice statements."""

    name: str
    kind: OriginKind
    own: bool = False


def trace_claims(claims: Sequence[Claim], articles: Sequence[Article]) -> dict[str, Trace]:
    outlets = {a.id: f"{_name_of(a)} (own reporting)" for a in articles}
    traces: dict[str, Trace] = {}
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article].append(claim)
    for article_id, members in by_article.items():
        carried: tuple[int, str] | None = None  # (sentence index, outlet) of the last cited report
        for claim in sorted(members, key=lambda c: (c.field != "title", c.start)):
            trace = _trace(claim, outlets.get(article_id, article_id), carried)
            traces[claim.id] = trace
            if claim.cites and claim.sentence is not None:
                carried = (claim.sentence, claim.cites[0])
    return traces


def _name_of(article: Article) -> str:
    """The outlet when known, else the article's title or file name: never an invented outlet."""
    if article.outlet:
        return article.outlet
    if article.title:
        return f"“{article.title[:60]}”"
    return article.source.rsplit("/", 1)[-1]


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
        return Trace(claim.speaker, "person")
    if claim.source_type == "anonymous":
        return Trace(outlet, "report")
    if carried and claim.sentence is not None and 0 < claim.sentence - carried[0] <= CARRY_SENTENCES:
        return Trace(carried[1], "report")
    return Trace(outlet, "report", own=True)


def group_origins(
    group: ClaimGroup,
    claims: dict[str, Claim],
    traces: dict[str, Trace],
    outlets: dict[str, str] | None = None,
) -> ClaimGroup:
    """Origins of one group. ``outlets`` maps an outlet name to its article in this run: a claim that
    cites that outlet's report takes the origin of that article's own claim in the group."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    resolved = {c: _through_run(c, group, claims, traces, outlets or {}) for c in group.claims}
    own_articles = {claims[c].article for c in group.claims if resolved[c].own}
    for claim_id in group.claims:
        trace = resolved[claim_id]
        if trace.own and len(own_articles) >= 2:
            found[("public record", "public_record")].append(claim_id)
        else:
            found[(trace.name, trace.kind)].append(claim_id)
    origins = tuple(
        Origin(name=name, kind=kind, claims=tuple(ids))  # type: ignore[arg-type]
        for (name, kind), ids in sorted(found.items())
    )
    return replace(group, origins=origins)


def _through_run(
    claim_id: str,
    group: ClaimGroup,
    claims: dict[str, Claim],
    traces: dict[str, Trace],
    outlets: dict[str, str],
) -> Trace:
    """A report of an outlet whose own article is in the run rests on whatever that article rests on."""
    from rashomon.claims.outlets import outlet_key

    trace = traces[claim_id]
    claim = claims[claim_id]
    if claim.field == "title":  # a headline rests on its own article's body, not on its own authority
        body = [
            traces[c]
            for c in group.claims
            if claims[c].article == claim.article and claims[c].field == "text"
        ]
        if body:
            trace = body[0]
    source_article = outlets.get(outlet_key(trace.name)) if trace.kind == "report" else None
    if source_article is None or source_article == claim.article:
        return trace
    theirs = [
        traces[c] for c in group.claims if claims[c].article == source_article and claims[c].field == "text"
    ]
    return theirs[0] if theirs else trace

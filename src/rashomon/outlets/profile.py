"""Outlet profiles from evidence: what each outlet's articles did, summed over every story in a store.

Read from each story's evidence map (the contract's ``evidence.json``), never from ratings:

- **originates / echoes**: a claim shared with other articles (same origin, else same claim group) is an
  echo when another article carrying it is surely earlier (its last possible day is before this one's
  first) or when the claim cites another outlet; it originates when every other carrier has a date and
  none can be earlier. Otherwise its order is undetermined; claims no other article carries are exclusive.
- **delay**: days behind the earliest carrier, for echoes where both dates are to the day.
- **anonymous**, **hedged**: claims with ``source_type == "anonymous"``, with ``hedged`` true.
- **loaded**, **techniques** per 1,000 words: ``framing.articles[id].loaded`` spans (all of them; those
  naming a technique other than loaded language), over the words (title and body) of articles that have
  a framing entry; "n/a" when none has.
- **omits**: (article, claim group of its story with ≥ 2 independent origins that it does not carry)
  pairs where the group is in the article's ``framing.omits``.
- **disputed**: its claims whose group is in a ``dispute``/``contradict`` relation with a group that
  another outlet's article carries.
- **headline overstates**: its articles named by a ``headline-overstates`` flag (``framing/headlines.py``).

An article stored in several stories counts once, in the story whose id sorts first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rashomon.framing.headlines import KIND
from rashomon.outlets.figures import Delay, Figure, OutletProfile, Ref
from rashomon.outlets.identify import Identity, Registry
from rashomon.outlets.stories import Day, StoryView

OPPOSING = frozenset({"dispute", "contradict"})
HEADLINE_FLAGS = frozenset({KIND})
MIN_INDEPENDENT = 2


@dataclass(frozen=True, slots=True)
class Profiles:
    """Every identified outlet's profile, most articles first, and the articles no outlet was found for."""

    outlets: tuple[OutletProfile, ...]
    unidentified: tuple[Ref, ...]
    stories: int

    def get(self, key: str) -> OutletProfile | None:
        return next((profile for profile in self.outlets if profile.key == key), None)


@dataclass(slots=True)
class _Tally:
    identity: Identity
    stories: dict[str, None] = field(default_factory=dict)
    articles: list[Ref] = field(default_factory=list)
    claims: int = 0
    words: int = 0
    framed_words: int = 0
    framed: bool = False
    lists: dict[str, list[Ref]] = field(default_factory=lambda: defaultdict(list))
    delays: list[int] = field(default_factory=list)
    delay_refs: list[Ref] = field(default_factory=list)
    omit_pairs: int = 0
    techniques: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def build_profiles(
    stories: Iterable[tuple[str, Mapping[str, Any]]], registry: Registry | None = None
) -> Profiles:
    """Profiles over (story id, evidence map) pairs."""
    tallies: dict[str, _Tally] = {}
    unidentified: list[Ref] = []
    seen: set[str] = set()
    count = 0
    for story_id, evidence in sorted(stories, key=lambda pair: pair[0]):  # any input order, one result
        count += 1
        view = StoryView(story_id, evidence, registry)
        for article_id in view.article_ids:
            if article_id in seen:
                continue
            seen.add(article_id)
            identity = view.identity[article_id]
            if identity.key is None:
                unidentified.append(Ref(story_id, article_id, note=view.describe(article_id)))
                continue
            tally = tallies.setdefault(identity.key, _Tally(identity))
            _count_article(tally, view, article_id)
    profiles = sorted((_profile(key, tally) for key, tally in tallies.items()), key=_order)
    return Profiles(tuple(profiles), tuple(unidentified), count)


def _order(profile: OutletProfile) -> tuple[int, str]:
    return -len(profile.articles), profile.name.casefold()


def _count_article(tally: _Tally, view: StoryView, article_id: str) -> None:
    story = view.story_id
    tally.stories[story] = None
    tally.articles.append(Ref(story, article_id))
    words = view.words(article_id)
    tally.words += words
    for claim in view.claims_of(article_id):
        _count_claim(tally, view, article_id, claim)
    framing = view.framing(article_id)
    if framing is not None:
        tally.framed = True
        tally.framed_words += words
        _count_framing(tally, view, article_id, framing)
    if view.flagged(article_id, HEADLINE_FLAGS):
        tally.lists["headline"].append(Ref(story, article_id, note="headline states what the body hedges"))


def _count_claim(tally: _Tally, view: StoryView, article_id: str, claim: Mapping[str, Any]) -> None:
    claim_id = str(claim.get("id"))
    ref = Ref(view.story_id, article_id, claim_id)
    tally.claims += 1
    tally.lists["claims"].append(ref)
    if claim.get("source_type") == "anonymous":
        tally.lists["anonymous"].append(ref)
    if claim.get("hedged") is True:
        tally.lists["hedged"].append(ref)
    disputer = view.disputed_by(claim_id, article_id)
    if disputer:
        tally.lists["disputed"].append(Ref(view.story_id, article_id, claim_id, f"disputed: {disputer}"))
    _count_order(tally, view, article_id, claim)


def _count_order(tally: _Tally, view: StoryView, article_id: str, claim: Mapping[str, Any]) -> None:
    claim_id = str(claim.get("id"))
    peers = view.carriers(claim_id) - {article_id}
    cited = [name for name in _cites(claim) if view.other_outlet(name, article_id)]
    ref = Ref(view.story_id, article_id, claim_id)
    if not peers and not cited:
        tally.lists["exclusive"].append(ref)
        return
    mine = view.day(article_id)
    earlier = [
        peer for peer in sorted(peers) if mine and (other := view.day(peer)) and other.last < mine.first
    ]
    if earlier or cited:
        why = f"cites {', '.join(cited)}" if cited else f"after {len(earlier)} earlier article(s)"
        tally.lists["echoes"].append(Ref(ref.story, ref.article, ref.claim, why))
        _count_delay(tally, view, ref, mine, earlier)
        return
    dated = mine is not None and all(view.day(peer) is not None for peer in peers)
    if dated and all(_not_before(view.day(peer), mine) for peer in peers):
        tally.lists["originates"].append(Ref(ref.story, ref.article, ref.claim, f"first of {len(peers) + 1}"))
    else:
        tally.lists["undetermined"].append(ref)


def _not_before(other: Day | None, mine: Day | None) -> bool:
    return other is not None and mine is not None and other.first >= mine.last


def _count_delay(tally: _Tally, view: StoryView, ref: Ref, mine: Day | None, earlier: list[str]) -> None:
    days = [d for peer in earlier if (d := view.day(peer)) is not None and d.exact]
    if mine is None or not mine.exact or not days:
        return
    first = min(days, key=lambda day: day.first)
    tally.delays.append((mine.first - first.first).days)
    tally.delay_refs.append(Ref(ref.story, ref.article, ref.claim, f"{(mine.first - first.first).days} days"))


def _count_framing(tally: _Tally, view: StoryView, article_id: str, framing: Mapping[str, Any]) -> None:
    story = view.story_id
    for span in framing.get("loaded") or []:
        if not isinstance(span, Mapping):
            continue
        technique = span.get("technique")
        note = f"“{span.get('text', '')}”" + (f" ({technique})" if technique else "")
        tally.lists["loaded"].append(Ref(story, article_id, note=note))
        if isinstance(technique, str) and technique and "loaded" not in technique.casefold():
            tally.lists["techniques"].append(Ref(story, article_id, note=note))
            tally.techniques[technique] += 1
    omitted = {str(group) for group in framing.get("omits") or []}
    for group_id in view.corroborated_groups(MIN_INDEPENDENT):
        if article_id in view.group_articles(group_id):
            continue
        tally.omit_pairs += 1
        if group_id in omitted:
            tally.lists["omits"].append(Ref(story, article_id, note=f"omits {group_id}"))


def _cites(claim: Mapping[str, Any]) -> list[str]:
    cites = claim.get("cites")
    return [str(name) for name in cites if isinstance(name, str)] if isinstance(cites, list) else []


def _profile(key: str, tally: _Tally) -> OutletProfile:
    lists = tally.lists
    shared = len(lists["originates"]) + len(lists["echoes"])
    claims, articles = tally.claims, len(tally.articles)

    def share(name: str, label: str, total: int, unit: str, available: bool = True) -> Figure:
        return Figure(name, label, len(lists[name]), total, unit, tuple(lists[name]), available=available)

    def rate(name: str, label: str) -> Figure:
        hits = lists[name]
        return Figure(name, label, len(hits), tally.framed_words, "words", tuple(hits), 1000, tally.framed)

    figures = (
        share("originates", "Originates shared claims", shared, "shared claims"),
        share("echoes", "Echoes shared claims", shared, "shared claims"),
        share("anonymous", "Attributed to anonymous sources", claims, "claims"),
        share("hedged", "Hedged", claims, "claims"),
        rate("loaded", "Loaded language"),
        rate("techniques", "Propaganda techniques"),
        share("omits", "Omits claims with ≥2 independent origins", tally.omit_pairs, "chances", tally.framed),
        share("disputed", "Disputed or contradicted by others", claims, "claims"),
        share("headline", "Headline asserts what the body hedges", articles, "articles"),
    )
    outlet = tally.identity.outlet
    return OutletProfile(
        key=key,
        name=tally.identity.name or key,
        registered=tally.identity.registered,
        country=outlet.country if outlet else None,
        owner=outlet.owner if outlet else None,
        stories=tuple(tally.stories),
        articles=tuple(tally.articles),
        claims=claims,
        words=tally.words,
        figures=figures,
        delay=Delay(tuple(tally.delays), tuple(tally.delay_refs)),
        exclusive=tuple(lists["exclusive"]),
        undetermined=tuple(lists["undetermined"]),
        techniques=dict(sorted(tally.techniques.items(), key=lambda item: -item[1])),
    )

"""One story's evidence map indexed for the outlet measures: who carries which claim, when, who disputes it.

The map is read defensively (a stored map may come from an older rashomon, or lack the framing that a
newer one adds): a missing or malformed part counts as absent, never as an error.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rashomon.outlets.identify import Identity, Registry, identify_record, packaged_registry

WORD = re.compile(r"\w+")
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
OPPOSING = frozenset({"dispute", "contradict"})


@dataclass(frozen=True, slots=True)
class Day:
    """A publication date as the span of days it may be: '2020' is 1 Jan to 31 Dec 2020."""

    first: date
    last: date

    @property
    def exact(self) -> bool:
        return self.first == self.last


def parse_day(value: Any) -> Day | None:
    match = DATE.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        if month is None:
            return Day(date(year, 1, 1), date(year, 12, 31))
        if day is None:
            return Day(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))
        return Day(date(year, month, day), date(year, month, day))
    except ValueError:
        return None


def _records(value: Any) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _ids(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


class StoryView:
    def __init__(self, story_id: str, evidence: Mapping[str, Any], registry: Registry | None = None) -> None:
        self.story_id = story_id
        self.registry = registry or packaged_registry()
        self.articles = {str(a.get("id")): a for a in _records(evidence.get("articles"))}
        self.article_ids = list(self.articles)
        self.identity: dict[str, Identity] = {
            article_id: identify_record(record, self.registry) for article_id, record in self.articles.items()
        }
        self._claims: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        self._claim_article: dict[str, str] = {}
        for claim in _records(evidence.get("claims")):
            self._claims[str(claim.get("article"))].append(claim)
            self._claim_article[str(claim.get("id"))] = str(claim.get("article"))
        self._index_groups(_records(evidence.get("groups")))
        self._index_relations(_records(evidence.get("relations")))
        framing = evidence.get("framing")
        by_article = framing.get("articles") if isinstance(framing, Mapping) else None
        self._framing: Mapping[str, Any] = by_article if isinstance(by_article, Mapping) else {}
        self._flags = _records(evidence.get("flags"))

    def _index_groups(self, groups: Sequence[Mapping[str, Any]]) -> None:
        self._group_of: dict[str, str] = {}
        self._group_articles: dict[str, set[str]] = {}
        self._independent: dict[str, int] = {}
        self._origin_carriers: dict[str, set[str]] = defaultdict(set)
        for group in groups:
            group_id = str(group.get("id"))
            claims = _ids(group.get("claims"))
            for claim_id in claims:
                self._group_of[claim_id] = group_id
            self._group_articles[group_id] = {self._claim_article.get(c, "") for c in claims} - {""}
            origins = group.get("independent_origins")
            self._independent[group_id] = origins if isinstance(origins, int) else 0
            for origin in _records(group.get("origins")):
                origin_claims = _ids(origin.get("claims"))
                carriers = {self._claim_article.get(c, "") for c in origin_claims} - {""}
                for claim_id in origin_claims:
                    self._origin_carriers[claim_id] |= carriers

    def _index_relations(self, relations: Sequence[Mapping[str, Any]]) -> None:
        self._opposed: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for relation in relations:
            kind = relation.get("type")
            if kind not in OPPOSING:
                continue
            a, b = str(relation.get("a")), str(relation.get("b"))
            self._opposed[a].append((b, str(kind)))
            self._opposed[b].append((a, str(kind)))

    # --- per article -----------------------------------------------------------------------------------

    def claims_of(self, article_id: str) -> list[Mapping[str, Any]]:
        return self._claims.get(article_id, [])

    def words(self, article_id: str) -> int:
        article = self.articles.get(article_id, {})
        parts = (article.get("title"), article.get("text"))
        return sum(len(WORD.findall(part)) for part in parts if isinstance(part, str))

    def describe(self, article_id: str) -> str:
        """How a reader recognises an article without an outlet: its headline, else where it came from."""
        article = self.articles.get(article_id, {})
        for key in ("title", "source"):
            if isinstance(article.get(key), str) and article[key].strip():
                return str(article[key]).strip()[:120]
        return ""

    def day(self, article_id: str) -> Day | None:
        published = self.articles.get(article_id, {}).get("published")
        return parse_day(published.get("value")) if isinstance(published, Mapping) else None

    def framing(self, article_id: str) -> Mapping[str, Any] | None:
        found = self._framing.get(article_id)
        return found if isinstance(found, Mapping) else None

    def flagged(self, article_id: str, kinds: frozenset[str]) -> bool:
        return any(
            flag.get("kind") in kinds and article_id in _ids(flag.get("articles")) for flag in self._flags
        )

    # --- per claim -------------------------------------------------------------------------------------

    def carriers(self, claim_id: str) -> set[str]:
        """Articles carrying the claim's origin (its group's articles when it traces to no origin)."""
        found = self._origin_carriers.get(claim_id)
        if found:
            return set(found)
        return set(self._group_articles.get(self._group_of.get(claim_id, ""), set()))

    def disputed_by(self, claim_id: str, article_id: str) -> str:
        """'contradict grp_… (Outlet)' when another outlet's article carries an opposing group; else ''."""
        group_id = self._group_of.get(claim_id)
        for other, kind in self._opposed.get(group_id or "", []):
            for carrier in sorted(self._group_articles.get(other, set())):
                if carrier != article_id and self.other_article_outlet(carrier, article_id):
                    name = self.identity[carrier].name if carrier in self.identity else None
                    return f"{kind} by {other} ({name or 'unidentified outlet'})"
        return ""

    def other_outlet(self, name: str, article_id: str) -> bool:
        """Whether a cited outlet name is another outlet than the article's own."""
        cited = self.registry.by_name(name)
        key = cited.key if cited else Identity(name).key
        return key != self.identity.get(article_id, Identity(None)).key

    def other_article_outlet(self, other: str, article_id: str) -> bool:
        """Another outlet's article: an unidentified one counts as another outlet."""
        key = self.identity.get(other, Identity(None)).key
        return key is None or key != self.identity.get(article_id, Identity(None)).key

    # --- per group -------------------------------------------------------------------------------------

    def corroborated_groups(self, minimum: int) -> list[str]:
        return [group_id for group_id, count in self._independent.items() if count >= minimum]

    def group_articles(self, group_id: str) -> set[str]:
        return self._group_articles.get(group_id, set())

"""Framing records: how each article tells the story, every finding a span of that article's text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rashomon.model.claim import Field


@dataclass(frozen=True, slots=True)
class TechniqueSpan:
    """A propaganda technique (SemEval-2020 Task 11 inventory) found in an article's title or body."""

    article: str
    field: Field
    start: int
    end: int
    text: str
    technique: str  # PTC label, e.g. "Loaded_Language", "Name_Calling,Labeling"
    score: float


@dataclass(frozen=True, slots=True)
class ActWord:
    """One article's words for a central act ("drone strike", "assassination"), with where they stand."""

    article: str
    field: Field
    start: int
    end: int
    text: str
    term: str  # the normalised phrase the spectrum groups by ("drone strike")
    family: str  # the near-synonym group it falls in ("strike", "killing", "murder")
    loaded: float  # 0 neutral .. 1 loaded (see framing/lexicon.py)


@dataclass(frozen=True, slots=True)
class CentralAct:
    """An act the story turns on, and every article's words for it, neutral first."""

    id: str
    name: str  # the most neutral term used
    target: str | None  # the entity the act is done to, when there is one
    words: tuple[ActWord, ...]


@dataclass(frozen=True, slots=True)
class EntityLabels:
    """How each article describes one key entity: ``labels`` holds (article id, label text) pairs."""

    entity: str
    name: str
    labels: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Omission:
    """A claim group other articles report on an event this article covers, and this one does not."""

    article: str
    group: str
    weight: float  # centrality: articles and independent origins that carry the group
    carried_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArticleStance:
    """How an article treats a claim group: ``asserts``, ``hedges``, ``disputes`` or ``omits``."""

    article: str
    group: str
    stance: Literal["asserts", "hedges", "disputes", "omits"]
    claims: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Framing:
    acts: tuple[CentralAct, ...] = ()
    labels: tuple[EntityLabels, ...] = ()
    omissions: tuple[Omission, ...] = ()
    matrix: tuple[ArticleStance, ...] = ()

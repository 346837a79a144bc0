"""The batch that flows through the stages: one frozen record holding every artifact made so far.

Each field is an *artifact* that a stage may require or produce; stages return a new batch with
``dataclasses.replace``. Field names are the vocabulary of the stage contract.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from typing import Protocol, TypeVar

from rashomon.model import (
    Article,
    Attribution,
    Claim,
    ClaimGroup,
    Entity,
    EntityMention,
    InputOutcome,
    NewsEvent,
    RawDocument,
    Relation,
    Sentence,
    Source,
    Token,
)
from rashomon.model.flag import Flag
from rashomon.model.framing import Framing, TechniqueSpan
from rashomon.model.reuse import Reuse
from rashomon.model.timeline import TimelineEntry
from rashomon.model.vectors import ClaimVectors, SentenceVector, SpanVector


@dataclass(frozen=True, slots=True)
class Batch:
    sources: tuple[Source, ...] = ()
    inputs: tuple[InputOutcome, ...] = ()
    raw: tuple[RawDocument, ...] = ()
    articles: tuple[Article, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    mentions: tuple[EntityMention, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    sentence_vectors: tuple[SentenceVector, ...] = ()
    techniques: tuple[TechniqueSpan, ...] = ()
    span_vectors: tuple[SpanVector, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    vectors: ClaimVectors = field(default_factory=ClaimVectors)
    groups: tuple[ClaimGroup, ...] = ()
    reuse: tuple[Reuse, ...] = ()
    relations: tuple[Relation, ...] = ()
    events: tuple[NewsEvent, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    flags: tuple[Flag, ...] = ()
    framing: Framing = field(default_factory=Framing)


ARTIFACTS: frozenset[str] = frozenset(f.name for f in fields(Batch))


def only_made(batch: Batch, made: frozenset[str]) -> Batch:
    """The batch with every artifact outside ``made`` back at its empty default: what a worker that ran
    stages making ``made`` needs to send back (the caller has the rest; ``given_back`` restores it)."""
    empty = Batch()
    return replace(batch, **{name: getattr(empty, name) for name in ARTIFACTS - made})


def given_back(batch: Batch, given: Batch, made: frozenset[str]) -> Batch:
    """``only_made`` undone: every artifact outside ``made`` taken from ``given``, the batch the stages
    were given. A stage changes only what it declares it makes, so these are the records it had."""
    return replace(batch, **{name: getattr(given, name) for name in ARTIFACTS - made})


class OfArticle(Protocol):
    @property
    def article(self) -> str: ...


R = TypeVar("R", bound=OfArticle)


def by_article(records: Iterable[R]) -> defaultdict[str, list[R]]:
    """Records by the article they belong to, each article's in batch order (an article without
    records gets an empty list)."""
    found: defaultdict[str, list[R]] = defaultdict(list)
    for record in records:
        found[record.article].append(record)
    return found

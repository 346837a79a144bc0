"""The batch that flows through the stages: one frozen record holding every artifact made so far.

Each field is an *artifact* that a stage may require or produce; stages return a new batch with
``dataclasses.replace``. Field names are the vocabulary of the stage contract.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from rashomon.model import (
    Article,
    Claim,
    Entity,
    EntityMention,
    InputOutcome,
    RawDocument,
    Sentence,
    Source,
    Token,
)


@dataclass(frozen=True, slots=True)
class Batch:
    sources: tuple[Source, ...] = ()
    inputs: tuple[InputOutcome, ...] = ()
    raw: tuple[RawDocument, ...] = ()
    articles: tuple[Article, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    mentions: tuple[EntityMention, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()


ARTIFACTS: frozenset[str] = frozenset(f.name for f in fields(Batch))

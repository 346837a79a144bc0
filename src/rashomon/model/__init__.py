"""rashomon's own records. Third-party objects (spaCy docs, lxml trees) never leave their stage."""

from rashomon.model.article import (
    Article,
    InputOutcome,
    InputStatus,
    PublishedDate,
    RawDocument,
    Source,
)
from rashomon.model.attribution import Attribution
from rashomon.model.claim import ChainLink, Claim
from rashomon.model.entity import Entity, EntityLabel
from rashomon.model.group import ClaimGroup, NewsEvent, Origin, Relation
from rashomon.model.ids import content_id
from rashomon.model.text import EntityMention, Sentence, Token

__all__ = [
    "Article",
    "Attribution",
    "ChainLink",
    "Claim",
    "ClaimGroup",
    "Entity",
    "EntityLabel",
    "EntityMention",
    "InputOutcome",
    "InputStatus",
    "NewsEvent",
    "Origin",
    "PublishedDate",
    "RawDocument",
    "Relation",
    "Sentence",
    "Source",
    "Token",
    "content_id",
]

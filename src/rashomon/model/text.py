"""Linguistic records produced by the nlp stage: character offsets into ``Article.text``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    article: str
    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token:
    """One token with its parse. ``head`` is the article-wide index of the syntactic head."""

    article: str
    index: int
    start: int
    end: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sentence: int


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A named-entity span as the tagger found it (types are spaCy's: PERSON, ORG, GPE, ...)."""

    article: str
    start: int
    end: int
    text: str
    label: str

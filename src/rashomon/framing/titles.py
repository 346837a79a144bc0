"""Headlines parsed for framing: their act words and the entities they name.

The nlp stage parses bodies only. Headlines are short and often in Title Case, which the small English
model reads as a run of proper nouns ("Trump Ordered War Crime Murder of Top Iranian General"). So a
Title Case headline is parsed in sentence case: a word keeps its capital only when the article body
also writes it capitalised (names, "Iranian"), otherwise it is lowered. Lowering keeps every offset.
Entities are found in a headline by their names, aliases and the labels articles gave them ("top
Iranian general"), matched case-insensitively on word boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rashomon.framing.acts import Span
from rashomon.model import Article, Entity, Token
from rashomon.nlp.convert import doc_to_records

WORD = re.compile(r"[A-Za-z][\w’'-]*")
TITLE_CASE_SHARE = 0.6  # a headline with this share of capitalised words is Title Case (news style guides)
MIN_ALIAS_CHARS = 4  # shorter aliases ("US", "he") match too much of a headline


def sentence_case(title: str, body: str) -> str:
    words = WORD.findall(title)
    if not words or sum(w[0].isupper() for w in words) / len(words) < TITLE_CASE_SHARE:
        return title
    capitalised = set(re.findall(r"(?<![.!?]\s)\b[A-Z][\w’'-]*", body))

    def lower(match: re.Match[str]) -> str:
        word = match.group()
        keep = match.start() == 0 or word in capitalised or word.isupper()
        return word if keep else word.lower()

    return WORD.sub(lower, title)


def title_spans(title: str, article: str, entities: Sequence[Entity]) -> list[Span]:
    """Where the headline names an entity: names, aliases, or a label some article gave it."""
    found: list[Span] = []
    lowered = title.lower()
    for entity in entities:
        phrases = {entity.name, *entity.aliases, *(label.text for label in entity.labels)}
        for phrase in phrases:
            wanted = phrase.lower()
            # A plain substring test first: most phrases are not in a given headline, and compiling a
            # pattern for each (headlines x every entity's phrases) was 13% of a 40-article run.
            if len(phrase) < MIN_ALIAS_CHARS or wanted not in lowered:
                continue
            pattern = r"(?<!\w)" + re.escape(wanted) + r"(?!\w)"
            found += [(m.start(), m.end(), entity.id, entity.type) for m in re.finditer(pattern, lowered)]
    return found


def parse_titles(
    articles: Sequence[Article], entities: Sequence[Entity], nlp: Any
) -> dict[str, tuple[list[Token], list[Span]]]:
    """Article id -> the headline's tokens (offsets into the headline) and the entity spans in it."""
    titled = [a for a in articles if a.title]
    texts = [sentence_case(a.title or "", a.text) for a in titled]
    parsed: dict[str, tuple[list[Token], list[Span]]] = {}
    for article, doc in zip(titled, nlp.pipe(texts), strict=True):
        _, tokens, _ = doc_to_records(article.id, doc, with_entities=False)
        parsed[article.id] = (tokens, title_spans(article.title or "", article.id, entities))
    return parsed

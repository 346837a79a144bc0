"""spaCy ``Doc`` → rashomon records. The Doc stops here: nothing downstream imports spaCy.

A token's lemma and labels are interned: spaCy hands out a new string on every access, and a run keeps
every token of every article, so "the", "DT" and "det" would otherwise be stored once per token.
"""

from __future__ import annotations

from sys import intern
from typing import Any

from rashomon.model import EntityMention, Sentence, Token


def doc_to_records(
    article_id: str, doc: Any, *, with_entities: bool = True
) -> tuple[list[Sentence], list[Token], list[EntityMention]]:
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    sentence_of: dict[int, int] = {}
    for index, sent in enumerate(doc.sents):
        sentences.append(Sentence(article_id, index, sent.start_char, sent.end_char))
        for token in sent:
            sentence_of[token.i] = index
    for token in doc:
        tokens.append(
            Token(
                article=article_id,
                index=token.i,
                start=token.idx,
                end=token.idx + len(token.text),
                lemma=intern(token.lemma_),
                pos=intern(token.pos_),
                tag=intern(token.tag_),
                dep=intern(token.dep_),
                head=token.head.i,
                sentence=sentence_of.get(token.i, 0),
            )
        )
    mentions = (
        [
            EntityMention(article_id, ent.start_char, ent.end_char, ent.text, intern(ent.label_))
            for ent in doc.ents
        ]
        if with_entities
        else []
    )
    return sentences, tokens, mentions

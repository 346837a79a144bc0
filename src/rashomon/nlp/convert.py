"""spaCy ``Doc`` → rashomon records. The Doc stops here: nothing downstream imports spaCy.

A token's lemma and labels are interned: spaCy hands out a new string on every access, and a run keeps
every token of every article, so "the", "DT" and "det" would otherwise be stored once per token.
"""

from __future__ import annotations

import re
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
            EntityMention(article_id, start, end, doc.text[start:end], intern(ent.label_))
            for ent in doc.ents
            for start, end in name_spans(doc.text, ent.start_char, ent.end_char)
        ]
        if with_entities
        else []
    )
    return sentences, tokens, mentions


_LINE_BREAK = re.compile(r"\s*\n\s*")
_LETTER = re.compile(r"[^\W\d_]")


def name_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An entity span as the names it holds. The model runs a name over a paragraph break when a sentence
    ends in an abbreviation ("... in Washington D.C.\n\nU.S. Capitol Police have"): each line is a name of
    its own. An editor's brackets inside a quotation ("[special counsel Robert] Mueller's") leave the part
    after the bracket, the surname. Pieces without a letter are no names."""
    pieces: list[tuple[int, int]] = []
    first = start
    for match in _LINE_BREAK.finditer(text, start, end):
        pieces.append((first, match.start()))
        first = match.end()
    pieces.append((first, end))
    found = []
    for low, high in pieces:
        bracket = max(text.rfind("]", low, high), text.rfind("[", low, high))
        if bracket >= 0:
            low = bracket + 1
            while low < high and text[low].isspace():
                low += 1
        if high - low >= 2 and _LETTER.search(text, low, high):
            found.append((low, high))
    return found

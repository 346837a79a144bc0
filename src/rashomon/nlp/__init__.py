"""Stage 3, nlp: spaCy's sentences, tokens, parse and entities, converted to rashomon records."""

from rashomon.nlp.convert import doc_to_records
from rashomon.nlp.model import load_spacy
from rashomon.nlp.stage import NlpStage

__all__ = ["NlpStage", "doc_to_records", "load_spacy"]

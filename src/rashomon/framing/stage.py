"""The framing stage: how each article tells the story, every finding pointing at its words.

Labels for the key entities side by side, the words each article uses for the story's central act on
a neutral-to-loaded axis, omissions weighted by centrality, headlines that assert what the body hedges
(added to ``flags``), and the article x claim-group matrix (asserts / hedges / disputes / omits).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from typing import Any, ClassVar

import numpy as np

from rashomon.framing.acts import MIN_ARTICLES, Candidate, assemble, central_acts
from rashomon.framing.corrections import corrections
from rashomon.framing.event_acts import assemble_event, event_candidates, scored
from rashomon.framing.headlines import overstating_headlines
from rashomon.framing.labels import entity_labels
from rashomon.framing.loadedness import LoadednessAxis
from rashomon.framing.matrix import stance_matrix
from rashomon.framing.omissions import omissions
from rashomon.framing.titles import parse_titles
from rashomon.model.framing import CentralAct, Framing
from rashomon.pipeline import Advance, BaseStage, Batch


class FramingStage(BaseStage):
    name: ClassVar[str] = "framing"
    requires: ClassVar[frozenset[str]] = frozenset(
        {"articles", "tokens", "entities", "claims", "vectors", "groups", "relations", "events", "flags"}
    )
    produces: ClassVar[frozenset[str]] = frozenset({"framing", "flags"})
    version: ClassVar[str] = "4"  # 4: bare surnames come from the entities stage; 3: longer event phrases

    _encoder: Any = None
    _nlp: Any = None

    def __init__(self, config: Any, encoder: Any = None, nlp: Any = None) -> None:
        super().__init__(config)
        self._encoder, self._nlp = encoder, nlp
        self._word_vectors: dict[str, Any] = {}
        self._axis: LoadednessAxis | None = None

    def warm_up(self) -> None:
        from rashomon.nlp.embeddings import load_minilm
        from rashomon.nlp.model import load_spacy

        self._encoder = self._encoder or load_minilm()
        self._nlp = self._nlp or load_spacy(self.config.spacy_model, self.config.limits.max_article_chars + 1)

    def units(self, batch: Batch) -> int:
        return 1

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        if self._encoder is None or self._nlp is None:
            self.warm_up()
        titles = parse_titles(batch.articles, batch.entities, self._nlp)
        candidates = central_acts(batch.articles, batch.tokens, batch.entities, titles)
        if self._axis is None:
            self._axis = LoadednessAxis(self._encoder)
        axis = self._axis
        terms = sorted({c.term for c in candidates})
        scores = dict(zip(terms, axis.scores(terms), strict=True))
        acts = assemble(candidates, batch.entities, scores, _group_at(batch), self._similar)
        # The event itself, found through its place, when no act is done to anyone ("an explosion") or
        # when the act found reaches fewer articles (one victim's injuries beside a bombing all report).
        # Its words are scored only when it is chosen (a story of one article has neither act).
        if len(batch.articles) >= MIN_ARTICLES:
            events = event_candidates(batch.articles, batch.tokens, batch.entities, titles)
            self._embed_words({c.family for c in events})  # one MiniLM batch, not one call per pair
            event = assemble_event(events, batch.entities, scores, self._similar)
            if event and (not acts or _reach(event[0]) > _reach(acts[0])):
                fresh = sorted({w.term for w in event[0].words} - scores.keys())
                scores.update(zip(fresh, axis.scores(fresh), strict=True))
                acts = [scored(event[0], scores)]
        omitted = omissions(batch.articles, batch.claims, batch.groups, batch.relations, batch.events)
        framing = Framing(
            acts=tuple(acts),
            labels=tuple(entity_labels(batch.entities)),
            omissions=tuple(omitted),
            matrix=tuple(stance_matrix(batch.claims, batch.groups, batch.relations, omitted)),
        )
        flags = [
            *overstating_headlines(batch.articles, batch.claims, batch.vectors),
            *corrections(batch.articles, batch.claims),
        ]
        advance(1)
        return replace(batch, framing=framing, flags=(*batch.flags, *flags))

    def _embed_words(self, words: set[str]) -> None:
        missing = sorted(words - self._word_vectors.keys())
        if missing:
            found = self._encoder.encode(missing, normalize_embeddings=True, show_progress_bar=False)
            self._word_vectors.update(zip(missing, np.asarray(found, dtype=np.float32), strict=True))

    def _similar(self, a: str, b: str) -> float:
        """Cosine of two act words; each word is embedded once per process."""
        missing = [w for w in (a, b) if w not in self._word_vectors]
        if missing:
            found = self._encoder.encode(missing, normalize_embeddings=True, show_progress_bar=False)
            self._word_vectors.update(zip(missing, np.asarray(found, dtype=np.float32), strict=True))
        return float(self._word_vectors[a] @ self._word_vectors[b])


def _reach(act: CentralAct) -> int:
    return len({word.article for word in act.words})


def _group_at(batch: Batch) -> Callable[[Candidate], str | None]:
    """The claim group of the claim whose span holds an act word (headline words: the headline claim)."""
    group_of = {claim: group.id for group in batch.groups for claim in group.claims}
    spans: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
    for claim in batch.claims:  # indexed by article and field: a candidate never scans the run's claims
        spans[(claim.article, claim.field)].append((claim.start, claim.end, claim.id))

    def at(candidate: Candidate) -> str | None:
        for start, end, claim in spans.get((candidate.article, candidate.field), ()):
            if start <= candidate.start < end:
                return group_of.get(claim)
        return None

    return at

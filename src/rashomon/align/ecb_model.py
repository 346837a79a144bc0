"""The ECB+ event coreference model: which event mentions of one story refer to the same event.

The claim-level model (``features.py`` over ``Mention`` slots) sees one vector per sentence and cannot
tell two events of one sentence apart; on ECB+ its clustering scored 70.5 CoNLL F1 on dev, below the
same-head-lemma baseline (71.4). This model scores a pair of event mentions with what the event
coreference literature found to matter (Cybulska & Vossen 2015; Barhom et al. 2019; Cattan et al. 2021):

* the trigger: the same lemma (the baseline's whole signal), a shared stem, and the cosine of the
  triggers' *contextual* MiniLM states (the trigger's own word pieces inside its sentence, so "killed"
  in "the quake killed 3" and "the fire killed 3" differ);
* the sentence: MiniLM cosine, named-entity Jaccard, same document / same sentence;
* the documents: the story model's sub-topic probability (ECB+ pairs every event with a look-alike:
  two earthquakes, two rehab check-ins), TF-IDF and lead cosines, the documents' dates agreeing
  (same month) or conflicting (other year or months apart);
* products of the trigger evidence with the document evidence: the same lemma in one sub-topic is
  strong, the same lemma across sub-topics is weak.

A logistic regression over these (``ecb_model.json``, fitted by ``python -m rashomon.align.ecb_train``)
gives the pair probability; mentions are grouped by average-link agglomeration over the full pair matrix
of a story (stories hold at most a few hundred mentions) at the cut chosen by cross-validation over the
training topics.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from rashomon.align.features import _same_stem
from rashomon.align.mention import Mention
from rashomon.align.stories import (
    Encoder,
    StoryDocument,
    average_link,
    probability_matrix,
    read_story_model,
    similarities,
)
from rashomon.errors import DataError

Matrix = npt.NDArray[np.float64]
EVENT_MODEL_PATH = Path(__file__).with_name("ecb_model.json")

# The order is the order of the weights in ecb_model.json.
EVENT_FEATURES: tuple[str, ...] = (
    "lemma_same",
    "lemma_stem",
    "trigger_cosine",
    "sentence_cosine",
    "trigger_cosine_high",
    "entity_jaccard",
    "same_document",
    "same_sentence",
    "subtopic_probability",
    "document_tfidf",
    "document_lead",
    "lemma_same_x_subtopic",
    "trigger_cosine_x_subtopic",
    "lemma_same_x_trigger_cosine",
    "lemma_same_x_same_document",
    "document_date_agree",
    "document_date_conflict",
)
# Contextual trigger states of unrelated events still sit around 0.3-0.5 cosine.
TRIGGER_HINGE = 0.5


@dataclass(frozen=True, slots=True)
class EventMentionView:
    """What the event model needs of one mention beyond its ``Mention`` slots."""

    mention: Mention
    sentence: int  # sentence number inside its document
    trigger: npt.NDArray[np.float32]  # contextual MiniLM state of the trigger, L2-normalised
    document_date: str | None  # "YYYY-MM-DD" when the document gives one


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """Document-by-document evidence for one story: index per document name, the story model's sub-topic
    probabilities, and the word TF-IDF and lead MiniLM cosines."""

    index: Mapping[str, int]
    subtopic: Matrix
    tfidf: Matrix
    lead: Matrix


@dataclass(frozen=True, slots=True)
class EventModel:
    weights: npt.NDArray[np.float64]
    bias: float
    threshold: float
    record: dict[str, object]

    def probability_matrix(self, features: Matrix) -> Matrix:
        """``features`` is (n, n, len(EVENT_FEATURES)); returns the symmetric (n, n) probabilities."""
        logits = features @ self.weights + self.bias
        probabilities = 1.0 / (1.0 + np.exp(-logits))
        return np.asarray((probabilities + probabilities.T) / 2, dtype=np.float64)

    def to_json(self) -> dict[str, object]:
        return {
            "features": list(EVENT_FEATURES),
            "weights": [round(float(w), 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "threshold": self.threshold,
            **self.record,
        }


def read_event_model(path: Path = EVENT_MODEL_PATH) -> EventModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DataError(
            f"the ECB+ event model '{path}' is missing or unreadable: {error}",
            hint="run python -m rashomon.align.ecb_train --data <ecbplus> --out " + str(path),
        ) from error
    if tuple(data.get("features", ())) != EVENT_FEATURES:
        raise DataError(
            f"the ECB+ event model '{path}' was fitted on other features",
            hint="retrain it with python -m rashomon.align.ecb_train",
        )
    record = {k: v for k, v in data.items() if k not in {"features", "weights", "bias", "threshold"}}
    return EventModel(
        np.asarray(data["weights"], dtype=np.float64), float(data["bias"]), float(data["threshold"]), record
    )


@lru_cache(maxsize=1)
def default_event_model() -> EventModel:
    return read_event_model()


def document_context(documents: Sequence[StoryDocument], encode: Encoder | None = None) -> DocumentContext:
    """The story model's view of a set of documents (one story, or one gold topic)."""
    matrices = similarities(documents, encode)
    subtopic = probability_matrix(matrices, read_story_model().subtopic)
    return DocumentContext(
        {document.key: i for i, document in enumerate(documents)}, subtopic, matrices[0], matrices[3]
    )


def feature_tensor(views: Sequence[EventMentionView], context: DocumentContext) -> Matrix:
    """(n, n, len(EVENT_FEATURES)) features of every ordered pair of ``views`` (all in ``context``)."""
    n = len(views)
    mentions = [view.mention for view in views]
    documents = np.array([context.index[m.document] for m in mentions], dtype=np.intp)
    triggers = np.stack([view.trigger for view in views]).astype(np.float64)
    sentences = np.stack([m.embedding for m in mentions]).astype(np.float64)
    trigger_cosine = np.clip(triggers @ triggers.T, 0.0, 1.0)
    sentence_cosine = np.clip(sentences @ sentences.T, 0.0, 1.0)
    lemmas = [m.predicate for m in mentions]
    lemma_same = np.array([[float(a is not None and a == b) for b in lemmas] for a in lemmas])
    lemma_stem = np.array([[float(a != b and _same_stem(a, b)) for b in lemmas] for a in lemmas])
    same_document = (documents[:, None] == documents[None, :]).astype(np.float64)
    places = [(m.document, view.sentence) for m, view in zip(mentions, views, strict=True)]
    same_sentence = np.array([[float(a == b) for b in places] for a in places])
    entity_jaccard = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            union = len(mentions[i].entities | mentions[j].entities)
            if union:
                entity_jaccard[i, j] = entity_jaccard[j, i] = (
                    len(mentions[i].entities & mentions[j].entities) / union
                )
    grid = np.ix_(documents, documents)
    subtopic, tfidf, lead = context.subtopic[grid], context.tfidf[grid], context.lead[grid]
    date_agree, date_conflict = _date_matrices([view.document_date for view in views])
    columns = (
        lemma_same,
        lemma_stem,
        trigger_cosine,
        sentence_cosine,
        np.maximum(trigger_cosine - TRIGGER_HINGE, 0.0),
        entity_jaccard,
        same_document,
        same_sentence,
        subtopic,
        tfidf,
        lead,
        lemma_same * subtopic,
        trigger_cosine * subtopic,
        lemma_same * trigger_cosine,
        lemma_same * same_document,
        date_agree,
        date_conflict,
    )
    return np.stack(columns, axis=-1)


def cluster_events(
    views: Sequence[EventMentionView], context: DocumentContext, model: EventModel | None = None
) -> list[int]:
    """A cluster label per view: average-link agglomeration stopped at the model's cut."""
    if not views:
        return []
    model = model or default_event_model()
    probabilities = model.probability_matrix(feature_tensor(views, context))
    return average_link(probabilities, model.threshold)


def _date_matrices(dates: Sequence[str | None]) -> tuple[Matrix, Matrix]:
    """Same month -> agree; another year or more than a month apart -> conflict; unknown -> neither."""
    n = len(dates)
    agree, conflict = np.zeros((n, n)), np.zeros((n, n))
    for i, a in enumerate(dates):
        for j, b in enumerate(dates):
            if not a or not b:
                continue
            if a[:7] == b[:7]:
                agree[i, j] = 1.0
            elif a[:4] != b[:4] or abs(int(a[5:7]) - int(b[5:7])) > 1:
                conflict[i, j] = 1.0
    return agree, conflict

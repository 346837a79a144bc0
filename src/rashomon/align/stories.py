"""Grouping articles into stories (topics) and, inside each, into the distinct seminal events (sub-topics).

Two news articles are compared on five document-level similarities: TF-IDF over all words, over names
(capitalised tokens and years), over common words (the event's kind: "rehab", "quake"), MiniLM of the lead,
and MiniLM of the lead with names and numbers masked (the kind of event, whoever it happened to). A logistic
model per level (``stories.json``, fitted on the ECB+ training topics by ``python -m rashomon.align.train``)
turns them into a probability; average-link clustering cuts at the calibrated threshold, first into topics,
then each topic into sub-topics.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.errors import DataError

STORIES_PATH = Path(__file__).with_name("stories.json")
Encoder = Callable[[list[str]], npt.NDArray[np.float32]]
Matrix = npt.NDArray[np.float64]

SIMILARITIES = ("words", "names", "common", "lead", "lead_masked")
# Similarity above which the hinge features switch on: document cosines of unrelated news sit below ~0.3.
HINGE = 0.3
LEAD_SENTENCES = 5
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d+")
_URL = re.compile(r"^\s*https?\s*:", re.IGNORECASE)
STOPWORDS = frozenset(
    "the a an and or but of to in on at for from by with as is are was were be been has have had it its "
    "this that these those he she they his her their them we our you your i not no said says say will "
    "would could can may after before over into about than then there which who whom what when where "
    "while also more one two new".split()
)


@dataclass(frozen=True, slots=True)
class StoryDocument:
    """One article as story clustering reads it: its sentences (title first when known)."""

    key: str
    sentences: tuple[str, ...]

    @property
    def body(self) -> tuple[str, ...]:
        # ECB+ keeps the source URL as sentence 0 of its newer documents only: an artefact, not content.
        return tuple(s for s in self.sentences if not _URL.match(s))


@dataclass(frozen=True, slots=True)
class LevelModel:
    weights: npt.NDArray[np.float64]
    bias: float
    threshold: float


@dataclass(frozen=True, slots=True)
class StoryModel:
    topic: LevelModel
    subtopic: LevelModel
    record: dict[str, object]

    def to_json(self) -> dict[str, object]:
        def level(model: LevelModel) -> dict[str, object]:
            weights = [round(float(w), 6) for w in model.weights]
            return {"weights": weights, "bias": round(model.bias, 6), "threshold": model.threshold}

        return {
            "features": list(feature_names()),
            "topic": level(self.topic),
            "subtopic": level(self.subtopic),
            **self.record,
        }


def feature_names() -> tuple[str, ...]:
    return (*SIMILARITIES, *(f"{name}_above_{HINGE}" for name in SIMILARITIES))


def read_story_model(path: Path = STORIES_PATH) -> StoryModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DataError(
            f"the story model '{path}' is missing or unreadable: {error}",
            hint="run python -m rashomon.align.train",
        ) from error

    def level(value: dict[str, object]) -> LevelModel:
        weights = value["weights"]
        assert isinstance(weights, list)
        return LevelModel(
            np.asarray(weights, dtype=np.float64), float(str(value["bias"])), float(str(value["threshold"]))
        )

    record = {k: v for k, v in data.items() if k not in {"features", "topic", "subtopic"}}
    return StoryModel(level(data["topic"]), level(data["subtopic"]), record)


def similarities(documents: Sequence[StoryDocument], encode: Encoder | None = None) -> list[Matrix]:
    """The five document-by-document similarity matrices, in ``SIMILARITIES`` order."""
    encode = encode or minilm
    bodies = [" ".join(d.body) for d in documents]
    leads = [" ".join(d.body[:LEAD_SENTENCES]) for d in documents]
    words = [[w.lower() for w in _WORD.findall(text) if w.lower() not in STOPWORDS] for text in bodies]
    names = [
        [w for w in _WORD.findall(text) if w[0].isupper() or re.fullmatch(r"\d{4}", w)] for text in bodies
    ]
    common = [[w for w in _WORD.findall(text) if w[0].islower() and w not in STOPWORDS] for text in bodies]
    lead_vectors = encode(leads).astype(np.float64)
    masked_vectors = encode([_mask_names(lead) for lead in leads]).astype(np.float64)
    return [
        _cosines(_tfidf(words)),
        _cosines(_tfidf(names)),
        # Words in one document only or in more than 30% of them say nothing of the kind of event.
        _cosines(_tfidf(common, min_df=2, max_share=0.3)),
        lead_vectors @ lead_vectors.T,
        masked_vectors @ masked_vectors.T,
    ]


def pair_design(
    matrices: Sequence[Matrix], rows: npt.NDArray[np.intp], columns: npt.NDArray[np.intp]
) -> Matrix:
    values = [m[rows, columns] for m in matrices]
    return np.stack(values + [np.maximum(v - HINGE, 0.0) for v in values], axis=1)


def probability_matrix(matrices: Sequence[Matrix], model: LevelModel) -> Matrix:
    n = matrices[0].shape[0]
    rows, columns = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    logits = pair_design(matrices, rows.ravel(), columns.ravel()) @ model.weights + model.bias
    return np.asarray(1.0 / (1.0 + np.exp(-logits)), dtype=np.float64).reshape(n, n)


def average_link(probabilities: Matrix, threshold: float) -> list[int]:
    """Cluster labels: average-link agglomeration stopped where the mean probability falls below threshold."""
    n = probabilities.shape[0]
    if n < 2:
        return [0] * n
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distance = 1.0 - (probabilities + probabilities.T) / 2
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(np.clip(distance, 0.0, None), checks=False), method="average")
    labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
    return [int(label) - 1 for label in labels]


def cluster_stories(
    documents: Sequence[StoryDocument], model: StoryModel | None = None, encode: Encoder | None = None
) -> list[tuple[int, int]]:
    """(topic, sub-topic) labels per document; sub-topic labels are unique across topics."""
    model = model or read_story_model()
    matrices = similarities(documents, encode)
    topics = average_link(probability_matrix(matrices, model.topic), model.topic.threshold)
    subtopic_p = probability_matrix(matrices, model.subtopic)
    labels = [(t, 0) for t in topics]
    next_label = 0
    for topic in sorted(set(topics)):
        members = np.array([i for i, t in enumerate(topics) if t == topic])
        inner = average_link(subtopic_p[np.ix_(members, members)], model.subtopic.threshold)
        for position, index in enumerate(members.tolist()):
            labels[index] = (topic, next_label + inner[position])
        next_label += max(inner) + 1
    return labels


def _mask_names(text: str) -> str:
    """Drop capitalised words (after the first) and numbers: what is left names the kind of event."""
    kept = [
        w
        for k, w in enumerate(text.split())
        if not (k > 0 and w[:1].isupper()) and not re.fullmatch(r"[\d.,:/-]+", w)
    ]
    return " ".join(kept)


def _tfidf(documents: Sequence[Sequence[str]], min_df: int = 1, max_share: float = 1.0) -> Any:
    """Sublinear TF times smoothed IDF, L2-normalised rows, as a sparse matrix."""
    from scipy.sparse import csr_matrix

    frequency = Counter(term for doc in documents for term in set(doc))
    limit = max_share * len(documents)
    vocabulary = {
        t: i for i, t in enumerate(sorted(t for t, df in frequency.items() if min_df <= df <= limit))
    }
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    for row, doc in enumerate(documents):
        weights = {
            vocabulary[term]: (1 + math.log(count))
            * (math.log((1 + len(documents)) / (1 + frequency[term])) + 1)
            for term, count in Counter(t for t in doc if t in vocabulary).items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        for column, weight in weights.items():
            rows.append(row)
            columns.append(column)
            values.append(weight / norm)
    return csr_matrix((values, (rows, columns)), shape=(len(documents), max(len(vocabulary), 1)))


def _cosines(matrix: Any) -> Matrix:
    return np.asarray((matrix @ matrix.T).toarray(), dtype=np.float64)


def minilm(texts: list[str]) -> npt.NDArray[np.float32]:
    from rashomon.nlp.embeddings import load_minilm

    vectors = load_minilm().encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)

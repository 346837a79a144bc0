"""The calibrated same-claim probability: a logistic regression over ``pair_features``.

The weights live in ``model.json`` beside this module (plain JSON, no pickle), written by
``python -m rashomon.align.train``; the file also records the threshold the clusterer uses and a
fingerprint of the data it was fitted on.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from rashomon.align.features import FEATURE_NAMES, pair_features
from rashomon.align.mention import Mention
from rashomon.errors import DataError

MODEL_PATH = Path(__file__).with_name("model.json")
# Used only before a model has been trained (by the training command itself): an even-odds cut.
UNTRAINED_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class PairModel:
    """Logistic weights over ``FEATURE_NAMES`` and the merge threshold calibrated with them."""

    weights: npt.NDArray[np.float64]
    bias: float
    threshold: float
    record: dict[str, object]

    def probability(self, features: dict[str, float]) -> float:
        vector = np.fromiter((features[name] for name in FEATURE_NAMES), dtype=np.float64)
        return _sigmoid(float(vector @ self.weights) + self.bias)

    def probabilities(self, matrix: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        logits = matrix @ self.weights + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-logits)), dtype=np.float64)

    def to_json(self) -> dict[str, object]:
        return {
            "features": list(FEATURE_NAMES),
            "weights": [round(float(w), 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "threshold": self.threshold,
            **self.record,
        }


def read_model(path: Path = MODEL_PATH) -> PairModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DataError(
            f"the alignment model '{path}' is missing or unreadable: {error}",
            hint="run python -m rashomon.align.train --data <ecbplus> --out " + str(path),
        ) from error
    names = tuple(data["features"])
    if names != FEATURE_NAMES:
        raise DataError(
            f"the alignment model '{path}' was trained on other features ({', '.join(names)})",
            hint="retrain it with python -m rashomon.align.train",
        )
    record = {k: v for k, v in data.items() if k not in {"features", "weights", "bias", "threshold"}}
    return PairModel(
        np.asarray(data["weights"], dtype=np.float64), float(data["bias"]), data["threshold"], record
    )


@lru_cache(maxsize=1)
def default_model() -> PairModel:
    return read_model()


def calibrated_threshold() -> float:
    """The shipped model's merge threshold, or an even-odds cut when no model has been trained yet."""
    try:
        return float(default_model().threshold)
    except DataError:
        return UNTRAINED_THRESHOLD


def same_probability(a: Mention, b: Mention, model: PairModel | None = None) -> float:
    """The calibrated probability (0..1) that ``a`` and ``b`` assert the same thing / mention one event."""
    return (model or default_model()).probability(pair_features(a, b))


def feature_matrix(pairs: Iterable[tuple[Mention, Mention]]) -> npt.NDArray[np.float64]:
    rows = [
        [features[name] for name in FEATURE_NAMES] for features in (pair_features(a, b) for a, b in pairs)
    ]
    return np.asarray(rows, dtype=np.float64).reshape(-1, len(FEATURE_NAMES))


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)

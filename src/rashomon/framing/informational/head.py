"""A class-weighted, L2-regularised logistic regression over standardised features, fitted with L-BFGS.

Logistic regression, not an MLP: with ~6,000 sentences and ~960 positives a linear head over frozen
vectors is what the data supports, and L-BFGS on a convex loss is deterministic (no seed to choose).
Positives are up-weighted to balance the classes, so probabilities are not calibrated: the decision
threshold is chosen on cross-validated predictions instead (``train.choose_threshold``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy.optimize import minimize

Matrix = npt.NDArray[np.float32]
Vector = npt.NDArray[np.float64]


@dataclass(frozen=True)
class LogisticHead:
    mean: Matrix
    scale: Matrix
    weights: Vector
    bias: float

    def probabilities(self, features: Matrix) -> Vector:
        x = ((features - self.mean) / self.scale).astype(np.float64)
        z = np.clip(x @ self.weights + self.bias, -30.0, 30.0)
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)

    def arrays(self, prefix: str) -> dict[str, npt.NDArray[np.float32]]:
        return {
            f"{prefix}mean": self.mean.astype(np.float32),
            f"{prefix}scale": self.scale.astype(np.float32),
            f"{prefix}weights": self.weights.astype(np.float32),
            f"{prefix}bias": np.array([self.bias], dtype=np.float32),
        }

    @classmethod
    def from_arrays(cls, stored: dict[str, npt.NDArray[np.float32]], prefix: str) -> LogisticHead:
        return cls(
            mean=stored[f"{prefix}mean"],
            scale=stored[f"{prefix}scale"],
            weights=stored[f"{prefix}weights"].astype(np.float64),
            bias=float(stored[f"{prefix}bias"][0]),
        )


def _loss(params: Vector, x: Vector, y: Vector, sample: Vector, penalty: float) -> tuple[float, Vector]:
    w, b = params[:-1], params[-1]
    z = x @ w + b
    # log(1 + e^z) - y z, computed stably; its gradient is (sigmoid(z) - y).
    loss = np.logaddexp(0.0, z) - y * z
    residual = sample * (1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))) - y)
    total = float(sample @ loss) + 0.5 * penalty * float(w @ w)
    grad = np.concatenate([x.T @ residual + penalty * w, [residual.sum()]])
    return total, grad


def fit_logistic(features: Matrix, labels: npt.ArrayLike, penalty: float) -> LogisticHead:
    """Balanced-class logistic regression; ``penalty`` is the L2 weight on the summed (not mean) loss."""
    y = np.asarray(labels, dtype=np.float64)
    mean = features.mean(axis=0)
    scale = np.maximum(features.std(axis=0), 1e-6).astype(np.float32)
    x = ((features - mean) / scale).astype(np.float64)
    positives = max(float(y.sum()), 1.0)
    negatives = max(float(len(y) - y.sum()), 1.0)
    sample = np.where(y > 0, len(y) / (2 * positives), len(y) / (2 * negatives))
    start = np.zeros(x.shape[1] + 1)
    result = minimize(
        _loss, start, args=(x, y, sample, penalty), jac=True, method="L-BFGS-B", options={"maxiter": 500}
    )
    params = np.asarray(result.x, dtype=np.float64)
    return LogisticHead(mean.astype(np.float32), scale, params[:-1], float(params[-1]))


def save_arrays(path: Path, arrays: dict[str, npt.NDArray[np.float32]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]

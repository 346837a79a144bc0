"""L2-regularised logistic regression fitted by Newton's method: deterministic, numpy only."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def fit_logistic(
    x: FloatArray, y: FloatArray, l2: float = 1.0, iterations: int = 50
) -> tuple[FloatArray, float]:
    """Weights and bias maximising the penalised log-likelihood (the bias is not penalised)."""
    rows, columns = x.shape
    design = np.hstack([x, np.ones((rows, 1))])
    theta = np.zeros(columns + 1)
    penalty = np.full(columns + 1, l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(design @ theta)))
        gradient = design.T @ (p - y) + penalty * theta
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty) + 1e-9 * np.eye(columns + 1)
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return theta[:-1], float(theta[-1])

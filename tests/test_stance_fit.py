"""The deterministic L2-regularised softmax regression (``HeadParams.l2_c``) that Emergent's head uses."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.relate.stance.fit import HeadParams, train_networks


def _data() -> tuple[np.ndarray, list[int]]:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(90, 5)).astype(np.float32)
    y = [int(i) for i in np.argmax(x[:, :3] + 0.5 * rng.normal(size=(90, 3)), axis=1)]
    return x, y


def test_regularised_head_is_deterministic_and_one_network() -> None:
    pytest.importorskip("torch")
    x, y = _data()
    params = HeadParams(hidden=0, l2_c=0.1, seeds=(0, 1, 2))
    first, second = train_networks(x, y, 3, params), train_networks(x, y, 3, params)
    assert len(first) == 1  # seeds play no part: the optimum is unique
    assert np.array_equal(first[0].weights[0], second[0].weights[0])
    assert first[0].weights[0].shape == (5, 3) and first[0].biases[0].shape == (3,)


def test_regularised_head_sits_at_the_penalised_optimum() -> None:
    pytest.importorskip("torch")
    x, y = _data()
    c = 0.1
    network = train_networks(x, y, 3, HeadParams(hidden=0, l2_c=c))[0]
    w, b = network.weights[0].astype(np.float64), network.biases[0].astype(np.float64)
    z = x @ w + b
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    residual = p - np.eye(3)[y]
    assert np.abs(x.T @ residual + w / c).max() < 1e-3  # gradient of sum CE + |W|^2 / 2C vanishes
    assert np.abs(residual.sum(axis=0)).max() < 1e-3  # bias unpenalised
    weaker = train_networks(x, y, 3, HeadParams(hidden=0, l2_c=10.0))[0]
    assert np.linalg.norm(weaker.weights[0]) > np.linalg.norm(network.weights[0])
    # the stored network predicts with the training labels better than chance
    assert (z.argmax(axis=1) == np.asarray(y)).mean() > 0.6


def test_regularised_head_needs_a_softmax_regression() -> None:
    pytest.importorskip("torch")
    x, y = _data()
    with pytest.raises(ValueError, match="softmax regression"):
        train_networks(x, y, 3, HeadParams(hidden=8, l2_c=0.1))

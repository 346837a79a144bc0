"""Training the head: a seeded MLP, or an L2-regularised softmax regression, over standardised features.

torch is only needed here; inference runs on the exported numpy arrays (``head.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

import numpy as np

from rashomon.relate.stance.head import Array, Network

if TYPE_CHECKING:
    import torch


@dataclass(frozen=True)
class HeadParams:
    """Hyper-parameters; defaults per task are set (and justified) in ``train.py``."""

    hidden: int = 128  # 0: softmax regression
    epochs: int = 20
    learning_rate: float = 1e-3
    weight_decay: float = 1e-4
    dropout: float = 0.3
    batch_size: int = 128
    seeds: tuple[int, ...] = (0,)
    class_weight_power: float = 0.0  # loss weight per class: (pairs / class pairs) ** power, 0 = unweighted
    # > 0 (softmax regression only): fit by full-batch L-BFGS, minimising the summed cross-entropy plus
    # ||W||^2 / (2 C), scikit-learn's LogisticRegression(C) objective. Deterministic: no seeds, no epochs.
    l2_c: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def standardiser(x: Array, dense_columns: int) -> tuple[Array, Array]:
    """Mean and scale per column. Hand-crafted columns get unit variance; embedding and bag-of-words
    columns keep their geometry (one shared scale), so rare words are not blown up."""
    mean = x.mean(axis=0).astype(np.float32)
    scale = np.ones(x.shape[1], dtype=np.float32)
    scale[:dense_columns] = np.maximum(x[:, :dense_columns].std(axis=0), 1e-6)
    rest = x[:, dense_columns:]
    if rest.size:
        mean[dense_columns:] = 0.0
        scale[dense_columns:] = max(float(np.sqrt((rest**2).sum(axis=1).mean())), 1e-6) / 8.0
    return mean, scale


def train_networks(x: Array, y: Sequence[int], n_classes: int, params: HeadParams) -> list[Network]:
    import torch

    # One thread: the head is small, one thread is as fast, and the float summation order (so the artifact)
    # no longer depends on the machine's core count.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        if params.l2_c > 0:
            return [_train_regularised(x, y, n_classes, params)]
        return [_train_one(x, y, n_classes, params, seed) for seed in params.seeds]
    finally:
        torch.set_num_threads(threads)


def _train_one(x: Array, y: Sequence[int], n_classes: int, params: HeadParams, seed: int) -> Network:
    import torch

    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    model = _mlp(x.shape[1], n_classes, params)
    optimiser = torch.optim.AdamW(
        model.parameters(), lr=params.learning_rate, weight_decay=params.weight_decay
    )
    features = torch.from_numpy(x)
    labels = torch.tensor(list(y), dtype=torch.long)
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.from_numpy(class_weights(y, n_classes, params)))
    for _ in range(params.epochs):
        model.train()
        order = torch.randperm(len(x), generator=generator)
        for start in range(0, len(x), params.batch_size):
            batch = order[start : start + params.batch_size]
            optimiser.zero_grad()
            loss_fn(model(features[batch]), labels[batch]).backward()
            optimiser.step()
    model.eval()
    linear = [m for m in model if isinstance(m, torch.nn.Linear)]
    return Network(
        weights=[m.weight.detach().numpy().T.copy() for m in linear],
        biases=[m.bias.detach().numpy().copy() for m in linear],
    )


L_BFGS_STEPS = 2000  # iterations at most; it stops when the gradient or the loss stops changing


def _train_regularised(x: Array, y: Sequence[int], n_classes: int, params: HeadParams) -> Network:
    """Softmax regression at the optimum of the regularised loss (float64 L-BFGS from zeros)."""
    import torch

    if params.hidden:
        raise ValueError("l2_c applies to a softmax regression (hidden=0)")
    features = torch.from_numpy(x).double()
    labels = torch.tensor(list(y), dtype=torch.long)
    loss_weights = torch.from_numpy(class_weights(y, n_classes, params)).double()
    weight = torch.zeros((x.shape[1], n_classes), dtype=torch.float64, requires_grad=True)
    bias = torch.zeros(n_classes, dtype=torch.float64, requires_grad=True)
    optimiser = torch.optim.LBFGS(
        [weight, bias],
        max_iter=L_BFGS_STEPS,
        tolerance_grad=1e-6,
        tolerance_change=1e-12,
        history_size=20,
        line_search_fn="strong_wolfe",
    )

    def closure() -> torch.Tensor:
        optimiser.zero_grad()
        loss = torch.nn.functional.cross_entropy(
            features @ weight + bias, labels, weight=loss_weights, reduction="sum"
        ) + (weight**2).sum() / (2.0 * params.l2_c)
        loss.backward()  # type: ignore[no-untyped-call]
        return loss

    optimiser.step(closure)  # type: ignore[no-untyped-call]
    return Network(
        weights=[weight.detach().numpy().astype(np.float32)],
        biases=[bias.detach().numpy().astype(np.float32)],
    )


def class_weights(y: Sequence[int], n_classes: int, params: HeadParams) -> Array:
    counts = np.bincount(np.asarray(y, dtype=np.int64), minlength=n_classes).astype(np.float32)
    weights: Array = (counts.sum() / np.maximum(counts, 1.0)) ** np.float32(params.class_weight_power)
    normalised: Array = (weights / weights.mean()).astype(np.float32)
    return normalised


def _mlp(width: int, n_classes: int, params: HeadParams) -> torch.nn.Sequential:
    import torch

    if params.hidden == 0:
        return torch.nn.Sequential(torch.nn.Dropout(params.dropout), torch.nn.Linear(width, n_classes))
    return torch.nn.Sequential(
        torch.nn.Dropout(params.dropout / 2),
        torch.nn.Linear(width, params.hidden),
        torch.nn.ReLU(),
        torch.nn.Dropout(params.dropout),
        torch.nn.Linear(params.hidden, n_classes),
    )

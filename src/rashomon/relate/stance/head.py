"""The classifier head: standardised features through a small MLP, stored as plain arrays.

The artifact is a ``.npz`` of float32 arrays and unicode strings, loaded with ``allow_pickle=False``:
a model file downloaded with rashomon can hold numbers only, never code. Several seeds' networks may be
stored; their probabilities are averaged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.errors import DataError

Array = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Network:
    """Weights and biases, input to output; ReLU between layers."""

    weights: list[Array]
    biases: list[Array]

    def logits(self, x: Array) -> Array:
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            x = x @ w + b
            if i < len(self.weights) - 1:
                x = np.maximum(x, 0.0)
        return x


@dataclass(frozen=True)
class StanceHead:
    labels: tuple[str, ...]
    mean: Array
    scale: Array
    networks: list[Network]
    vocabulary: list[str]  # the IDF vocabulary of the lexical features
    idf: Array
    bow: list[str] = field(default_factory=list)  # bag-of-words vocabulary over the text side (Emergent)
    meta: dict[str, Any] = field(default_factory=dict)

    def probabilities(self, features: Array) -> Array:
        x = ((features - self.mean) / self.scale).astype(np.float32)
        total = np.zeros((len(x), len(self.labels)), dtype=np.float64)
        for network in self.networks:
            z = network.logits(x).astype(np.float64)
            z -= z.max(axis=1, keepdims=True)
            e = np.exp(z)
            total += e / e.sum(axis=1, keepdims=True)
        return (total / len(self.networks)).astype(np.float32)

    def save(self, path: Path) -> None:
        arrays: dict[str, Any] = {
            "labels": np.array(self.labels),
            "mean": self.mean,
            "scale": self.scale,
            "vocabulary": np.array(self.vocabulary),
            "idf": self.idf,
            "bow": np.array(self.bow, dtype=str),
            "meta": np.array(json.dumps(self.meta, sort_keys=True)),
        }
        for n, network in enumerate(self.networks):
            for i, (w, b) in enumerate(zip(network.weights, network.biases, strict=True)):
                arrays[f"net{n}_w{i}"] = w.astype(np.float16 if self.meta.get("half") else np.float32)
                arrays[f"net{n}_b{i}"] = b.astype(np.float32)
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: Path) -> StanceHead:
        if not path.is_file():
            raise DataError(
                f"the stance model '{path}' is missing",
                hint="reinstall rashomon or run python -m rashomon.relate.stance.train",
            )
        with np.load(path, allow_pickle=False) as stored:
            arrays = {key: stored[key] for key in stored.files}
        return cls(
            labels=tuple(str(x) for x in arrays["labels"]),
            mean=arrays["mean"].astype(np.float32),
            scale=arrays["scale"].astype(np.float32),
            networks=_networks(arrays),
            vocabulary=[str(x) for x in arrays["vocabulary"]],
            idf=arrays["idf"].astype(np.float32),
            bow=[str(x) for x in arrays["bow"]],
            meta=json.loads(str(arrays["meta"])),
        )


def _networks(arrays: dict[str, Any]) -> list[Network]:
    networks = []
    n = 0
    while f"net{n}_w0" in arrays:
        layers = sum(1 for key in arrays if key.startswith(f"net{n}_w"))
        weights = [arrays[f"net{n}_w{i}"].astype(np.float32) for i in range(layers)]
        biases = [arrays[f"net{n}_b{i}"].astype(np.float32) for i in range(layers)]
        networks.append(Network(weights, biases))
        n += 1
    return networks

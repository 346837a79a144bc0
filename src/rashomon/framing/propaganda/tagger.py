"""Running the networks over one article: token log-probabilities, states, and span techniques.

Shared by training (cross-validation scores) and the detector, so both see exactly the same inference.
The model may be a seed ensemble: ``hp.members`` networks trained alike from different seeds, whose BIO
probabilities and technique probabilities are averaged (the shipped one has two). The
artifact (``model/`` beside this file) is ``config.json`` (hyper-parameters, decoding biases) and
``weights.npz`` (fp16 state dicts, keys prefixed ``<member>/``; unprefixed keys: a single network);
``python -m rashomon.framing.propaganda.train`` rebuilds it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rashomon.framing.propaganda.corpus import TECHNIQUES
from rashomon.framing.propaganda.decode import INSIDE_BIAS, OUTSIDE_BIAS, decode
from rashomon.framing.propaganda.features import Encoded, Matrix, span_features, windows
from rashomon.framing.propaganda.network import HyperParams, PropagandaNet, from_arrays

PACKAGED_MODEL = Path(__file__).parent / "model"


# The networks of a seed ensemble (``hp.members``; one network is an ensemble of one).
Model = Sequence[PropagandaNet]


@dataclass(frozen=True, slots=True)
class Tagged:
    """One article's network outputs, rows = the encoded (visible) tokens."""

    log_probs: Matrix  # tokens x 3 (O, B, I): log of the members' mean probabilities
    states: list[Any]  # per member: torch tensor, tokens x 2*hidden


@dataclass(frozen=True, slots=True)
class FoundSpan:
    first: int
    last: int
    technique_probs: Matrix  # one probability per technique (corpus.TECHNIQUES order)
    confidence: float


def collate(
    net: PropagandaNet, items: Sequence[Encoded], runs: Sequence[tuple[int, int, int]]
) -> tuple[Any, Any, Any, Any]:
    """Padded (vectors, flags, lengths, lemma ids) tensors for (item, first row, end row) windows."""
    import torch

    width = max(e - s for _, s, e in runs)
    first = items[runs[0][0]]
    vectors = np.zeros((len(runs), width, first.vectors.shape[1]), dtype=np.float32)
    flags = np.zeros((len(runs), width, first.flags.shape[1]), dtype=np.float32)
    ids = np.zeros((len(runs), width), dtype=np.int64)
    for row, (k, s, e) in enumerate(runs):
        vectors[row, : e - s] = items[k].vectors[s:e]
        flags[row, : e - s] = items[k].flags[s:e]
        if net.lemma is not None:
            ids[row, : e - s] = net.lemma_ids(items[k].tokens[s:e])
    lengths = torch.tensor([e - s for _, s, e in runs], dtype=torch.int64)
    return torch.from_numpy(vectors), torch.from_numpy(flags), lengths, torch.from_numpy(ids)


def _tag_one(net: PropagandaNet, item: Encoded, batch_size: int) -> tuple[Matrix, Any]:
    import torch

    n = len(item.tokens)
    probs = np.zeros((n, 3), dtype=np.float32)
    states = torch.zeros((n, net.lstm.hidden_size * 2))
    runs = [(0, s, e) for s, e in windows(item.tokens)]
    with torch.inference_mode():
        for first in range(0, len(runs), batch_size):
            chosen = runs[first : first + batch_size]
            logits, hidden = net(*collate(net, [item], chosen))
            scores = torch.softmax(logits, dim=-1).numpy()
            for row, (_, s, e) in enumerate(chosen):
                probs[s:e] = scores[row, : e - s]
                states[s:e] = hidden[row, : e - s]
    return probs, states


def tag(model: Model, item: Encoded, batch_size: int = 32) -> Tagged:
    """BIO log-probabilities (members averaged) and each member's BiLSTM states for every token of one
    article (nets in eval mode)."""
    outputs = [_tag_one(net, item, batch_size) for net in model]
    mean = np.mean([probs for probs, _ in outputs], axis=0)
    log_probs: Matrix = np.log(np.clip(mean, 1e-12, 1.0)).astype(np.float32)
    return Tagged(log_probs, [states for _, states in outputs])


def classify(
    model: Model, text: str, item: Encoded, tagged: Tagged, ranges: Sequence[tuple[int, int]]
) -> Matrix:
    """Technique probabilities (ranges x techniques, members averaged) for token ranges (first, last
    inclusive)."""
    import torch

    if not ranges:
        return np.zeros((0, len(TECHNIQUES)), dtype=np.float32)
    features = torch.tensor([span_features(text, item, first, last) for first, last in ranges])
    spans = torch.tensor([(0, first, last) for first, last in ranges])
    vectors = torch.from_numpy(item.vectors).unsqueeze(0)
    total = np.zeros((len(ranges), len(TECHNIQUES)), dtype=np.float32)
    with torch.inference_mode():
        for net, states in zip(model, tagged.states, strict=True):
            logits = net.classify(states.unsqueeze(0), vectors, spans, features.float())
            total += torch.softmax(logits, dim=-1).numpy()
    probs: Matrix = (total / len(model)).astype(np.float32)
    return probs


def find_spans(
    model: Model,
    text: str,
    item: Encoded,
    outside_bias: float = OUTSIDE_BIAS,
    inside_bias: float = INSIDE_BIAS,
) -> list[FoundSpan]:
    """Propaganda spans of one article with their technique probabilities."""
    tagged = tag(model, item)
    spans = decode(tagged.log_probs, outside_bias, inside_bias)
    probs = classify(model, text, item, tagged, [(s.first, s.last) for s in spans])
    return [FoundSpan(s.first, s.last, p, s.confidence) for s, p in zip(spans, probs, strict=True)]


def save(folder: Path, model: Model, config: dict[str, Any]) -> None:
    from rashomon.framing.propaganda.network import to_arrays

    folder.mkdir(parents=True, exist_ok=True)
    arrays = {f"{m}/{key}": value for m, net in enumerate(model) for key, value in to_arrays(net).items()}
    np.savez_compressed(folder / "weights.npz", **arrays)  # type: ignore[arg-type]
    config = {**config, "lemmas": model[0].lemmas}
    (folder / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")


def _member_of(key: str) -> int:
    """The member a ``weights.npz`` key belongs to (keys without a prefix: a single network)."""
    member, slash, _ = key.partition("/")
    return int(member) if slash else 0


def read_config(folder: Path = PACKAGED_MODEL) -> tuple[HyperParams, dict[str, Any]]:
    """An artifact's hyper-parameters and its whole ``config.json``."""
    config = json.loads((folder / "config.json").read_text())
    return HyperParams(**{"members": 1, **config["params"]}), config  # before ensembles: one network


def load(folder: Path = PACKAGED_MODEL) -> tuple[list[PropagandaNet], dict[str, Any]]:
    """The ensemble's networks (eval mode, float32) and the config from an artifact folder."""
    hp, config = read_config(folder)
    with np.load(folder / "weights.npz", allow_pickle=False) as arrays:
        nets = [
            from_arrays(
                {key.partition("/")[2] or key: arrays[key] for key in arrays.files if _member_of(key) == m},
                hp,
                config.get("lemmas", []),
            )
            for m in range(hp.members)
        ]
    return nets, config

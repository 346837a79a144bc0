"""Running the network over one article: token log-probabilities, states, and span techniques.

Shared by training (cross-validation scores) and the detector, so both see exactly the same inference.
The artifact (``model/`` beside this file) is ``config.json`` (hyper-parameters, decoding bias) and
``weights.npz`` (fp16 state dict); ``python -m rashomon.framing.propaganda.train`` rebuilds it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rashomon.framing.propaganda.corpus import TECHNIQUES
from rashomon.framing.propaganda.decode import OUTSIDE_BIAS, decode
from rashomon.framing.propaganda.features import Encoded, Matrix, span_features, windows
from rashomon.framing.propaganda.network import HyperParams, PropagandaNet, from_arrays

PACKAGED_MODEL = Path(__file__).parent / "model"


@dataclass(frozen=True, slots=True)
class Tagged:
    """One article's network outputs, rows = the encoded (visible) tokens."""

    log_probs: Matrix  # tokens x 3 (O, B, I)
    states: Any  # torch tensor, tokens x 2*hidden


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


def tag(net: PropagandaNet, item: Encoded, batch_size: int = 32) -> Tagged:
    """BIO log-probabilities and BiLSTM states for every token of one article (net in eval mode)."""
    import torch

    n = len(item.tokens)
    log_probs = np.zeros((n, 3), dtype=np.float32)
    states = torch.zeros((n, net.lstm.hidden_size * 2))
    runs = [(0, s, e) for s, e in windows(item.tokens)]
    with torch.inference_mode():
        for first in range(0, len(runs), batch_size):
            chosen = runs[first : first + batch_size]
            logits, hidden = net(*collate(net, [item], chosen))
            scores = torch.log_softmax(logits, dim=-1).numpy()
            for row, (_, s, e) in enumerate(chosen):
                log_probs[s:e] = scores[row, : e - s]
                states[s:e] = hidden[row, : e - s]
    return Tagged(log_probs, states)


def classify(
    net: PropagandaNet, text: str, item: Encoded, tagged: Tagged, ranges: Sequence[tuple[int, int]]
) -> Matrix:
    """Technique probabilities (ranges x techniques) for token ranges (first, last inclusive)."""
    import torch

    if not ranges:
        return np.zeros((0, len(TECHNIQUES)), dtype=np.float32)
    features = [span_features(text, item, first, last) for first, last in ranges]
    with torch.inference_mode():
        logits = net.classify(
            tagged.states.unsqueeze(0),
            torch.from_numpy(item.vectors).unsqueeze(0),
            torch.tensor([(0, first, last) for first, last in ranges]),
            torch.tensor(features, dtype=torch.float32),
        )
        probs: Matrix = torch.softmax(logits, dim=-1).numpy().astype(np.float32)
        return probs


def find_spans(
    net: PropagandaNet, text: str, item: Encoded, outside_bias: float = OUTSIDE_BIAS
) -> list[FoundSpan]:
    """Propaganda spans of one article with their technique probabilities."""
    tagged = tag(net, item)
    spans = decode(tagged.log_probs, outside_bias)
    probs = classify(net, text, item, tagged, [(s.first, s.last) for s in spans])
    return [FoundSpan(s.first, s.last, p, s.confidence) for s, p in zip(spans, probs, strict=True)]


def save(folder: Path, net: PropagandaNet, config: dict[str, Any]) -> None:
    from rashomon.framing.propaganda.network import to_arrays

    folder.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(folder / "weights.npz", **to_arrays(net))  # type: ignore[arg-type]
    config = {**config, "lemmas": net.lemmas}
    (folder / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")


def load(folder: Path = PACKAGED_MODEL) -> tuple[PropagandaNet, dict[str, Any]]:
    """The network (eval mode, float32) and its config from an artifact folder."""
    config = json.loads((folder / "config.json").read_text())
    with np.load(folder / "weights.npz", allow_pickle=False) as arrays:
        net = from_arrays(
            {key: arrays[key] for key in arrays.files},
            HyperParams(**config["params"]),
            config.get("lemmas", []),
        )
    return net, config

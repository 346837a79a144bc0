"""The network: frozen MiniLM token vectors + flags -> BiLSTM -> BIO logits (SI) and a span head (TC).

The span head classifies a token range by its BiLSTM states (mean, first, last), the mean of its raw
MiniLM vectors (what the words say) and a few span features (length, verbatim recurrence in the
article). Small on purpose: the artifact lives in the repository and training fits in minutes on one CPU
thread. Weights are stored as an fp16 ``.npz`` (no pickle).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import torch
from torch import nn

from rashomon.claims.attribution.embeddings import DIM
from rashomon.framing.propaganda.corpus import TECHNIQUES
from rashomon.framing.propaganda.features import FLAGS, SPAN_FEATURES
from rashomon.model import Token


@dataclass(frozen=True, slots=True)
class HyperParams:
    # Checked on fold 1 of the 3-fold split of PTC train (docs/propaganda.md lists the runs): 6 and 10
    # epochs gave SI F1 0.404 / 0.408 and TC micro-F1 0.618 / 0.620; 8 is the compromise that fits the
    # ~20 minute single-thread budget on a busy machine. Sizes keep the artifact near 1 MB.
    minilm_dim: int = 128
    hidden: int = 96
    dropout: float = 0.3
    span_hidden: int = 192
    batch_size: int = 32
    epochs: int = 8
    learning_rate: float = 2e-3
    weight_decay: float = 1e-5
    # Lemma embeddings (0: off): a lexical memory beside MiniLM for lemmas seen min_lemma_count times;
    # lemma_dropout replaces lemmas by "unknown" in training so rare words lean on MiniLM.
    lemma_dim: int = 0
    min_lemma_count: int = 3
    lemma_dropout: float = 0.1
    # Seed ensemble: this many networks, trained alike from seeds seed, seed + 1000, ..., whose
    # probabilities are averaged (tagger.py). 3-fold CV SI F1 (nested decoding biases): 1 member 0.426
    # (seed 11) and 0.422 (seed 1011), 2 members 0.430; TC micro-F1 0.622 -> 0.629 (docs/propaganda.md).
    members: int = 2

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


class PropagandaNet(nn.Module):
    def __init__(self, hp: HyperParams, lemmas: Sequence[str] = ()) -> None:
        super().__init__()
        self.lemmas = list(lemmas) if hp.lemma_dim else []
        self.vocab = {lemma: i + 2 for i, lemma in enumerate(self.lemmas)}  # 0 padding, 1 unknown
        self.lemma = nn.Embedding(len(self.lemmas) + 2, hp.lemma_dim, padding_idx=0) if hp.lemma_dim else None
        self.dropout = nn.Dropout(hp.dropout)
        self.project = nn.Linear(DIM, hp.minilm_dim)
        width = hp.minilm_dim + len(FLAGS) + hp.lemma_dim
        self.lstm = nn.LSTM(width, hp.hidden, bidirectional=True, batch_first=True)
        self.si = nn.Linear(2 * hp.hidden, 3)
        span_in = 3 * 2 * hp.hidden + DIM + len(SPAN_FEATURES)
        self.span = nn.Sequential(
            nn.Linear(span_in, hp.span_hidden),
            nn.ReLU(),
            nn.Dropout(hp.dropout),
            nn.Linear(hp.span_hidden, len(TECHNIQUES)),
        )

    def lemma_ids(self, tokens: Sequence[Token]) -> list[int]:
        return [self.vocab.get(token.lemma.lower(), 1) for token in tokens]

    def forward(
        self, vectors: torch.Tensor, flags: torch.Tensor, lengths: torch.Tensor, lemma_ids: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """(BIO logits, BiLSTM states), both batch x tokens x ..."""
        parts = [torch.relu(self.project(self.dropout(vectors))), flags]
        if self.lemma is not None:
            parts.append(self.lemma(lemma_ids))
        x = torch.cat(parts, dim=-1)
        packed = nn.utils.rnn.pack_padded_sequence(
            self.dropout(x), lengths.cpu(), batch_first=True, enforce_sorted=False
        )
        hidden, _ = self.lstm(packed)
        states, _ = nn.utils.rnn.pad_packed_sequence(hidden, batch_first=True, total_length=vectors.shape[1])
        return self.si(self.dropout(states)), states

    def classify(
        self, states: torch.Tensor, vectors: torch.Tensor, spans: torch.Tensor, features: torch.Tensor
    ) -> torch.Tensor:
        """Technique logits (spans x techniques). ``spans`` rows are (window, first, last) into
        ``states``/``vectors`` (windows x tokens x ...); ``features`` are the spans' ``SPAN_FEATURES``."""
        rows, first, last = spans[:, 0], spans[:, 1], spans[:, 2]
        size = (last - first + 1).unsqueeze(-1).float()

        def mean(x: torch.Tensor) -> torch.Tensor:
            total = torch.cat([torch.zeros_like(x[:, :1]), x.cumsum(dim=1)], dim=1)
            return (total[rows, last + 1] - total[rows, first]) / size

        pooled = torch.cat(
            [mean(states), states[rows, first], states[rows, last], mean(vectors), features], dim=-1
        )
        return self.span(self.dropout(pooled))  # type: ignore[no-any-return]


def to_arrays(net: PropagandaNet) -> dict[str, np.ndarray[Any, Any]]:
    """The state dict as fp16 arrays for ``np.savez_compressed``."""
    return {key: value.detach().cpu().numpy().astype(np.float16) for key, value in net.state_dict().items()}


def from_arrays(arrays: Any, hp: HyperParams, lemmas: Sequence[str] = ()) -> PropagandaNet:
    net = PropagandaNet(hp, lemmas)
    state = {key: torch.from_numpy(np.asarray(arrays[key], dtype=np.float32)) for key in arrays}
    net.load_state_dict(state)
    return net.eval()

"""The tagging network: embedded parse features + projected MiniLM vectors -> BiLSTM -> BIO logits.

Kept small (2.5M parameters, 0.6M of them the lemma table; stored in fp16: 5 MB) so the artifact can
live in the repository.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import torch
from torch import nn

from rashomon.claims.attribution.embeddings import DIM
from rashomon.claims.attribution.features import COLUMNS, FLAGS, LABELS


@dataclass(frozen=True, slots=True)
class HyperParams:
    # Chosen on PolNeAR train with dev as a check (docs/attribution.md lists the runs); sizes bound the
    # artifact to a few MB.
    lemma_dim: int = 64
    small_dim: int = 16
    minilm_dim: int = 128
    hidden: int = 192
    layers: int = 2
    dropout: float = 0.3
    lemma_dropout: float = 0.1  # replaces lemmas by "unknown" in training, so rare cues lean on MiniLM
    min_lemma_count: int = 3
    chunk_tokens: int = 200
    batch_size: int = 24
    epochs: int = 14
    learning_rate: float = 2e-3

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


_SHARED = {
    "lemma": "lemma",
    "head_lemma": "lemma",
    "pos": "pos",
    "head_pos": "pos",
    "tag": "tag",
    "dep": "dep",
    "head_dep": "dep",
    "quote": "quote",
    "shape": "shape",
    "head_dir": "head_dir",
}
_FIXED_SIZES = {"quote": 5, "shape": 7, "head_dir": 4}


class AttributionNet(nn.Module):
    def __init__(self, vocab_sizes: dict[str, int], hp: HyperParams) -> None:
        super().__init__()
        sizes = {**vocab_sizes, **_FIXED_SIZES}
        dims = {name: hp.lemma_dim if name == "lemma" else hp.small_dim for name in sizes}
        self.tables = nn.ModuleDict(
            {name: nn.Embedding(sizes[name], dims[name], padding_idx=0) for name in sizes}
        )
        self.minilm = nn.Linear(DIM, hp.minilm_dim)
        width = sum(dims[_SHARED[c]] for c in COLUMNS) + hp.minilm_dim + len(FLAGS)
        self.dropout = nn.Dropout(hp.dropout)
        self.lstm = nn.LSTM(
            width, hp.hidden, num_layers=hp.layers, bidirectional=True, batch_first=True, dropout=hp.dropout
        )
        self.out = nn.Linear(2 * hp.hidden, len(LABELS))

    def forward(
        self, cats: torch.Tensor, flags: torch.Tensor, minilm: torch.Tensor, lengths: torch.Tensor
    ) -> torch.Tensor:
        parts = [self.tables[_SHARED[c]](cats[:, :, i]) for i, c in enumerate(COLUMNS)]
        parts += [self.minilm(self.dropout(minilm)), flags]
        x = self.dropout(torch.cat(parts, dim=-1))
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
        hidden, _ = self.lstm(packed)
        unpacked, _ = nn.utils.rnn.pad_packed_sequence(hidden, batch_first=True, total_length=cats.shape[1])
        return self.out(self.dropout(unpacked))  # type: ignore[no-any-return]

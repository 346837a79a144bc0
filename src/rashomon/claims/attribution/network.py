"""The tagging network: embedded parse features + MiniLM vectors -> BiLSTM -> BIO logits.

MiniLM's lower layers stay frozen (their token vectors can be shared with the pipeline's embedding pass);
its top ``tune_layers`` transformer layers are fine-tuned copies living in this network, run over the
token-pooled vectors of layer ``base_layer`` within each window. Kept small (fp16) so the artifact can
live in the repository.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import torch
from torch import nn

from rashomon.claims.attribution.embeddings import HIDDEN, TOP_LAYER
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
    # MiniLM: token vectors of layers (base_layer, 6) come in; the top tune_layers layers (copies of
    # MiniLM's layers base_layer+1..6, fine-tuned) run again over the base layer's vectors. Tried
    # (docs/attribution.md): no gain on dev over frozen layers, so off by default.
    base_layer: int = 3
    tune_layers: int = 0
    tune_learning_rate: float = 1e-4
    tune_dropout: float = 0.1
    # Networks averaged (their probabilities); member k is trained with seed + k.
    # One network ships: a two-seed average gained 0.005 source F1 (seed noise is ±0.004) at twice the
    # size and half the tagger speed (docs/attribution.md).
    members: int = 1

    @property
    def minilm_layers(self) -> tuple[int, int]:
        return (self.base_layer, TOP_LAYER)

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


# Configs written before these keys existed: layers 3 + 6, all frozen, one network.
LEGACY = {"base_layer": 3, "tune_layers": 0, "members": 1}


class TransformerLayer(nn.Module):
    """A BERT encoder layer (MiniLM's shape: post-norm, exact GELU); ``load_bert`` copies MiniLM's weights."""

    def __init__(self, hidden: int = HIDDEN, heads: int = 12, intermediate: int = 1536, dropout: float = 0.1):
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.attention_out = nn.Linear(hidden, hidden)
        self.attention_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.intermediate = nn.Linear(hidden, intermediate)
        self.output = nn.Linear(intermediate, hidden)
        self.output_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
        """``keep``: batch x length booleans, False on padding (never attended to)."""
        b, t, h = x.shape

        def split(y: torch.Tensor) -> torch.Tensor:
            return y.view(b, t, self.heads, h // self.heads).transpose(1, 2)

        context = nn.functional.scaled_dot_product_attention(
            split(self.query(x)),
            split(self.key(x)),
            split(self.value(x)),
            attn_mask=keep[:, None, None, :],
            dropout_p=self.dropout.p if self.training else 0.0,
        )
        context = context.transpose(1, 2).reshape(b, t, h)
        x = self.attention_norm(x + self.dropout(self.attention_out(context)))
        inner = nn.functional.gelu(self.intermediate(x))
        return self.output_norm(x + self.dropout(self.output(inner)))  # type: ignore[no-any-return]

    def load_bert(self, layer: Any) -> None:
        """Copy the weights of a ``transformers`` BertLayer."""
        source: dict[str, Any] = {
            "query": layer.attention.self.query,
            "key": layer.attention.self.key,
            "value": layer.attention.self.value,
            "attention_out": layer.attention.output.dense,
            "attention_norm": layer.attention.output.LayerNorm,
            "intermediate": layer.intermediate.dense,
            "output": layer.output.dense,
            "output_norm": layer.output.LayerNorm,
        }
        with torch.no_grad():
            for name, module in source.items():
                target: Any = getattr(self, name)
                target.weight.copy_(module.weight.float())
                target.bias.copy_(module.bias.float())


class AttributionNet(nn.Module):
    def __init__(self, vocab_sizes: dict[str, int], hp: HyperParams) -> None:
        super().__init__()
        sizes = {**vocab_sizes, **_FIXED_SIZES}
        dims = {name: hp.lemma_dim if name == "lemma" else hp.small_dim for name in sizes}
        self.tables = nn.ModuleDict(
            {name: nn.Embedding(sizes[name], dims[name], padding_idx=0) for name in sizes}
        )
        self.top = nn.ModuleList(TransformerLayer(dropout=hp.tune_dropout) for _ in range(hp.tune_layers))
        minilm_in = HIDDEN * (2 + (1 if hp.tune_layers else 0))
        self.minilm = nn.Linear(minilm_in, hp.minilm_dim)
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
        if len(self.top):
            keep = torch.arange(cats.shape[1], device=cats.device)[None, :] < lengths.to(cats.device)[:, None]
            tuned = minilm[:, :, :HIDDEN]
            for layer in self.top:
                tuned = layer(tuned, keep)
            minilm = torch.cat([minilm, tuned], dim=-1)
        parts += [self.minilm(self.dropout(minilm)), flags]
        x = self.dropout(torch.cat(parts, dim=-1))
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
        hidden, _ = self.lstm(packed)
        unpacked, _ = nn.utils.rnn.pad_packed_sequence(hidden, batch_first=True, total_length=cats.shape[1])
        return self.out(self.dropout(unpacked))  # type: ignore[no-any-return]


class AttributionEnsemble(nn.Module):
    """``hp.members`` networks; the output is the log of their mean probabilities (softmax gives the mean)."""

    def __init__(self, vocab_sizes: dict[str, int], hp: HyperParams) -> None:
        super().__init__()
        self.members = nn.ModuleList(AttributionNet(vocab_sizes, hp) for _ in range(hp.members))

    def forward(
        self, cats: torch.Tensor, flags: torch.Tensor, minilm: torch.Tensor, lengths: torch.Tensor
    ) -> torch.Tensor:
        probabilities = torch.stack(
            [torch.softmax(member(cats, flags, minilm, lengths), dim=-1) for member in self.members]
        ).mean(dim=0)
        return torch.log(probabilities.clamp(min=1e-12))

    @staticmethod
    def state_keys(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
        """A single network's state (the artifact before ensembles) becomes member 0's."""
        if all(key.startswith("members.") for key in state):
            return state
        return {f"members.0.{key}": value for key, value in state.items()}

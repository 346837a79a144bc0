"""Two MiniLM views of each sentence from one forward pass: the sentence vector and a middle-layer vector.

The sentence vector (last layer, mean-pooled, L2-normalised: what ``rashomon.nlp.embeddings`` gives the
pipeline) measures how close a sentence is to the other outlets' sentences. The middle-layer vector (mean
over tokens of the outputs of transformer layers 3-5 of 6, averaged) is what the head reads: on 10-fold
CV over the 80 BASIL dev triplets it scored 0.404 sentence F1 against 0.374 for the last-layer vector; the
last layer is tuned for topic similarity, and informational bias is more about how a sentence is built.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

DIM = 384
Matrix = npt.NDArray[np.float32]
# hidden_states indices (0 = token embeddings): outputs of transformer layers 3, 4 and 5. Chosen on BASIL dev
# CV: single layers scored 0.385 (layer 2), 0.394-0.401 (3-5), 0.375 (6); their mean 0.404.
MIDDLE_LAYERS = (3, 4, 5)


class LayerEncoder(Protocol):
    def encode_layers(self, texts: list[str]) -> tuple[Matrix, Matrix]:
        """(sentence vectors, middle-layer vectors), one row per text."""
        ...


class MiniLMLayers:
    """The packaged all-MiniLM-L6-v2, run once per batch with its hidden states kept."""

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            from rashomon.nlp.embeddings import load_minilm

            self._model = load_minilm()
        return self._model

    def encode_layers(self, texts: list[str]) -> tuple[Matrix, Matrix]:
        import torch

        model = self._load()
        finals: list[Matrix] = []
        middles: list[Matrix] = []
        with torch.inference_mode():
            for start in range(0, len(texts), self.batch_size):
                batch = model.tokenizer(
                    texts[start : start + self.batch_size],
                    padding=True,
                    truncation=True,
                    max_length=model.max_seq_length,
                    return_tensors="pt",
                )
                states = model[0].auto_model(**batch, output_hidden_states=True).hidden_states
                mask = batch["attention_mask"].unsqueeze(-1).float()
                pooled = [(states[i] * mask).sum(1) / mask.sum(1) for i in (*MIDDLE_LAYERS, len(states) - 1)]
                final = torch.nn.functional.normalize(pooled[-1], dim=1)
                finals.append(final.numpy().astype(np.float32))
                middles.append((sum(pooled[:-1]) / len(MIDDLE_LAYERS)).numpy().astype(np.float32))
        return np.concatenate(finals), np.concatenate(middles)


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class LayerVectors:
    """Both views of every string seen, encoded once; optionally persisted as one ``.npz`` file."""

    def __init__(self, encoder: LayerEncoder | None = None, cache_file: Path | None = None) -> None:
        self._encoder = encoder
        self.cache_file = cache_file
        self._final: dict[str, Matrix] = {}
        self._middle: dict[str, Matrix] = {}
        if cache_file is not None and cache_file.exists():
            with np.load(cache_file, allow_pickle=False) as stored:
                # Read each array once: indexing the NpzFile re-reads (and keeps alive) the whole array.
                keys, final, middle = stored["keys"], stored["final"].copy(), stored["middle"].copy()
            for i, key in enumerate(keys):
                self._final[str(key)] = final[i]
                self._middle[str(key)] = middle[i]

    def add(self, known: Mapping[str, Iterable[float]]) -> None:
        """Adopt sentence vectors computed elsewhere (the pipeline's), re-normalised."""
        for text, vector in known.items():
            array = np.asarray(vector, dtype=np.float32)
            self._final[text_key(text)] = array / max(float(np.linalg.norm(array)), 1e-12)

    def ensure(self, texts: Iterable[str], middle: bool = True) -> None:
        """Encode the texts lacking a middle-layer vector (or, ``middle=False``, a sentence vector)."""
        store = self._middle if middle else self._final
        missing = list(dict.fromkeys(t for t in texts if text_key(t) not in store))
        if not missing:
            return
        if self._encoder is None:
            self._encoder = MiniLMLayers()
        finals, middles = self._encoder.encode_layers(missing)
        for text, f, m in zip(missing, finals, middles, strict=True):
            self._final.setdefault(text_key(text), f)
            self._middle[text_key(text)] = m

    def final(self, texts: list[str]) -> Matrix:
        self.ensure(texts, middle=False)
        return _stack([self._final[text_key(t)] for t in texts])

    def middle(self, texts: list[str]) -> Matrix:
        self.ensure(texts)
        return _stack([self._middle[text_key(t)] for t in texts])

    def save(self) -> None:
        if self.cache_file is None:
            return
        keys = sorted(self._middle)
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        np.savez(
            self.cache_file,
            keys=np.array(keys, dtype=np.str_),
            final=_stack([self._final[k] for k in keys]),
            middle=_stack([self._middle[k] for k in keys]),
        )


def _stack(rows: list[Matrix]) -> Matrix:
    return np.stack(rows).astype(np.float32) if rows else np.zeros((0, DIM), dtype=np.float32)

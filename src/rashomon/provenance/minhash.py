"""Word shingles, MinHash signatures and LSH banding: near-duplicate candidates without all-pairs.

Each text unit (a sentence) becomes a set of hashed word 3-grams; a MinHash signature of
``PERMUTATIONS`` values estimates the Jaccard similarity of two sets. The signature is cut into
``BANDS`` bands of ``ROWS`` values; two units that agree on a whole band land in the same bucket and
become a candidate pair. With 16 bands of 4 rows the chance that a pair becomes a candidate is
1 - (1 - J^4)^16: 0.98 at Jaccard 0.6, 0.64 at 0.4, 0.02 at 0.15, so the cost grows with the number of
units and of true near-duplicates, not with the square of the corpus. Candidates are then checked on
their exact shingle sets.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator, Sequence

import numpy as np
import numpy.typing as npt

SHINGLE = 3  # words per shingle: 3-grams keep near-copies with one changed word above Jaccard 0.6
PERMUTATIONS = 64
BANDS, ROWS = 16, 4
PRIME = (1 << 31) - 1
# A bucket this large is boilerplate or a story everyone copied: each member is paired with the first
# few members only (a star, not a clique), which keeps the cost linear in the bucket's size.
BIG_BUCKET = 40
STAR = 3

WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def shingles(text: str, size: int = SHINGLE) -> frozenset[int]:
    """Hashed word n-grams (crc32, so the same text gives the same set in every process)."""
    return shingles_of(words(text), size)


def shingles_of(tokens: Sequence[str], size: int = SHINGLE) -> frozenset[int]:
    if len(tokens) < size:
        return frozenset([zlib.crc32(" ".join(tokens).encode())]) if tokens else frozenset()
    return frozenset(
        zlib.crc32(" ".join(tokens[i : i + size]).encode()) for i in range(len(tokens) - size + 1)
    )


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """Share of the smaller set found in the larger: a sentence copied inside a longer one scores 1."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


class MinHasher:
    """Universal hashing h(x) = (a·x + b) mod p, with fixed seeds so signatures are reproducible."""

    def __init__(self, permutations: int = PERMUTATIONS, seed: int = 20200103) -> None:
        rng = np.random.default_rng(seed)
        self.a = rng.integers(1, PRIME, size=(permutations, 1), dtype=np.int64)
        self.b = rng.integers(0, PRIME, size=(permutations, 1), dtype=np.int64)

    def signature(self, values: frozenset[int]) -> npt.NDArray[np.int64]:
        x = np.fromiter(values, dtype=np.int64, count=len(values)).reshape(1, -1)
        return np.asarray(((self.a * x + self.b) % PRIME).min(axis=1), dtype=np.int64)

    def signatures(self, sets: Sequence[frozenset[int]], chunk: int = 20000) -> npt.NDArray[np.int64]:
        """One row per set, computed over many sets at once (``reduceat`` over the concatenated
        shingles, in chunks of about ``chunk`` shingles so memory stays small)."""
        rows = np.full((len(sets), self.a.shape[0]), PRIME, dtype=np.int64)
        start = 0
        while start < len(sets):
            stop, size = start, 0
            while stop < len(sets) and (size < chunk or stop == start):
                size += max(1, len(sets[stop]))
                stop += 1
            values = [np.fromiter(s or (0,), dtype=np.int64) for s in sets[start:stop]]
            flat = np.concatenate(values).reshape(1, -1)
            offsets = np.cumsum([0] + [len(v) for v in values[:-1]])
            hashed = (self.a * flat + self.b) % PRIME
            rows[start:stop] = np.minimum.reduceat(hashed, offsets, axis=1).T
            start = stop
        return rows


def candidate_pairs(
    signatures: Sequence[npt.NDArray[np.int64]] | npt.NDArray[np.int64],
    owners: Sequence[str],
    bands: int = BANDS,
    rows: int = ROWS,
) -> Iterator[tuple[int, int]]:
    """Index pairs of units from different owners (articles) that share an LSH bucket, each once.

    Each band's rows are folded into one 64-bit key and sorted with numpy; Python only walks the runs
    of equal keys, i.e. the buckets that hold two units or more."""
    if len(signatures) < 2:
        return
    matrix = signatures if isinstance(signatures, np.ndarray) else np.vstack(signatures)
    mix = np.array([1_000_003**k for k in range(rows)], dtype=np.int64)
    seen: set[tuple[int, int]] = set()
    for band in range(bands):
        keys = matrix[:, band * rows : (band + 1) * rows] @ mix  # wraps on overflow: still a fine hash
        order = np.argsort(keys, kind="stable")
        bounds = np.concatenate(([0], np.flatnonzero(np.diff(keys[order])) + 1, [len(keys)]))
        sizes = np.diff(bounds)
        for first, size in zip(bounds[:-1][sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
            for i, j in _pairs(order[first : first + size].tolist()):
                pair = (min(i, j), max(i, j))
                if owners[i] != owners[j] and pair not in seen:
                    seen.add(pair)
                    yield pair


def _pairs(members: list[int]) -> Iterator[tuple[int, int]]:
    if len(members) <= BIG_BUCKET:
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                yield i, j
        return
    hubs = members[:STAR]
    for i in members:
        for hub in hubs:
            if hub != i:
                yield hub, i

"""Thread limits for small torch models.

The attribution tagger's LSTM runs step by step over short sequences; with torch's default of one
intra-op thread per core each step synchronises the threads, and on 2 busy cores that made the claims
stage six times slower than with one thread (cProfile on 8 benchmark articles: 39 s → 9 s whole run).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def torch_threads(count: int) -> Iterator[None]:
    try:
        import torch
    except ImportError:
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(before)

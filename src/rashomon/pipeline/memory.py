"""Freed memory handed back to the system, for processes that serve many batches.

A process that runs the models over batch after batch (a Ray actor, a wave of a long mixed run) frees
its tensors and records after each batch, but glibc's allocator keeps most of the freed pages: sizes vary
with every batch, and the heap fragments. Nothing leaks (on 800 articles in one process the resident
memory after ``malloc_trim`` stayed at 950-970 MiB), yet without it the resident size crept up by
hundreds of megabytes, and a Ray actor serving 2,500 articles grew from 1.0 to 2.8 GB (docs/scale.md).
``malloc_trim`` returns the free pages; where it does not exist (not glibc) this does nothing.
"""

from __future__ import annotations

import ctypes
import sys
import time
from collections.abc import Callable
from functools import cache

_last = 0.0


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # no C library to open, or not glibc (musl has no malloc_trim)
        return None


def release_freed(every: float = 0.0) -> bool:
    """Hand the heap's free pages back to the system, unless it was done less than ``every`` seconds
    ago (a trim walks the heap: tens of milliseconds on a large one). True if it ran."""
    global _last
    trim = _malloc_trim()
    now = time.monotonic()
    if trim is None or (every and now - _last < every):
        return False
    trim(0)
    _last = time.monotonic()
    return True

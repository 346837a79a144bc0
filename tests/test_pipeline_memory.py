"""Freed heap pages handed back to the system (glibc's malloc_trim), at most every so often."""

from __future__ import annotations

import pytest

from rashomon.pipeline import memory


def test_release_freed_trims_the_heap_and_waits_between_trims(monkeypatch: pytest.MonkeyPatch) -> None:
    if memory._malloc_trim() is None:
        pytest.skip("no malloc_trim here (not Linux with glibc)")
    calls: list[int] = []
    monkeypatch.setattr(memory, "_malloc_trim", lambda: calls.append)  # counts the trims, does not run them
    monkeypatch.setattr(memory, "_last", 0.0)
    assert memory.release_freed() is True
    assert memory.release_freed(every=3600.0) is False  # trimmed a moment ago
    assert memory.release_freed() is True  # no interval: always
    assert calls == [0, 0]


def test_release_freed_does_nothing_without_malloc_trim(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "_malloc_trim", lambda: None)
    assert memory.release_freed() is False


def test_the_real_trim_runs() -> None:
    if memory._malloc_trim() is None:
        pytest.skip("no malloc_trim here (not Linux with glibc)")
    blocks = [bytearray(4096) for _ in range(10_000)]
    del blocks
    assert memory.release_freed() is True

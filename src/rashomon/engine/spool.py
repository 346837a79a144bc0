"""Each article's per-article records, on disk while a Ray run goes on.

The actor pool's answers (one codec JSON text per article) stream into one unnamed temporary file as
they arrive, and the driver keeps only where each one lies. A wave of stories reads its articles' texts
back when it is analysed, so the driver holds one wave's records at a time, not the run's: at 5,000
articles, holding them all as Python objects took about 9 GB (docs/scale.md).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType


class RecordSpool:
    """Codec JSON texts by article id, in a temporary file (unlinked at once where the system allows, so
    nothing is left behind however the run ends) in ``folder`` (made if missing; the system's temporary
    folder if None)."""

    def __init__(self, folder: Path | None = None) -> None:
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        self._file = tempfile.TemporaryFile(prefix=".rashomon-records-", dir=folder)  # noqa: SIM115 (closed by close)
        self._where: dict[str, tuple[int, int]] = {}
        self._end = 0

    def add(self, key: str, text: str) -> None:
        """Keep ``text`` for ``key`` (a later text for the same key replaces it)."""
        data = text.encode("utf-8")
        self._file.seek(self._end)
        self._file.write(data)
        self._where[key] = (self._end, len(data))
        self._end += len(data)

    def get(self, key: str, default: str | None = None) -> str | None:
        where = self._where.get(key)
        if where is None:
            return default
        self._file.seek(where[0])
        return self._file.read(where[1]).decode("utf-8")

    def rows(self, keys: Iterable[str]) -> list[dict[str, str]]:
        """``{"id", "records"}`` rows, as the actor pool sent them, for the keys held."""
        return [{"id": key, "records": text} for key in keys if (text := self.get(key)) is not None]

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> RecordSpool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

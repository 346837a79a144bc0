"""The stream warcio reads from: an archive's bytes, inflated here when gzipped, under two hard caps.

warcio inflates ``.warc.gz`` itself and reads header lines without any bound (a buffer that grows by
concatenation, so a 1 GB "line" costs hours as well as memory). Handing it already-inflated bytes
from this stream lets rashomon count every byte it is given, and stop:

* after ``max_decompressed_bytes`` in all (a gzip bomb, or an archive too big for one run), and
* when warcio reads more than ``max_header_bytes`` past the end of the record it last returned (a
  record header that never ends, a lying Content-Length followed by junk, a flood of blank lines).

Both stops raise `ArchiveLimit`, which the WARC reader turns into the archive's outcome.
"""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

from rashomon.config import Limits
from rashomon.ingest.outcomes import human_size

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16
# zlib's window bits for a gzip header and trailer (16 + the largest window).
_GZIP_WBITS = 16 + zlib.MAX_WBITS


class ArchiveLimit(Exception):
    """Reading an archive went past one of its limits: ``message`` says which, ``hint`` what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(f"{message}; {hint}")
        self.message = message
        self.hint = hint


class BoundedArchive(io.RawIOBase):
    """A read-only stream of an archive's uncompressed bytes that refuses to go past its limits."""

    def __init__(self, raw: BinaryIO, limits: Limits) -> None:
        super().__init__()
        self._raw = raw
        self._limits = limits
        head = raw.read(len(GZIP_MAGIC))
        self.gzipped = head == GZIP_MAGIC
        self._inflater = zlib.decompressobj(_GZIP_WBITS) if self.gzipped else None
        self._pending = self._inflater.decompress(head) if self._inflater else head
        self.produced = 0  # uncompressed bytes handed out so far
        self._allowed_until = limits.max_header_bytes

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.produced

    def allow(self, n_bytes: int) -> None:
        """The caller has a record in hand that declares ``n_bytes``: allow them plus one header."""
        self._allowed_until = self.produced + max(n_bytes, 0) + self._limits.max_header_bytes

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._next(len(buffer))
        if not data:
            return 0
        self._check(data)
        buffer[: len(data)] = data
        self.produced += len(data)
        return len(data)

    def _check(self, data: bytes) -> None:
        limits, n_bytes = self._limits, len(data)
        if self.produced == 0 and self.gzipped and data.startswith(GZIP_MAGIC):
            # warcio would inflate the inner layer itself, past every count kept here.
            raise ArchiveLimit("gzip inside gzip", "decompress the outer layer first")
        if self.produced + n_bytes > limits.max_decompressed_bytes:
            raise ArchiveLimit(
                f"it holds more than {human_size(limits.max_decompressed_bytes)} of uncompressed data, "
                "the max_decompressed_bytes limit (a gzip bomb or a very large crawl)",
                "split the archive or raise the limit",
            )
        if self.produced + n_bytes > self._allowed_until:
            raise ArchiveLimit(
                f"a record header runs on for more than {human_size(limits.max_header_bytes)} "
                "(a lying Content-Length or a damaged archive)",
                "re-create the archive to read past this point",
            )

    def _next(self, size: int) -> bytes:
        if self._pending:
            data, self._pending = self._pending[:size], self._pending[size:]
            return data
        if self._inflater is None:
            return self._raw.read(size)
        return self._inflate(size)

    def _inflate(self, size: int) -> bytes:
        """Up to ``size`` inflated bytes, across gzip members (a .warc.gz holds one per record)."""
        assert self._inflater is not None
        while True:
            inflater = self._inflater
            if inflater.unconsumed_tail:
                out = inflater.decompress(inflater.unconsumed_tail, size)
            elif inflater.eof:
                rest = inflater.unused_data or self._raw.read(_CHUNK)
                if not rest.strip(b"\x00\r\n\t "):
                    return b""  # the end, or padding after the last member
                if not rest.startswith(GZIP_MAGIC[: len(rest)]):
                    raise ValueError("data after a gzip member is not gzip")
                self._inflater = zlib.decompressobj(_GZIP_WBITS)
                out = self._inflater.decompress(rest, size)
            else:
                chunk = self._raw.read(_CHUNK)
                if not chunk:
                    raise EOFError("the archive ends inside a gzip member (it is cut short)")
                out = inflater.decompress(chunk, size)
            if out:
                return out

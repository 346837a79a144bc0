"""Getting an input's bytes safely: size checked before reading, gzip inflated with a hard cap."""

from __future__ import annotations

import codecs
import errno
import gzip
import hashlib
import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from rashomon.config import Limits
from rashomon.ingest.outcomes import Rejected, failed, human_size, one_line, skipped, too_large
from rashomon.model import Source

_CHUNK = 1 << 20


def format_name(source: Source) -> str:
    """The name whose suffix tells the format: the file name, else the name the caller gave."""
    return source.path.name if source.path is not None else source.name


def check_size(source: Source, limits: Limits) -> None:
    """Refuse an oversized file from its size alone, so a huge file is never read just to reject it."""
    size = len(source.data) if source.data is not None else _stat_size(_path_of(source))
    if size > limits.max_input_bytes:
        raise too_large(size, limits)


def read_payload(source: Source, limits: Limits, *, gzipped: bool) -> bytes:
    """The input's bytes (inflated when ``gzipped``), never more than ``limits.max_input_bytes``."""
    check_size(source, limits)
    with open_source(source) as stream:
        data = stream.read(limits.max_input_bytes + 1)
    if len(data) > limits.max_input_bytes:
        raise too_large(None, limits)  # it grew after stat, or is a pipe
    return _gunzip(data, limits) if gzipped else data


@contextmanager
def open_source(source: Source) -> Iterator[BinaryIO]:
    """A binary stream over the source; opening problems become outcomes that say what to do."""
    if source.data is not None:
        yield io.BytesIO(source.data)
        return
    path = _path_of(source)
    try:
        stream = path.open("rb")
    except OSError as error:
        raise _unreadable(path, error) from error
    with stream:
        yield stream


def scan(stream: BinaryIO) -> tuple[str, bool]:
    """SHA-256 of the rest of the stream, read in chunks (WARC files may be large); is it blank?"""
    digest = hashlib.sha256()
    blank = True
    for chunk in iter(lambda: stream.read(_CHUNK), b""):
        digest.update(chunk)
        blank = blank and not chunk.removeprefix(codecs.BOM_UTF8).strip()
    return digest.hexdigest(), blank


def _path_of(source: Source) -> Path:
    if source.path is None:
        raise failed("neither a path nor data was given", "give a file path or the bytes to read")
    return source.path


def _stat_size(path: Path) -> int:
    try:
        if path.is_dir():
            raise failed(
                "is a folder, not a file", "name the folder on the command line to read every file in it"
            )
        return path.stat().st_size
    except OSError as error:
        raise _unreadable(path, error) from error


def _unreadable(path: Path, error: OSError) -> Rejected:
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return failed("no such file", "check the path and the folder you run from")
    if error.errno in (errno.EACCES, errno.EPERM):
        return failed("cannot be read (permission denied)", "check its permissions, e.g. chmod +r")
    if error.errno == errno.EISDIR:
        return failed(
            "is a folder, not a file", "name the folder on the command line to read every file in it"
        )
    return failed(f"cannot be read ({one_line(error.strerror or error)})", "check the path and the disk")


def _gunzip(data: bytes, limits: Limits) -> bytes:
    """Inflate at most one byte past the limit, so a gzip bomb costs no more than the limit."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            inflated = stream.read(limits.max_input_bytes + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise failed(
            f"not a valid gzip file ({one_line(error)})", "re-download it or decompress it by hand"
        ) from error
    if len(inflated) > limits.max_input_bytes:
        raise skipped(
            f"decompresses to more than {human_size(limits.max_input_bytes)} (a gzip bomb or a huge file)",
            "decompress and split it, or raise --max-input-bytes",
        )
    return inflated

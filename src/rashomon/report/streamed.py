"""JSON written a part at a time, byte for byte as ``json.dumps(value, ensure_ascii=False, indent=2)``.

A mixed run's whole evidence map can hold tens of thousands of articles: built as one dict and dumped as
one string it would need the run's findings twice over in memory. Here a value may hold ``Items``: a list
whose members come from an iterator, each member rendered, written and let go of before the next is read.
``rendered`` turns one member into the text it takes at a given depth, so that text can also be kept on
disk and copied into the file later (``stories.output`` does, to put the stories' items in run order).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from rashomon.report.write import atomic_file

INDENT = "  "


@dataclass(frozen=True, slots=True)
class Items:
    """A JSON list (``as_dict``: an object of ``(key, value)`` pairs) whose members are read one at a time.
    A member may be a plain value or ``Rendered`` text made by ``rendered`` at this depth."""

    members: Iterable[Any]
    as_dict: bool = False


@dataclass(frozen=True, slots=True)
class Rendered:
    """A member already rendered, as ``rendered`` gives it for the depth it is written at."""

    text: str


def rendered(value: Any, depth: int) -> str:
    """``value`` as ``json.dumps(..., indent=2)`` writes it nested ``depth`` levels deep (lines after the
    first indented; JSON strings hold no raw line breaks, so every line break is the layout's own)."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + INDENT * depth) if depth else text


def write_streamed(path: Path, value: Any) -> None:
    """Write ``value`` (which may hold ``Items``) to ``path`` atomically, with a final line break."""
    with atomic_file(path) as file:
        _write(file, value, 0)
        file.write("\n")


def _write(file: IO[str], value: Any, depth: int) -> None:
    if isinstance(value, Items):
        _write_members(file, iter(value.members), depth, value.as_dict)
    elif isinstance(value, Rendered):
        file.write(value.text)
    elif isinstance(value, Mapping) and any(_streams(v) for v in value.values()):
        _write_members(file, iter(value.items()), depth, True)
    else:
        file.write(rendered(value, depth))


def _streams(value: Any) -> bool:
    if isinstance(value, Items):
        return True
    return isinstance(value, Mapping) and any(_streams(v) for v in value.values())


def _write_members(file: IO[str], members: Iterator[Any], depth: int, as_dict: bool) -> None:
    opening, closing = ("{", "}") if as_dict else ("[", "]")
    inner = "\n" + INDENT * (depth + 1)
    first = True
    for member in members:
        file.write(opening + inner if first else "," + inner)
        first = False
        if as_dict:
            key, item = member
            file.write(json.dumps(key, ensure_ascii=False) + ": ")
            _write(file, item, depth + 1)
        else:
            _write(file, member, depth + 1)
    file.write(opening + closing if first else "\n" + INDENT * depth + closing)

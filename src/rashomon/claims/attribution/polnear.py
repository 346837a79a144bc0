"""Read PolNeAR's brat standoff layout.

Texts are ``<split>/text/<name>.txt``, annotations ``<split>/attributions/<name>_<annotator>.ann``.

Each ``E`` line is one attribution whose roles point at ``T`` spans: ``Source``, ``Cue``, ``Content`` (also
``Content2``... for extra parts) and a trigger (``Attribution`` or ``Attribution-no-source``, which duplicates
the cue and is skipped). ``Discuss``/``Discard`` spans are annotator bookkeeping outside any ``E`` line and
are ignored. A span may be discontinuous (``s e;s e``): it is kept as its fragments.

A few articles were annotated by several annotators (the agreement study). Training and evaluation use one
annotation per article: the one whose annotator id sorts first. That choice is blind to the content, so it
neither favours nor penalises any annotator's style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rashomon.errors import DataError

Fragments = tuple[tuple[int, int], ...]

_SPAN_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_EVENT_LINE = re.compile(r"^(E\d+)\t(.*)$")
_TRIGGERS = frozenset({"Attribution", "Attribution-no-source"})


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution; each role is a tuple of character fragments (empty: role absent)."""

    cue: Fragments
    source: Fragments
    content: Fragments


@dataclass(frozen=True, slots=True)
class PolnearDocument:
    name: str
    text: str
    annotator: str
    attributions: tuple[GoldAttribution, ...]


def _fragments(offsets: str) -> Fragments:
    pieces = []
    for part in offsets.split(";"):
        start, end = part.split()
        pieces.append((int(start), int(end)))
    return tuple(sorted(pieces))


def parse_ann(ann: str) -> tuple[GoldAttribution, ...]:
    """Parse one ``.ann`` file's text; lines neither ``T`` nor ``E`` (notes, wrapped text) are skipped."""
    spans: dict[str, Fragments] = {}
    events: list[str] = []
    for line in ann.splitlines():
        if match := _SPAN_LINE.match(line):
            spans[match.group(1)] = _fragments(match.group(3))
        elif match := _EVENT_LINE.match(line):
            events.append(match.group(2))
    attributions = []
    for event in events:
        roles: dict[str, list[tuple[int, int]]] = {"Cue": [], "Source": [], "Content": []}
        for argument in event.split():
            role, _, span_id = argument.partition(":")
            base = role.rstrip("0123456789")
            if base in _TRIGGERS or base not in roles or span_id not in spans:
                continue
            roles[base].extend(spans[span_id])
        if roles["Cue"] or roles["Content"]:
            attributions.append(
                GoldAttribution(
                    cue=tuple(sorted(roles["Cue"])),
                    source=tuple(sorted(roles["Source"])),
                    content=tuple(sorted(roles["Content"])),
                )
            )
    return tuple(sorted(attributions, key=lambda a: (a.cue, a.content)))


def choose_annotations(ann_dir: Path) -> dict[str, Path]:
    """Map each article name to its chosen ``.ann`` file: the annotator id that sorts first."""
    chosen: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        name, _, _annotator = path.stem.rpartition("_")
        if name and name not in chosen:
            chosen[name] = path
    return chosen


def split_dir(root: Path, split: str) -> Path:
    """``dev``/``train`` ship in ``root``; ``test`` lives under ``root/HIDDEN/``."""
    return root / "HIDDEN" / "test" if split == "test" else root / split


def load_split(root: Path, split: str, limit: int | None = None) -> list[PolnearDocument]:
    """Load one compartment, articles sorted by name; ``limit`` keeps the first N."""
    folder = split_dir(root, split)
    text_dir, ann_dir = folder / "text", folder / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise DataError(
            f"'{folder}' has no text/ and attributions/ folders",
            hint="point --data at the polnear benchmark folder (as in shared/benchmarks/polnear/)",
        )
    documents = []
    for name, ann_path in sorted(choose_annotations(ann_dir).items()):
        text_path = text_dir / f"{name}.txt"
        if not text_path.is_file():
            continue
        text = text_path.read_text(encoding="utf-8")
        annotator = ann_path.stem.rpartition("_")[2]
        attributions = parse_ann(ann_path.read_text(encoding="utf-8"))
        documents.append(PolnearDocument(name, text, annotator, attributions))
        if limit is not None and len(documents) >= limit:
            break
    return documents

"""Read the Propaganda Techniques Corpus (SemEval-2020 Task 11) as laid out in ``benchmarks/propaganda_ptc``.

Train: ``train-articles/article<ID>.txt`` with ``train-task2-TC.labels`` (``id \\t technique \\t start \\t
end``) and ``train-task1-SI.labels`` (``id \\t start \\t end``). The withheld test (the task's dev set) lives
under ``HIDDEN/dev-articles/`` and ``HIDDEN/dev-labels/dev-task-{SI,TC}.labels``. Offsets are character
offsets into the article file, end exclusive; spans may overlap.

Articles are parsed once by the nlp stage's spaCy and embedded once by MiniLM; both are cached under
``RASHOMON_PTC_CACHE`` (default ``/tmp/ptc``) by the attribution tagger's text-hash cache.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rashomon.errors import DataError

TECHNIQUES = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldTechnique:
    start: int
    end: int
    technique: str


@dataclass(frozen=True, slots=True)
class PtcArticle:
    name: str  # the article id, e.g. "111111111"
    text: str
    spans: tuple[Span, ...]  # SI gold: propaganda spans of any technique
    techniques: tuple[GoldTechnique, ...]  # TC gold


def cache_dir() -> Path:
    return Path(os.environ.get("RASHOMON_PTC_CACHE", "/tmp/ptc"))


def _layout(root: Path, split: str) -> tuple[Path, Path, Path]:
    """(articles folder, SI labels file, TC labels file) of a split: ``train`` or ``test`` (HIDDEN dev)."""
    if split == "test":
        labels = root / "HIDDEN" / "dev-labels"
        return root / "HIDDEN" / "dev-articles", labels / "dev-task-SI.labels", labels / "dev-task-TC.labels"
    return root / "train-articles", root / "train-task1-SI.labels", root / "train-task2-TC.labels"


def training_files(root: Path) -> list[Path]:
    folder, si, tc = _layout(root, "train")
    return [*sorted(folder.glob("article*.txt")), si, tc]


def files_digest(paths: Sequence[Path], root: Path) -> str:
    """sha256 over (relative path, sha256) of each file: the training data's fingerprint."""
    digest = hashlib.sha256()
    for path in paths:
        line = f"{path.relative_to(root)}\x1f{hashlib.sha256(path.read_bytes()).hexdigest()}\n"
        digest.update(line.encode())
    return digest.hexdigest()


def _read_rows(path: Path) -> list[list[str]]:
    if not path.is_file():
        return []
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_split(root: Path, split: str, limit: int | None = None) -> list[PtcArticle]:
    """Articles of ``split`` sorted by id, with their gold spans; ``limit`` keeps the first N."""
    folder, si_path, tc_path = _layout(root, split)
    if not folder.is_dir():
        raise DataError(
            f"'{folder}' does not exist",
            hint="point --data at the propaganda_ptc benchmark folder (as in shared/benchmarks/)",
        )
    # Lists, not sets: the official scorers count every row (a span may carry two techniques).
    spans: dict[str, list[Span]] = {}
    for name, start, end in (row[:3] for row in _read_rows(si_path)):
        spans.setdefault(name, []).append((int(start), int(end)))
    techniques: dict[str, list[GoldTechnique]] = {}
    for name, technique, start, end in (row[:4] for row in _read_rows(tc_path)):
        techniques.setdefault(name, []).append(GoldTechnique(int(start), int(end), technique))
    articles = []
    for path in sorted(folder.glob("article*.txt")):
        name = path.stem.removeprefix("article")
        text = path.read_text(encoding="utf-8")
        gold = sorted(techniques.get(name, []), key=lambda g: (g.start, g.end, g.technique))
        articles.append(PtcArticle(name, text, tuple(sorted(spans.get(name, []))), tuple(gold)))
        if limit is not None and len(articles) >= limit:
            break
    return articles

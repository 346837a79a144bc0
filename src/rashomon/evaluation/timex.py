"""Temporal expressions scored as TempEval-3 Task A scores them (``rashomon eval timex``).

Documents are TimeML files: the ``<TEXT>`` element's plain text is what the tagger reads, its ``TIMEX3``
children are the gold expressions, and the ``DCT`` (``functionInDocument="CREATION_TIME"``) is the date
relative expressions resolve against. The scorer mirrors the official TE3 toolkit
(``evaluation-entities/evaluate_entities.py`` behind ``TE3-evaluation.py``), micro-averaged over the corpus:

* a system timex and a gold timex *match relaxed* when their extents overlap (the toolkit's TimeML-Normalizer
  gives overlapping entities one id), one to one; they *match strict* when the extents are identical;
* precision = matches / system timexes, recall = matches / gold timexes, F1 their harmonic mean;
* attribute F1 (``value_f1``, ``type_f1``) = share of relaxed matches whose attribute string is equal,
  times relaxed F1; the accuracies are that share alone. The DCT itself is never scored.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rashomon.errors import DataError
from rashomon.evaluation.registry import EvalTask, Scores, register
from rashomon.timeline import Timex, find_timexes

DEV_FOLDERS = ("Training/TBAQ-cleaned/TimeBank", "Training/TBAQ-cleaned/AQUAINT")
TEST_FOLDER = "HIDDEN/Evaluation/te3-platinum"


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    name: str
    text: str
    dct: str | None  # the creation date, "YYYY-MM-DD" (time of day dropped)
    timexes: tuple[GoldTimex, ...]


Tagger = Callable[[str, str | None], Sequence[Timex]]


def _default_tagger(text: str, dct: str | None) -> Sequence[Timex]:
    return find_timexes(text, dct)


# --- loading --------------------------------------------------------------------------------------------


def read_timeml(path: Path) -> TimeMLDocument:
    """One TimeML file: the TEXT element flattened to plain text, with its TIMEX3 offsets and the DCT."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as err:
        raise DataError(
            f"'{path}' is not readable TimeML: {err}", hint="restore the file from the benchmark"
        ) from err
    body = root.find(".//TEXT")
    if body is None:
        raise DataError(f"'{path}' has no <TEXT> element", hint="restore the file from the benchmark")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    _flatten(body, parts, timexes, top=True)
    return TimeMLDocument(name=path.stem, text="".join(parts), dct=_dct(root), timexes=tuple(timexes))


def _flatten(node: ET.Element, parts: list[str], timexes: list[GoldTimex], *, top: bool = False) -> None:
    """Append the node's text to ``parts``, recording each TIMEX3's character span as it goes."""
    start = sum(len(part) for part in parts)
    parts.append(node.text or "")
    for child in node:
        _flatten(child, parts, timexes)
        parts.append(child.tail or "")
    if node.tag == "TIMEX3" and not top and node.get("functionInDocument") != "CREATION_TIME":
        text = "".join(parts)[start:]
        timexes.append(GoldTimex(start, start + len(text), text, node.get("type", ""), node.get("value", "")))
    if top:
        timexes.sort(key=lambda timex: timex.start)


def _dct(root: ET.Element) -> str | None:
    for node in root.iter("TIMEX3"):
        if node.get("functionInDocument") == "CREATION_TIME":
            value = node.get("value", "")
            return value.split("T", 1)[0] or None
    return None


def load_split(data: Path, split: str) -> list[Path]:
    folders = [data / TEST_FOLDER] if split == "test" else [data / folder for folder in DEV_FOLDERS]
    missing = [folder for folder in folders if not folder.is_dir()]
    if missing:
        raise DataError(
            f"'{missing[0]}' does not exist",
            hint="point --data at tempeval3/ (TE3-Platinum gold goes in HIDDEN/Evaluation/te3-platinum/)",
        )
    return sorted(path for folder in folders for path in folder.glob("*.tml"))


# --- scoring --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class TimexCounts:
    """Corpus-wide counts, as the toolkit's ``global_*`` variables."""

    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    type_match: int = 0
    value_match: int = 0
    errors: list[tuple[str, GoldTimex, Timex | None]] = field(default_factory=list)

    def add(self, name: str, gold: Sequence[GoldTimex], system: Sequence[Timex]) -> None:
        self.gold += len(gold)
        self.system += len(system)
        pairs = match_overlapping(gold, system)
        for gold_timex, system_timex in pairs:
            self.relaxed += 1
            self.strict += (gold_timex.start, gold_timex.end) == (system_timex.start, system_timex.end)
            self.type_match += gold_timex.type == system_timex.type
            self.value_match += gold_timex.value == (system_timex.value or "")
            if gold_timex.value != system_timex.value:
                self.errors.append((name, gold_timex, system_timex))
        matched = {id(gold_timex) for gold_timex, _ in pairs}
        self.errors.extend((name, timex, None) for timex in gold if id(timex) not in matched)

    def metrics(self) -> dict[str, float]:
        strict_p, strict_r = _ratio(self.strict, self.system), _ratio(self.strict, self.gold)
        relaxed_p, relaxed_r = _ratio(self.relaxed, self.system), _ratio(self.relaxed, self.gold)
        relaxed_f1 = _f1(relaxed_p, relaxed_r)
        type_accuracy = _ratio(self.type_match, self.relaxed)
        value_accuracy = _ratio(self.value_match, self.relaxed)
        scores = {
            "strict_precision": strict_p,
            "strict_recall": strict_r,
            "strict_f1": _f1(strict_p, strict_r),
            "relaxed_precision": relaxed_p,
            "relaxed_recall": relaxed_r,
            "relaxed_f1": relaxed_f1,
            "type_accuracy": type_accuracy,
            "type_f1": type_accuracy * relaxed_f1,
            "value_accuracy": value_accuracy,
            "value_f1": value_accuracy * relaxed_f1,
        }
        return {name: round(100 * score, 2) for name, score in scores.items()}


def match_overlapping(gold: Sequence[GoldTimex], system: Sequence[Timex]) -> list[tuple[GoldTimex, Timex]]:
    """One-to-one pairs of overlapping extents, the largest overlaps first (ties: document order)."""
    candidates = sorted(
        (
            (-_overlap(g, s), g.start, s.start, gi, si)
            for gi, g in enumerate(gold)
            for si, s in enumerate(system)
            if _overlap(g, s) > 0
        )
    )
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs: list[tuple[GoldTimex, Timex]] = []
    for *_, gi, si in candidates:
        if gi not in used_gold and si not in used_system:
            used_gold.add(gi)
            used_system.add(si)
            pairs.append((gold[gi], system[si]))
    return pairs


def _overlap(gold: GoldTimex, system: Timex) -> int:
    return min(gold.end, system.end) - max(gold.start, system.start)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_documents(documents: Iterable[TimeMLDocument], tagger: Tagger = _default_tagger) -> TimexCounts:
    counts = TimexCounts()
    for document in documents:
        counts.add(document.name, document.timexes, tagger(document.text, document.dct))
    return counts


def score_timex(data: Path, split: str, limit: int | None, tagger: Tagger = _default_tagger) -> Scores:
    paths = load_split(data, split)
    paths = paths[:limit] if limit is not None else paths
    counts = score_documents((read_timeml(path) for path in paths), tagger)
    return Scores(n=len(paths), metrics=counts.metrics(), primary="value_f1")


def _run(data: Path, split: str, limit: int | None) -> Scores:
    return score_timex(data, split, limit)


register(
    EvalTask(
        name="timex",
        dataset="tempeval3",
        primary="value_f1",
        anchor="HeidelTime 77.6 (TE3-Platinum)",
        splits=("dev", "test"),
        run=_run,
    )
)

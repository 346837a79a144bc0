"""Main-text extraction scored two ways, each as its benchmark's own evaluation script does.

* ``extraction-segments`` (trafilatura_eval): hand-picked ``with`` segments must appear in the extracted
  text, ``without`` segments must not; matching is substring search on whitespace-normalised text, as in
  upstream trafilatura's ``tests/eval_common.py`` (``count_item``).
* ``extraction`` (Zyte article-extraction-benchmark): ``\\w+`` tokens, 4-gram shingle multisets, per-page
  TP/FP/FN normalised by their sum, precision and recall averaged over pages, F1 of the averages, as in
  upstream ``evaluate.py`` (``string_shingle_matching``, ``metrics_from_tp_fp_fns``).
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from statistics import mean
from typing import Any

from rashomon.clean.html import decode_html, extract_page
from rashomon.errors import DataError
from rashomon.evaluation.registry import EvalTask, Scores, register

Extractor = Callable[[str, str | None], str]  # (html, url) -> article text
TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)  # upstream's _TOKEN_RE
SHINGLE_SIZE = 4  # upstream's ngram_n


def article_text(html: str, url: str | None) -> str:
    return extract_page(html, url).text


def read_gzip_html(path: Path) -> str:
    """A gzipped page as text; a missing or corrupt file reads as an empty page (scored as a miss)."""
    try:
        with gzip.open(path, "rb") as handle:
            data = handle.read()
    except (OSError, EOFError, zlib.error):
        return ""
    return decode_html(data)


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise DataError(f"'{path}' is missing", hint="point --data at the benchmark folder") from err
    except ValueError as err:
        raise DataError(
            f"'{path}' is not valid JSON: {err}", hint="restore the file from the benchmark"
        ) from err


# --- extraction-segments (trafilatura_eval) ---------------------------------------------------------------


@dataclass(slots=True)
class SegmentCounts:
    """Segment confusion counts over a corpus (upstream's ConfusionMatrix)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, wanted: Iterable[str], unwanted: Iterable[str], extracted: str) -> None:
        """Score one page, as upstream's ``count_item``: whitespace-normalised substring matching."""
        text = _collapse(extracted)
        wanted, unwanted = list(wanted), list(unwanted)
        found = sum(1 for segment in wanted if _collapse(segment) in text)
        leaked = sum(1 for segment in unwanted if _collapse(segment) in text)
        self.tp += found
        self.fn += len(wanted) - found
        self.fp += leaked
        self.tn += len(unwanted) - leaked

    def metrics(self) -> dict[str, float]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1_denominator = 2 * self.tp + self.fp + self.fn
        total = self.tp + self.fp + self.fn + self.tn
        return {
            "precision": precision,
            "recall": recall,
            "f1": 2 * self.tp / f1_denominator if f1_denominator else 0.0,
            "accuracy": (self.tp + self.tn) / total if total else 0.0,
        }


def _collapse(text: str) -> str:
    """Upstream's ``norm``: runs of whitespace to one space, stripped."""
    return re.sub(r"\s+", " ", text).strip()


def score_segments(data: Path, limit: int | None, extractor: Extractor = article_text) -> Scores:
    pages = _load_json(data / "evaldata.json")
    if not isinstance(pages, dict):
        raise DataError(f"'{data / 'evaldata.json'}' is not an object keyed by URL", hint="restore the file")
    counts = SegmentCounts()
    items = list(pages.items())[:limit] if limit is not None else list(pages.items())
    for url, item in items:
        html = read_gzip_html(data / "html" / f"{item['file']}.gz")
        text = _safe_extract(extractor, html, url if url.startswith("http") else None)
        counts.add(item.get("with", []), item.get("without", []), text)
    return Scores(n=len(items), metrics=counts.metrics(), primary="f1")


def _safe_extract(extractor: Extractor, html: str, url: str | None) -> str:
    return extractor(html, url) if html else ""


# --- extraction (Zyte article-extraction-benchmark) -------------------------------------------------------

ShingleCounts = tuple[float, float, float]  # tp, fp, fn normalised by their sum


def shingle_counts(true: str, pred: str) -> ShingleCounts:
    """Upstream's ``string_shingle_matching``: TP/FP/FN over 4-gram shingle multisets, summing to 1."""
    true_shingles = Counter(_shingles(true))
    pred_shingles = Counter(_shingles(pred))
    tp = fp = fn = 0.0
    for key in set(true_shingles) | set(pred_shingles):
        true_count, pred_count = true_shingles[key], pred_shingles[key]
        tp += min(true_count, pred_count)
        fp += max(0, pred_count - true_count)
        fn += max(0, true_count - pred_count)
    total = tp + fp + fn
    if total > 0:  # normalised so that longer texts do not weigh more
        return tp / total, fp / total, fn / total
    return tp, fp, fn


def _tokens(text: str) -> list[str]:
    return TOKEN.findall(text or "")


def _shingles(text: str) -> Iterator[tuple[str, ...]]:
    """Upstream's ``_ngrams``: a text shorter than the shingle size is one shingle of all its tokens."""
    tokens = _tokens(text)
    for i in range(max(1, len(tokens) - SHINGLE_SIZE + 1)):
        shingle = tuple(tokens[i : i + SHINGLE_SIZE])
        if shingle:
            yield shingle


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def shingle_metrics(pages: list[ShingleCounts], exact: list[bool]) -> dict[str, float]:
    """Upstream's ``metrics_from_tp_fp_fns``, plus accuracy: the share of pages whose tokens match exactly."""
    precisions = [_precision(*page) for page in pages if page[0] + page[1] > 0]
    recalls = [_recall(*page) for page in pages if page[0] + page[2] > 0]
    precision = mean(precisions) if precisions else 0.0
    recall = mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(exact) / len(exact) if exact else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": accuracy}


def score_shingles(data: Path, limit: int | None, extractor: Extractor = article_text) -> Scores:
    hidden = data / "HIDDEN"
    if not hidden.is_dir():
        raise DataError(
            f"the withheld test files are not in '{hidden}'",
            hint="put ground-truth.json and html/<id>.html.gz of the Zyte benchmark (see its README) there",
        )
    truth = _load_json(hidden / "ground-truth.json")
    if not isinstance(truth, dict):
        raise DataError(f"'{hidden / 'ground-truth.json'}' is not an object keyed by id", hint="restore it")
    ids = list(truth)[:limit] if limit is not None else list(truth)
    pages: list[ShingleCounts] = []
    exact: list[bool] = []
    for page_id in ids:
        expected = truth[page_id].get("articleBody") or ""
        html = read_gzip_html(hidden / "html" / f"{page_id}.html.gz")
        predicted = _safe_extract(extractor, html, truth[page_id].get("url"))
        pages.append(shingle_counts(expected, predicted))
        exact.append(_tokens(expected) == _tokens(predicted))
    return Scores(n=len(ids), metrics=shingle_metrics(pages, exact), primary="f1")


def _run_segments(data: Path, split: str, limit: int | None) -> Scores:
    return score_segments(data, limit)


def _run_shingles(data: Path, split: str, limit: int | None) -> Scores:
    return score_shingles(data, limit)


register(
    EvalTask(
        name="extraction-segments",
        dataset="trafilatura_eval",
        primary="f1",
        anchor="trafilatura floor 0.925 (upstream CI)",
        splits=("dev",),
        run=_run_segments,
    )
)
register(
    EvalTask(
        name="extraction",
        dataset="article_extraction_benchmark",
        primary="f1",
        anchor="0.970 best published; trafilatura 2.0 0.958",
        splits=("test",),
        run=_run_shingles,
    )
)

"""Reads BASIL (Fan et al. 2019): one event told by three outlets, with phrase-level bias spans.

Layout (``../shared/benchmarks/basil/``): ``articles/<year>/<triplet>_<n>.json`` holds ``body-paragraphs``
(a list of paragraphs, each a list of sentences); ``annotations/<year>/<triplet>_<n>_ann.json`` holds
``phrase-level-annotations`` whose ``id`` ``p<k>`` is the k-th sentence of the flattened paragraphs and whose
``start``/``end`` are character offsets inside that sentence. ``bias`` is ``inf`` (informational) or ``lex``
(lexical). The withheld test has the same layout under ``HIDDEN/``. Titles carry 3 of the 1,338 dev spans
and are not sentences of the body, so sentence-level scoring (as in both papers) covers the body only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from rashomon.errors import DataError


@dataclass(frozen=True, slots=True)
class BiasSpan:
    """One annotated phrase: the sentence it lies in and its character offsets inside that sentence."""

    sentence: int
    start: int
    end: int
    kind: str  # "inf" or "lex"


@dataclass(frozen=True, slots=True)
class BasilArticle:
    triplet: str
    source: str
    sentences: tuple[str, ...]
    spans: tuple[BiasSpan, ...]

    def sentence_labels(self, kind: str) -> list[int]:
        """1 for every sentence holding at least one span of ``kind``, else 0 (the papers' positive class)."""
        marked = {span.sentence for span in self.spans if span.kind == kind}
        return [int(i in marked) for i in range(len(self.sentences))]


@dataclass(frozen=True, slots=True)
class BasilEvent:
    """One triplet: the same event in (usually) three outlets."""

    triplet: str
    articles: tuple[BasilArticle, ...]

    def others(self, index: int) -> list[list[str]]:
        """The sentences of every other article of the event, one list per article."""
        return [list(a.sentences) for i, a in enumerate(self.articles) if i != index]


def _spans(annotation: dict[str, object], count: int, path: Path) -> tuple[BiasSpan, ...]:
    spans: list[BiasSpan] = []
    raw = annotation.get("phrase-level-annotations", [])
    if not isinstance(raw, list):
        raise DataError(f"'{path}' has no list of phrase-level-annotations", hint="is this a BASIL file?")
    for item in raw:
        sid = str(item.get("id", ""))
        if not sid.startswith("p") or not sid[1:].isdigit():
            continue  # the title, which is not a body sentence
        index = int(sid[1:])
        if index >= count:
            raise DataError(f"'{path}' marks sentence {sid} beyond the article's {count} sentences")
        kind = str(item.get("bias", "")).lower()
        spans.append(BiasSpan(index, int(item["start"]), int(item["end"]), kind))
    return tuple(spans)


def read_article(article_path: Path, annotation_path: Path | None) -> BasilArticle:
    raw = json.loads(article_path.read_text(encoding="utf-8"))
    paragraphs = raw.get("body-paragraphs")
    if not isinstance(paragraphs, list):
        raise DataError(f"'{article_path}' has no body-paragraphs", hint="is this a BASIL article file?")
    sentences = tuple(str(s) for paragraph in paragraphs for s in paragraph)
    spans: tuple[BiasSpan, ...] = ()
    if annotation_path is not None and annotation_path.exists():
        annotation = json.loads(annotation_path.read_text(encoding="utf-8"))
        spans = _spans(annotation, len(sentences), annotation_path)
    return BasilArticle(
        str(raw.get("triplet-uuid", "")), str(raw.get("source", "")).lower(), sentences, spans
    )


def read_events(data: Path, split: str = "dev") -> list[BasilEvent]:
    """Every triplet of the split, in sorted file order (deterministic folds)."""
    root = data / "HIDDEN" if split == "test" else data
    articles_dir = root / "articles"
    if not articles_dir.is_dir():
        raise DataError(f"'{articles_dir}' does not exist", hint="point --data at the basil benchmark folder")
    grouped: dict[str, list[BasilArticle]] = {}
    for path in sorted(articles_dir.rglob("*.json")):  # year folders (as shipped) or flat
        annotation = root / "annotations" / path.relative_to(articles_dir).parent / f"{path.stem}_ann.json"
        article = read_article(path, annotation)
        grouped.setdefault(article.triplet or path.stem.rsplit("_", 1)[0], []).append(article)
    if not grouped:
        raise DataError(
            f"no BASIL articles under '{articles_dir}'", hint="expected <year>/<triplet>_<n>.json"
        )
    return [BasilEvent(triplet, tuple(items)) for triplet, items in grouped.items()]

"""Article streams read from the shipped benchmarks, for the story tests and the scale bench.

The texts are copyrighted: they are read from ``../shared/benchmarks`` at run time and written only to
temporary folders, never into the repository. Article-Bias-Prediction (Baly et al. 2020) is used because
its records are whole articles with a title, an outlet and a publication date, as a crawl would give.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from rashomon.errors import DataError

ABP_FILES = ("abp_media_valid.jsonl.gz", "abp_media_train_sample4000.jsonl.gz")


def abp_records(folder: Path, exclude: Sequence[str] = ()) -> Iterator[dict[str, str]]:
    """Article records (title, text, outlet, published, url) in file order, skipping texts that mention
    any of ``exclude`` (case-insensitive) so a stream can be kept unrelated to a story under test."""
    paths = [folder / name for name in ABP_FILES if (folder / name).is_file()]
    if not paths:
        raise DataError(
            f"no Article-Bias-Prediction files in '{folder}'",
            hint="point at ../shared/benchmarks/article_bias_prediction",
        )
    lowered = [word.lower() for word in exclude]
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                text = str(row.get("content_original") or "")
                if len(text) < 400 or any(word in text.lower() for word in lowered):
                    continue
                yield {
                    "title": str(row.get("title") or ""),
                    "text": text,
                    "outlet": str(row.get("source") or ""),
                    "published": str(row.get("date") or ""),
                    "url": str(row.get("url") or ""),
                }


def write_jsonl(path: Path, records: Sequence[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path

"""Background document frequencies: what a word or name is worth before a run has been read.

IDF taken from a run's own articles alone fails on small runs: in five articles about one killing, the
killed man's name is in every article and so gets the lowest weight, below "approved" or "nbc", and the
articles look unrelated. So the run's counts are added to a table of document frequencies over a
general news sample (as if the run were appended to it): a name rare in news at large ("Soleimani")
stays heavy in a run of 5 articles as in one of 20,000, and words common everywhere ("president") stay
light. The table holds counts of terms only (no text) in the four sub-spaces of ``stories.features``.

    python -m rashomon.stories.background --data ../shared/benchmarks/article_bias_prediction

reads the Article-Bias-Prediction training sample (4,000 whole articles, 2012-2020, 98 US outlets) and
writes ``stories/background.json``; deterministic (no sampling), with the sha256 of the source file and
of the table in its ``fingerprint``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from rashomon.errors import DataError
from rashomon.stories.features import SUBSPACES, Background, StoryArticle, article_terms

BACKGROUND_PATH = Path(__file__).with_name("background.json")
SOURCE_FILE = "abp_media_train_sample4000.jsonl.gz"
# Terms in fewer documents are left out: absent terms count as unseen, which for a term seen once or
# twice in 4,000 articles changes its IDF by at most log(3) of ~8.3. At 3 the table is ~0.5 MB
# (24k words, 8k names, 3.5k multi-word names, 2k title words).
MIN_DF = 3
# How many documents of a run the table counts as. Calibrated by retraining the online model at each
# mass (stories.train) and measuring on dev: ECB+ sub-topic B3 0.8975 at every mass from 30 to 300
# (0.881 at 1,000, where training picks threshold 0.20; 0.894 at 4,000); the bundled example alone is
# one story from 30 up (three stories without the table); AllSides pairwise F1 0.41 from 30 to 150,
# 0.33 from 200 up (one lump of 63 snippets of 2021 news, whose words the 2012-2020 sample counts as
# rare). 100, inside the plateau: a run of 5 articles takes its IDF mostly from the table, a run of
# 1,000 mostly from itself.
MASS = 100.0


@lru_cache(maxsize=1)
def shipped_background(path: Path = BACKGROUND_PATH) -> Background:
    """The table shipped with the package (read once per process)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        frequency = {
            space: {str(t): int(n) for t, n in data["frequency"][space].items()} for space in SUBSPACES
        }
        return Background(int(data["documents"]), frequency, MASS)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise DataError(
            f"the story background table '{path}' is missing or unreadable: {error}",
            hint="python -m rashomon.stories.background --data ../shared/benchmarks/article_bias_prediction",
        ) from error


def background_record(path: Path = BACKGROUND_PATH) -> dict[str, object]:
    """What a model fitted with the table records of it: the table's hash and its mass."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {"frequency_sha256": data["fingerprint"]["frequency_sha256"], "mass": MASS}


def read_source(path: Path) -> Iterable[StoryArticle]:
    """The sample's articles (title and full text), in file order."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            row = json.loads(line)
            yield StoryArticle(
                str(number), str(row.get("title") or ""), str(row.get("content_original") or "")
            )


def count_background(
    articles: Iterable[StoryArticle], min_df: int = MIN_DF
) -> tuple[int, dict[str, dict[str, int]]]:
    """Documents read and, per sub-space, the terms in at least ``min_df`` of them (sorted by term)."""
    documents = 0
    counts: dict[str, Counter[str]] = {space: Counter() for space in SUBSPACES}
    for article in articles:
        documents += 1
        terms = article_terms(article)
        for space in SUBSPACES:
            counts[space].update(terms.counts[space].keys())
    kept = {space: {t: n for t, n in sorted(counts[space].items()) if n >= min_df} for space in SUBSPACES}
    return documents, kept


def build(data: Path, min_df: int = MIN_DF) -> dict[str, object]:
    source = data / SOURCE_FILE
    if not source.is_file():
        raise DataError(f"'{source}' does not exist", hint="point --data at article_bias_prediction/")
    documents, frequency = count_background(read_source(source), min_df)
    table = json.dumps(frequency, sort_keys=True, separators=(",", ":"))
    return {
        "documents": documents,
        "min_df": min_df,
        "corpus": f"Article-Bias-Prediction {SOURCE_FILE} (title and full text per article)",
        "command": "python -m rashomon.stories.background --data <article_bias_prediction>",
        "fingerprint": {
            "training_files": {SOURCE_FILE: hashlib.sha256(source.read_bytes()).hexdigest()},
            "frequency_sha256": hashlib.sha256(table.encode()).hexdigest(),
        },
        "frequency": frequency,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m rashomon.stories.background", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--data", type=Path, required=True, help="article_bias_prediction/")
    parser.add_argument("--out", type=Path, default=BACKGROUND_PATH)
    args = parser.parse_args(argv)
    record = build(args.data)
    args.out.write_text(json.dumps(record, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {record['documents']} documents", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

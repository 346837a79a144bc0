"""Real multi-outlet stories to read rashomon's output on: BASIL triplets written as article sets.

BASIL (``../shared/benchmarks/basil/``) holds 100 events each told by Fox News, The New York Times and
HuffPost. This writes chosen triplets as rashomon JSON inputs (``<out>/<n>/<outlet>.json``: title, text,
outlet, published, url), outside the repository: the texts are copyrighted news and never committed.
The triplets are numbered in the order of their uuids, so a number names the same story on any machine.

    python -m rashomon.bench.triplets --data ../shared/benchmarks/basil --out /tmp/basil 3 17 29
    rashomon analyze /tmp/basil/3/*.json -o /tmp/basil-out/3
"""

from __future__ import annotations

import argparse
import ast
import json
from collections import defaultdict
from pathlib import Path
from typing import Any


def triplets(data: Path) -> list[list[dict[str, Any]]]:
    """Every triplet's article records, triplets in uuid order, articles in file order."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for path in sorted((data / "articles").glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        found[str(record.get("triplet-uuid", path.stem))].append(record)
    return [found[key] for key in sorted(found)]


def as_input(record: dict[str, Any]) -> dict[str, Any]:
    """One BASIL article as a rashomon JSON record."""
    paragraphs = record.get("body-paragraphs") or []
    if isinstance(paragraphs, str):  # some files hold the list as its Python repr
        paragraphs = ast.literal_eval(paragraphs)
    text = "\n\n".join(" ".join(sentences) for sentences in paragraphs)
    return {
        "title": record.get("title"),
        "text": text,
        "outlet": record.get("source"),
        "published": record.get("date"),
        "url": record.get("url"),
    }


def write(data: Path, out: Path, numbers: list[int]) -> list[Path]:
    stories = triplets(data)
    written = []
    for number in numbers:
        if not 0 <= number < len(stories):
            raise SystemExit(f"no triplet {number}: BASIL here has {len(stories)} (0-{len(stories) - 1})")
        folder = out / str(number)
        folder.mkdir(parents=True, exist_ok=True)
        for record in stories[number]:
            path = folder / f"{str(record.get('source', 'article')).lower()}.json"
            path.write_text(json.dumps(as_input(record), ensure_ascii=False), encoding="utf-8")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the BASIL folder")
    parser.add_argument("--out", type=Path, required=True, help="where to write (outside the repository)")
    parser.add_argument("numbers", type=int, nargs="+", help="triplet numbers, 0-99")
    args = parser.parse_args(argv)
    for path in write(args.data, args.out, args.numbers):
        print(path)


if __name__ == "__main__":
    main()

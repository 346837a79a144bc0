"""``rashomon bench --mixed-run 2000,20000``: the memory of a whole mixed ``rashomon analyze``.

``--story-stages`` times the cross-document work story by story; this runs what ``rashomon analyze``
itself runs on a mixed corpus, end to end, for its peak memory: the inputs read from files, ingest and
clean, the stories found, the stories analysed a wave at a time, each story's reports written as it is
finished and the whole run's ``evidence.json`` written item by item (``stories.output.StoryWriter``).

- **Inputs**: Article-Bias-Prediction articles written as JSON files into a temporary folder (title, text,
  outlet, date). Past the 6,356 that ship they repeat, each repetition moved past the story window in
  time and given a phrase of its own (in its longest paragraph) so that clean does not drop it as a duplicate.
- **Per-article stages** are the regular-expression stand-ins of ``rashomon.testing`` and every vector is
  hashed (``testing.HashedEncoder``), as in ``--story-stages``: the real models' memory is a constant of
  the processes (loaded once, shared by the forked workers), not something that grows with the run.
- Each size runs in a fresh process, so its peak is its own.
"""

from __future__ import annotations

import json
import resource
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rashomon.bench.scale import cost_ratio
from rashomon.config import Config
from rashomon.model import InputStatus
from rashomon.stories.corpora import abp_records
from rashomon.stories.scale import LAP_DAYS, peak_mib, runs_apart


def write_inputs(folder: Path, out: Path, count: int) -> int:
    """``count`` article files in ``out``; returns how many distinct shipped articles they repeat."""
    records = list(abp_records(folder))
    for n in range(count if records else 0):
        record, lap = dict(records[n % len(records)]), n // len(records)
        if lap:
            record["published"] = _moved(record["published"], lap)
            record["text"] = _marked(record["text"], f" (Copy {lap} in the benchmark's repeated stream.)")
        (out / f"{n:06d}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return min(count, len(records))


def _marked(text: str, marker: str) -> str:
    """``text`` with ``marker`` at the end of its longest paragraph. A line of its own would be cut as
    boilerplate, and so was the last paragraph of about 5% of the articles: the copy was then dropped as
    a duplicate of the first."""
    lines = text.split("\n")
    longest = max(range(len(lines)), key=lambda n: len(lines[n]))
    lines[longest] = lines[longest].rstrip() + marker
    return "\n".join(lines)


def _moved(published: str, lap: int) -> str:
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return published
    return (day + timedelta(days=lap * LAP_DAYS)).isoformat()


def measure_one(folder: Path, size: int, workers: int = 2) -> dict[str, Any]:
    """One mixed run of ``size`` articles in this process, every output written to a temporary folder."""
    from rashomon.stories.output import StoryWriter
    from rashomon.stories.run import analyze_stories
    from rashomon.testing import HashedEncoder, fake_pipeline

    config = Config(workers=workers)
    stages = list(fake_pipeline(config, encoder=HashedEncoder()).stages)
    with tempfile.TemporaryDirectory(prefix="rashomon-mixed-") as temp:
        inputs, out = Path(temp) / "in", Path(temp) / "out"
        inputs.mkdir()
        distinct = write_inputs(folder, inputs, size)
        loaded = peak_mib()
        started = time.perf_counter()
        with StoryWriter(out, ["json", "html", "md"]) as writer:
            encode = HashedEncoder().encode
            run = analyze_stories([str(inputs)], config, stages=stages, encode=encode, sink=writer.add)
            analysed = time.perf_counter() - started
            writer.finish(run.analysis.batch)
        written = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        return {
            "articles": len(run.analysis.batch.articles),
            "inputs": size,
            "duplicates": run.analysis.count(InputStatus.DUPLICATE),
            "distinct_texts": distinct,
            "stories": len(writer.listing),
            "largest_story": max((len(entry["articles"]) for entry in writer.listing), default=0),
            "workers": workers,
            "analyse_seconds": round(analysed, 1),
            "total_seconds": round(time.perf_counter() - started, 1),
            "output_mib": round(written / 2**20, 1),
            "loaded_mib": loaded,
            "peak_mib": peak_mib(),
            "worker_peak_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
            "notes": writer.notes,
        }


def measure_mixed(
    folder: Path,
    sizes: Sequence[int],
    workers: int = 2,
    measured: Callable[[dict[str, Any]], None] = lambda row: None,
) -> dict[str, Any]:
    """One row per size, each in its own process (``measured`` is told each as it comes), and the ratios
    of the largest size to the smallest."""
    rows = runs_apart("rashomon.bench.mixed", folder, sizes, workers, measured=measured)
    first, last = rows[0], rows[-1]
    return {
        "per_article_results": "stand-ins (rashomon.testing), vectors hashed; every output written",
        "runs": rows,
        "article_ratio": round(last["articles"] / max(first["articles"], 1), 2),
        "time_ratio": cost_ratio(last["total_seconds"], first["total_seconds"]),
        "peak_ratio": cost_ratio(last["peak_mib"], first["peak_mib"]),
    }

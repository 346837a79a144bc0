"""Ray engine throughput with 1, 2, ... workers: ``python -m rashomon.engine.bench --workers 1,2``.

Runs ``analyze_ray`` on N distinct benchmark articles (read from shared/benchmarks, written to a
temporary JSON Lines file, never into the repository) once per worker count, writing every output to a
temporary folder as ``rashomon analyze --engine ray`` does, and prints articles/s for the whole run, the
seconds of its two Ray phases and the driver's peak memory. Each run starts fresh actors, so the figures
include each actor loading its models (spaCy, MiniLM): the cost a short job on a cluster pays too.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from rashomon.bench.corpus import bench_articles
from rashomon.bench.run import DEFAULT_DATA
from rashomon.engine.ray_run import ARTICLE_PHASE, CORPUS_PHASE, RayOptions, analyze_ray, connect
from rashomon.engine.wire import DEFAULT_FACTORY


def measure(path: Path, workers: int, factory: str) -> dict[str, float]:
    """One run of the Ray engine on ``path``, every output written as ``rashomon analyze --engine ray``
    writes them (to a temporary folder): articles, stories, seconds overall and per phase."""
    from rashomon.stories.output import StoryWriter

    started = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="rashomon-ray-out-") as folder,
        StoryWriter(Path(folder), ["json", "html", "md"]) as writer,
    ):
        run = analyze_ray(
            [str(path)],
            options=RayOptions(workers=workers, factory=factory),
            sink=writer.add,
            spool=Path(folder),
        )
        articles = len(run.analysis.evidence["articles"])
        if articles:
            writer.finish_run(run)
        stories = len(writer.listing) if run.streamed else len(run.stories)
    seconds = time.perf_counter() - started
    problems = run.analysis.problems
    if not articles:
        reasons = "; ".join(f"{p['source']}: {p.get('reason')}" for p in problems[:3])
        raise SystemExit(f"no article was analysed ({len(problems)} inputs skipped or failed: {reasons})")
    return {
        "workers": workers,
        "articles": articles,
        "stories": stories,
        "inputs_skipped_or_failed": len(problems),
        "seconds": round(seconds, 1),
        "articles_per_s": round(articles / seconds, 2),
        "per_article_s": round(run.stage_seconds.get(ARTICLE_PHASE, 0.0), 1),
        "corpus_s": round(run.stage_seconds.get(CORPUS_PHASE, 0.0), 1),
        # The driver's peak so far in this process (a later worker count's run starts from the earlier's).
        "driver_peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def same_answers(rows: Sequence[dict[str, str]], folder: Path, factory: str) -> dict[str, object]:
    """Whether the Ray engine's evidence maps equal the local engine's on these articles (real models)."""
    from rashomon.config import Config
    from rashomon.engine.wire import all_stages
    from rashomon.stories.run import analyze_stories

    path = folder / "sample.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    local = analyze_stories([str(path)], stages=all_stages(factory, Config()))
    remote = analyze_ray([str(path)], options=RayOptions(workers=2, factory=factory))
    stories_equal = all(
        a.analysis.evidence == b.analysis.evidence for a, b in zip(local.stories, remote.stories, strict=True)
    )
    return {
        "sample": len(rows),
        "stories": len(local.stories),
        "claims": len(local.analysis.evidence["claims"]),
        "evidence_equal": local.analysis.evidence == remote.analysis.evidence and stories_equal,
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m rashomon.engine.bench", description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", default="1,2", help="Comma-separated worker counts.")
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(os.environ.get("RASHOMON_BENCHMARKS", DEFAULT_DATA)),
        help="The shared benchmarks folder (default: ../shared/benchmarks, or $RASHOMON_BENCHMARKS).",
    )
    parser.add_argument("--factory", default=DEFAULT_FACTORY, help="module:function making the stages.")
    parser.add_argument("--compare", type=int, default=0, help="Also check same answers on N articles.")
    args = parser.parse_args(argv)
    counts = [int(part) for part in args.workers.split(",") if part.strip()]
    connect(RayOptions(workers=max(counts)))
    with tempfile.TemporaryDirectory(prefix="rashomon-ray-bench-") as folder:
        path = Path(folder) / "articles.jsonl"
        rows = bench_articles(args.data, args.articles)
        path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
        if args.compare:
            print(json.dumps(same_answers(rows[: args.compare], Path(folder), args.factory)), flush=True)
        for workers in counts:
            print(json.dumps(measure(path, workers, args.factory)), flush=True)


if __name__ == "__main__":
    main()

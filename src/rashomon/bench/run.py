"""``rashomon bench``: the full pipeline against the bare model inference on the same texts, one run.

``inference_ratio`` = pipeline seconds / (spaCy ``nlp.pipe`` over the cleaned texts + one MiniLM pass
over all their sentences). Both sides have their models loaded before timing starts.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from rashomon.api import analyze, build_pipeline
from rashomon.config import Config
from rashomon.model import Source
from rashomon.nlp.embeddings import load_minilm
from rashomon.nlp.model import load_spacy
from rashomon.pipeline import Batch
from rashomon.pipeline.processes import usable_cores

# The layout of the repository checkout: ../shared/benchmarks beside it (override with --data).
DEFAULT_DATA = Path("..") / "shared" / "benchmarks"
EMBED_BATCH = 64


def run_bench(
    count: int, benchmarks: Path, config: Config | None = None, words: tuple[int, int] | None = None
) -> dict[str, Any]:
    from rashomon.bench.corpus import bench_articles

    config = config or Config()
    sources = [
        Source(name=f"bench/{i:06d}.json", data=json.dumps(article).encode("utf-8"))
        for i, article in enumerate(bench_articles(benchmarks, count, words))
    ]
    pipeline = build_pipeline(config)
    pipeline.warm_up()
    started = time.perf_counter()
    analysis = analyze(sources, config, pipeline=pipeline)
    pipeline_seconds = time.perf_counter() - started
    inference_seconds = _bare_inference_seconds(analysis.batch, config)
    summary = _summary(analysis.batch, analysis.stage_seconds, pipeline_seconds, inference_seconds)
    summary["workers"] = pipeline.workers
    return summary


def _bare_inference_seconds(batch: Batch, config: Config) -> float:
    nlp = load_spacy(config.spacy_model, config.limits.max_article_chars + 1)
    embedder = load_minilm()
    texts = [article.text for article in batch.articles]
    by_id = {article.id: article.text for article in batch.articles}
    sentences = [by_id[s.article][s.start : s.end] for s in batch.sentences]
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=config.spacy_batch_size, n_process=config.n_process):
        pass
    embedder.encode(sentences, batch_size=EMBED_BATCH, show_progress_bar=False)
    return time.perf_counter() - started


def _summary(batch: Batch, stages: dict[str, float], pipeline_s: float, inference_s: float) -> dict[str, Any]:
    articles, sentences = len(batch.articles), len(batch.sentences)
    words = sum(len(article.text.split()) for article in batch.articles)
    return {
        "articles": articles,
        "sentences": sentences,
        "mean_words": round(words / max(articles, 1)),
        "articles_per_s": round(articles / pipeline_s, 3),
        "sentences_per_s": round(sentences / pipeline_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        # The largest worker process (forked: the models' pages are shared with this one, so the two
        # figures overlap; their sum bounds the run's memory from above).
        "worker_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "pipeline_seconds": round(pipeline_s, 3),
        "inference_seconds": round(inference_s, 3),
        "inference_ratio": round(pipeline_s / inference_s, 3) if inference_s else None,
        "stages": {name: round(seconds, 3) for name, seconds in stages.items()},
        "machine": f"{platform.machine()}, {usable_cores()} cores, Python {platform.python_version()}",
    }


@dataclass(frozen=True, slots=True)
class BenchPlan:
    """What ``rashomon bench`` runs: the pipeline on ``articles`` (0: not at all) and the scale runs."""

    articles: int = 100
    words: tuple[int, int] | None = None  # only articles of this many words (low, high)
    scale: tuple[int, ...] = ()
    stream: tuple[int, ...] = ()
    story_stages: tuple[int, ...] = ()
    mixed_run: tuple[int, ...] = ()


def run_bench_cli(plan: BenchPlan, data: Path | None, workers: int = 1) -> None:
    benchmarks = (data or Path(os.environ.get("RASHOMON_BENCHMARKS", DEFAULT_DATA))).resolve()
    summary: dict[str, Any] = {}
    if plan.articles:
        summary = run_bench(plan.articles, benchmarks, Config(workers=workers), plan.words)
        _echo_summary(summary)
    if plan.scale:
        from rashomon.bench.scale import measure_scale

        summary["scale"] = measure_scale(benchmarks, plan.scale)
        _echo_scale(summary["scale"])
    if plan.stream:
        from rashomon.stories.scale import measure_story_scale

        rows = measure_story_scale(benchmarks / "article_bias_prediction", plan.stream)
        summary["stream"] = {
            "lead_vectors": "stand-ins of MiniLM's width (clustering cost only)",
            "runs": rows,
        }
        for row in rows:
            click.echo(f"  stream {row['articles']:>6} articles -> {row['stories']} stories: {row}", err=True)
    if plan.story_stages:
        from rashomon.bench.stream import measure_stream

        click.echo(
            "  cross-document work of a mixed run, story by story (per-article results: stand-ins):", err=True
        )
        summary["story_stages"] = measure_stream(
            benchmarks / "article_bias_prediction",
            plan.story_stages,
            min(workers, usable_cores()),
            _echo_story_row,
        )
        _echo_story_ratios(summary["story_stages"])
    if plan.mixed_run:
        from rashomon.bench.mixed import measure_mixed

        click.echo(
            "  a whole mixed rashomon analyze, every output written (per-article stages: stand-ins):",
            err=True,
        )
        summary["mixed_run"] = measure_mixed(
            benchmarks / "article_bias_prediction",
            plan.mixed_run,
            min(workers, usable_cores()),
            _echo_mixed_row,
        )
    click.echo(json.dumps(summary))
    sys.stdout.flush()


def _echo_summary(summary: dict[str, Any]) -> None:
    click.echo(f"bench: {summary['articles']} articles, {summary['sentences']} sentences", err=True)
    for key in ("articles_per_s", "sentences_per_s", "peak_rss_mb", "worker_peak_rss_mb", "inference_ratio"):
        click.echo(f"  {key:<18} {summary[key]}", err=True)
    for stage, seconds in summary["stages"].items():
        share = seconds / summary["pipeline_seconds"] if summary["pipeline_seconds"] else 0.0
        click.echo(f"  stage {stage:<12} {seconds:8.3f}s  {share:6.1%}", err=True)


def _echo_story_row(row: dict[str, Any]) -> None:
    click.echo(
        f"    {row['articles']:>6} articles {row['stories']:>6} stories  clustering "
        f"{row['clustering_seconds']:8.2f}s  corpus stages {row['cross_document_seconds']:9.2f}s  "
        f"peak RSS {row['peak_mib']:.0f} MiB (workers {row['worker_peak_mib']:.0f})",
        err=True,
    )


def _echo_mixed_row(row: dict[str, Any]) -> None:
    click.echo(
        f"    {row['articles']:>6} articles {row['stories']:>6} stories  {row['total_seconds']:8.1f}s  "
        f"peak RSS {row['peak_mib']:.0f} MiB (workers {row['worker_peak_mib']:.0f}), "
        f"{row['output_mib']:.0f} MiB written",
        err=True,
    )


def _echo_story_ratios(result: dict[str, Any]) -> None:
    click.echo(
        f"    {result['article_ratio']}x the articles: corpus stages {result['cross_document_ratio']}x, "
        f"clustering {result['clustering_ratio']}x",
        err=True,
    )


def _echo_scale(scale: dict[str, Any]) -> None:
    click.echo("  cross-document stages as the run grows (per-article stages: fast stand-ins):", err=True)
    for row in scale["runs"]:
        click.echo(
            f"    {row['articles']:>6} articles {row['claims']:>7} claims  {row['total_seconds']:8.2f}s  "
            f"peak RSS {row['peak_rss_mb']:.0f} MB",
            err=True,
        )
    click.echo(f"    {scale['article_ratio']}x the articles cost {scale['time_ratio']}x the time", err=True)

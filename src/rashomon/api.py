"""The library entry point: ``rashomon.analyze`` runs the pipeline; the CLI and web app only wrap it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from rashomon.config import Config
from rashomon.errors import UsageError
from rashomon.model import InputStatus, Source
from rashomon.pipeline import Batch, Pipeline, Progress, Stage
from rashomon.report.evidence import Evidence, build_evidence

FORMATS = ("html", "json", "md")


@dataclass(frozen=True, slots=True)
class Analysis:
    """A finished run: the final batch, the evidence map built from it, and per-stage seconds."""

    batch: Batch
    evidence: Evidence
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def count(self, status: InputStatus) -> int:
        return sum(1 for item in self.evidence["inputs"] if item["status"] == status)

    @property
    def problems(self) -> list[dict[str, str]]:
        bad = (InputStatus.FAILED, InputStatus.SKIPPED)
        return [item for item in self.evidence["inputs"] if item["status"] in bad]


def default_stages(config: Config) -> list[Stage]:
    """The stages in pipeline order; the folder tree under ``rashomon/`` follows the same order."""
    from rashomon.align.stage import AlignStage
    from rashomon.claims.attribution.stage import AttributionStage
    from rashomon.claims.embed import EmbedStage
    from rashomon.claims.stage import ClaimsStage
    from rashomon.clean import CleanStage
    from rashomon.entities import EntitiesStage
    from rashomon.framing.stage import FramingStage
    from rashomon.framing.techniques import TechniquesStage
    from rashomon.ingest import IngestStage
    from rashomon.nlp import NlpStage
    from rashomon.provenance import ProvenanceStage
    from rashomon.relate.stage import RelateStage
    from rashomon.timeline.stage import TimelineStage

    return [
        IngestStage(config),
        CleanStage(config),
        NlpStage(config),
        AttributionStage(config),
        TechniquesStage(config),
        EmbedStage(config),
        EntitiesStage(config),
        ClaimsStage(config),
        AlignStage(config),
        ProvenanceStage(config),
        RelateStage(config),
        TimelineStage(config),
        FramingStage(config),
    ]


def build_pipeline(config: Config | None = None) -> Pipeline:
    config = config or Config()
    return Pipeline(default_stages(config), workers=config.workers)


def analyze(
    inputs: Sequence[str | Path | Source],
    config: Config | None = None,
    *,
    progress: Progress | None = None,
    pipeline: Pipeline | None = None,
    stdin: BinaryIO | None = None,
) -> Analysis:
    """Analyse articles named by paths, directories, globs, ``-`` (stdin JSON Lines) or ready Sources."""
    from rashomon.ingest import sources_from_args

    if not inputs:
        raise UsageError("no input given", hint="name article files, folders or '-' for JSON Lines on stdin")
    ready = [item for item in inputs if isinstance(item, Source)]
    named = [str(item) for item in inputs if not isinstance(item, Source)]
    expanded, outcomes = sources_from_args(named, stdin) if named else ([], [])
    batch = Batch(sources=(*ready, *expanded), inputs=tuple(outcomes))
    result = (pipeline or build_pipeline(config)).run(batch, progress)
    return Analysis(result.batch, build_evidence(result.batch), result.stage_seconds)


def check_formats(formats: Sequence[str]) -> None:
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise UsageError(f"unknown output format {sorted(unknown)}", hint="use html, json and/or md")


def write_reports(analysis: Analysis, out_dir: Path, formats: Sequence[str] = FORMATS) -> list[Path]:
    """Write the requested outputs atomically; returns the paths written."""
    from rashomon.report.html import render_html
    from rashomon.report.markdown import render_markdown
    from rashomon.report.write import write_atomic, write_json

    check_formats(formats)
    written: list[Path] = []
    if "json" in formats:
        write_json(out_dir / "evidence.json", analysis.evidence)
        written.append(out_dir / "evidence.json")
    if "html" in formats:
        write_atomic(out_dir / "report.html", render_html(analysis.evidence))
        written.append(out_dir / "report.html")
    if "md" in formats:
        write_atomic(out_dir / "report.md", render_markdown(analysis.evidence))
        written.append(out_dir / "report.md")
    return written

"""Stage 11, report: the evidence map and its human-readable renderings."""

from rashomon.report.evidence import SCHEMA_ID, Evidence, build_evidence

__all__ = ["SCHEMA_ID", "Evidence", "build_evidence"]

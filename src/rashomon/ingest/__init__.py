"""Ingest: what the user named (files, folders, globs, stdin) to decoded raw documents.

Bodies are not extracted here: HTML stays HTML for the clean stage. Every input that yields no
document gets an `InputOutcome` saying why, in one line, with what to do about it.
"""

from rashomon.ingest.paths import STDIN_NAME, sources_from_args
from rashomon.ingest.reader import SourceReader, read_sources
from rashomon.ingest.stage import IngestStage

__all__ = ["STDIN_NAME", "IngestStage", "SourceReader", "read_sources", "sources_from_args"]

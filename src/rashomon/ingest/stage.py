"""The ingest stage: sources in, raw documents and input outcomes out."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rashomon.ingest.reader import SourceReader
from rashomon.model import InputOutcome, RawDocument
from rashomon.pipeline import Advance, BaseStage, Batch


def _no_progress(_: int) -> None:
    return None


class IngestStage(BaseStage):
    """Reads every source; a bad input becomes an outcome in ``batch.inputs`` and the batch goes on."""

    name: ClassVar[str] = "ingest"
    requires: ClassVar[frozenset[str]] = frozenset({"sources"})
    produces: ClassVar[frozenset[str]] = frozenset({"raw", "inputs"})

    def units(self, batch: Batch) -> int:
        return len(batch.sources)

    def run(self, batch: Batch, advance: Advance = _no_progress) -> Batch:
        reader = SourceReader(self.config.limits)
        docs: list[RawDocument] = []
        outcomes: list[InputOutcome] = []
        for source in batch.sources:
            found, problems = reader.read(source)
            docs += found
            outcomes += problems
            advance(1)
        return replace(batch, raw=(*batch.raw, *docs), inputs=(*batch.inputs, *outcomes))

"""The stage contract: declare ``requires``/``produces``, load models in ``warm_up``, transform in ``run``."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Protocol, runtime_checkable

from rashomon.config import Config
from rashomon.pipeline.state import Batch

# Called by a stage as it finishes units of work (articles, inputs) so shells can show progress.
Advance = Callable[[int], None]


def _ignore(_: int) -> None:
    return None


@runtime_checkable
class Stage(Protocol):
    """One step of the pipeline. Construction is cheap; ``warm_up`` does the heavy loading once."""

    name: ClassVar[str]
    requires: ClassVar[frozenset[str]]
    produces: ClassVar[frozenset[str]]

    def __init__(self, config: Config) -> None: ...

    def warm_up(self) -> None: ...

    def units(self, batch: Batch) -> int:
        """How many units of work ``run`` will report through ``advance`` (for progress bars)."""
        ...

    def run(self, batch: Batch, advance: Advance = _ignore) -> Batch: ...


class BaseStage:
    """Defaults for the parts of the contract most stages do not need to change."""

    name: ClassVar[str] = "stage"
    requires: ClassVar[frozenset[str]] = frozenset()
    produces: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, config: Config) -> None:
        self.config = config

    def warm_up(self) -> None:
        return None

    def units(self, batch: Batch) -> int:
        return len(batch.articles)

"""The stage contract: declare ``requires``/``produces``, load models in ``warm_up``, transform in ``run``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar, Literal, Protocol, runtime_checkable

from rashomon.config import Config
from rashomon.pipeline.state import Batch

# "article": a stage whose output for an article depends on that article alone (so it can be cached per
# article and run on any subset); "corpus": it looks across articles and is re-run when the set changes.
Scope = Literal["article", "corpus"]

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
    scope: ClassVar[Scope]
    version: ClassVar[str]  # bump when the stage's output changes for the same input and config

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
    scope: ClassVar[Scope] = "corpus"
    version: ClassVar[str] = "1"

    def __init__(self, config: Config) -> None:
        self.config = config

    def warm_up(self) -> None:
        return None

    def units(self, batch: Batch) -> int:
        return len(batch.articles)


def made_by(stages: Iterable[Stage]) -> frozenset[str]:
    """Every artifact the stages produce."""
    return frozenset().union(*(stage.produces for stage in stages))

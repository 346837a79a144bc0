"""Coverage by side for one story, from the user's imported ratings, and the blindspot flag.

Each article counts once, on the side of its outlet's lean ("lean left" counts as left). A story is a
blindspot for one side when the partisan articles (left and right) number at least ``MIN_PARTISAN`` and
``ONE_SIDED`` or more of them are on the other side: covered almost only by one side, as Ground News
flags it. Both thresholds are choices, not calibrated on data (no labelled blindspot set exists here):
0.8 means at most one article in five from the missing side; a story with one rated article is never
flagged, since one article says nothing about who ignores a story.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rashomon.outlets.figures import Ref
from rashomon.outlets.identify import Registry
from rashomon.outlets.ratings import Ratings
from rashomon.outlets.stories import StoryView

ONE_SIDED = 0.8
MIN_PARTISAN = 2
SIDE_ORDER = ("left", "center", "right")


@dataclass(frozen=True, slots=True)
class Placed:
    """One article of the story with its outlet and the side it was counted on (None: not rated)."""

    ref: Ref
    outlet: str | None
    side: str | None
    lean: str | None
    reliability: str | None


@dataclass(frozen=True, slots=True)
class Coverage:
    story: str
    articles: tuple[Placed, ...]

    def side(self, name: str) -> tuple[Placed, ...]:
        return tuple(placed for placed in self.articles if placed.side == name)

    @property
    def rated(self) -> int:
        return sum(1 for placed in self.articles if placed.side is not None)

    @property
    def unrated(self) -> tuple[Placed, ...]:
        return tuple(placed for placed in self.articles if placed.side is None)

    @property
    def blindspot(self) -> str | None:
        """The side that barely covers the story ('right': covered almost only by the left), or None."""
        left, right = len(self.side("left")), len(self.side("right"))
        partisan = left + right
        if partisan < MIN_PARTISAN:
            return None
        if left / partisan >= ONE_SIDED:
            return "right"
        if right / partisan >= ONE_SIDED:
            return "left"
        return None


def story_coverage(
    story_id: str, evidence: Mapping[str, Any], ratings: Ratings, registry: Registry | None = None
) -> Coverage:
    view = StoryView(story_id, evidence, registry or ratings.registry)
    placed = []
    for article_id in view.article_ids:
        name = view.identity[article_id].name
        rating = ratings.get(name)
        placed.append(
            Placed(
                Ref(story_id, article_id),
                name,
                rating.side if rating else None,
                rating.lean if rating else None,
                rating.reliability if rating else None,
            )
        )
    return Coverage(story_id, tuple(placed))

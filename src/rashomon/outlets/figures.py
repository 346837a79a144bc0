"""The records an outlet profile is made of: a count out of a sample, its interval, and what it rests on.

A figure is never a bare percentage: ``hits`` of ``total`` with a 95% Wilson score interval, the sample
flagged small under ``SMALL_SAMPLE``, and ``evidence`` naming every claim or article counted in ``hits``,
so each number can be opened and checked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

Z95 = 1.959964  # two-sided 95% normal quantile
SMALL_SAMPLE = 30  # the usual rule of thumb below which a proportion's normal approximation is poor


@dataclass(frozen=True, slots=True)
class Ref:
    """One piece of evidence: an article of a story, or one of its claims (``claim`` set)."""

    story: str
    article: str
    claim: str | None = None
    note: str = ""  # why it counts: "echoes art_… (2 days earlier)", "omits grp_…"


@dataclass(frozen=True, slots=True)
class Figure:
    """``hits`` of ``total`` ``unit``; ``scale`` 1000 turns a per-word share into a rate per 1,000 words."""

    name: str
    label: str
    hits: int
    total: int
    unit: str
    evidence: tuple[Ref, ...] = ()
    scale: int = 1
    available: bool = True  # False: the stories hold no data for it (shown as "n/a")

    @property
    def value(self) -> float | None:
        return self.scale * self.hits / self.total if self.available and self.total else None

    @property
    def interval(self) -> tuple[float, float] | None:
        if not self.available or not self.total:
            return None
        low, high = wilson(self.hits, self.total)
        return self.scale * low, self.scale * high

    @property
    def small(self) -> bool:
        return self.total < SMALL_SAMPLE

    def text(self) -> str:
        """'12/40 claims (30%, 95% CI 18–45%)', '3 in 2,100 words (1.4 per 1,000 words, …)' or 'n/a'."""
        if not self.available:
            return "n/a (no data in these stories)"
        if not self.total:
            return f"0/0 {self.unit}"
        low, high = self.interval or (0.0, 0.0)
        small = ", small sample" if self.small else ""
        if self.scale == 1:
            share = f"{100 * (self.value or 0):.0f}%, 95% CI {100 * low:.0f}–{100 * high:.0f}%"
            return f"{self.hits}/{self.total} {self.unit} ({share}{small})"
        rate = f"{self.value or 0:.1f} per {self.scale:,} {self.unit}, 95% CI {low:.1f}–{high:.1f}"
        return f"{self.hits} in {self.total:,} {self.unit} ({rate}{small})"


@dataclass(frozen=True, slots=True)
class Delay:
    """Days behind the first article carrying the same origin, for echoes where both dates are to the day."""

    days: tuple[int, ...] = ()
    evidence: tuple[Ref, ...] = ()

    @property
    def median(self) -> float | None:
        ordered = sorted(self.days)
        if not ordered:
            return None
        middle = len(ordered) // 2
        return float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2

    def text(self) -> str:
        if not self.days:
            return "n/a (no echo with day-precise dates)"
        small = ", small sample" if len(self.days) < SMALL_SAMPLE else ""
        spread = f"range {min(self.days)}–{max(self.days)}"
        return f"{self.median:g} days (median of {len(self.days)}, {spread}{small})"


@dataclass(frozen=True, slots=True)
class OutletProfile:
    """Everything measured about one outlet over the stories of a store."""

    key: str
    name: str
    registered: bool
    country: str | None
    owner: str | None
    stories: tuple[str, ...]
    articles: tuple[Ref, ...]
    claims: int
    words: int
    figures: tuple[Figure, ...]
    delay: Delay
    exclusive: tuple[Ref, ...] = ()  # claims no other article carries: neither origin nor echo
    undetermined: tuple[Ref, ...] = ()  # shared claims whose order cannot be told from the dates
    techniques: dict[str, int] = field(default_factory=dict)

    def figure(self, name: str) -> Figure:
        return next(figure for figure in self.figures if figure.name == name)


def wilson(hits: int, total: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval: honest at small n and at 0% or 100%, unlike the normal approximation."""
    if total <= 0:
        return 0.0, 1.0
    share = hits / total
    denominator = 1 + z * z / total
    centre = (share + z * z / (2 * total)) / denominator
    margin = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - margin), min(1.0, centre + margin)

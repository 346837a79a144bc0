"""Entity timelines as temporal graphs, scored by temporal awareness (SemEval-2015 Task 4).

The task's scorer turns each timeline into TimeML-like temporal links and scores them with the TempEval-3
temporal-awareness metric (UzZaman and Allen 2011). The conversion, as the task paper describes it:

* every event mention is a node (``docid-sentence-word``; coreferent mentions on one line are one rank);
* every time anchor other than ``XXXX-XX-XX`` is a TIMEX node that INCLUDES the events anchored to it;
* events at the same rank are SIMULTANEOUS; every event at rank *n* is BEFORE every event at rank *n+1*.

Precision is the share of the system's *reduced* graph (no relation that others imply) found in the gold
graph's *closure*; recall the share of gold's reduced graph found in the system's closure; both summed
over timelines before dividing (micro average). Dates are compared at the precision both give: an anchor
written ``2008-03-XX`` is the month ``2008-03``.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Relation = tuple[str, str, str]  # (source node, relation, target node): BEFORE | SIMULTANEOUS | INCLUDES


@dataclass(frozen=True, slots=True)
class TimelineLine:
    """One line of a timeline file: its rank, time anchor, and the coreferent event mentions on it."""

    rank: int
    date: str  # "YYYY-MM-DD", "YYYY-MM", "YYYY", "XXXX-XX-XX"
    events: tuple[str, ...]  # "docid-sentence-word", the word lower-cased


@dataclass(frozen=True, slots=True)
class Timeline:
    entity: str
    lines: tuple[TimelineLine, ...]


def normalise_anchor(value: str) -> str | None:
    """The anchor without its unknown parts ("2008-03-XX" -> "2008-03"); None when the year is unknown."""
    parts = value.strip().split("-")
    known: list[str] = []
    for part in parts:
        if not part or "X" in part.upper():
            break
        known.append(part)
    return "-".join(known) if known else None


def parse_timeline(text: str) -> Timeline:
    """A timeline file: the entity on the first line, then ``rank<TAB>date<TAB>event[<TAB>event...]``."""
    rows = text.splitlines()
    entity = rows[0].strip() if rows else ""
    lines = []
    for row in rows[1:]:
        cells = [cell.strip() for cell in row.split("\t") if cell.strip()]
        if len(cells) < 3 or not cells[0].lstrip("-").isdigit():
            continue
        lines.append(TimelineLine(int(cells[0]), cells[1], tuple(c.lower() for c in cells[2:])))
    return Timeline(entity, tuple(lines))


def format_timeline(timeline: Timeline) -> str:
    rows = [timeline.entity]
    rows.extend(f"{line.rank}\t{line.date}\t" + "\t".join(line.events) for line in timeline.lines)
    return "\n".join(rows) + "\n"


@dataclass(slots=True)
class TemporalGraph:
    """A timeline's relations, with their closure computed over classes of simultaneous events."""

    events: list[str] = field(default_factory=list)
    ranks: dict[str, int] = field(default_factory=dict)
    anchors: dict[str, str] = field(default_factory=dict)  # event -> normalised date

    @classmethod
    def from_timeline(cls, timeline: Timeline) -> TemporalGraph:
        graph = cls()
        for line in timeline.lines:
            anchor = normalise_anchor(line.date)
            for event in line.events:
                if event in graph.ranks:
                    continue  # an event listed twice keeps its first place
                graph.events.append(event)
                graph.ranks[event] = line.rank
                if anchor is not None:
                    graph.anchors[event] = anchor
        return graph

    def reduced(self) -> list[Relation]:
        """A minimal set of relations implying all others: a chain through each rank, one BEFORE per
        consecutive pair of ranks, and one INCLUDES per (rank, date)."""
        by_rank: dict[int, list[str]] = defaultdict(list)
        for event in self.events:
            by_rank[self.ranks[event]].append(event)
        relations: list[Relation] = []
        ordered = sorted(by_rank)
        for rank in ordered:
            members = by_rank[rank]
            relations.extend((a, "SIMULTANEOUS", b) for a, b in itertools.pairwise(members))
            seen_dates: set[str] = set()
            for event in members:
                date = self.anchors.get(event)
                if date is not None and date not in seen_dates:
                    seen_dates.add(date)
                    relations.append(("T:" + date, "INCLUDES", event))
        relations.extend((by_rank[a][0], "BEFORE", by_rank[b][0]) for a, b in itertools.pairwise(ordered))
        return relations

    def holds(self, relation: Relation) -> bool:
        """Whether the closure of this graph contains ``relation``."""
        source, kind, target = relation
        if kind == "INCLUDES":
            date = source[2:]
            rank = self.ranks.get(target)
            return rank is not None and any(
                self.anchors.get(e) == date for e in self.events if self.ranks[e] == rank
            )
        if source not in self.ranks or target not in self.ranks:
            return False
        if kind == "SIMULTANEOUS":
            return self.ranks[source] == self.ranks[target]
        return self.ranks[source] < self.ranks[target]


@dataclass(slots=True)
class AwarenessCounts:
    """Summed over timelines: system relations confirmed by gold, and gold relations the system implies."""

    system: int = 0
    system_correct: int = 0
    gold: int = 0
    gold_found: int = 0

    def add(self, gold: Timeline, system: Timeline | None) -> None:
        gold_graph = TemporalGraph.from_timeline(gold)
        system_graph = TemporalGraph.from_timeline(system or Timeline(gold.entity, ()))
        system_reduced = system_graph.reduced()
        gold_reduced = gold_graph.reduced()
        self.system += len(system_reduced)
        self.system_correct += sum(gold_graph.holds(r) for r in system_reduced)
        self.gold += len(gold_reduced)
        self.gold_found += sum(system_graph.holds(r) for r in gold_reduced)

    @property
    def precision(self) -> float:
        return self.system_correct / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_timelines(pairs: Iterable[tuple[Timeline, Timeline | None]]) -> AwarenessCounts:
    counts = AwarenessCounts()
    for gold, system in pairs:
        counts.add(gold, system)
    return counts


def rank_lines(dated: Sequence[tuple[str | None, tuple[int, ...], str]]) -> tuple[TimelineLine, ...]:
    """Timeline lines from (normalised date or None, position, event): undated events first (rank 0, in
    text order, as the task's gold puts them), then one rank per distinct date in calendar order."""
    undated = sorted((pos, event) for date, pos, event in dated if date is None)
    lines = [TimelineLine(0, "XXXX-XX-XX", (event,)) for _, event in undated]
    first = 1 if undated else 0
    dates = sorted({date for date, _, _ in dated if date is not None})
    for rank, date in enumerate(dates, start=first):
        events = sorted((pos, event) for d, pos, event in dated if d == date)
        lines.extend(TimelineLine(rank, date, (event,)) for _, event in events)
    return tuple(lines)

"""A mixed run's outputs, written story by story as the stories are finished.

Each story's reports go to ``OUT_DIR/stories/<id>/`` the moment its map is built; what the run-level
outputs need of it is kept small (its stories.json entry, its rendered index row) or on disk (its items
of the whole run's map, one JSON line each, in a spool folder removed at the end). At the end come
``stories.json``, ``index.html`` and the whole run's ``evidence.json``, written item by item from the
spool: the same bytes as dumping the whole map built in memory (``combined`` + ``build_evidence``), with
no more than one item of it in memory at a time, so a run of any size holds one wave of stories, not all
of them. The whole run's ``report.html`` and ``report.md`` are pages to read: past ``WHOLE_REPORT_ARTICLES``
articles they would be too large to open, and are not written (``notes`` says so; ``index.html`` and each
story's reports are the way in).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import IO, Any

from rashomon.api import Analysis, check_formats, write_reports
from rashomon.pipeline import Batch
from rashomon.report.evidence import Evidence, all_outcomes, article_item, build_evidence, outcome_item
from rashomon.report.index import IndexRow, index_row, render_index_rows
from rashomon.report.streamed import Items, write_streamed
from rashomon.report.write import write_atomic, write_json
from rashomon.stories.run import StoryAnalysis, StoryRun, combined

# Up to this many articles a mixed run also gets the whole run's report.html / report.md (every story
# side by side). One wave of stories (``run.WAVE_ARTICLES``) is the most a run holds at once anyway.
WHOLE_REPORT_ARTICLES = 512

# The whole map's lists that are the stories' lists laid end to end (an item with an id once: the first).
_LISTS = ("claims", "groups", "reuse", "relations", "events", "timeline", "flags")
_FRAMING_LISTS = ("labels", "acts", "matrix")


def write_story_reports(
    run: StoryRun, out_dir: Path, formats: Sequence[str], write: Callable[..., list[Path]] | None = None
) -> list[Path]:
    """One story: the ordinary reports in ``out_dir``. Several: as ``StoryWriter`` writes them, from a run
    held in memory (the Ray engine's; the local engine hands its stories to a writer as they finish)."""
    if not run.mixed:
        return (write or write_reports)(run.analysis, out_dir, formats)
    with StoryWriter(out_dir, formats, write) as writer:
        for item in run.stories:
            writer.add(item)
        return writer.finish(run.analysis.batch)


class StoryWriter:
    """Writes a mixed run's outputs: ``add`` each finished story, then ``finish`` with the run's batch
    (its articles in input order, its own input outcomes). Use it as a context manager: the spool is
    removed however the run ends."""

    def __init__(
        self, out_dir: Path, formats: Sequence[str], write: Callable[..., list[Path]] | None = None
    ) -> None:
        check_formats(formats)
        self.out_dir = out_dir
        self.formats = tuple(formats)
        self.write = write or write_reports
        self.notes: list[str] = []
        self.listing: list[dict[str, Any]] = []
        self.rows: list[IndexRow] = []
        self.kept: list[StoryAnalysis] | None = []  # the stories, while few enough for the whole reports
        self.articles = 0
        self.entities: dict[str, list[int]] = {}  # per entity id, its items' offsets in ``parts``
        self.framing: dict[str, int] = {}  # per article id, its framing entry's offset in ``parts``
        self.seen: dict[str, set[str]] = {name: set() for name in (*_LISTS, *_FRAMING_LISTS)}
        self._folder: tempfile.TemporaryDirectory[str] | None = None  # made with the first story

    @cached_property
    def spools(self) -> dict[str, Spool]:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._folder = tempfile.TemporaryDirectory(prefix=".rashomon-spool-", dir=self.out_dir)
        return {name: Spool(Path(self._folder.name) / name) for name in (*_LISTS, *_FRAMING_LISTS, "parts")}

    @property
    def parts(self) -> Spool:
        """Entities and per-article framing entries, read back by offset."""
        return self.spools["parts"]

    def __enter__(self) -> StoryWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._folder is not None:
            for spool in self.spools.values():
                spool.close()
            self._folder.cleanup()

    def add(self, item: StoryAnalysis) -> None:
        """Write the story's reports and keep what the run's outputs need of it."""
        evidence = item.analysis.evidence
        self.write(item.analysis, self.out_dir / "stories" / item.story.id, self.formats)
        entry = story_entry(item)
        self.listing.append(entry)
        self.rows.append(index_row(entry, evidence))
        self.articles += len(evidence["articles"])
        if self.kept is not None:
            self.kept.append(item)
            if self.articles > WHOLE_REPORT_ARTICLES:
                self.kept = None
        for name in _LISTS:
            self._spool(name, evidence[name])
        for name in _FRAMING_LISTS:
            self._spool(name, evidence["framing"][name])
        for entity in evidence["entities"]:
            self.entities.setdefault(entity["id"], []).append(self.parts.add(entity))
        for article, framed in evidence["framing"]["articles"].items():
            self.framing.setdefault(article, self.parts.add(framed))

    def _spool(self, name: str, items: Sequence[dict[str, Any]]) -> None:
        seen = self.seen[name]
        for value in items:
            key = value.get("id")
            if isinstance(key, str):
                if key in seen:
                    continue
                seen.add(key)
            self.spools[name].add(value)

    def finish_run(self, run: StoryRun) -> list[Path]:
        """The outputs of a finished run, whichever way it went: a streamed run's stories were handed to
        ``add`` already, so only the run's own files are left (``finish``); a run held in memory (one
        story) is written whole (``write_story_reports``)."""
        if run.streamed:
            return self.finish(run.analysis.batch)
        return write_story_reports(run, self.out_dir, self.formats, self.write)

    def finish(self, batch: Batch) -> list[Path]:
        """The run's outputs in ``out_dir``; returns the top-level paths written."""
        written: list[Path] = []
        if "json" in self.formats:
            write_streamed(self.out_dir / "evidence.json", self.whole_map(batch))
            written.append(self.out_dir / "evidence.json")
        pages = [f for f in ("html", "md") if f in self.formats]
        if pages and self.kept is not None:
            whole = combined(batch, [item.analysis.batch for item in self.kept])
            evidence = build_evidence(whole, [item.analysis.evidence for item in self.kept])
            written += self.write(Analysis(whole, evidence), self.out_dir, pages)
        elif pages:
            self.notes.append(
                f"the whole run's {' and '.join('report.' + p for p in pages)} not written: "
                f"{self.articles} articles is more than one page can show ({WHOLE_REPORT_ARTICLES}); "
                "open index.html, which links each story's report"
            )
        write_json(self.out_dir / "stories.json", self.listing)
        write_atomic(self.out_dir / "index.html", render_index_rows(self.rows))
        listing = [self.out_dir / "stories.json", self.out_dir / "index.html", self.out_dir / "stories"]
        return [*written, *listing]

    def whole_map(self, batch: Batch) -> dict[str, Any]:
        """The whole run's map with its lists read from the spool as they are written (``Items``); its keys
        in ``build_evidence``'s order."""
        shape = build_evidence(Batch())
        framing: dict[str, Any] = {
            "articles": Items(((a.id, self.parts.at(self.framing[a.id])) for a in batch.articles), True),
            **{name: Items(iter(self.spools[name])) for name in _FRAMING_LISTS},
        }
        found: dict[str, Any] = {
            "articles": Items(article_item(a) for a in batch.articles),
            "entities": Items(self._entities()),
            **{name: Items(iter(self.spools[name])) for name in _LISTS},
            "framing": {key: framing.get(key, value) for key, value in shape["framing"].items()},
            "inputs": Items(outcome_item(o) for o in all_outcomes(batch)),
        }
        return {key: found.get(key, shape[key]) for key in shape}

    def _entities(self) -> Iterator[dict[str, Any]]:
        """One item per entity id: a name found in several stories has the mentions, labels and aliases of
        each (as ``run.combined`` merges the records)."""
        for offsets in self.entities.values():
            parts = [self.parts.at(offset) for offset in offsets]
            first = parts[0]
            if len(parts) > 1:
                first["aliases"] = list(dict.fromkeys(alias for part in parts for alias in part["aliases"]))
                first["mentions"] = [mention for part in parts for mention in part["mentions"]]
                first["labels"] = [label for part in parts for label in part["labels"]]
            yield first


class Spool:
    """JSON values in a file, one per line: appended, then read back in order or by offset."""

    def __init__(self, path: Path) -> None:
        self.file: IO[bytes] = path.open("w+b")

    def add(self, value: Any) -> int:
        offset = self.file.seek(0, 2)
        self.file.write(json.dumps(value, ensure_ascii=False).encode("utf-8") + b"\n")
        return offset

    def at(self, offset: int) -> Any:
        self.file.seek(offset)
        return json.loads(self.file.readline())

    def __iter__(self) -> Iterator[Any]:
        self.file.seek(0)
        for line in self.file:
            yield json.loads(line)

    def close(self) -> None:
        self.file.close()


def story_entry(item: StoryAnalysis) -> dict[str, Any]:
    """The story's ``stories.json`` entry, as the contract gives it: id, title, article sources, events,
    contested, dir."""
    return {
        "id": item.story.id,
        "title": item.story.title,
        "articles": [a["source"] for a in item.analysis.evidence["articles"]],
        "events": len(item.analysis.evidence["events"]),
        "contested": contested_count(item.analysis.evidence),
        "dir": f"stories/{item.story.id}/",
    }


def contested_count(evidence: Evidence) -> int:
    """Contradictions and disputes between claim groups: the count the story's report headlines."""
    return sum(1 for r in evidence["relations"] if r.get("type") in ("contradict", "dispute"))

"""``rashomon analyze`` on a mixed corpus: find the stories, then one evidence map per story.

The pipeline is split where the work stops depending on one article alone. Ingest and clean run once
over every input, and the stories are found on the cleaned articles (``stories.assign``). The stories are
then analysed a wave at a time (``WAVE_ARTICLES``): the per-article stages (nlp, attribution, ...) on the
wave's articles, then the corpus stages (entities, claims, align, ..., framing) once per story on that
story's slice; a finished story keeps its evidence map and the records it is built from, not its tokens
or vectors, so a run of thousands of articles holds one wave's working records at a time. Each article is
processed once either way. When all the articles form one story the run is the ordinary single-story
analysis.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, BinaryIO

from rashomon import api
from rashomon.api import Analysis
from rashomon.config import Config
from rashomon.errors import UsageError
from rashomon.model import Article, Entity, Source
from rashomon.model.framing import Framing, TechniqueSpan
from rashomon.pipeline import Batch, Pipeline, Progress, Stage
from rashomon.pipeline.memory import release_freed
from rashomon.pipeline.processes import fork_map, usable_cores, wall_scaled
from rashomon.pipeline.runner import SilentProgress
from rashomon.pipeline.stage import made_by
from rashomon.pipeline.state import given_back, only_made
from rashomon.report.evidence import build_evidence
from rashomon.stories.assign import Story, assign_stories
from rashomon.stories.online import Encoder

# Artifacts that hold one record per article (or per part of one): a stage making only these is
# per-article work, and a story's slice of the batch keeps the records of its articles.
ARTICLE_ARTIFACTS = frozenset(
    {
        "raw",
        "inputs",
        "articles",
        "sentences",
        "tokens",
        "mentions",
        "attributions",
        "sentence_vectors",
        "techniques",
        "span_vectors",
    }
)
# Artifacts story clustering reads: the stages making them run before the stories are found.
CLUSTER_ARTIFACTS = frozenset({"raw", "inputs", "articles"})


@dataclass(frozen=True, slots=True)
class StoryAnalysis:
    """One story's finished run: the story and its evidence map."""

    story: Story
    analysis: Analysis


@dataclass(frozen=True, slots=True)
class StoryRun:
    """A whole run: ``analysis`` covers every input (for outcomes and counts); ``stories`` the maps. A mixed
    run whose stories went to a sink as they were finished (``streamed``) keeps none of them: its
    ``analysis`` holds the run's articles, as the corpus stages left them, and its input outcomes only."""

    analysis: Analysis
    stories: tuple[StoryAnalysis, ...]
    stage_seconds: dict[str, float] = field(default_factory=dict)
    streamed: bool = False

    @property
    def mixed(self) -> bool:
        return self.streamed or len(self.stories) > 1


def split_stages(stages: Sequence[Stage]) -> tuple[list[Stage], list[Stage], list[Stage]]:
    """(before clustering, the rest of the per-article stages, the per-story corpus stages)."""
    front: list[Stage] = []
    for stage in stages:
        if not stage.produces <= ARTICLE_ARTIFACTS:
            break
        front.append(stage)
    cluster = front[: _prefix(front, CLUSTER_ARTIFACTS)]
    return cluster, front[len(cluster) :], list(stages[len(front) :])


def _prefix(stages: Sequence[Stage], allowed: frozenset[str]) -> int:
    for position, stage in enumerate(stages):
        if not stage.produces <= allowed:
            return position
    return len(stages)


def analyze_stories(
    inputs: Sequence[str | Path | Source],
    config: Config | None = None,
    *,
    progress: Progress | None = None,
    stdin: BinaryIO | None = None,
    stages: Sequence[Stage] | None = None,
    encode: Encoder | None = None,
    sink: Callable[[StoryAnalysis], None] | None = None,
) -> StoryRun:
    """Analyse a corpus that may hold several stories; one story gives the ordinary analysis.

    ``sink``: in a mixed run, each story is handed to it as soon as it is finished and not kept, so the
    run holds one wave of stories at a time (``stories.output.StoryWriter.add`` writes its reports).
    ``stages`` replaces the default pipeline and ``encode`` the lead encoder (tests pass fakes)."""
    from rashomon.ingest import sources_from_args

    if not inputs:
        raise UsageError("no input given", hint="name article files, folders or '-' for JSON Lines on stdin")
    config = config or Config()
    workers = min(config.workers, usable_cores())
    # Looked up at call time: tests and the crash harness swap rashomon.api.default_stages for fakes.
    chosen = list(stages) if stages is not None else api.default_stages(config)
    ready = [item for item in inputs if isinstance(item, Source)]
    named = [str(item) for item in inputs if not isinstance(item, Source)]
    expanded, outcomes = sources_from_args(named, stdin) if named else ([], [])
    batch = Batch(sources=(*ready, *expanded), inputs=tuple(outcomes))
    cluster, per_article, corpus = split_stages(chosen)
    seconds: dict[str, float] = {}
    batch = run_stages(cluster, batch, progress, seconds, frozenset({"sources", "inputs"}), workers)
    started = time.perf_counter()
    stories = assign_stories(batch.articles, encode=encode)
    seconds["stories"] = time.perf_counter() - started
    made = artifacts_after(cluster)
    if len(stories) <= 1:
        batch = run_stages([*per_article, *corpus], batch, progress, seconds, made, workers)
        analysis = Analysis(batch, build_evidence(batch), seconds)
        whole = tuple(StoryAnalysis(s, analysis) for s in stories)
        return StoryRun(analysis, whole, seconds)
    # Nothing after clean reads the raw documents (the pages as read: an HTML crawl's largest records),
    # so a mixed run lets go of them before the waves instead of holding them to the end.
    batch = replace(batch, raw=())
    for stage in [*per_article, *corpus]:
        stage.warm_up()  # here, before the workers fork: they start with the models loaded
    # One progress bar for the whole of it, not one per stage per wave; it counts the per-article
    # stages' units (an article per stage) and then one per story.
    shown = progress or SilentProgress()
    bar = f"{len(batch.articles)} articles in {len(stories)} stories"
    shown.stage_started(bar, sum(stage.units(batch) for stage in per_article) + len(stories))
    runner = Waves(per_article, corpus, made, workers, shown.advance, seconds)
    run = in_waves(batch, stories, runner.analyze, seconds, sink)
    shown.stage_finished(bar, runner.finish())
    return run


def in_waves(
    batch: Batch,
    stories: Sequence[Story],
    analyze: Callable[[Sequence[Story], Batch], Iterable[StoryAnalysis]],
    seconds: dict[str, float],
    sink: Callable[[StoryAnalysis], None] | None,
) -> StoryRun:
    """A mixed run's stories a wave at a time (``WAVE_ARTICLES``): ``analyze`` gets each wave and its
    articles' slice of ``batch`` (the run after clustering, without per-article records) and gives each
    story's finished analysis. With a ``sink`` each story goes to it and is not kept (the run is
    ``streamed``); without one, the stories and the whole run's map are returned. Both engines run this."""
    run_slicer = StorySlicer(batch)
    analyses: list[StoryAnalysis] = []
    latest: dict[str, Article] = {}
    for number, wave in enumerate(story_waves(stories, WAVE_ARTICLES)):
        members = tuple(article for story in wave for article in story.articles)
        for item in analyze(wave, run_slicer.slice(Story(f"wave-{number}", "", members))):
            if sink is None:
                analyses.append(item)
            else:
                sink(item)
                latest.update((article.id, article) for article in item.analysis.batch.articles)
        release_freed()  # the wave's working records are gone: give their pages back before the next
    if sink is not None:
        front = with_articles(batch, latest)
        return StoryRun(Analysis(front, build_evidence(front), seconds), (), seconds, streamed=True)
    run_batch = combined(batch, [a.analysis.batch for a in analyses])
    evidence = build_evidence(run_batch, [a.analysis.evidence for a in analyses])
    return StoryRun(Analysis(run_batch, evidence, seconds), tuple(analyses), seconds)


# Articles whose per-article records (tokens, sentences, vectors: about 0.8 MB an article as Python
# objects) a mixed run holds at once: the stories are analysed a wave at a time, and each story keeps
# only what its evidence map is built from (``settled``), so memory follows the wave, not the run.
WAVE_ARTICLES = 512


def story_waves(stories: Sequence[Story], size: int) -> list[list[Story]]:
    """Consecutive stories in groups of at least ``size`` articles (the last may hold fewer); a story is
    never split, so a story larger than ``size`` is a wave of its own."""
    waves: list[list[Story]] = [[]]
    held = 0
    for story in stories:
        if held >= size:
            waves.append([])
            held = 0
        waves[-1].append(story)
        held += len(story.articles)
    return [wave for wave in waves if wave]


@dataclass
class Waves:
    """Analyses a mixed run's waves one after the other, adding up their stages' seconds into
    ``seconds``. ``advance`` hears of the per-article stages' units and of each finished story."""

    per_article: Sequence[Stage]
    corpus: Sequence[Stage]
    given: frozenset[str]
    workers: int
    advance: Callable[[int], None]
    seconds: dict[str, float]
    spent: dict[str, float] = field(default_factory=dict)  # the corpus stages' seconds, summed over stories
    walls: dict[str, float] = field(default_factory=lambda: {"per-article": 0.0, "corpus": 0.0})

    def analyze(self, wave: Sequence[Story], front: Batch) -> list[StoryAnalysis]:
        """One wave (``front``: its articles' slice of the run): the per-article stages on its articles
        (on the workers), then each story's corpus stages (one story per worker), each story settled."""
        started = time.perf_counter()
        progress = Advancing(self.advance)
        front = run_stages(self.per_article, front, progress, self.seconds, self.given, self.workers)
        self.walls["per-article"] += time.perf_counter() - started
        started = time.perf_counter()
        slicer = StorySlicer(front)  # before the fork: the workers slice from the same index
        made = made_by(self.corpus)
        after = artifacts_after(self.per_article, self.given)
        finished = fork_map(
            lambda story: travelling(
                analyze_slice(slicer.slice(story), self.corpus, None, None, after), made
            ),
            wave,
            self.workers,
        )
        analyses = []
        for story, lean in zip(wave, finished, strict=True):
            analysis = arrived(lean, slicer.slice(story), made)
            analyses.append(StoryAnalysis(story, settled(analysis)))
            for name, value in analysis.stage_seconds.items():
                self.spent[name] = self.spent.get(name, 0.0) + value
            self.advance(1)
        self.walls["corpus"] += time.perf_counter() - started
        return analyses

    def finish(self) -> float:
        """The corpus stages' seconds, scaled to the wall time they took, added to ``seconds``; returns
        the waves' wall time."""
        for name, value in wall_scaled(self.spent, self.walls["corpus"], self.workers).items():
            self.seconds[name] = self.seconds.get(name, 0.0) + value
        return sum(self.walls.values())


class Advancing:
    """A progress that passes only the work done on to ``advance``: the stages of a wave report into the
    run's one bar instead of starting bars of their own."""

    def __init__(self, advance: Callable[[int], None]) -> None:
        self._advance = advance

    def stage_started(self, name: str, total: int) -> None:
        return None

    def advance(self, n: int) -> None:
        self._advance(n)

    def stage_finished(self, name: str, seconds: float) -> None:
        return None


# The per-article records no evidence map is built from: a finished story lets go of them. Derived, so a
# new per-article artifact is let go of too unless the evidence map reads it (as it reads the techniques).
WORKING_ARTIFACTS = tuple(sorted(ARTICLE_ARTIFACTS - {"raw", "inputs", "articles", "techniques"}))


def settled(analysis: Analysis) -> Analysis:
    """A finished story's analysis without its working records (the evidence map is already built)."""
    emptied: dict[str, Any] = dict.fromkeys(WORKING_ARTIFACTS, ())
    return replace(analysis, batch=replace(analysis.batch, **emptied))


# What the corpus stages make, per story; ``combined`` lays the stories' results side by side.
_STORY_ARTIFACTS = ("entities", "claims", "groups", "reuse", "relations", "events", "timeline", "flags")


def combined(front: Batch, stories: Sequence[Batch]) -> Batch:
    """The whole run as one batch: every story's records side by side (ids are content hashes, so they
    do not collide), articles in input order as the corpus stages left them, the run's own outcomes."""
    latest = {a.id: a for story in stories for a in story.articles}
    merged: dict[str, object] = {
        name: _unique(item for story in stories for item in getattr(story, name)) for name in _STORY_ARTIFACTS
    }
    merged["entities"] = _merge_entities(e for story in stories for e in story.entities)
    merged["techniques"] = _in_article_order(front, (t for story in stories for t in story.techniques))
    merged["framing"] = Framing(
        *(tuple(x for story in stories for x in getattr(story.framing, f.name)) for f in fields(Framing))
    )
    return replace(with_articles(front, latest), **merged)  # type: ignore[arg-type]


def with_articles(front: Batch, latest: dict[str, Article]) -> Batch:
    """The run's batch with each article as its story's corpus stages left it, in input order."""
    return replace(front, articles=tuple(latest.get(a.id, a) for a in front.articles))


def _in_article_order(front: Batch, records: Iterable[TechniqueSpan]) -> tuple[TechniqueSpan, ...]:
    """Per-article records gathered from the stories, article by article in the run's order (the order
    the per-article stages make them in), each article's in the order its story had them."""
    by_article: dict[str, list[TechniqueSpan]] = defaultdict(list)
    for record in records:
        by_article[record.article].append(record)
    return tuple(record for article in front.articles for record in by_article.get(article.id, ()))


def _unique(items: Iterable[object]) -> tuple[object, ...]:
    """First record per id (records without an id, such as relations, all kept)."""
    seen: set[str] = set()
    kept = []
    for item in items:
        key = getattr(item, "id", None)
        if key is None or key not in seen:
            kept.append(item)
            if key is not None:
                seen.add(key)
    return tuple(kept)


def _merge_entities(entities: Iterable[Entity]) -> tuple[Entity, ...]:
    """One record per entity id: a name found in two stories (its id hashes the name) is one entity whose
    mentions, labels and aliases are those of both (gathered once: a name in a thousand stories is not
    copied a thousand times)."""
    found: dict[str, list[Entity]] = {}
    for entity in entities:
        found.setdefault(entity.id, []).append(entity)
    return tuple(_merged(parts) for parts in found.values())


def _merged(parts: list[Entity]) -> Entity:
    if len(parts) == 1:
        return parts[0]
    return replace(
        parts[0],
        aliases=tuple(dict.fromkeys(alias for part in parts for alias in part.aliases)),
        mentions=tuple(mention for part in parts for mention in part.mentions),
        labels=tuple(label for part in parts for label in part.labels),
    )


def analyze_slice(
    sliced: Batch,
    corpus: Sequence[Stage],
    progress: Progress | None = None,
    seconds: dict[str, float] | None = None,
    given: frozenset[str] = ARTICLE_ARTIFACTS | {"sources"},
) -> Analysis:
    """Run the corpus stages on a story's slice (``StorySlicer.slice``)."""
    timing: dict[str, float] = {}
    result = run_stages(corpus, sliced, progress, timing, given)
    if seconds is not None:
        for name, value in timing.items():
            seconds[name] = seconds.get(name, 0.0) + value
    return Analysis(result, build_evidence(result), timing)


def travelling(analysis: Analysis, made: frozenset[str]) -> Analysis:
    """A story's analysis as a worker sends it back: only the records the corpus stages made. The parent
    holds the rest (the run's input bytes, the per-article records); sent back, each story would bring
    its own copy of them, and as every slice carries the run's ``sources``, a copy of every input per
    story: memory quadratic in a mixed run (600 articles, 590 stories: 2.6 GB, 0.77 GB without)."""
    return replace(analysis, batch=only_made(analysis.batch, made))


def arrived(analysis: Analysis, sliced: Batch, made: frozenset[str]) -> Analysis:
    """``travelling`` undone: the story's other records put back from its slice of the parent's batch."""
    return replace(analysis, batch=given_back(analysis.batch, sliced, made))


def story_slice(batch: Batch, story: Story) -> Batch:
    """The records of the story's articles; the run's skipped and failed inputs stay with the whole run."""
    return StorySlicer(batch).slice(story)


class StorySlicer:
    """Cuts a batch into stories' slices after one pass over its records, so that slicing every story of a
    large run costs the records once, not once per story."""

    def __init__(self, batch: Batch) -> None:
        self.batch = batch
        self.source_of = {article.id: article.source for article in batch.articles}
        self.owned = {
            item.name: _by_owner(getattr(batch, item.name))
            for item in fields(Batch)
            if item.name in ARTICLE_ARTIFACTS and item.name != "inputs"
        }

    def slice(self, story: Story) -> Batch:
        """Each record of the story's articles (a raw document: of their sources), in batch order."""
        owners: list[Owner] = [("article", a) for a in story.articles]
        owners += [("source", self.source_of[a]) for a in story.articles if a in self.source_of]
        kept: dict[str, object] = {"inputs": ()}
        for name, owned in self.owned.items():
            picked = sorted(
                (pair for owner in dict.fromkeys(owners) for pair in owned.get(owner, ())), key=_position
            )
            kept[name] = tuple(record for _, record in picked)
        return replace(self.batch, **kept)  # type: ignore[arg-type]


Owner = tuple[str, str]


def _by_owner(records: Sequence[object]) -> dict[Owner, list[tuple[int, object]]]:
    """Records by the article (or, for a raw document, the source) they belong to, with their positions."""
    found: dict[Owner, list[tuple[int, object]]] = defaultdict(list)
    for position, item in enumerate(records):
        owner = _owner(item)
        if owner is not None:
            found[owner].append((position, item))
    return found


def _position(pair: tuple[int, object]) -> int:
    return pair[0]


def _owner(item: object) -> Owner | None:
    article = getattr(item, "article", None)
    if article is None and hasattr(item, "id") and hasattr(item, "text"):
        article = item.id  # an Article itself
    if article is not None:
        return ("article", article)
    source = getattr(item, "source", None)
    return ("source", source) if source is not None else None  # a RawDocument


def run_stages(
    stages: Sequence[Stage],
    batch: Batch,
    progress: Progress | None,
    seconds: dict[str, float],
    given: frozenset[str],
    workers: int = 1,
) -> Batch:
    if not stages:
        return batch
    result = Pipeline(stages, given=given, workers=workers).run(batch, progress)
    for name, value in result.stage_seconds.items():
        seconds[name] = seconds.get(name, 0.0) + value
    return result.batch


def artifacts_after(
    stages: Sequence[Stage], given: frozenset[str] = frozenset({"sources", "inputs"})
) -> frozenset[str]:
    """The artifacts available after ``stages`` ran on a batch that had ``given``."""
    found = set(given)
    for stage in stages:
        found |= stage.produces
    return frozenset(found)

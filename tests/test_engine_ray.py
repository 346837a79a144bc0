"""The Ray engine gives the local engine's answers (invented articles, fake nlp, one local Ray instance)."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt
import pytest

from rashomon.config import Config
from rashomon.engine import wire
from rashomon.engine.inputs import read_with_ray
from rashomon.engine.workers import ArticleWorker, merge_article_results, shipped
from rashomon.model import Article, PublishedDate
from rashomon.pipeline import Advance, Batch, Scope, Stage
from rashomon.pipeline.stage import made_by
from rashomon.pipeline.state import given_back, only_made
from rashomon.stories.run import split_stages
from rashomon.testing import FakeNlpStage, fake_pipeline

# Ray's workers import this module by name (the fixture puts tests/ on their PYTHONPATH).
FAKES = "test_engine_ray:fake_stages"
FLOOD = (
    "Floodwater from the Marrowby quarry swept through Bellhaven on Tuesday, the Bellhaven council said. "
    "Mayor Idris Quenby ordered the evacuation of the lower town after the Marrowby dam gave way. "
    '"We had no warning at all," said Tamsin Greave, who runs the Bellhaven ferry.'
)
VOTE = (
    "Zephyria's parliament elected Oksana Virtanen-Dale as prime minister, ending a month of deadlock. "
    "Virtanen-Dale, of the Harbour Party, won the Zephyria vote by four seats, officials said."
)


class ArticleScopedFakeNlp(FakeNlpStage):
    """The fake nlp stage made per-article as the real one is: token indexes count within each article
    (the fake's count across the batch), and it says so (so the actor pool runs it)."""

    scope: ClassVar[Scope] = "article"

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        made = [FakeNlpStage.run(self, replace(batch, articles=(a,)), advance) for a in batch.articles]
        found = {name: tuple(r for m in made for r in getattr(m, name)) for name in self.produces}
        return replace(batch, **found)


def fake_stages(config: Config) -> list[Stage]:
    """``fake_pipeline``'s stages with the per-article fake nlp: what both engines run here."""
    return [ArticleScopedFakeNlp(config) if s.name == "nlp" else s for s in fake_pipeline(config).stages]


def fake_encode(texts: list[str]) -> npt.NDArray[np.float32]:
    """Hashed bag of lower-cased words, unit length: the stories' lead encoder without MiniLM."""
    rows = np.zeros((len(texts), 64), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in text.lower().split():
            rows[row, int(hashlib.sha256(word.encode()).hexdigest(), 16) % 64] += 1.0
    return np.asarray(rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9), dtype=np.float32)


def _corpus(folder: Path, mixed: bool) -> Path:
    folder.mkdir(parents=True)
    records = [
        {"title": "Marrowby dam bursts", "text": FLOOD, "outlet": "Valley News", "published": "2021-04-06"},
        {
            "title": "Bellhaven evacuated",
            "text": FLOOD.replace("Tuesday", "Wednesday"),
            "outlet": "Harbour Times",
            "published": "2021-04-07",
        },
        {
            "title": "Ferry owner speaks",
            "text": FLOOD.replace("no warning at all", "no warning whatsoever"),
            "outlet": "Coast Post",
            "published": "2021-04-07",
        },
    ]
    if mixed:
        records += [
            {"title": "Zephyria votes", "text": VOTE, "outlet": "Harbour Times", "published": "2021-05-02"},
            {
                "title": "A new prime minister",
                "text": VOTE.replace("four", "five"),
                "outlet": "Valley News",
                "published": "2021-05-03",
            },
        ]
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (folder / "note.txt").write_text("Marrowby dam report\n\n" + FLOOD.replace("ferry", "bakery"), "utf-8")
    return folder


@pytest.fixture(scope="session")
def ray_local() -> Iterator[Any]:
    """One local Ray instance (2 CPUs) for the whole session: starting Ray costs seconds."""
    ray = pytest.importorskip("ray")
    pytest.importorskip("sentence_transformers")  # the align stage embeds claims with MiniLM
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    here = str(Path(__file__).parent)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    if started:
        ray.shutdown()


@pytest.mark.parametrize("mixed", [False, True], ids=["one-story", "two-stories"])
def test_ray_engine_gives_the_local_evidence_maps(
    ray_local: Any, tmp_path: Path, mixed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rashomon.engine.ray_run import RayOptions, analyze_ray
    from rashomon.stories import run as story_run
    from rashomon.stories.run import analyze_stories

    monkeypatch.setattr(story_run, "WAVE_ARTICLES", 1)  # both engines: each story a wave of its own
    folder = _corpus(tmp_path / "in", mixed)
    local = analyze_stories([str(folder)], stages=fake_stages(Config()), encode=fake_encode)
    options = RayOptions(workers=2, batch_size=2, factory=FAKES)
    parquet = tmp_path / "out" / "articles.parquet"
    remote = analyze_ray([str(folder)], options=options, encode=fake_encode, parquet=parquet)
    assert len(remote.analysis.evidence["articles"]) == (6 if mixed else 4)
    assert remote.analysis.evidence["claims"], "the fakes find claims: the comparison is not vacuous"
    assert remote.analysis.evidence == local.analysis.evidence
    assert remote.mixed == local.mixed == mixed
    assert [s.story for s in remote.stories] == [s.story for s in local.stories]
    for ours, theirs in zip(remote.stories, local.stories, strict=True):
        assert ours.analysis.evidence == theirs.analysis.evidence
    import pyarrow.parquet as pq

    table = pq.read_table(parquet).to_pylist()
    assert [row["id"] for row in table] == [a.id for a in remote.analysis.batch.articles]
    assert all({"sentences", "tokens", "attributions"} <= set(json.loads(row["records"])) for row in table)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_ray_engine_writes_a_mixed_run_as_it_goes_with_the_local_files(
    ray_local: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mixed run handed to a sink story by story, a wave at a time, the per-article records waiting on
    disk: the files are the local engine's, byte for byte, and nothing is left beside them."""
    from rashomon.engine.ray_run import RayOptions, analyze_ray
    from rashomon.stories import run as story_run
    from rashomon.stories.output import StoryWriter

    monkeypatch.setattr(story_run, "WAVE_ARTICLES", 1)
    folder = _corpus(tmp_path / "in", mixed=True)
    formats = ["html", "json", "md"]
    with StoryWriter(tmp_path / "local", formats) as writer:
        local = story_run.analyze_stories(
            [str(folder)], stages=fake_stages(Config()), encode=fake_encode, sink=writer.add
        )
        writer.finish(local.analysis.batch)
    options = RayOptions(workers=2, batch_size=2, factory=FAKES)
    with StoryWriter(tmp_path / "ray", formats) as writer:
        remote = analyze_ray(
            [str(folder)], options=options, encode=fake_encode, sink=writer.add, spool=tmp_path / "ray"
        )
        assert remote.streamed and remote.stories == ()
        writer.finish(remote.analysis.batch)
    assert remote.analysis.evidence == local.analysis.evidence  # the articles and the run's outcomes
    written = _tree(tmp_path / "ray")
    assert len([name for name in written if name.endswith("evidence.json")]) == 3  # the run's and 2 stories'
    assert written == _tree(tmp_path / "local")


def test_parquet_input_is_read_with_ray_data(ray_local: Any, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from rashomon.engine.inputs import ray_sources

    rows = [{"title": "Marrowby dam bursts", "text": FLOOD}, {"title": "Zephyria votes", "text": VOTE}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "feed.parquet")
    sources = ray_sources(ray_local, str(tmp_path / "feed.parquet"))
    lines = [json.loads(line) for s in sources for line in (s.data or b"").decode().splitlines()]
    assert lines == rows
    assert read_with_ray("s3://bucket/news.jsonl") and not read_with_ray("https://example.org/a.html")


def _finished_front(tmp_path: Path) -> Batch:
    """A batch after ingest and clean (the articles the per-article stages get)."""
    from rashomon.ingest import sources_from_args
    from rashomon.pipeline import Pipeline

    sources, _ = sources_from_args([str(_corpus(tmp_path / "in", True))], None)
    front = [s for s in fake_stages(Config()) if s.name in ("ingest", "clean")]
    return Pipeline(front).run(Batch(sources=tuple(sources))).batch


def test_article_worker_records_merge_back_to_the_local_ones(tmp_path: Path) -> None:
    from rashomon.pipeline import Pipeline

    batch = _finished_front(tmp_path)
    names = ["nlp", "attribution"]
    stages = [s for s in fake_stages(Config()) if s.name in names]
    given = sorted({"sources", "inputs", "raw", "articles"})
    local = Pipeline(stages, given=frozenset(given)).run(batch).batch
    worker = ArticleWorker(
        FAKES, wire.dump_config(wire.load_config(wire.dump_config(_config()))), names, given
    )
    rows: list[dict[str, Any]] = []
    for half in (batch.articles[::2], batch.articles[1::2]):  # two map_batches calls, out of order
        out = worker({"article": np.array([wire.dump_article(a) for a in half], dtype=object)})
        rows += [{"id": i, "records": r} for i, r in zip(out["id"], out["records"], strict=True)]
    merged = merge_article_results(batch, rows[::-1], worker.produces)
    assert merged.tokens and merged.attributions
    assert merged == local


def _config() -> Config:
    from rashomon.config import Limits

    return Config(default_date="2021-04-01", limits=Limits(max_input_bytes=1_000_000))


def test_wire_round_trips_slots_records_without_pickle(tmp_path: Path) -> None:
    pipeline = fake_pipeline()
    batch = pipeline.run(_finished_front(tmp_path)).batch
    assert batch.claims and batch.groups
    sent = shipped(batch)
    made = made_by(split_stages(pipeline.stages)[2])  # what the corpus stages make: all a worker returns
    returned = wire.dump_batch(only_made(sent, made))
    assert not wire.load_batch(returned).tokens and not wire.load_batch(returned).sentences
    back = given_back(wire.load_batch(returned), batch, made)
    for name in (
        "articles",
        "sentences",
        "tokens",
        "attributions",
        "claims",
        "groups",
        "relations",
        "sources",
    ):
        assert getattr(back, name) == getattr(batch, name), name
    assert np.array_equal(back.vectors.matrix, batch.vectors.matrix)
    article = Article(id="a1", source="a.txt", text="Text.", title="T", published=PublishedDate("2021-04-06"))
    assert wire.load_article(wire.dump_article(article)) == article
    assert wire.load_config(wire.dump_config(_config())) == _config()
    assert '"__reduce__"' not in wire.dump_batch(sent)


def test_analyze_takes_engine_options_and_refuses_a_store_with_ray(tmp_path: Path) -> None:
    import click
    from click.testing import CliRunner

    from rashomon.cli.analyze import engine_options, run_analyze

    @click.command()
    @engine_options
    def command(engine: str, address: str | None, workers: int) -> None:
        click.echo(f"{engine} {address} {workers}")

    assert CliRunner().invoke(command, []).output == "local None 2\n"
    chosen = CliRunner().invoke(command, ["--engine", "ray", "--address", "ray://h:10001", "--workers", "3"])
    assert chosen.output == "ray ray://h:10001 3\n"
    assert CliRunner().invoke(command, ["--engine", "spark"]).exit_code == 2
    code = run_analyze(["x.txt"], tmp_path, ["json"], Config(), True, db=tmp_path / "s.db", engine="ray")
    assert code == 2 and not (tmp_path / "s.db").exists()


def test_a_json_lines_file_over_the_limit_is_read_in_parts(tmp_path: Path) -> None:
    """The Ray engine's large inputs: line by line, parts of at most N lines and the limit's bytes; a
    file under the limit (and any other file) stays one source, as the local engine reads it."""
    from rashomon.config import Limits
    from rashomon.engine.inputs import json_lines_parts
    from rashomon.model import Source

    rows = [
        json.dumps({"title": f"Story {i}", "text": "Words of the article. " * 5}) + "\n" for i in range(7)
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(rows), encoding="utf-8")
    whole = Source(name=str(feed), path=feed)
    assert json_lines_parts(whole, Limits(max_input_bytes=feed.stat().st_size)) == [whole]
    parts = json_lines_parts(whole, Limits(max_input_bytes=len(rows[0]) * 3 + 1), rows=2)
    assert [p.name for p in parts] == [f"{feed}#1", f"{feed}#3", f"{feed}#5", f"{feed}#7"]
    assert b"".join(p.data or b"" for p in parts).decode("utf-8") == "".join(rows)
    tight = json_lines_parts(whole, Limits(max_input_bytes=len(rows[0]) * 2), rows=5)
    assert [len((p.data or b"").splitlines()) for p in tight] == [2, 2, 2, 1]
    huge = tmp_path / "one.jsonl"
    huge.write_text(rows[0] + json.dumps({"text": "x" * 500}) + "\n" + rows[1], encoding="utf-8")
    alone = json_lines_parts(Source(name=str(huge), path=huge), Limits(max_input_bytes=300))
    assert [len((p.data or b"").splitlines()) for p in alone] == [1, 1, 1]  # ingest skips the middle one
    other = tmp_path / "page.html"
    other.write_text("<p>" + "x" * 100 + "</p>", encoding="utf-8")
    assert json_lines_parts(Source(name=str(other), path=other), Limits(max_input_bytes=10)) == [
        Source(name=str(other), path=other)
    ]


def test_the_ray_engine_reads_a_json_lines_file_the_local_engine_skips(
    ray_local: Any, tmp_path: Path
) -> None:
    from rashomon.config import Limits
    from rashomon.engine.inputs import read_inputs

    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(json.dumps({"title": t, "text": x}) + "\n" for t, x in (("Dam", FLOOD), ("Vote", VOTE))),
        encoding="utf-8",
    )
    limits = Limits(max_input_bytes=feed.stat().st_size - 1)
    read = read_inputs(None, [str(feed)], None, limits)  # a local file: Ray Data is not asked
    assert [s.name for s in read["sources"]] == [f"{feed}#1", f"{feed}#2"]  # both lines: over the limit
    assert read["inputs"] == ()

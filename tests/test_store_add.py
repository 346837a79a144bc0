"""The store's add: idempotent ingest, stories by overlap, per-article and corpus reuse, crash consistency."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

import rashomon
from rashomon.config import Config
from rashomon.errors import NotFound
from rashomon.ingest import sources_from_args
from rashomon.pipeline import Advance, BaseStage, Batch, Pipeline, Stage
from rashomon.store import AddResult, Store
from store_fixtures import ELSEWHERE, HARBOUR, LATE, CountingNlp, LightRelate, light_stages, write_corpus

PER_ARTICLE_STAGES = ("nlp", "attribution", "techniques", "embed")
CORPUS_STAGES = ["entities", "claims", "align", "provenance", "relate", "timeline", "framing"]


@pytest.fixture(autouse=True)
def _fresh_counter() -> Iterator[None]:
    CountingNlp.analysed.clear()
    yield
    CountingNlp.analysed.clear()


def add(store: Store, *paths: Path | str, story_id: str | None = None) -> AddResult:
    sources, outcomes = sources_from_args([str(p) for p in paths], None)
    return store.add(sources, story_id, outcomes=outcomes)


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_the_same_corpus_twice_is_stored_once_and_reused_whole(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    with Store(tmp_path / "x.db", stages=light_stages()) as store:
        first = add(store, corpus)
        assert (first.added, first.duplicates, first.reused_articles) == (3, 0, 0)
        assert first.recomputed_stages == (*PER_ARTICLE_STAGES, *CORPUS_STAGES)
        assert len(CountingNlp.analysed) == 3
        second = add(store, corpus)
        assert second.story_id == first.story_id
        assert (second.added, second.duplicates, second.reused_articles) == (0, 3, 3)
        assert second.reused_stages == (*PER_ARTICLE_STAGES, *CORPUS_STAGES)
        assert second.recomputed_stages == ()
        assert len(CountingNlp.analysed) == 3  # nothing analysed again
        assert "recomputed nothing" in store.describe(second)
        assert len(store.stories()) == 1
        assert store.evidence(first.story_id)["articles"] == store.evidence(second.story_id)["articles"]
    assert count(tmp_path / "x.db", "articles") == 3
    assert count(tmp_path / "x.db", "story_articles") == 3


def test_identical_inputs_in_one_add_are_stored_once(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    (tmp_path / "copy.txt").write_text(HARBOUR["port-times.txt"], encoding="utf-8")
    with Store(tmp_path / "x.db", stages=light_stages()) as store:
        result = add(store, corpus, tmp_path / "copy.txt")
        assert (result.added, result.duplicates) == (3, 1)
        statuses = [i["status"] for i in store.evidence(result.story_id)["inputs"]]
        assert sorted(statuses) == ["analysed"] * 3 + ["duplicate"]
    assert count(tmp_path / "x.db", "articles") == 3


def test_adding_one_article_reuses_the_others_and_matches_a_fresh_run(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    late = tmp_path / "late.txt"
    late.write_text(LATE, encoding="utf-8")
    with Store(tmp_path / "x.db", stages=light_stages()) as store:
        first = add(store, corpus)
        CountingNlp.analysed.clear()
        grown = add(store, late)  # only the new file: it joins the story it overlaps... by nothing yet
        assert grown.story_id != first.story_id  # no shared article: a story of its own
        CountingNlp.analysed.clear()
        again = add(store, corpus, late)  # the full set: the harbour story (3 shared) grows to 4
        assert again.story_id == first.story_id
        assert (again.added, again.duplicates, again.reused_articles) == (0, 4, 4)
        assert again.reused_stages == PER_ARTICLE_STAGES
        assert again.recomputed_stages == tuple(CORPUS_STAGES)
        assert CountingNlp.analysed == []  # the late article's nlp came from the other story's run
        line = store.describe(again)
        assert "reused per-article results for 4 articles (nlp, attribution, techniques, embed)" in line
        assert "recomputed entities, claims, align, provenance, relate, timeline" in line
        stored = store.evidence(first.story_id)
    fresh = rashomon.analyze([str(corpus), str(late)], pipeline=Pipeline(light_stages())).evidence
    assert {k: v for k, v in stored.items() if k != "inputs"} == {
        k: v for k, v in fresh.items() if k != "inputs"
    }


def test_a_new_article_is_analysed_alone_and_the_story_grows(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    late = tmp_path / "late.txt"
    late.write_text(LATE, encoding="utf-8")
    with Store(tmp_path / "x.db", stages=light_stages()) as store:
        first = add(store, corpus)
        CountingNlp.analysed.clear()
        grown = add(store, late, story_id=first.story_id)
        assert (grown.added, grown.duplicates, grown.reused_articles) == (1, 0, 3)
        assert grown.recomputed_stages == (*PER_ARTICLE_STAGES, *CORPUS_STAGES)
        assert len(CountingNlp.analysed) == 1
        described = store.describe(grown)
        assert "recomputed nlp (1 article), attribution (1 article), techniques (1 article)" in described
        assert [s.articles for s in store.stories()] == [4]
    with sqlite3.connect(tmp_path / "x.db") as conn:  # the 3-article set's corpus results were pruned
        assert conn.execute("SELECT count(DISTINCT digest) FROM corpus_cache").fetchone()[0] == 1


def test_re_added_text_keeps_the_stored_copy_and_says_what_differs(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    retitled = tmp_path / "retitled.txt"
    retitled.write_text(
        HARBOUR["daily-wave.txt"].replace("Harbour Reopens", "Port Back in Business"), "utf-8"
    )
    with Store(tmp_path / "x.db", stages=light_stages()) as store:
        first = add(store, corpus)
        again = add(store, retitled)
        assert (again.story_id, again.added, again.duplicates) == (first.story_id, 0, 1)
        assert len(again.warnings) == 1 and "kept the stored title" in again.warnings[0]
        titles = [a["title"] for a in store.evidence(first.story_id)["articles"]]
        assert "Harbour Reopens After Storm" in titles and "Port Back in Business After Storm" not in titles


def test_unrelated_articles_start_a_story_and_unknown_story_ids_are_refused(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    other = write_corpus(tmp_path / "other", {"library.txt": ELSEWHERE})
    with Store(tmp_path / "x.db", stages=light_stages()) as store:
        harbour = add(store, corpus)
        library = add(store, other)
        assert library.story_id != harbour.story_id and library.story_id.startswith("sty_")
        assert {s.id: s.articles for s in store.stories()} == {harbour.story_id: 3, library.story_id: 1}
        with pytest.raises(NotFound):
            add(store, other, story_id="sty_nope")
        with pytest.raises(NotFound):
            store.evidence("sty_nope")


def test_skipped_inputs_are_reported_not_dropped(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    with Store(tmp_path / "x.db", stages=light_stages()) as store:
        result = add(store, corpus, tmp_path / "missing.txt")
        assert sorted(Path(source).name for source, _ in result.skipped) == ["empty.txt", "missing.txt"]
        inputs = store.evidence(result.story_id)["inputs"]
        assert {Path(i["source"]).name: i["status"] for i in inputs if i["status"] != "analysed"} == {
            "empty.txt": "skipped",
            "missing.txt": "failed",
        }
        nothing = add(store, tmp_path / "missing.txt")
        assert nothing.story_id == "" and nothing.added == 0 and len(nothing.skipped) == 1
    assert count(tmp_path / "x.db", "articles") == 3


class RelateV2(LightRelate):
    version: ClassVar[str] = "changed"  # any version but the real one


def test_a_changed_corpus_stage_recomputes_only_what_follows_it(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    with Store(tmp_path / "x.db", stages=light_stages()) as store:
        add(store, corpus)
    stages = [RelateV2(Config()) if s.name == "relate" else s for s in light_stages()]
    with Store(tmp_path / "x.db", stages=stages) as store:
        result = add(store, corpus)
        assert result.reused_stages == (*PER_ARTICLE_STAGES, "entities", "claims", "align", "provenance")
        assert result.recomputed_stages == ("relate", "timeline", "framing")


def test_a_changed_configuration_recomputes_per_article_results(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    with Store(tmp_path / "x.db", stages=light_stages()) as store:
        add(store, corpus)
    changed = Config(spacy_model="another_model")
    with Store(tmp_path / "x.db", changed, stages=light_stages(changed)) as store:
        assert add(store, corpus).reused_articles == 0
    speed_only = Config(spacy_batch_size=64, default_date="2020-01-01")
    with Store(tmp_path / "x.db", speed_only, stages=light_stages(speed_only)) as store:
        assert add(store, corpus).recomputed_stages == ()


class Explodes(BaseStage):
    """A corpus stage that fails, as a killed process would stop, after the per-article stages ran."""

    name: ClassVar[str] = "explodes"
    requires: ClassVar[frozenset[str]] = frozenset({"claims"})

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        raise RuntimeError("killed")


def test_a_failed_add_leaves_the_story_as_it_was_and_keeps_per_article_work(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    late = tmp_path / "late.txt"
    late.write_text(LATE, encoding="utf-8")
    with Store(tmp_path / "x.db", stages=light_stages()) as store:
        story = add(store, corpus).story_id
        before = store.evidence(story)
    stages = light_stages()
    after = [s.name for s in stages].index("claims") + 1
    broken: list[Stage] = [*stages[:after], Explodes(Config()), *stages[after:]]
    with Store(tmp_path / "x.db", stages=broken) as store:
        with pytest.raises(RuntimeError):
            add(store, corpus, late)
        assert store.evidence(story) == before
        assert store.runs()[0]["status"] == "failed"
    CountingNlp.analysed.clear()
    with Store(tmp_path / "x.db", stages=light_stages()) as store:
        resumed = add(store, corpus, late)
        assert resumed.reused_articles == 4 and CountingNlp.analysed == []
        assert len(store.evidence(story)["articles"]) == 4
        assert [run["status"] for run in store.runs()] == ["complete", "failed", "complete"]


def test_a_damaged_cache_entry_is_recomputed_not_trusted(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    with Store(tmp_path / "x.db", stages=light_stages()) as store:
        story = add(store, corpus).story_id
    with sqlite3.connect(tmp_path / "x.db") as conn:
        conn.execute("UPDATE article_cache SET payload = x'00ff' WHERE stage = 'nlp'")
        conn.execute("UPDATE stories SET evidence_digest = 'stale'")
    CountingNlp.analysed.clear()
    with Store(tmp_path / "x.db", stages=light_stages()) as store:
        result = add(store, corpus)
        assert len(CountingNlp.analysed) == 3 and "nlp" in result.recomputed_stages
        assert len(store.evidence(story)["articles"]) == 3


class Interloper(BaseStage):
    """While this add runs, another process (another Store on the same file) adds to the same story."""

    name: ClassVar[str] = "interloper"
    requires: ClassVar[frozenset[str]] = frozenset({"articles"})
    other: ClassVar[tuple[Path, Path, str] | None] = None

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        if Interloper.other is not None:
            db, path, story = Interloper.other
            Interloper.other = None
            with Store(db, stages=light_stages()) as store:
                add(store, path, story_id=story)
        return batch


def test_a_concurrent_add_into_the_same_story_is_merged_not_lost(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    late = tmp_path / "late.txt"
    late.write_text(LATE, encoding="utf-8")
    extra = tmp_path / "extra.txt"
    extra.write_text(HARBOUR["daily-wave.txt"].replace("Thursday", "Friday"), encoding="utf-8")
    with Store(tmp_path / "x.db", stages=light_stages()) as store:
        story = add(store, corpus).story_id
    Interloper.other = (tmp_path / "x.db", extra, story)
    with Store(
        tmp_path / "x.db", stages=[*light_stages()[:3], Interloper(Config()), *light_stages()[3:]]
    ) as store:
        add(store, late, story_id=story)
        assert len(store.evidence(story)["articles"]) == 5  # the interloper's article and ours
        assert store.stories()[0].articles == 5


def test_readers_in_other_threads_see_a_consistent_store_during_an_add(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    late = tmp_path / "late.txt"
    late.write_text(LATE, encoding="utf-8")
    errors: list[BaseException] = []
    with Store(tmp_path / "x.db", stages=light_stages()) as store:
        story = add(store, corpus).story_id
        done = threading.Event()

        def reader() -> None:
            try:
                while not done.is_set():
                    assert store.stories()[0].articles in (3, 4)
                    assert len(store.evidence(story)["articles"]) in (3, 4)
                    assert store.search("harbour storm")
            except BaseException as error:
                errors.append(error)

        threads = [threading.Thread(target=reader) for _ in range(3)]
        for thread in threads:
            thread.start()
        add(store, late, story_id=story)
        done.set()
        for thread in threads:
            thread.join()
    assert errors == []


CHILD = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from store_fixtures import LATE, light_stages
from rashomon.ingest import sources_from_args
from rashomon.store import Store
root = Path(sys.argv[1])
with Store(root / "x.db", stages=light_stages()) as store:
    for i in range(1000):
        extra = root / f"extra{i}.txt"
        extra.write_text(LATE.replace("next year", f"in {2030 + i}"), encoding="utf-8")
        sources, outcomes = sources_from_args([str(root / "corpus"), str(extra)], None)
        print(store.add(sources, outcomes=outcomes).story_id, flush=True)
"""


@pytest.mark.slow
def test_sigkill_mid_add_leaves_a_consistent_store_that_resumes(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    write_corpus(tmp_path / "corpus")
    tests = str(Path(__file__).parent)
    for delay in (0.0, 0.7):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(tmp_path), tests], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        child.stdout.readline()  # one add finished: the next one is under way
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        with sqlite3.connect(tmp_path / "x.db") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            for members, in_map, listed in conn.execute(
                """SELECT (SELECT count(*) FROM story_articles m WHERE m.story_id = s.id),
                          json_array_length(evidence, '$.articles'), articles FROM stories s"""
            ):
                assert members == in_map == listed
            assert (
                conn.execute("SELECT count(*) FROM articles").fetchone()
                == conn.execute("SELECT count(*) FROM articles_fts").fetchone()
            )
            assert (
                conn.execute("SELECT count(*) FROM claims").fetchone()
                == conn.execute("SELECT count(*) FROM claims_fts").fetchone()
            )
    with Store(tmp_path / "x.db", stages=light_stages()) as store:
        extras = sorted(tmp_path.glob("extra*.txt"))
        result = add(store, tmp_path / "corpus", *extras)
        assert result.added <= 1  # at most the article a run was killed before storing
        assert result.added + result.duplicates == 3 + len(extras)
        assert len(store.evidence(result.story_id)["articles"]) == 3 + len(extras)
        assert store.runs()[0]["status"] == "complete"

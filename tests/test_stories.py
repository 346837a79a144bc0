"""Story clustering and the mixed-corpus outputs on invented articles (fake nlp and lead encoder)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from rashomon.errors import DataError
from rashomon.model import Article, PublishedDate
from rashomon.stories.assign import assign_stories
from rashomon.stories.background import count_background, shipped_background
from rashomon.stories.features import (
    NO_BACKGROUND,
    Background,
    StoryArticle,
    article_terms,
    day_number,
    frequencies_of,
)
from rashomon.stories.online import MAX_CANDIDATES, cluster_articles, cluster_with_stats

FLOOD = (
    "Floodwater from the Marrowby quarry swept through Bellhaven on Tuesday, the Bellhaven council said. "
    "Mayor Idris Quenby ordered the evacuation of the lower town after the Marrowby dam gave way."
)
VOTE = (
    "Zephyria's parliament elected Oksana Virtanen-Dale as prime minister, ending a month of deadlock. "
    "Virtanen-Dale, of the Harbour Party, won the Zephyria vote by four seats."
)


def fake_encode(texts: list[str]) -> npt.NDArray[np.float32]:
    """Hashed bag of lower-cased words, unit length: similar texts get similar vectors."""
    rows = np.zeros((len(texts), 64), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in text.lower().split():
            rows[row, int(hashlib.sha256(word.encode()).hexdigest(), 16) % 64] += 1.0
    return np.asarray(rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9), dtype=np.float32)


def _article(key: str, title: str, text: str, day: str | None = None) -> Article:
    published = PublishedDate(day, "day", "page") if day else PublishedDate()
    return Article(id=key, source=f"{key}.txt", text=text, title=title, published=published)


def test_terms_cut_possessives_and_keep_multiword_names() -> None:
    terms = article_terms(
        StoryArticle("a", "Iran’s general", "Qassem Soleimani of Iran's Quds Force was killed.")
    )
    assert "iran" in terms.counts["names"]
    assert "qassem soleimani" in terms.counts["entities"]
    assert "the" not in terms.counts["words"]


def test_day_numbers_read_iso_dates_at_any_precision() -> None:
    assert day_number("2020-01-13") == day_number("2020-01-12") + 1  # type: ignore[operator]
    assert day_number("2020-01") is not None and day_number("2020") is not None
    assert day_number("13/01/2020") is None and day_number(None) is None


def test_invented_stories_are_separated() -> None:
    articles = [
        StoryArticle("f1", "Marrowby dam bursts over Bellhaven", FLOOD),
        StoryArticle("v1", "Virtanen-Dale wins Zephyria vote", VOTE),
        StoryArticle(
            "f2", "Bellhaven evacuated as Marrowby quarry floods", FLOOD.replace("Tuesday", "Wednesday")
        ),
        StoryArticle("v2", "Zephyria has a prime minister: Virtanen-Dale", VOTE.replace("four", "five")),
    ]
    labels = cluster_articles(articles, leads=fake_encode([a.lead for a in articles]))
    assert labels[0] == labels[2] and labels[1] == labels[3] and labels[0] != labels[1]


def test_background_keeps_a_run_wide_name_heavy() -> None:
    # In a run of three, "Quenby" is in every article and "council" in one: the run alone ranks the name
    # below the common word; a background where "council" is everywhere and "Quenby" absent reverses it.
    texts = [FLOOD, FLOOD.replace("the Bellhaven council said", "rescuers said"), "Mayor Idris Quenby spoke."]
    terms = [article_terms(StoryArticle(str(i), "", text)) for i, text in enumerate(texts)]
    alone = frequencies_of(terms, NO_BACKGROUND).weigh(terms[0])["words"]
    assert alone["quenby"] < alone["council"]
    news = {space: {"council": 900} for space in ("words", "title", "names", "entities")}
    blended = frequencies_of(terms, Background(1000, news, 100.0)).weigh(terms[0])["words"]
    assert blended["quenby"] > blended["council"]


def test_background_counts_are_thresholded_and_sorted() -> None:
    visitors = ("Ada", "Bo", "Bo", "Bo")
    articles = [
        StoryArticle(str(i), "Dam bursts", f"Quenby spoke. {v} came.") for i, v in enumerate(visitors)
    ]
    documents, frequency = count_background(articles, min_df=3)
    assert documents == 4
    assert frequency["names"] == {"bo": 3, "dam": 4, "quenby": 4}  # "Ada" (in one) is left out
    assert frequency["title"] == {"bursts": 4, "dam": 4}
    assert list(frequency["words"]) == sorted(frequency["words"])


def test_shipped_background_is_the_fingerprinted_table(tmp_path: Path) -> None:
    from rashomon.stories.background import BACKGROUND_PATH

    table = shipped_background()
    assert table.documents == 4000 and table.mass > 0
    names = table.frequency["names"]
    assert names["president"] > 50 * names.get("soleimani", 1)  # common in news vs a rare name
    data = json.loads(BACKGROUND_PATH.read_text(encoding="utf-8"))
    canonical = json.dumps(data["frequency"], sort_keys=True, separators=(",", ":"))
    assert hashlib.sha256(canonical.encode()).hexdigest() == data["fingerprint"]["frequency_sha256"]
    assert min(min(counts.values()) for counts in data["frequency"].values()) >= data["min_df"]
    with pytest.raises(DataError):
        shipped_background.__wrapped__(tmp_path / "absent.json")


def test_time_window_keeps_years_apart_stories_apart() -> None:
    near = [
        StoryArticle(k, "Marrowby dam bursts", FLOOD, day_number(d))
        for k, d in (("a", "2020-03-01"), ("b", "2020-03-04"))
    ]
    far = [StoryArticle("c", "Marrowby dam bursts", FLOOD, day_number("2026-03-01"))]
    items = near + far
    labels = cluster_articles(items, leads=fake_encode([a.lead for a in items]))
    assert labels[0] == labels[1] != labels[2]


def test_blocking_bounds_the_comparisons() -> None:
    # 400 articles about different towns that all name one capital: the capital's posting list is capped,
    # and only the MAX_CANDIDATES stories sharing most keys are scored.
    items = [
        StoryArticle(
            f"k{i}", f"Fire in Town{i}ville", f"Firefighters in Town{i}ville, near Capitalia, fought a blaze."
        )
        for i in range(400)
    ]
    _, comparisons = cluster_with_stats(items, leads=fake_encode([a.lead for a in items]))
    assert comparisons <= len(items) * MAX_CANDIDATES


def test_assign_stories_titles_and_ids_are_stable() -> None:
    articles = [
        _article("art_1", "Marrowby dam bursts over Bellhaven", FLOOD),
        _article("art_2", "Virtanen-Dale wins Zephyria vote", VOTE),
        _article("art_3", "Bellhaven evacuated as Marrowby quarry floods", FLOOD),
    ]
    first = assign_stories(articles, encode=fake_encode)
    again = assign_stories(list(reversed(articles)), encode=fake_encode)
    assert sorted(s.id for s in first) == sorted(s.id for s in again)
    assert first[0].articles == ("art_1", "art_3")
    assert first[0].title in {
        "Marrowby dam bursts over Bellhaven",
        "Bellhaven evacuated as Marrowby quarry floods",
    }


HOSTILE_TITLE = 'Zephyria vote <script>alert("x")</script> <img src="http://evil.example/x.png">'


def _write_corpus(folder: Path) -> Path:
    folder.mkdir()
    records = [
        {
            "title": "Marrowby dam bursts over Bellhaven",
            "text": FLOOD,
            "outlet": "Bellhaven Post",
            "published": "2021-04-06",
        },
        {
            "title": "Bellhaven evacuated",
            "text": FLOOD.replace("Tuesday", "Wednesday"),
            "outlet": "Valley News",
            "published": "2021-04-07",
        },
        {"title": HOSTILE_TITLE, "text": VOTE, "outlet": "Harbour Times", "published": "2021-05-02"},
    ]
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def fake_stages() -> list[object]:
    pytest.importorskip("sentence_transformers")  # the align stage embeds claims with MiniLM
    from rashomon.testing import fake_pipeline

    return list(fake_pipeline().stages)


def test_mixed_corpus_writes_one_map_per_story_and_an_index(
    tmp_path: Path, fake_stages: list[object]
) -> None:
    from rashomon.report.schema import validate_evidence
    from rashomon.stories.output import write_story_reports
    from rashomon.stories.run import analyze_stories

    run = analyze_stories([str(_write_corpus(tmp_path / "in"))], stages=fake_stages, encode=fake_encode)  # type: ignore[arg-type]
    assert run.mixed and len(run.analysis.evidence["articles"]) == 3
    out = tmp_path / "out"
    write_story_reports(run, out, ["html", "json", "md"])
    listing = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    assert [len(s["articles"]) for s in listing] == [2, 1]
    for story in listing:
        assert set(story) == {"id", "title", "articles", "events", "contested", "dir"}
        assert story["dir"] == f"stories/{story['id']}/"
        evidence = json.loads((out / story["dir"] / "evidence.json").read_text(encoding="utf-8"))
        assert validate_evidence(evidence) == []
        assert sorted(a["source"] for a in evidence["articles"]) == sorted(story["articles"])
        assert (out / story["dir"] / "report.html").is_file() and (out / story["dir"] / "report.md").is_file()
    whole = json.loads((out / "evidence.json").read_text(encoding="utf-8"))  # the whole run, side by side
    assert validate_evidence(whole) == [] and len(whole["articles"]) == 3
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in index and "<img" not in index  # the title shows as text, not markup
    assert "&lt;script&gt;" in index and "&lt;img" in index
    assert all(f'href="{s["dir"]}report.html"' in index for s in listing)
    assert "Single-article stories (1)" in index


def test_stories_on_two_workers_give_the_maps_of_one_process(
    tmp_path: Path, fake_stages: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rashomon.config import Config
    from rashomon.pipeline.processes import can_fork
    from rashomon.stories.run import analyze_stories

    if not can_fork():
        pytest.skip("worker processes are forked (Linux)")
    monkeypatch.setattr("rashomon.stories.run.usable_cores", lambda: 2)
    monkeypatch.setattr("rashomon.pipeline.runner.usable_cores", lambda: 2)
    from rashomon.pipeline import processes

    calls: list[int] = []

    def spied(task: object, items: list[object], workers: int) -> object:
        calls.append(workers)
        return processes.fork_map(task, items, workers)  # type: ignore[arg-type]

    monkeypatch.setattr("rashomon.stories.run.fork_map", spied)
    corpus = str(_write_corpus(tmp_path / "in"))
    alone = analyze_stories([corpus], Config(workers=1), stages=fake_stages, encode=fake_encode)  # type: ignore[arg-type]
    shared = analyze_stories([corpus], Config(workers=2), stages=fake_stages, encode=fake_encode)  # type: ignore[arg-type]
    assert shared.mixed and len(shared.stories) == len(alone.stories) == 2
    assert [s.analysis.evidence for s in shared.stories] == [s.analysis.evidence for s in alone.stories]
    assert shared.analysis.evidence == alone.analysis.evidence
    assert set(shared.stage_seconds) == set(alone.stage_seconds)
    assert calls == [1, 2]  # the second run's stories went to two workers
    # The workers sent back only what the corpus stages made: each story's inputs are the parent's own
    # objects, not one copy per story; a finished story keeps no working records (tokens, vectors, ...).
    from rashomon.stories.run import WORKING_ARTIFACTS

    for item in shared.stories:
        assert item.analysis.batch.sources is shared.analysis.batch.sources
        assert all(getattr(item.analysis.batch, name) == () for name in WORKING_ARTIFACTS)
        assert item.analysis.batch.claims and item.analysis.evidence["claims"]


def test_stories_analysed_a_wave_at_a_time_give_the_same_maps(
    tmp_path: Path, fake_stages: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rashomon.stories import run as story_run

    corpus = str(_write_corpus(tmp_path / "in"))
    together = story_run.analyze_stories([corpus], stages=fake_stages, encode=fake_encode)  # type: ignore[arg-type]
    monkeypatch.setattr(story_run, "WAVE_ARTICLES", 1)  # every story a wave of its own
    apart = story_run.analyze_stories([corpus], stages=fake_stages, encode=fake_encode)  # type: ignore[arg-type]
    assert len(story_run.story_waves([s.story for s in apart.stories], 1)) == len(apart.stories) == 2
    assert [s.analysis.evidence for s in apart.stories] == [s.analysis.evidence for s in together.stories]
    assert apart.analysis.evidence == together.analysis.evidence
    loaded = [a["loaded"] for a in apart.analysis.evidence["framing"]["articles"].values()]
    assert any(loaded)  # per-article records (the techniques), gathered back from the stories
    # The whole run's map shares the stories' items (one copy in memory) and is what building it anew gives.
    from rashomon.report.evidence import build_evidence

    assert apart.analysis.evidence == build_evidence(apart.analysis.batch)
    story_claims = {id(item) for s in apart.stories for item in s.analysis.evidence["claims"]}
    assert apart.analysis.evidence["claims"] and all(
        id(item) in story_claims for item in apart.analysis.evidence["claims"]
    )


def test_waves_hold_whole_stories_in_order() -> None:
    from rashomon.stories.assign import Story
    from rashomon.stories.run import story_waves

    stories = [
        Story(f"s{n}", "", tuple(f"a{n}-{k}" for k in range(size))) for n, size in enumerate([5, 2, 2, 1, 1])
    ]
    waves = story_waves(stories, 4)
    assert [[s.id for s in wave] for wave in waves] == [["s0"], ["s1", "s2"], ["s3", "s4"]]
    assert story_waves(stories, 100) == [stories] and story_waves([], 4) == []


def test_one_story_gives_the_ordinary_outputs(tmp_path: Path, fake_stages: list[object]) -> None:
    from rashomon.stories.output import write_story_reports
    from rashomon.stories.run import analyze_stories

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Marrowby dam bursts over Bellhaven\n\n" + FLOOD, encoding="utf-8")
    (folder / "b.txt").write_text(
        "Bellhaven evacuated\n\n" + FLOOD.replace("Tuesday", "Wednesday"), encoding="utf-8"
    )
    run = analyze_stories([str(folder)], stages=fake_stages, encode=fake_encode)  # type: ignore[arg-type]
    assert not run.mixed
    written = write_story_reports(run, tmp_path / "out", ["json"])
    assert written == [tmp_path / "out" / "evidence.json"]
    assert not (tmp_path / "out" / "stories.json").exists()


def _evidence() -> dict[str, object]:
    origin = {"name": "Bellhaven council", "kind": "person", "claims": ["c1"]}
    return {
        "articles": [{"id": "a1"}, {"id": "a2"}],
        "claims": [
            {"id": "c1", "article": "a1", "text": "The Marrowby dam gave way on Tuesday."},
            {"id": "c2", "article": "a2", "text": "The dam held until Wednesday."},
        ],
        "groups": [
            {
                "id": "g1",
                "claims": ["c1"],
                "articles": ["a1", "a2"],
                "summary": "The dam gave way",
                "origins": [origin],
                "independent_origins": 1,
            },
            {
                "id": "g2",
                "claims": ["c2"],
                "articles": ["a2"],
                "summary": "The dam held",
                "origins": [{"name": "Quarry owner", "kind": "person", "claims": ["c2"]}],
                "independent_origins": 1,
            },
        ],
        "relations": [{"a": "g2", "b": "g1", "type": "contradict", "score": 0.9, "evidence": ["c2", "c1"]}],
        "timeline": [
            {"id": "t1", "date": "2021-04-06", "summary": "The dam gave way", "claims": ["c1"]},
            {"id": "t2", "date": "2021-04-01", "summary": "Rain began", "claims": ["c2"]},
        ],
    }


def test_roundup_lines_rest_on_claims() -> None:
    from rashomon.stories.roundup import build_roundup

    lines = build_roundup(_evidence())
    assert [line.kind for line in lines] == ["established", "contested", "timeline", "timeline"]
    assert lines[0].claims == ("c1",) and "1 independent origin (Bellhaven council)" in lines[0].text
    assert lines[1].text.startswith(
        "Quarry owner contradicts Bellhaven council: “The dam held until Wednesday.”"
    )
    assert lines[2].text.startswith("2021-04-01") and lines[3].text.startswith("2021-04-06")
    assert build_roundup({}) == []


def test_story_slices_keep_each_storys_records_in_batch_order() -> None:
    """Slicing from one index gives what filtering the whole batch per story gives: a raw document goes
    with every story one of its articles is in (two articles of one JSON Lines file can differ in story)."""
    from rashomon.model import RawDocument, Sentence
    from rashomon.pipeline import Batch
    from rashomon.stories.assign import Story
    from rashomon.stories.run import StorySlicer, story_slice

    articles = tuple(
        Article(id=f"a{i}", source="feed.jsonl" if i < 2 else f"f{i}.txt", text="x") for i in range(4)
    )
    raw = (
        RawDocument("feed.jsonl", "text", "..."),
        RawDocument("f2.txt", "text", "."),
        RawDocument("f3.txt", "text", "."),
    )
    sentences = tuple(Sentence(f"a{i % 4}", i // 4, i, i + 1) for i in range(12))
    batch = Batch(raw=raw, articles=articles, sentences=sentences)
    stories = [Story("s1", "one", ("a2", "a0")), Story("s2", "two", ("a1",)), Story("s3", "three", ("a3",))]
    slicer = StorySlicer(batch)
    first, second, third = (slicer.slice(story) for story in stories)
    assert [a.id for a in first.articles] == ["a0", "a2"]
    assert [(s.article, s.index) for s in first.sentences] == [
        ("a0", 0), ("a2", 0), ("a0", 1), ("a2", 1), ("a0", 2), ("a2", 2)
    ]  # fmt: skip
    assert [r.source for r in first.raw] == ["feed.jsonl", "f2.txt"]
    assert [r.source for r in second.raw] == ["feed.jsonl"] and [r.source for r in third.raw] == ["f3.txt"]
    assert {s.article for s in third.sentences} == {"a3"}
    for story in stories:  # against a plain filter of the whole batch, the way slices were cut before
        ids = set(story.articles)
        sources = {a.source for a in articles if a.id in ids}
        expected = (
            [a for a in articles if a.id in ids],
            [s for s in sentences if s.article in ids],
            [r for r in raw if r.source in sources],
        )
        cut = story_slice(batch, story)
        assert (list(cut.articles), list(cut.sentences), list(cut.raw)) == expected


def test_a_mixed_run_reports_one_bar_that_fills(
    tmp_path: Path, fake_stages: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rashomon.stories import run as story_run

    class Recorder:
        def __init__(self) -> None:
            self.totals: dict[str, int] = {}
            self.done: dict[str, int] = {}
            self.current = ""

        def stage_started(self, name: str, total: int) -> None:
            self.current = name
            self.totals[name] = total
            self.done[name] = 0

        def advance(self, n: int) -> None:
            self.done[self.current] += n

        def stage_finished(self, name: str, seconds: float) -> None:
            self.current = ""

    monkeypatch.setattr(story_run, "WAVE_ARTICLES", 1)
    shown = Recorder()
    corpus = str(_write_corpus(tmp_path / "in"))
    run = story_run.analyze_stories([corpus], stages=fake_stages, encode=fake_encode, progress=shown)  # type: ignore[arg-type]
    assert run.mixed
    bar = "3 articles in 2 stories"
    assert set(shown.totals) == {"ingest", "clean", bar}  # the waves' stages report into the one bar
    assert shown.done[bar] == shown.totals[bar] > 2


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_stories_written_as_they_finish_give_the_files_of_a_run_held_in_memory(
    tmp_path: Path, fake_stages: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rashomon.stories import output
    from rashomon.stories.output import StoryWriter, write_story_reports
    from rashomon.stories.run import analyze_stories

    corpus = _write_corpus(tmp_path / "in")
    shared = {"title": "Bellhaven delegates abstain", "text": VOTE + " The Bellhaven delegation abstained."}
    with (corpus / "feed.jsonl").open("a", encoding="utf-8") as feed:
        feed.write(json.dumps({**shared, "outlet": "Quay Daily", "published": "2021-05-03"}) + "\n")
    held = analyze_stories([str(corpus)], stages=fake_stages, encode=fake_encode)  # type: ignore[arg-type]
    write_story_reports(held, tmp_path / "held", ["html", "json", "md"])
    # The streamed evidence.json is, byte for byte, the whole map built in memory and dumped in one go.
    whole = json.dumps(held.analysis.evidence, ensure_ascii=False, indent=2) + "\n"
    assert (tmp_path / "held" / "evidence.json").read_text(encoding="utf-8") == whole
    merged = [e for e in held.analysis.evidence["entities"] if len({m["article"] for m in e["mentions"]}) > 2]
    assert merged, "a name in both stories is one entity with the mentions of each (the merge is tested)"
    with StoryWriter(tmp_path / "streamed", ["html", "json", "md"]) as writer:
        run = analyze_stories([str(corpus)], stages=fake_stages, encode=fake_encode, sink=writer.add)  # type: ignore[arg-type]
        assert run.streamed and run.mixed and run.stories == ()
        assert len(run.analysis.evidence["articles"]) == 4 and not run.analysis.evidence["claims"]
        writer.finish(run.analysis.batch)
    assert _tree(tmp_path / "streamed") == _tree(tmp_path / "held")  # the spool is gone, nothing else differs
    # Past the limit the whole run's pages are not written, and the writer says so; the map still is.
    monkeypatch.setattr(output, "WHOLE_REPORT_ARTICLES", 2)
    with StoryWriter(tmp_path / "large", ["html", "json", "md"]) as writer:
        run = analyze_stories([str(corpus)], stages=fake_stages, encode=fake_encode, sink=writer.add)  # type: ignore[arg-type]
        writer.finish(run.analysis.batch)
    large = _tree(tmp_path / "large")
    assert "report.html" not in large and "report.md" not in large
    assert "index.html" in writer.notes[0] and "report.html and report.md" in writer.notes[0]
    assert large["evidence.json"] == whole.encode("utf-8")
    assert large["index.html"] == _tree(tmp_path / "held")["index.html"]


def test_story_writer_refuses_an_unknown_format_before_any_work(tmp_path: Path) -> None:
    from rashomon.errors import UsageError
    from rashomon.stories.output import StoryWriter

    with pytest.raises(UsageError, match="unknown output format"):
        StoryWriter(tmp_path / "out", ["json", "pdf"])
    assert not (tmp_path / "out").exists()


def test_cli_writes_a_mixed_run_story_by_story(
    tmp_path: Path, fake_stages: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    import rashomon.api
    from rashomon.cli import cli
    from rashomon.stories import output
    from rashomon.stories import run as story_run

    monkeypatch.setattr(rashomon.api, "default_stages", lambda config: fake_stages)

    def found(articles: object, encode: object = None) -> object:
        return assign_stories(articles, encode=fake_encode)  # type: ignore[arg-type]

    monkeypatch.setattr(story_run, "assign_stories", found)
    monkeypatch.setattr(output, "WHOLE_REPORT_ARTICLES", 2)
    corpus = _write_corpus(tmp_path / "in")
    (corpus / "empty.txt").write_text("  \n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", str(corpus), "-o", str(out)])
    assert result.exit_code == 1, result.stderr  # one input skipped: named, the rest analysed
    assert "empty.txt" in result.stderr and "Traceback" not in result.stderr
    assert "report.html and report.md not written" in result.stderr and "index.html" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["evidence.json", "index.html", "stories", "stories.json"]
    listing = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    assert all((out / s["dir"] / "report.html").is_file() for s in listing) and len(listing) == 2
    whole = json.loads((out / "evidence.json").read_text(encoding="utf-8"))
    assert sorted(i["status"] for i in whole["inputs"]) == ["analysed"] * 3 + ["skipped"]
    assert whole["claims"] and len(whole["articles"]) == 3
    # An unknown format is refused before any article is read, and nothing is written.
    args = ["analyze", str(corpus), "--format", "json,pdf", "-o", str(tmp_path / "x")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and "unknown output format" in result.stderr
    assert not (tmp_path / "x").exists()

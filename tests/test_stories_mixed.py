"""Acceptance: the example corpus hidden among 200 unrelated news articles is found as one story, and
that story's evidence map holds its three events (the 2019 order, the 2020 report, the 2022 memoir).

The 200 articles are Article-Bias-Prediction records read from ``../shared/benchmarks`` into a temporary
folder (copyrighted texts: never committed); records that mention Iran or Soleimani are left out, so
"unrelated" holds. Running every stage on 205 articles takes many minutes on a small machine, so the test
runs exactly what ``rashomon analyze`` runs, split as ``rashomon.stories.run`` splits it: the
story-finding stages (ingest, clean) and the story assignment over all 205 articles with the real lead
encoder, then the per-article models and the corpus stages for the example's story only.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from rashomon.config import Config
from rashomon.ingest import sources_from_args
from rashomon.pipeline import Batch, Pipeline
from rashomon.report.schema import validate_evidence
from rashomon.stories.assign import Story, assign_stories
from rashomon.stories.run import analyze_slice, split_stages, story_slice

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "soleimani-2020"
ABP = ROOT.parent / "shared" / "benchmarks" / "article_bias_prediction"
UNRELATED = 200

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not ABP.is_dir():
        pytest.skip(f"{ABP} is absent: the unrelated articles are read from the shipped benchmarks")
    pytest.importorskip("spacy")
    pytest.importorskip("sentence_transformers")
    from rashomon.stories.corpora import abp_records, write_jsonl

    folder = tmp_path_factory.mktemp("mixed")
    for path in sorted(EXAMPLE.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    records = list(itertools.islice(abp_records(ABP, exclude=("soleimani", "iran")), UNRELATED))
    assert len(records) == UNRELATED
    write_jsonl(folder / "unrelated.jsonl", records)
    return folder


@pytest.fixture(scope="module")
def found(mixed_folder: Path) -> tuple[Batch, list[Story]]:
    """The cleaned batch of all 205 articles and the stories found in it."""
    from rashomon.api import default_stages

    sources, outcomes = sources_from_args([str(mixed_folder)], None)
    cluster, _, _ = split_stages(default_stages(Config()))
    batch = Pipeline(cluster).run(Batch(sources=tuple(sources), inputs=tuple(outcomes))).batch
    assert len(batch.articles) == 5 + UNRELATED
    return batch, assign_stories(batch.articles)


def _example_ids(batch: Batch) -> set[str]:
    return {a.id for a in batch.articles if a.source.endswith(".txt")}


def test_example_articles_are_exactly_one_story(found: tuple[Batch, list[Story]]) -> None:
    batch, stories = found
    example = _example_ids(batch)
    holding = [s for s in stories if example & set(s.articles)]
    assert len(holding) == 1, [len(example & set(s.articles)) for s in holding]
    assert set(holding[0].articles) == example


def test_unrelated_articles_are_not_one_lump(found: tuple[Batch, list[Story]]) -> None:
    # The unrelated articles span years and topics: most stories must stay small.
    _, stories = found
    assert len(stories) > UNRELATED // 2
    assert max(len(s.articles) for s in stories) < 20


def test_example_story_has_its_three_events(found: tuple[Batch, list[Story]]) -> None:
    from rashomon.api import default_stages

    batch, stories = found
    example = _example_ids(batch)
    story = next(s for s in stories if example & set(s.articles))
    _, per_article, corpus = split_stages(default_stages(Config()))
    ready = Pipeline(per_article, given=frozenset({"sources", "inputs", "raw", "articles"}))
    sliced = ready.run(story_slice(batch, story)).batch
    evidence = analyze_slice(sliced, corpus).evidence
    assert validate_evidence(evidence) == []
    assert len(evidence["articles"]) == 5
    source_of = {a["id"]: Path(a["source"]).name[:3] for a in evidence["articles"]}
    events = sorted(sorted(source_of[a] for a in e["articles"]) for e in evidence["events"])
    # 000/001 relay Esper's 2022 memoir, 002/003 NBC's report of the 2019 order, 004 the 2020 NYT report.
    assert events == [["000", "001"], ["002", "003"], ["004"]]

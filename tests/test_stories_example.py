"""The bundled example corpus, analysed alone, is one story (issue #8).

Its five articles tell one story (the killing of Qassem Soleimani) through three events: a 2022 memoir,
NBC's report of a 2019 order, a 2020 report. The events are for ``relate.events`` to separate inside
the story; story clustering must keep the five together whether they come alone (here) or hidden among
200 unrelated articles (``test_stories_mixed.py``). Alone, IDF from the run's own five articles would
make the shared names the lightest terms; the background table keeps them heavy. Only the stages story
finding needs (ingest, clean) run, then the real clusterer with the real MiniLM lead encoder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.config import Config
from rashomon.ingest import sources_from_args
from rashomon.pipeline import Batch, Pipeline
from rashomon.stories.assign import assign_stories
from rashomon.stories.run import split_stages

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "soleimani-2020"

pytestmark = pytest.mark.integration


def test_example_corpus_alone_is_one_story() -> None:
    pytest.importorskip("sentence_transformers")
    from rashomon.api import default_stages

    sources, outcomes = sources_from_args([str(EXAMPLE)], None)
    cluster, _, _ = split_stages(default_stages(Config()))
    batch = Pipeline(cluster).run(Batch(sources=tuple(sources), inputs=tuple(outcomes))).batch
    assert len(batch.articles) == 5
    stories = assign_stories(batch.articles)
    assert len(stories) == 1, [len(s.articles) for s in stories]
    assert set(stories[0].articles) == {a.id for a in batch.articles}
    assert "Soleimani" in stories[0].title or "Iranian" in stories[0].title

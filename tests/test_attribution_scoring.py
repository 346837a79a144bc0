"""The attribution scorer, checked against numbers worked out by hand on the tiny fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.claims.attribution.spans import AttributionSpans
from rashomon.evaluation.attribution import score, trim

TINY = Path(__file__).parent / "data" / "polnear_tiny"


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_scores_by_hand() -> None:
    from rashomon.claims.attribution.polnear import load_split

    one = load_split(TINY, "dev")[0]
    text = one.text
    predictions = [
        # right source and cue; content with its full stop: exact after trimming, wrong when strict
        AttributionSpans(
            _span(text, "said"), _span(text, "The mayor"), _span(text, "the bridge would reopen in May."), 0.9
        ),
        # right source and cue; only the first part of the split quote
        AttributionSpans(_span(text, "told"), _span(text, "she"), _span(text, '"It is safe,"'), 0.8),
        # right cue and content, source missed
        AttributionSpans(_span(text, "doubt"), None, _span(text, "the schedule"), 0.7),
        # a spurious cue
        AttributionSpans(_span(text, "reopen"), None, None, 0.3),
    ]
    m = score([(text, one.attributions, predictions)])
    # cue exact: 3 of 4 predictions right, 3 of 3 gold found
    assert m["cue_precision_exact"] == 0.75 and m["cue_recall_exact"] == 1.0
    assert m["cue_f1_exact"] == pytest.approx(0.8571, abs=1e-4)
    # source exact: said+mayor and told+she right (2/4); 2 of 3 gold found
    assert m["source_precision_exact"] == 0.5 and m["source_recall_exact"] == pytest.approx(0.6667, abs=1e-4)
    assert m["source_f1_exact"] == pytest.approx(0.5714, abs=1e-4)
    # content exact: mayor (trimmed) and schedule right; strict loses the mayor's (full stop)
    assert m["content_f1_exact"] == pytest.approx(0.5714, abs=1e-4)
    assert m["content_f1_exact_strict"] == pytest.approx(0.2857, abs=1e-4)
    # source tokens: predicted The, mayor, she (3) all gold; gold adds Critics (4)
    assert m["source_precision_overlap"] == 1.0 and m["source_recall_overlap"] == 0.75
    # cue tokens: predicted said, told, doubt, reopen (4); gold said, told, doubt (3)
    assert m["cue_precision_overlap"] == 0.75 and m["cue_recall_overlap"] == 1.0
    # content tokens: predicted 7 + 6 + 2 = 15, of which 14 gold; gold 6 + (6 + 8) + 2 = 22
    assert m["content_precision_overlap"] == pytest.approx(14 / 15, abs=1e-4)
    assert m["content_recall_overlap"] == pytest.approx(14 / 22, abs=1e-4)
    assert m["content_f1_overlap"] == pytest.approx(0.7568, abs=1e-4)


def test_split_quote_found_whole_and_no_source_matched() -> None:
    from rashomon.claims.attribution.polnear import load_split

    one, two = load_split(TINY, "dev")
    parts = (_span(one.text, '"It is safe,"'), _span(one.text, '"and we checked it twice."'))
    told = AttributionSpans(
        _span(one.text, "told"), _span(one.text, "she"), (parts[0][0], parts[1][1]), 0.9, parts
    )
    believed = AttributionSpans(
        _span(two.text, "is widely believed"), None, _span(two.text, "taxes will rise"), 0.9
    )
    m = score([(one.text, one.attributions, [told]), (two.text, two.attributions, [believed])])
    assert m["content_precision_exact"] == 1.0  # both parts of the quote, and the no-source content
    assert m["source_precision_exact"] == 1.0  # no source predicted where the annotation has none
    assert m["source_recall_exact"] == pytest.approx(2 / 5, abs=1e-4)


def test_trim_strips_edges_merges_and_keeps_punctuation_cues() -> None:
    text = 'He said: "Yes, we will." Then: more.'
    assert trim(text, ((9, 24),)) == ((10, 22),)  # "Yes, we will"
    assert trim(text, ((0, 2), (2, 3))) == ((0, 2),)
    colon = text.index(":")
    assert trim(text, ((colon, colon + 1),)) == ((colon, colon + 1),)


def test_task_is_registered() -> None:
    import rashomon.evaluation.tasks  # noqa: F401
    from rashomon.evaluation import TASKS

    task = TASKS["attribution"]
    assert task.primary == "source_f1_exact" and task.dataset == "polnear"
    assert task.splits == ("dev", "test")

"""The packaged attribution model on hand-written sentences, through spaCy and MiniLM (slow to load)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rashomon.claims.attribution import AttributionSpans, AttributionTagger
from rashomon.claims.attribution.records import load_spacy, records_from_doc

pytestmark = pytest.mark.integration

Analyse = Callable[[str], list[AttributionSpans]]


@pytest.fixture(scope="module")
def analyse() -> Analyse:
    nlp = load_spacy()
    tagger = AttributionTagger()
    tagger.warm_up()

    def run(text: str) -> list[AttributionSpans]:
        sentences, tokens = records_from_doc(nlp(text), "test")
        return tagger.tag(text, sentences, tokens)

    return run


def _text(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


def test_indirect_speech(analyse: Analyse) -> None:
    text = "The senator said on Tuesday that the vote would be delayed until March."
    (found,) = analyse(text)
    assert _text(text, found.cue) == "said"
    assert _text(text, found.source) == "The senator"
    assert "the vote would be delayed" in (_text(text, found.content) or "")


def test_direct_quote_after_the_quote(analyse: Analyse) -> None:
    text = '"We will not back down," the union leader told reporters on Friday.'
    (found,) = analyse(text)
    assert _text(text, found.cue) == "told"
    assert _text(text, found.source) == "the union leader"
    assert "We will not back down" in (_text(text, found.content) or "")


def test_according_to(analyse: Analyse) -> None:
    text = "Exports fell sharply last year, according to the trade ministry."
    (found,) = analyse(text)
    assert _text(text, found.cue) == "according to"
    assert _text(text, found.source) == "the trade ministry"


def test_plain_fact_has_no_attribution(analyse: Analyse) -> None:
    assert analyse("The bridge opened in 1932 and carries four lanes of traffic.") == []


def test_spans_lie_inside_the_text(analyse: Analyse) -> None:
    text = 'Officials said the plant was safe.\n\n"It is not," a neighbour insisted. She thinks it leaks.'
    found = analyse(text)
    assert found
    for attribution in found:
        for span in (attribution.cue, attribution.source, attribution.content, *attribution.content_parts):
            assert span is None or 0 <= span[0] < span[1] <= len(text)
        assert 0.0 <= attribution.score <= 1.0

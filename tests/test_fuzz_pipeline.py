"""Fuzzing past ingest: the NLP conversion, claim building and the three report writers on arbitrary
article text and metadata. Properties: no exception, every span inside its text (and equal to the text
it quotes), evidence.json always valid against the schema, and nothing from an article becoming markup.

The whole pipeline runs with the deterministic fake NLP (rashomon.testing); one bounded property runs
the real spaCy conversion when the model is installed. RASHOMON_FUZZ_EXAMPLES=5000 runs longer.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

import rashomon
from hostile import FORBIDDEN_TAGS, PAYLOADS, fuzz_examples
from rashomon.config import Config
from rashomon.errors import RashomonError
from rashomon.model import Article, PublishedDate, Source
from rashomon.pipeline import Batch, Pipeline
from rashomon.report.html import render_html
from rashomon.report.markdown import render_markdown
from rashomon.report.schema import validate_evidence
from rashomon.testing import FakeNlpStage, fake_pipeline

QUICK = settings(max_examples=fuzz_examples(80), deadline=None, suppress_health_check=list(HealthCheck))
PIPELINE = settings(max_examples=fuzz_examples(8), deadline=None, suppress_health_check=list(HealthCheck))

_ODD = "\x00\x0b\x85\u2028\u200b\u200d\u202e\u2066\ufeff\ufffd\U0001f600\u0301"
words = st.sampled_from(
    ["The", "minister", "said", "Okafor", "told reporters", "strike", "“", "”", ",", ".", "According to",
     "officials", "reportedly", "2021", "on Monday", "Valmora Post", "\n\n", "!", "?", "—", "'s", *PAYLOADS]
)  # fmt: skip
prose = st.lists(st.one_of(words, st.text(max_size=8)), max_size=60).map(" ".join)
texts = st.one_of(
    prose, st.text(max_size=200), st.text(alphabet=st.sampled_from(list(_ODD) + list("a .\n")), max_size=80)
)


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    return fake_pipeline()


def _article(text: str, number: int = 0) -> Article:
    return Article(
        id=f"art_{number}",
        source=f"fuzz{number}.txt",
        text=text,
        title=None,
        outlet=None,
        byline=None,
        url=None,
        published=PublishedDate(),
        removed=(),
        language="en",
        warnings=(),
    )


def _spans_inside(evidence: dict[str, Any]) -> None:
    articles = {article["id"]: article for article in evidence["articles"]}
    for claim in evidence["claims"]:
        field = claim.get("field", "text")
        text = articles[claim["article"]][field] or ""
        assert 0 <= claim["start"] <= claim["end"] <= len(text), claim
        assert text[claim["start"] : claim["end"]] == claim["text"], claim
    for entity in evidence["entities"]:
        for span in (*entity["mentions"], *entity["labels"]):
            text = articles[span["article"]].get(span.get("field", "text")) or ""
            assert 0 <= span["start"] <= span["end"] <= len(text), span


def _no_article_markup(page: str) -> None:
    tree = lxml_html.document_fromstring(page)
    elements = [element for element in tree.iter() if isinstance(element.tag, str)]
    assert sum(element.tag == "script" for element in elements) == 1
    for element in elements:
        assert element.tag not in FORBIDDEN_TAGS, element.tag
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert name not in ("href", "src") or value.startswith("#"), (element.tag, name, value)


@QUICK
@given(texts)
def test_fake_nlp_spans_stay_inside(text: str) -> None:
    batch = FakeNlpStage(Config()).run(Batch(articles=(_article(text),)))
    for record in (*batch.sentences, *batch.tokens, *batch.mentions):
        assert 0 <= record.start <= record.end <= len(text), record


@lru_cache(maxsize=1)
def _spacy() -> Any:
    from rashomon.errors import DependencyMissing
    from rashomon.nlp.model import load_spacy

    try:
        return load_spacy(Config().spacy_model, 100_000)
    except DependencyMissing:
        return None


@settings(max_examples=fuzz_examples(10), deadline=None, suppress_health_check=list(HealthCheck))
@given(texts)
def test_real_spacy_conversion_spans_stay_inside(text: str) -> None:
    nlp = _spacy()
    if nlp is None:
        pytest.skip("the spaCy English model is not installed")
    from rashomon.nlp.convert import doc_to_records

    sentences, tokens, mentions = doc_to_records("art_0", nlp(text))
    for record in (*sentences, *tokens, *mentions):
        assert 0 <= record.start <= record.end <= len(text), record
    for token in tokens:
        assert 0 <= token.head < len(tokens) and 0 <= token.sentence < max(len(sentences), 1)


articles = st.fixed_dictionaries(
    {"text": st.one_of(prose, prose, texts)},  # mostly prose: most of it survives cleaning
    optional={key: texts for key in ("title", "outlet", "byline", "url", "published")},
)


@PIPELINE
@given(st.lists(articles, min_size=1, max_size=3))
def test_pipeline_and_reports_on_arbitrary_articles(items: list[dict[str, str]]) -> None:
    sources = [Source(name=f"fuzz{i}.json", data=json.dumps(item).encode()) for i, item in enumerate(items)]
    try:
        analysis = rashomon.analyze(sources, pipeline=_pipeline())
    except RashomonError:
        return
    evidence = analysis.evidence
    assert validate_evidence(evidence) == []
    assert len(evidence["inputs"]) >= len(items)
    _spans_inside(evidence)
    _no_article_markup(render_html(evidence))
    markdown = render_markdown(evidence)
    assert "<script" not in markdown.lower() and "<img" not in markdown.lower()

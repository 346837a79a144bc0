"""What a worker sends back: only the artifacts its stages made, the rest restored from what it was given."""

from __future__ import annotations

from dataclasses import replace

from rashomon.model import Article, Claim, Source
from rashomon.pipeline import Batch
from rashomon.pipeline.state import given_back, only_made


def test_only_made_and_given_back_round_trip() -> None:
    article = Article(id="a1", source="a.txt", text="Text said here.")
    given = Batch(sources=(Source(name="a.txt", data=b"Text said here."),), articles=(article,))
    claim = Claim(id="clm_1", article="a1", start=0, end=4, text="Text")
    made = replace(given, claims=(claim,))  # a stage that made claims and left the rest as given
    lean = only_made(made, frozenset({"claims"}))
    assert lean.claims == (claim,)
    assert lean.sources == () and lean.articles == ()
    back = given_back(lean, given, frozenset({"claims"}))
    assert back == made
    assert back.sources is given.sources and back.articles is given.articles


def test_records_by_article_keep_batch_order_and_an_unknown_article_has_none() -> None:
    from rashomon.model import Sentence
    from rashomon.pipeline.state import by_article

    sentences = [Sentence("b", 0, 0, 4), Sentence("a", 0, 0, 3), Sentence("b", 1, 5, 9)]
    grouped = by_article(sentences)
    assert grouped["b"] == [sentences[0], sentences[2]] and grouped["a"] == [sentences[1]]
    assert grouped["missing"] == []

"""Full-text search over stored articles and claims; hostile queries never reach FTS5 unquoted."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon.errors import UsageError
from rashomon.ingest import sources_from_args
from rashomon.store import Store
from rashomon.store.search import fts_query
from store_fixtures import ELSEWHERE, light_stages, write_corpus


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    root = tmp_path_factory.mktemp("search")
    opened = Store(root / "x.db", stages=light_stages())
    for folder in (
        write_corpus(root / "harbour"),
        write_corpus(root / "library", {"library.txt": ELSEWHERE}),
    ):
        sources, outcomes = sources_from_args([str(folder)], None)
        opened.add(sources, outcomes=outcomes)
    yield opened
    opened.close()


def test_articles_and_claims_are_found_with_their_spans(store: Store) -> None:
    hits = store.search("Tom Ellis")
    assert {hit.kind for hit in hits} == {"article", "claim"}
    for hit in hits:
        evidence = store.evidence(hit.story_id)
        article = next(a for a in evidence["articles"] if a["id"] == hit.article_id)
        if hit.kind == "claim":
            claim = next(c for c in evidence["claims"] if c["id"] == hit.claim_id)
            assert (hit.start, hit.end) == (
                (claim["start"], claim["end"]) if claim["field"] == "text" else (0, 0)
            )
        else:
            assert article["text"][hit.start : hit.end].lower() in ("tom", "ellis")
            assert "Ellis" in hit.snippet or "Tom" in hit.snippet


def test_search_is_per_story_and_folds_case_and_accents(store: Store) -> None:
    library = store.search("READING róom")
    assert library and {hit.story_id for hit in library} == {store.search("librarian")[0].story_id}
    assert store.search("harbour")[0].story_id != library[0].story_id
    assert store.search("zeppelin") == []
    assert len(store.search("harbour", limit=2)) == 2


def test_phrases_keep_their_order(store: Store) -> None:
    assert store.search('"storm closed"')
    assert not [hit for hit in store.search('"closed storm"') if hit.kind == "claim"]


HOSTILE = [
    '"',
    "AND OR (",
    "NEAR(harbour storm, 2)",
    "harbour*",
    "title:harbour",
    "harbour OR storm",
    "- harbour",
    "^harbour",
    ")))((( harbour",
    '"harbour',
    "'; DROP TABLE articles; --",
    "harbour\x00storm",
    "{text}: storm",
    "\u202eharbour\u200b",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_are_words_or_a_usage_error(store: Store, query: str) -> None:
    try:
        hits = store.search(query)
    except UsageError:
        return
    assert isinstance(hits, list)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_no_text_makes_sqlite_raise(store: Store, text: str) -> None:
    with contextlib.suppress(UsageError):
        store.search(text)


def test_queries_without_words_or_too_long_are_usage_errors(store: Store) -> None:
    for bad in ("", "   ", '"', "()*^-", "x " * 600):
        with pytest.raises(UsageError):
            store.search(bad)
    with pytest.raises(UsageError):
        store.search("harbour", limit=0)


def test_the_fts_expression_is_only_quoted_terms() -> None:
    query = fts_query('harbour AND "storm closed" OR x"y')
    assert query.fts == '"storm closed" "harbour" "AND" "OR" "x" "y"'

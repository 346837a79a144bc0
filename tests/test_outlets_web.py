"""The outlets pages and the story page's coverage bar, over a store holding the hand-built maps."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from outlets_fixtures import hand_store, story_a
from rashomon.outlets.ratings import Rating, import_ratings
from rashomon.store import Store
from rashomon.web import create_app


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(hand_store(tmp_path / "hand.db"))
    yield store
    store.close()


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store), base_url="http://127.0.0.1") as client:
        yield client


def test_outlets_page_lists_profiles_with_samples_and_links(client: TestClient) -> None:
    page = client.get("/outlets")
    assert page.status_code == 200
    html = page.text
    assert [m for m in re.findall(r'data-outlet="([^"]+)"', html)] == [
        "reuters",
        "agence france-presse",
        "cnn",
        "fox news",
    ]
    # Fox News echoes: 0 of 2 shared claims originate, linked to the evidence, flagged as a small sample
    assert 'href="/outlets/fox%20news#fig-originates">0%</a>' in html
    assert "0/2 · 0–66%" in html and "small-sample" in html
    assert "No outlet ratings imported" in html
    assert 'href="/stories/sty_a/articles/a4"' in html  # the unidentified article is listed


def test_outlets_page_sorts_without_script(client: TestClient) -> None:
    html = client.get("/outlets?sort=anonymous&order=desc").text
    order = re.findall(r'data-outlet="([^"]+)"', html)
    assert order[0] == "fox news"  # 2/2 anonymous
    assert client.get("/outlets?sort=name&order=asc").text.index("agence france") < html.index("reuters")
    assert client.get("/outlets?order=sideways").status_code == 400


def test_outlet_page_links_each_figure_to_claims_and_articles(client: TestClient) -> None:
    page = client.get("/outlets/fox%20news")
    assert page.status_code == 200
    html = page.text
    assert 'id="fig-echoes"' in html and 'id="fig-delay"' in html
    assert re.search(
        r'href="/stories/sty_a/articles/a2#span-2-2"><bdi>claim 2\.2 in Harbour shut: “The”</bdi></a> '
        r'<span class="muted"><bdi>cites Reuters</bdi>',
        html,
    )
    assert "cites Reuters" in html and "2 days" in html
    assert client.get("/outlets/nowhere").status_code == 404
    data = client.get("/api/outlets").json()
    assert next(outlet["name"] for outlet in data["outlets"]) == "Reuters"


def test_story_page_shows_badges_coverage_and_blindspot_after_import(
    client: TestClient, store: Store
) -> None:
    before = client.get("/stories/sty_a").text
    assert 'class="badge outlet-badge"' in before and "No outlet ratings imported" in before
    assert 'href="/outlets/reuters"' in before
    # invented ratings: every rated outlet of story A on the right
    import_ratings(store.path, [Rating("Reuters", "lean right"), Rating("Fox News", "right")])
    after = client.get("/stories/sty_a").text  # the page cache notices the new ratings
    assert "blindspot: barely covered by the left" in after
    assert "2 of 4 articles rated (left 0, center 0, right 2; 2 unrated)" in after
    import_ratings(store.path, [Rating("Agence France-Presse", "left")])
    assert (
        "blindspot" not in client.get("/stories/sty_a").text.split('id="coverage"')[1].split("</section>")[0]
    )


def test_hostile_outlet_names_are_text(tmp_path: Path) -> None:
    evidence = story_a()
    evidence["articles"][3]["outlet"] = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    store = Store(hand_store(tmp_path / "h.db", [("sty_h", evidence)]))
    with store, TestClient(create_app(store), base_url="http://127.0.0.1") as client:
        for path in ("/outlets", "/stories/sty_h"):
            html = client.get(path).text
            assert "<script>alert" not in html and "<img src=x" not in html
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        key = quote('<script>alert(1)</script>"><img src=x onerror=alert(2)>'.casefold(), safe="")
        page = client.get(f"/outlets/{key}")
        assert page.status_code == 200 and "<script>alert" not in page.text

"""The outlets page in Chromium: sortable profiles, figures that open their evidence, the story coverage bar.

Runs over a real store holding the hand-built maps, with invented ratings imported, and checks the page
keeps to the strict policy (no console errors: a blocked inline style would show as one).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import Watched, watch_page

from outlets_fixtures import hand_store
from rashomon.outlets.ratings import Rating, import_ratings
from rashomon.store import Store
from rashomon.web import create_app
from rashomon.web.server import background


@pytest.fixture(scope="module")
def outlets_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = Store(hand_store(tmp_path_factory.mktemp("outlets") / "hand.db"))
    # invented ratings: story A is covered by the right only
    import_ratings(store.path, [Rating("Reuters", "lean right"), Rating("Fox News", "right")])
    with background(create_app(store)) as url:
        yield url
    store.close()


@pytest.fixture
def page(browser: Any, outlets_url: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    yield watch_page(context, outlets_url)
    context.close()


def rows(watched: Watched) -> list[str]:
    found = watched.page.locator("table.outlets tbody tr")
    return [str(found.nth(n).get_attribute("data-outlet")) for n in range(found.count())]


def test_outlets_table_sorts_and_opens_evidence(page: Watched) -> None:
    page.page.goto(page.base + "/outlets")
    assert rows(page) == ["reuters", "agence france-presse", "cnn", "fox news"]
    page.page.get_by_role("link", name="Hedged").click()
    assert rows(page)[0] == "fox news"  # 1 of 2 claims hedged: the highest share
    page.page.get_by_role("link", name="Hedged ▼").click()
    assert rows(page)[-1] == "fox news"  # ascending now
    page.shoot("outlets-page")
    page.page.locator('tr[data-outlet="fox news"] a[href$="#fig-hedged"]').click()
    assert page.page.url.endswith("/outlets/fox%20news#fig-hedged")
    section = page.page.locator("#fig-hedged")
    assert "1/2 claims (50%, 95% CI 9–91%, small sample)" in section.inner_text()
    section.get_by_role("link").first.click()
    page.page.wait_for_url("**/stories/sty_a/articles/a2#span-2-1")
    page.page.wait_for_load_state("load")  # count() does not wait for the new page's DOM
    page.page.locator("#span-2-1").wait_for(state="attached")
    assert page.page.locator("#span-2-1").count() == 1
    page.assert_clean()


def test_story_page_shows_coverage_bar_badges_and_blindspot(page: Watched) -> None:
    page.page.goto(page.base + "/stories/sty_a")
    coverage = page.page.locator("#coverage")
    assert "blindspot: barely covered by the left" in coverage.inner_text()
    bar = page.page.locator(".coverage-bar .side-right")
    assert bar.is_visible() and bar.bounding_box()["width"] > 300  # the whole bar: both rated are right
    badges = coverage.locator("a.outlet-badge")
    assert badges.count() == 4
    assert badges.nth(1).inner_text() == "Fox News · right"
    assert (
        page.page.locator(".coverage-bar .side-right").evaluate("el => getComputedStyle(el).backgroundColor")
        == "rgb(192, 57, 43)"
    )  # the inline style became an allowed class
    page.shoot("story-coverage")
    badges.nth(1).click()
    assert page.page.url.endswith("/outlets/fox%20news")
    page.assert_clean()


def test_outlets_page_works_without_script(browser: Any, outlets_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    watched = watch_page(context, outlets_url)
    watched.page.goto(outlets_url + "/outlets?sort=name&order=asc")
    assert rows(watched)[0] == "agence france-presse"
    context.close()

"""End to end over the real SQLite store: the example corpus stored, served, searched and added to."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rashomon.ingest import sources_from_args
from rashomon.store import Store
from rashomon.web import create_app
from web_workspace import quick_pipeline

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "soleimani-2020"
NEW_ARTICLE = (
    "Iraqi officials said on Saturday that the drone strike near Baghdad airport killed Qassem Soleimani "
    "and nine others. Lawmakers in Baghdad said the parliament would vote on expelling foreign troops."
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store(tmp_path_factory.mktemp("web") / "web.db", stages=quick_pipeline().stages)
    sources, _ = sources_from_args([str(EXAMPLE)], None)
    store.add(sources)
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store), base_url="http://127.0.0.1") as client:
        yield client


def test_the_stored_example_story_is_listed_and_opens(client: TestClient, store: Store) -> None:
    (summary,) = store.stories()
    listing = client.get("/").text
    assert f'href="/stories/{summary.id}"' in listing and "Sputnik" in listing
    page = client.get(f"/stories/{summary.id}")
    assert page.status_code == 200
    evidence = store.evidence(summary.id)
    for article in evidence["articles"]:
        assert f'href="/stories/{summary.id}/articles/{article["id"]}"' in page.text
    article = evidence["articles"][0]
    article_page = client.get(f"/stories/{summary.id}/articles/{article['id']}")
    assert article_page.status_code == 200 and 'class="claim"' in article_page.text
    assert client.get(f"/api/stories/{summary.id}").json() == evidence


def test_search_over_the_store_links_to_claim_spans(client: TestClient, store: Store) -> None:
    hits = client.get("/api/search", params={"q": "Soleimani"}).json()
    assert hits and any(hit["kind"] == "claim" for hit in hits)
    html = client.get("/search", params={"q": "Soleimani"}).text
    assert re.search(r'href="/stories/[\w-]+/articles/[\w-]+#span-\d+-\d+"', html)
    malformed = client.get("/search", params={"q": '"unbalanced AND ('})
    assert malformed.status_code in (200, 400) and "Traceback" not in malformed.text


def test_adding_an_article_through_the_api_updates_the_stored_story(client: TestClient, store: Store) -> None:
    (summary,) = store.stories()
    response = client.post(
        f"/api/stories/{summary.id}/articles",
        data={"text": NEW_ARTICLE, "title": "Iraq weighs expelling US troops", "outlet": "Tigris Wire"},
    )
    assert response.status_code == 202, response.text
    job = _wait(client, f"/api/jobs/{response.json()['id']}")
    assert job["status"] == "done", job
    assert job["result"]["added"] == 1 and job["result"]["story_id"] == summary.id
    assert (
        job["result"]["reused_articles"] == summary.articles
    )  # the five stored articles were not re-analysed
    (after,) = store.stories()
    assert after.articles == summary.articles + 1
    page = client.get(f"/stories/{summary.id}").text
    assert "Iraq weighs expelling US troops" in page and "Tigris Wire" in page


def _wait(client: TestClient, url: str, timeout: float = 90) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        job: dict[str, Any] = client.get(url).json()
        if job["status"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.1)


def test_rashomon_serve_runs_the_app_over_a_store_on_loopback(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    db = tmp_path / "new.db"
    command = [sys.executable, "-c", "from rashomon.cli import main; main()", "serve", "--db", str(db)]
    server = subprocess.Popen([*command, "--port", str(port)], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    assert response.status == 200 and b"No stories yet" in response.read()
                    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "rashomon serve did not start"
                time.sleep(0.2)
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=15)
    assert f"serving {db} (a new, empty store" in stderr and f"http://127.0.0.1:{port}/" in stderr
    assert db.is_file()

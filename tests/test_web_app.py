"""The web app over an in-memory workspace: pages, JSON API, errors, headers and escaping (no browser)."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rashomon.web import create_app
from rashomon.web.security import CSP
from report_fixtures import HOSTILE, build_evidence, hostile_evidence
from web_workspace import MemoryWorkspace

BASE = "http://127.0.0.1"


@pytest.fixture(scope="module")
def workspace() -> MemoryWorkspace:
    workspace = MemoryWorkspace()
    workspace.put("harbour", build_evidence())
    workspace.put("hostile", hostile_evidence())
    return workspace


@pytest.fixture(scope="module")
def client(workspace: MemoryWorkspace) -> TestClient:
    with TestClient(create_app(workspace, max_upload_bytes=50_000), base_url=BASE) as client:
        yield client


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def _local_only(html: str) -> None:
    """Every src and href is on this server (or an in-page anchor); no inline script or style element."""
    for attribute, value in re.findall(r'\s(src|href|action)="([^"]*)"', html):
        assert value.startswith(("/", "#", "data:,")), (attribute, value)
    assert "<script>" not in html and "<style" not in html
    assert re.search(r"<script(?![^>]*\ssrc=)", html) is None
    assert ' style="' not in html  # every inline style became a class the CSP allows


def test_story_list(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert "Mayor blames wiring for Warehouse 9 fire" in html
    assert 'href="/stories/harbour"' in html
    assert "Civic Wire, Northgate Daily, The Harbour Courier" in _text(html)
    assert "March 2024 – 12 March 2024" in html
    assert '<span class="badge rel-dispute">3</span>' in html  # contested groups
    _local_only(html)


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in (
        "/",
        "/stories/harbour",
        "/stories/nope",
        "/api/stories",
        "/static/web.css",
        "/openapi.json",
    ):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CSP, path
        assert CSP.startswith(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "form-action 'self'; connect-src 'self'"
        )
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_story_page_is_the_report_with_web_links(client: TestClient) -> None:
    html = client.get("/stories/harbour").text
    for anchor in ("articles", "contested", "groups", "claims", "timeline", "events", "framing", "entities"):
        assert f'<section id="{anchor}">' in html, anchor
    assert 'href="/stories/harbour/articles/a2"' in html  # article rows open article pages
    assert 'href="/stories/harbour/articles/a1#span-1-1"' in html  # a claim number opens its words
    assert 'href="/stories/harbour#group-G1"' in html
    assert "2 independent origins, 1 echo" in html  # the report's own group cards
    assert re.search(r'class="(?:band|point) gl-\d+ gw-\d+"', html)  # timeline geometry as classes
    assert 'action="/stories/harbour/add"' in html and 'enctype="multipart/form-data"' in html
    _local_only(html)


def test_article_page_highlights_claims_speakers_labels_and_techniques(client: TestClient) -> None:
    html = client.get("/stories/harbour/articles/a2").text
    assert "Arson suspected in Port Aldren blaze, sources say" in html
    assert 'id="span-2-1"' in html and 'id="span-2-3"' in html  # every claim's words are an anchor
    assert 'class="claim"' in html
    assert 'class="desc-label" title="Label for Ilse Brandt"' in html
    assert "the embattled city chief" in _text(html)
    assert 'class="loaded"' in html and "Loaded_Language" in html
    assert "Claims in this article" in html and 'href="/stories/harbour/articles/a2#span-2-2"' in html
    courier = client.get("/stories/harbour/articles/a1").text
    assert "speaker of 1.1, 1.2" in courier and "ent t-person speaker" in courier
    _local_only(html)


@pytest.mark.parametrize(
    "path",
    [
        "/stories/nope",
        "/stories/harbour/articles/zzz",
        "/stories/..%2F..%2Fetc%2Fpasswd",
        "/stories/harbour/articles/..%2F..%2Fpasswd",
        "/stories/a.b",
        "/jobs/deadbeef",
        "/no/such/page",
        "/static/..%2F..%2Fpyproject.toml",
        "/static/report.py",
    ],
)
def test_unknown_things_are_a_404_page(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"] or path.startswith("/static/")
    assert "Traceback" not in response.text and 'File "' not in response.text


def test_api_errors_are_json(client: TestClient) -> None:
    missing = client.get("/api/stories/nope")
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == "no story with id 'nope'"
    bad = client.get("/api/search", params={"q": "x" * 500})
    assert bad.status_code == 400 and "q:" in bad.json()["error"]["message"]
    assert client.get("/api/search").status_code == 400
    assert client.get("/api/search", params={"q": "fire", "limit": 0}).status_code == 400


def test_search_page_links_claims_to_their_words(client: TestClient) -> None:
    html = client.get("/search", params={"q": "faulty wiring"}).text
    assert "<b>faulty</b> <b>wiring</b>" in html
    assert 'href="/stories/harbour/articles/a1#span-1-1"' in html
    assert 'value="faulty wiring"' in html  # the query stays in the box
    assert "Nothing matches" in client.get("/search", params={"q": "zebra"}).text
    too_long = client.get("/search", params={"q": "x" * 300})
    assert too_long.status_code == 400 and "at most 200 characters" in too_long.text


def test_json_api_serves_every_page(client: TestClient) -> None:
    stories = client.get("/api/stories").json()
    assert {story["id"] for story in stories} == {"harbour", "hostile"}
    evidence = client.get("/api/stories/harbour").json()
    assert evidence == build_evidence()
    article = client.get("/api/stories/harbour/articles/a2").json()
    assert article["number"] == 2
    assert article["claims"][0]["field"] == "title"  # reading order: the headline's claim first
    assert {claim["id"] for claim in article["claims"]} == {
        c["id"] for c in build_evidence()["claims"] if c["article"] == "a2"
    }
    assert all(m["article"] == "a2" for m in article["mentions"]) and article["mentions"]
    assert article["labels"] and article["framing"]["loaded"]
    hits = client.get("/api/search", params={"q": "arson"}).json()
    assert hits and {"kind", "story_id", "article_id", "snippet"} <= set(hits[0])


def test_openapi_describes_the_api_and_docs_load_nothing_remote(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    paths = document["paths"]
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/articles/{article_id}"):
        assert "get" in paths[path]
    assert "post" in paths["/api/stories/{story_id}/articles"] and "get" in paths["/api/jobs/{job_id}"]
    schemas = document["components"]["schemas"]
    assert "EvidenceMap" in schemas and "StorySummary" in schemas
    refs = set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', str(document).replace("'", '"')))
    assert refs and refs <= set(schemas)  # the embedded evidence schema's references all resolve
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/stories/{story_id}" in docs.text
    _local_only(docs.text)
    assert client.get("/redoc").status_code == 404


def test_hostile_story_is_inert_text(client: TestClient) -> None:
    for path in ("/", "/stories/hostile", "/stories/hostile/articles/a1", "/search?q=alert"):
        html = client.get(path).text
        assert "<script>alert" not in html and "<img" not in html, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path
        assert not re.search(r'(?:href|src)="\s*javascript:', html, re.IGNORECASE), path
        assert "\u202e" not in html and "\u200b" not in html and "\x00" not in html, path
        _local_only(html)
    assert "⟨U+202E⟩" in client.get("/stories/hostile").text


def test_cross_site_posts_and_foreign_hosts_are_refused(client: TestClient) -> None:
    form = {"text": "Some article text that is long enough.", "title": "t"}
    evil = client.post("/stories/harbour/add", data=form, headers={"Origin": "http://evil.example"})
    assert evil.status_code == 403
    fetched = client.post("/api/stories", data=form, headers={"Sec-Fetch-Site": "cross-site"})
    assert fetched.status_code == 403
    rebound = client.get("/", headers={"Host": "attacker.example"})
    assert rebound.status_code == 400


@pytest.mark.parametrize(
    ("files", "data", "status", "message"),
    [
        ({"file": ("notes.pdf", b"%PDF-1.4 ...", "application/pdf")}, {}, 400, "not a supported file type"),
        ({"file": ("story.txt", b"%PDF-1.4 binary", "text/plain")}, {}, 400, "looks like PDF"),
        ({"file": ("story.txt", b"   ", "text/plain")}, {}, 400, "is empty"),
        ({"file": ("big.txt", b"x" * 200_000, "text/plain")}, {}, 413, "the limit is 50,000"),
        (None, {"text": "   "}, 400, "nothing to add"),
        (None, {"text": "Some text.", "published": "last Tuesday"}, 400, "is not a date"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason(
    client: TestClient, files: Any, data: dict[str, str], status: int, message: str
) -> None:
    response = client.post("/api/stories/harbour/articles", files=files, data=data)
    assert response.status_code == status, response.text
    assert message in response.json()["error"]["message"]
    page = client.post("/stories/harbour/add", files=files, data=data)
    assert page.status_code == status and message in page.text and "text/html" in page.headers["content-type"]


def test_upload_to_unknown_story_is_404(client: TestClient) -> None:
    response = client.post("/api/stories/nope/articles", data={"text": "Enough text to be an article."})
    assert response.status_code == 404


def test_adding_pasted_text_runs_a_job_and_updates_the_story(workspace: MemoryWorkspace) -> None:
    workspace.put("empty", {"schema": "rashomon/evidence-map@1", "articles": [], "inputs": []})
    text = (
        "The harbour authority said on Monday that Warehouse 10 will reopen in May. "
        "Engineers found no structural damage, the authority said."
    )
    with TestClient(create_app(workspace), base_url=BASE) as client:
        before = client.get("/stories/empty").text
        response = client.post(
            "/stories/empty/add",
            data={
                "text": text,
                "title": "Warehouse 10 to reopen",
                "outlet": "Quay Post",
                "published": "2024-04-02",
            },
            follow_redirects=False,
        )
        assert response.status_code == 303 and response.headers["location"].startswith("/jobs/")
        job_url = response.headers["location"]
        job = _wait_for_job(client, "/api" + job_url)
        assert job["status"] == "done", job
        assert job["result"]["added"] == 1 and job["story_page"] == "/stories/empty"
        assert [stage["name"] for stage in job["stages"]][:2] == ["ingest", "clean"]
        done_page = client.get(job_url).text
        assert "Open the story" in done_page and 'http-equiv="refresh"' not in done_page
        after = client.get("/stories/empty").text
        assert "Warehouse 10 to reopen" in after and "Warehouse 10 to reopen" not in before
        assert "Quay Post" in after


def _wait_for_job(client: TestClient, url: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        page = client.get(url.removeprefix("/api")).text
        job: dict[str, Any] = client.get(url).json()
        if job["status"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        assert 'http-equiv="refresh"' in page  # still running: a page without script refreshes itself
        time.sleep(0.1)


def test_hostile_text_survives_the_round_trip_as_text() -> None:
    assert "<script>" in HOSTILE  # the fixture really is hostile: the checks above are not vacuous

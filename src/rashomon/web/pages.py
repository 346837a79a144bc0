"""HTML routes: server-rendered pages that work without script. Each is a thin call into ``views``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from rashomon.web import outlets_views, views
from rashomon.web.assets import assets
from rashomon.web.forms import read_sources
from rashomon.web.geometry import registered_css
from rashomon.web.outlets import outlets_service
from rashomon.web.reader import find_article
from rashomon.web.security import checked_id
from rashomon.web.state import Services, services

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Deps = Annotated[Services, Depends(services)]
MAX_QUERY = 200


@router.get("/")
def story_list(deps: Deps) -> HTMLResponse:
    return HTMLResponse(views.story_list_page(deps.reader.stories(), deps.max_upload_bytes))


@router.get("/stories/{story_id}")
def story_page(story_id: str, request: Request, deps: Deps) -> HTMLResponse:
    summary, story = deps.reader.story(story_id)
    outlets = outlets_service(request)
    ratings = outlets.ratings()  # importing ratings changes the coverage bar: part of the page's version
    html = deps.reader.page(
        ("story", story_id),
        f"{summary.updated} {ratings.digest}",
        lambda: outlets_views.story_page(
            summary, story, deps.max_upload_bytes, outlets.coverage(story_id, story, ratings), ratings
        ),
    )
    return HTMLResponse(html)


@router.get("/stories/{story_id}/articles/{article_id}")
def article_page(story_id: str, article_id: str, deps: Deps) -> HTMLResponse:
    summary, story = deps.reader.story(story_id)
    number, article = find_article(story, article_id)
    html = deps.reader.page(
        ("article", story_id, article_id),
        summary.updated,
        lambda: views.article_page(summary, story, number, article),
    )
    return HTMLResponse(html)


@router.get("/search")
def search(deps: Deps, q: Annotated[str, Query(max_length=MAX_QUERY)] = "") -> HTMLResponse:
    hits = deps.reader.workspace.search(q) if q.strip() else []
    anchors: dict[tuple[str, str], str] = {}
    for story_id in list(dict.fromkeys(hit.story_id for hit in hits))[:10]:
        anchors |= views.claim_anchors(story_id, deps.reader.story(story_id)[1])
    return HTMLResponse(views.search_page(q, hits, anchors))


@router.get("/add")
def add_page(deps: Deps) -> HTMLResponse:
    return HTMLResponse(views.add_page(deps.max_upload_bytes))


@router.post("/add")
async def add_to_new_story(request: Request, deps: Deps) -> RedirectResponse:
    sources = await read_sources(request, deps.max_upload_bytes)
    job = deps.jobs.submit(sources, None)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.post("/stories/{story_id}/add")
async def add_to_story(story_id: str, request: Request, deps: Deps) -> RedirectResponse:
    deps.reader.summary(story_id)  # 404 before reading an upload for a story that is not there
    sources = await read_sources(request, deps.max_upload_bytes)
    job = deps.jobs.submit(sources, story_id)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}")
def job_page(job_id: str, deps: Deps) -> HTMLResponse:
    return HTMLResponse(views.job_page(deps.jobs.get(checked_id(job_id, "job"))))


@router.get("/docs")
def api_docs(request: Request) -> HTMLResponse:
    return HTMLResponse(views.api_docs_page(request.app.openapi()))


@router.get("/static/{name}")
def static(name: str, request: Request) -> Response:
    """Packaged assets by name from a fixed table; an unknown name is a 404, never a file lookup."""
    if name == "inline.css":  # grows as pages are rendered, so it is never cached for long
        return Response(
            registered_css()[0], media_type="text/css; charset=utf-8", headers={"Cache-Control": "no-cache"}
        )
    asset = assets().get(name)
    if asset is None:
        return Response("not found", status_code=404, media_type="text/plain")
    headers = {"ETag": f'"{asset.etag}"', "Cache-Control": "public, max-age=86400"}
    if request.headers.get("if-none-match") == f'"{asset.etag}"':
        return Response(status_code=304, headers=headers)
    return Response(asset.body, media_type=asset.media_type, headers=headers)

"""The JSON API: every page's data, described in ``/openapi.json``.

The story's evidence map is returned exactly as ``evidence.json`` holds it (schema
``rashomon/evidence-map@1``, embedded in the OpenAPI document as ``EvidenceMap``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from rashomon.store.protocol import SearchHit, StorySummary
from rashomon.web.forms import read_sources
from rashomon.web.reader import find_article
from rashomon.web.security import checked_id
from rashomon.web.state import Services, services
from rashomon.web.views import article_json

router = APIRouter(prefix="/api", tags=["api"])
Deps = Annotated[Services, Depends(services)]
EVIDENCE_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The story's evidence map, as in evidence.json",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EvidenceMap"}}},
    }
}
JOB_RESPONSE: dict[int | str, dict[str, Any]] = {
    202: {"description": "The add job, queued; poll /api/jobs/{id} for its progress"}
}
UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        "text": {"type": "string", "description": "pasted article text"},
                        "title": {"type": "string"},
                        "outlet": {"type": "string"},
                        "byline": {"type": "string"},
                        "url": {"type": "string"},
                        "published": {"type": "string", "description": "YYYY[-MM[-DD]]"},
                    },
                }
            }
        },
    }
}


@router.get("/stories", summary="The story list: outlets, dates, size and contested claims per story")
def stories(deps: Deps) -> list[StorySummary]:
    return deps.reader.stories()


@router.get("/stories/{story_id}", summary="A story's evidence map", responses=EVIDENCE_RESPONSE)
def story(story_id: str, deps: Deps) -> JSONResponse:
    return JSONResponse(deps.reader.evidence(story_id)[1])


@router.get(
    "/stories/{story_id}/articles/{article_id}",
    summary="One article with its claims, entity mentions, labels and framing",
)
def article(story_id: str, article_id: str, deps: Deps) -> dict[str, Any]:
    story = deps.reader.story(story_id)[1]
    return article_json(story, find_article(story, article_id)[1])


@router.get("/search", summary="Full-text search over article and claim text")
def search(
    deps: Deps,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[SearchHit]:
    return deps.reader.workspace.search(q, limit)


@router.post(
    "/stories/{story_id}/articles",
    summary="Add uploaded files or pasted text to a story",
    status_code=202,
    responses=JOB_RESPONSE,
    openapi_extra=UPLOAD_BODY,
)
async def add_to_story(story_id: str, request: Request, deps: Deps) -> JSONResponse:
    deps.reader.summary(story_id)
    job = deps.jobs.submit(await read_sources(request, deps.max_upload_bytes), story_id)
    return JSONResponse(_job_json(job.id, deps), status_code=202)


@router.post(
    "/stories",
    summary="Add articles to the story they overlap, or to a new story",
    status_code=202,
    responses=JOB_RESPONSE,
    openapi_extra=UPLOAD_BODY,
)
async def add(request: Request, deps: Deps) -> JSONResponse:
    job = deps.jobs.submit(await read_sources(request, deps.max_upload_bytes), None)
    return JSONResponse(_job_json(job.id, deps), status_code=202)


@router.get("/jobs/{job_id}", summary="An add job's progress and outcome")
def job(job_id: str, deps: Deps) -> dict[str, Any]:
    return _job_json(checked_id(job_id, "job"), deps)


def _job_json(job_id: str, deps: Deps) -> dict[str, Any]:
    data = deps.jobs.get(job_id).as_json()
    data["page"] = f"/jobs/{job_id}"
    data["story_page"] = f"/stories/{data['story_id']}" if data["story_id"] else None
    return data

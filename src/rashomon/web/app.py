"""The web app: ``create_app(workspace)`` builds it; ``rashomon serve`` runs it with uvicorn on loopback.

A thin shell like the CLI: pages and API read the workspace through the ``Workspace`` protocol and add
articles through ``Workspace.add``, the same library call ``rashomon analyze --db`` makes. Every error is a
page or a JSON object with a message and a hint, never a traceback.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version
from importlib.resources import files
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from rashomon.config import Config
from rashomon.errors import NotFound, RashomonError
from rashomon.store.protocol import Workspace
from rashomon.web import api, outlets, pages
from rashomon.web.forms import LengthRequired, PayloadTooLarge
from rashomon.web.jobs import JobRunner
from rashomon.web.layout import error_body, page
from rashomon.web.outlets import OutletsService, RatingsSource, default_ratings
from rashomon.web.reader import Reader
from rashomon.web.security import HEADERS, SameOriginPosts, SecurityHeaders, allowed_hosts
from rashomon.web.state import Services

log = logging.getLogger("rashomon.web")

STATUS = {NotFound: 404, PayloadTooLarge: 413, LengthRequired: 411}
TITLES = {
    400: "Bad request",
    403: "Refused",
    404: "Not found",
    405: "Method not allowed",
    411: "Length required",
    413: "Upload too large",
    500: "Internal error",
}


def create_app(
    workspace: Workspace,
    *,
    max_upload_bytes: int | None = None,
    bind_host: str = "127.0.0.1",
    ratings: RatingsSource | None = None,
) -> FastAPI:
    """The ASGI app over a workspace; the caller owns the workspace and closes it after the server stops.

    ``ratings`` gives the user's outlet ratings; by default, those imported into the store.
    """
    reader = Reader(workspace)
    runner = JobRunner(workspace, on_done=lambda result: reader.forget(result.story_id))
    limit = max_upload_bytes if max_upload_bytes is not None else Config().limits.max_input_bytes

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        runner.shutdown()

    app = FastAPI(
        title="rashomon",
        version=version("rashomon"),
        summary="Evidence maps of news stories: who claims what, on whose word, from how many origins.",
        docs_url=None,  # FastAPI's Swagger UI loads from a CDN; /docs is served by this app instead
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.services = Services(reader, runner, limit)
    app.state.outlets = OutletsService(reader, ratings or default_ratings(workspace))
    app.include_router(api.router)
    app.include_router(outlets.api_router)
    app.include_router(pages.router)
    app.include_router(outlets.router)
    app.add_middleware(SameOriginPosts)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(bind_host))
    app.add_middleware(SecurityHeaders)
    _install_error_handlers(app)
    _embed_evidence_schema(app)
    return app


# --- errors --------------------------------------------------------------------------------------------


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RashomonError)
    async def rashomon_error(request: Request, error: RashomonError) -> Response:
        status = next((code for kind, code in STATUS.items() if isinstance(error, kind)), 400)
        return error_response(request, status, error.message, error.hint, error.code)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        problems = "; ".join(_problem(item) for item in error.errors())
        return error_response(request, 400, problems or "invalid request", "see /docs for the parameters")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        message = str(error.detail) if error.status_code != 404 else f"nothing at {request.url.path[:200]}"
        return error_response(request, error.status_code, message, None)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        response = error_response(
            request, 500, "something went wrong on the server", "the server log says what"
        )
        for name, value in HEADERS:  # this handler runs outside the header middleware
            response.headers.setdefault(name.decode(), value.decode())
        return response


def _problem(item: Any) -> str:
    """ "q: String should have at most 200 characters": the parameter and what is wrong with it."""
    where = [str(part) for part in item.get("loc", ()) if part not in ("query", "path", "body")]
    return f"{'.'.join(where) or 'request'}: {item.get('msg', 'invalid')}"


def error_response(request: Request, status: int, message: str, hint: str | None, code: str = "") -> Response:
    """JSON for the API and for clients that ask for it; an HTML page for a browser."""
    wants_json = request.url.path.startswith("/api/") or "application/json" in request.headers.get(
        "accept", ""
    )
    if wants_json:
        body = {"error": {"status": status, "code": code or str(status), "message": message, "hint": hint}}
        return JSONResponse(body, status_code=status)
    title = TITLES.get(status, "Error")
    return HTMLResponse(page(title, error_body(status, title, message, hint)), status_code=status)


# --- OpenAPI ---------------------------------------------------------------------------------------------


def _embed_evidence_schema(app: FastAPI) -> None:
    """Put the packaged evidence-map JSON Schema into the OpenAPI document as ``EvidenceMap``."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = build()
        document.setdefault("components", {}).setdefault("schemas", {}).update(evidence_components())
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def evidence_components() -> dict[str, Any]:
    schema = json.loads(files("rashomon.report").joinpath("schema.json").read_text(encoding="utf-8"))
    text = json.dumps(schema).replace('"#/$defs/', '"#/components/schemas/Evidence_')
    schema = json.loads(text)
    definitions = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    return {"EvidenceMap": schema} | {f"Evidence_{name}": value for name, value in definitions.items()}

"""The outlets pages (``/outlets``, ``/outlets/KEY``, ``/api/outlets``) and the profiles behind them.

Profiles are computed over every story of the workspace and kept until a story changes (the stories'
``updated`` stamps are read on every request, so another process's ``analyze --db`` shows at once).
Ratings come from a callable: over the SQLite store, the table ``rashomon outlets import-ratings`` fills.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from rashomon.errors import NotFound
from rashomon.outlets.coverage import Coverage, story_coverage
from rashomon.outlets.figures import OutletProfile
from rashomon.outlets.profile import Profiles, build_profiles
from rashomon.outlets.ratings import Ratings, load_ratings
from rashomon.outlets.serialise import profiles_json
from rashomon.report.view import Story
from rashomon.store.protocol import Workspace
from rashomon.web import outlets_views as views
from rashomon.web.reader import Reader

RatingsSource = Callable[[], Ratings]
MAX_KEY = 200

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
api_router = APIRouter(prefix="/api", tags=["api"])


class OutletsService:
    """Profiles over the workspace, recomputed only when a story changed, and the current ratings."""

    def __init__(self, reader: Reader, ratings: RatingsSource) -> None:
        self.reader = reader
        self._ratings = ratings
        self._lock = threading.Lock()
        self._cached: tuple[tuple[tuple[str, str], ...], Profiles] | None = None

    def ratings(self) -> Ratings:
        return self._ratings()

    def profiles(self) -> Profiles:
        summaries = self.reader.stories()
        version = tuple(sorted((summary.id, summary.updated) for summary in summaries))
        with self._lock:
            if self._cached is not None and self._cached[0] == version:
                return self._cached[1]
        pairs = [(summary.id, self.reader.workspace.evidence(summary.id)) for summary in summaries]
        profiles = build_profiles(pairs)
        with self._lock:
            self._cached = (version, profiles)
        return profiles

    def coverage(self, story_id: str, story: Story, ratings: Ratings) -> Coverage:
        return story_coverage(story_id, story.evidence, ratings)


def default_ratings(workspace: Workspace) -> RatingsSource:
    """The store's imported ratings; a workspace that is not a SQLite store has none."""
    from rashomon.store import Store

    if isinstance(workspace, Store):
        path = workspace.path
        return lambda: load_ratings(path)
    return Ratings


def outlets_service(request: Request) -> OutletsService:
    found: OutletsService = request.app.state.outlets
    return found


# --- routes ----------------------------------------------------------------------------------------------


@router.get("/outlets")
def outlets_page(
    request: Request,
    sort: Annotated[str, Query(max_length=40)] = "articles",
    order: Annotated[str, Query(pattern="^(asc|desc)$")] = "desc",
) -> HTMLResponse:
    service = outlets_service(request)
    profiles, ratings = service.profiles(), service.ratings()
    story_titles = {summary.id: summary.title for summary in service.reader.stories()}
    return HTMLResponse(views.outlets_page(profiles, ratings, sort, order, story_titles))


@router.get("/outlets/{key:path}")  # a key may hold "/": it is an outlet name
def outlet_page(key: str, request: Request) -> HTMLResponse:
    service = outlets_service(request)
    profile = _profile(service.profiles(), key)
    stories = {story_id: service.reader.story(story_id)[1] for story_id in _stories_of(profile)}
    return HTMLResponse(views.outlet_page(profile, service.ratings().get(profile.name), stories))


@api_router.get("/outlets", summary="Outlet profiles from the stored evidence, with each figure's evidence")
def outlets_api(request: Request) -> JSONResponse:
    service = outlets_service(request)
    profiles = service.profiles()
    return JSONResponse(profiles_json(profiles, profiles.outlets, service.ratings()))


def _profile(profiles: Profiles, key: str) -> OutletProfile:
    found = profiles.get(key) if len(key) <= MAX_KEY else None
    if found is None:
        raise NotFound(
            f"no outlet {key[:80]!r} in the workspace", hint="the outlets page at /outlets lists them"
        )
    return found


def _stories_of(profile: OutletProfile) -> list[str]:
    refs = [*profile.articles, *profile.delay.evidence, *profile.exclusive, *profile.undetermined]
    refs += [ref for figure in profile.figures for ref in figure.evidence]
    return list(dict.fromkeys(ref.story for ref in refs))

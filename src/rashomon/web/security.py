"""What every response carries and what every request must satisfy before a route sees it.

The app serves hostile text (article bodies) to a journalist's browser on loopback, so the page itself must
be inert: a strict Content-Security-Policy forbids inline script and every remote fetch, ids from the URL are
checked against a strict pattern before any lookup, and a POST from another site's page is refused (a page
on the web could otherwise make the browser submit a form to the local server).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from starlette.datastructures import Headers
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rashomon.errors import NotFound

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"
)

HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)

# Story, article, claim and job ids are content hashes or tokens: letters, digits, '_' and '-'. Anything
# else (dots, slashes, percent-escapes) is refused before it reaches the workspace.
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}")


def checked_id(value: str, what: str) -> str:
    """The id itself when it has the shape of one; otherwise the thing is simply not there (404)."""
    if ID_PATTERN.fullmatch(value) is None:
        raise NotFound(f"no {what} with id {value[:80]!r}", hint="ids hold only letters, digits, '_' and '-'")
    return value


class SecurityHeaders:
    """Pure ASGI middleware: adds the headers to every response, including errors and static files."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in HEADERS if name not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class SameOriginPosts:
    """Refuses state-changing requests sent by another site's page (cross-site request forgery).

    Current browsers label every request with ``Sec-Fetch-Site``, which a page cannot forge; older ones
    send ``Origin`` on POST (``null`` under this app's no-referrer policy, so it is only a fallback).
    Command-line clients send neither and are let through, since they act for the user directly.
    """

    SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
    MESSAGE = "cross-site request refused: add articles from this app's own pages"

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in self.SAFE or _same_origin(Headers(scope=scope)):
            await self.app(scope, receive, send)
            return
        response: Response
        if scope["path"].startswith("/api/"):
            error = {"status": 403, "code": "cross-site", "message": self.MESSAGE, "hint": None}
            response = JSONResponse({"error": error}, 403)
        else:
            response = PlainTextResponse(self.MESSAGE, 403)
        await response(scope, receive, send)


def _same_origin(headers: Headers) -> bool:
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = headers.get("origin")
    if origin is None:
        return True
    host = headers.get("host", "")
    return origin in (f"http://{host}", f"https://{host}")


def allowed_hosts(bind_host: str) -> list[str]:
    """Host names the server answers to: loopback names, plus the bound address when it is another.

    Checking the Host header defeats DNS rebinding, where a web page makes its own domain resolve to
    127.0.0.1 and then reads the local server as if it were same-origin.
    """
    names: Iterable[str] = ("127.0.0.1", "localhost", "::1", "[::1]", bind_host)
    return sorted({name for name in names if name and name not in ("0.0.0.0", "::")} | _wildcard(bind_host))


def _wildcard(bind_host: str) -> set[str]:
    # Bound to every interface on purpose: the user chose to serve the network; the Host check cannot know
    # which names reach this machine, so it lets every name through.
    return {"*"} if bind_host in ("0.0.0.0", "::") else set()

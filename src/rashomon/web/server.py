"""Running the app with uvicorn: in the foreground for ``rashomon serve``, in a thread for tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

# Connections beyond this get 503 at once instead of queueing without bound behind a slow page.
LIMIT_CONCURRENCY = 256


def _config(app: FastAPI, host: str, port: int, log_level: str) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        server_header=False,
        access_log=False,  # a line per request would cost more than serving a cached page
        proxy_headers=False,  # loopback service: no proxy in front whose headers could be trusted
        limit_concurrency=LIMIT_CONCURRENCY,
        timeout_graceful_shutdown=5,
    )


def serve(app: FastAPI, host: str, port: int) -> None:
    """Serve until interrupted."""
    uvicorn.Server(_config(app, host, port, "info")).run()


@contextmanager
def background(app: FastAPI, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve on a free port in a daemon thread; yields the base URL and stops the server on exit."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(_config(app, host, port, "warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()

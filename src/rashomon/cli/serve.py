"""``rashomon serve``: the web app over a store, on loopback unless told otherwise."""

from __future__ import annotations

from pathlib import Path

import click

from rashomon.config import Config


def run_serve(db: Path, host: str, port: int, config: Config) -> None:
    from rashomon.store import Store
    from rashomon.web import create_app
    from rashomon.web.server import serve

    existed = db.is_file()
    with Store(db, config) as store:
        state = "" if existed else " (a new, empty store: add articles from the page)"
        click.echo(f"rashomon: serving {db}{state} at http://{_url_host(host)}:{port}/", err=True)
        if host not in ("127.0.0.1", "localhost", "::1"):
            click.echo(f"rashomon: warning: listening on {host}, not only this machine", err=True)
        serve(create_app(store, max_upload_bytes=config.limits.max_input_bytes, bind_host=host), host, port)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host

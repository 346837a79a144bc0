"""What the browser tests share: where Chromium is, how it is launched, the hostile story, watched pages."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rashomon.model import Source
from web_workspace import MemoryWorkspace

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "soleimani-2020"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
LAUNCH_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SKIP_REASON = (
    "browser tests need Chromium: apt-get install chromium (or set RASHOMON_CHROMIUM=/path/to/chromium)"
)


def chromium_path() -> str | None:
    found = (
        os.environ.get("RASHOMON_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    return found if found and Path(found).exists() else None


# Attack strings in every field an article controls: title, byline, outlet, address and body.
HOSTILE_TITLE = '<script>alert("title")</script><img src=x onerror="window.__pwned=1"> \u202eevil\u202c'
HOSTILE_BODY = "\n\n".join(
    [
        "<script>window.__pwned = 1; alert('body')</script> Mayor Dana Holt said the port is safe.",
        '"><svg onload=alert(1)> The harbour master said <a href="javascript:alert(1)">the report</a> lied.',
        "Officials said this word never ends: " + "w" * 1_000,
        " ".join(f"Sentence {n} of one very long line, the clerk said." for n in range(120)),
        "\u202eThe council said the vote failed\u202c, according to a statement. قال المتحدث إن الميناء آمن",
        "Zero\u200bwidth\u2060joiners\ufeff hide words, the union said.",
        "Template text {{constructor.constructor('alert(1)')()}} and ${alert(1)} stays text, the mayor said.",
    ]
)
HOSTILE_HTML = (
    "<html><head><title>Dock strike <script>alert(2)</script></title><script>window.__pwned=2</script>"
    '<link rel="stylesheet" href="http://evil.example/x.css"></head><body><article>'
    '<h1>Dock strike "ends" <img src=http://evil.example/pixel.png onerror=alert(3)></h1>'
    '<p onclick="alert(4)">The union said the strike would end on Friday, after talks with the port.</p>'
    '<p><a href="javascript:alert(5)">Read more</a> <iframe src="http://evil.example/"></iframe></p>'
    "<p>The port authority said it welcomed the deal and that ships would sail on Saturday.</p>"
    "</article></body></html>"
)


def hostile_sources() -> list[Source]:
    record = {
        "title": HOSTILE_TITLE,
        "byline": '"><img src=x onerror=alert(1)>',
        "outlet": "javascript:alert(1)",
        "url": "javascript:alert(document.domain)",
        "published": "2024-05-01",
        "text": HOSTILE_BODY,
    }
    return [
        Source("hostile.json", data=json.dumps(record).encode()),
        Source("dock-strike.html", data=HOSTILE_HTML.encode()),
    ]


@dataclass
class Stories:
    url: str
    example: str
    hostile: str
    workspace: MemoryWorkspace


@dataclass
class Watched:
    """A page with everything suspicious it did recorded: dialogs, console errors, off-site requests."""

    page: Any
    base: str
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.dialogs == [], self.dialogs
        assert self.console_errors == [], self.console_errors
        assert self.foreign_requests == [], self.foreign_requests
        assert self.page_errors == [], self.page_errors

    def shoot(self, name: str, full_page: bool = False) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


def watch_page(context: Any, base: str) -> Watched:
    page = context.new_page()
    watched = Watched(page, base)

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_request(request: Any) -> None:
        if not request.url.startswith((base + "/", "data:")):
            watched.foreign_requests.append(request.url)

    page.on("dialog", on_dialog)
    page.on("request", on_request)
    page.on("pageerror", lambda error: watched.page_errors.append(str(error)))
    page.on("console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None)
    return watched

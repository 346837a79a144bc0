"""Browser tests: headless Chromium (Debian's ``chromium``) drives the web app on a loopback port.

Playwright drives the system browser through ``executable_path``; ``playwright install`` is never needed.
Without Chromium the folder is skipped with one line saying how to enable it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/: the shared fixtures

from browser_support import (
    EXAMPLE,
    LAUNCH_ARGS,
    SKIP_REASON,
    Stories,
    Watched,
    chromium_path,
    hostile_sources,
    watch_page,
)

from rashomon.ingest import sources_from_args
from rashomon.web import create_app
from rashomon.web.server import background
from report_fixtures import build_evidence
from web_workspace import MemoryWorkspace

# Without Chromium the folder is not collected at all, and the run says so in one line at its end.
collect_ignore_glob = ["test_*.py"] if chromium_path() is None else []


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if chromium_path() is None:
        terminalreporter.write_line(f"SKIPPED tests/browser: {SKIP_REASON}", yellow=True)


@pytest.fixture(scope="session")
def stories() -> Iterator[Stories]:
    if chromium_path() is None:
        pytest.skip(SKIP_REASON)
    workspace = MemoryWorkspace()
    example_sources, _ = sources_from_args([str(EXAMPLE)], None)
    example = workspace.add(example_sources).story_id
    hostile = workspace.add(hostile_sources()).story_id
    workspace.put("harbour", build_evidence())
    with background(create_app(workspace)) as url:
        yield Stories(url, example, hostile, workspace)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def watched(browser: Any, stories: Stories) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    yield watch_page(context, stories.url)
    context.close()


@pytest.fixture
def watched_without_script(browser: Any, stories: Stories) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, java_script_enabled=False)
    yield watch_page(context, stories.url)
    context.close()

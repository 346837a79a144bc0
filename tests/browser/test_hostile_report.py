"""Every HTML report built from the hostile corpus (tests/hostile.py), opened from disk in headless
Chromium: no injected script runs, no dialog opens, no request leaves the page, and the page's
Content-Security-Policy never has to block anything (it would, only if article markup got through).

Skipped with one line when Playwright or Chromium is missing (the Chromium check is the folder's
conftest; Playwright's is here).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="browser tests need Playwright: pip install playwright==1.65.2"
)

import rashomon
from hostile import IMG, MARK, SCRIPT, write_corpus
from rashomon.report.html import render_html
from rashomon.testing import fake_pipeline
from report_fixtures import hostile_evidence


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The hostile corpus's reports (the fake NLP stands in for spaCy: the report's fields are the same),
    plus the hand-made hostile evidence map of the report tests."""
    corpus = tmp_path_factory.mktemp("hostile-corpus")
    write_corpus(corpus)
    out = tmp_path_factory.mktemp("hostile-out")
    analysis = rashomon.analyze([str(corpus)], pipeline=fake_pipeline())
    written = rashomon.write_reports(analysis, out, ["html", "json"])
    handmade = out / "handmade.html"
    handmade.write_text(render_html(hostile_evidence()), encoding="utf-8")
    pages = sorted({*[path for path in written if path.suffix == ".html"], *out.rglob("*.html"), handmade})
    assert len(pages) >= 2
    return pages


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, dict[str, list[str]]]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    seen: dict[str, list[str]] = {"requests": [], "dialogs": [], "csp": [], "errors": []}

    def on_request(request: Any) -> None:
        if not request.url.startswith(("file://", "data:", "about:")):
            seen["requests"].append(request.url)

    def on_dialog(dialog: Any) -> None:
        seen["dialogs"].append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            seen["csp"].append(message.text)

    tab.on("request", on_request)
    tab.on("dialog", on_dialog)
    tab.on("console", on_console)
    tab.on("pageerror", lambda error: seen["errors"].append(str(error)))
    yield tab, seen
    context.close()


def _visit(tab: Any, report: Path) -> str:
    """Open a report and use it a little, so that handlers injected as attributes would fire; the text."""
    tab.goto(report.as_uri(), wait_until="load")
    tab.mouse.move(200, 200)
    tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    for link in tab.locator("a[href^='#']").all()[:10]:
        link.click(timeout=2000, no_wait_after=True)
    tab.wait_for_timeout(300)
    return str(tab.inner_text("body"))


def test_no_script_runs_and_no_request_leaves_the_page(
    reports: list[Path], page: tuple[Any, dict[str, list[str]]]
) -> None:
    tab, seen = page
    for report in reports:
        shown = _visit(tab, report)
        assert tab.evaluate(f"typeof window.{MARK}") == "undefined", report.name
        assert tab.title() == "rashomon evidence map", report.name
        assert tab.locator(".controls").is_visible(), report.name  # the report's own script ran (CSP hash)
        assert MARK in shown or "alert(1)" in shown, report.name  # the attacks are shown, as text
        injected = tab.evaluate(
            "Array.from(document.querySelectorAll('img,iframe,object,embed,base,link,form,frame')).length"
        )
        assert injected == 0, report.name
    assert seen == {"requests": [], "dialogs": [], "csp": [], "errors": []}


def test_the_check_sees_an_unsafe_page(tmp_path: Path, page: tuple[Any, dict[str, list[str]]]) -> None:
    """The harness itself can fail: a page that lets the same attacks through is caught on every count."""
    tab, seen = page
    unsafe = tmp_path / "unsafe.html"
    unsafe.write_text(
        f"<html><head><title>x</title></head><body><p>{SCRIPT}{IMG}</p>"
        "<script>alert('dialog')</script></body></html>",
        encoding="utf-8",
    )
    _visit(tab, unsafe)
    assert tab.evaluate(f"typeof window.{MARK}") != "undefined"
    assert seen["requests"] and seen["dialogs"]

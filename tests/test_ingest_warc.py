"""WARC input: every successful HTML response is a page; damaged archives keep what was read."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rashomon.config import Limits
from rashomon.ingest import read_sources
from rashomon.model import InputOutcome, InputStatus, RawDocument, Source

PAGE_A = b"<html><body><p>The harbour wall was repaired in March.</p></body></html>"
PAGE_B = "<html><body><p>Caf\u00e9 owners welcomed the \u201cquiet\u201d season.</p></body></html>".encode(
    "cp1252"
)
RESPONSES = [
    ("https://example.org/a", "200 OK", "text/html; charset=utf-8", PAGE_A),
    ("https://example.org/b", "200 OK", "text/html; charset=windows-1252", PAGE_B),
    ("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
]


def build_warc(responses: list[tuple[str, str, str, bytes]], *, gz: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for uri, status, content_type, body in responses:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
        writer.write_record(record)
    return out.getvalue()


def read_warc_file(
    path: Path, data: bytes, limits: Limits | None = None
) -> tuple[list[RawDocument], list[InputOutcome]]:
    path.write_bytes(data)
    return read_sources([Source(name=str(path), path=path)], limits or Limits())


@pytest.mark.parametrize(("name", "gz"), [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_html_responses_become_pages(tmp_path: Path, name: str, gz: bool) -> None:
    docs, outcomes = read_warc_file(tmp_path / name, build_warc(RESPONSES, gz=gz))
    assert outcomes == []
    assert [(doc.source, doc.url, doc.kind) for doc in docs] == [
        ("https://example.org/a", "https://example.org/a", "html"),
        ("https://example.org/b", "https://example.org/b", "html"),
    ]
    assert docs[0].content == PAGE_A.decode()
    assert "Café owners welcomed the “quiet” season." in docs[1].content
    assert docs[1].warnings == ("decoded as windows-1252 (the HTTP header declares windows-1252)",)


def test_warc_without_a_suffix_is_sniffed(tmp_path: Path) -> None:
    docs, outcomes = read_warc_file(tmp_path / "capture", build_warc(RESPONSES, gz=False))
    assert len(docs) == 2 and outcomes == []


def test_redirects_and_errors_are_not_pages(tmp_path: Path) -> None:
    responses = [
        ("https://example.org/old", "301 Moved Permanently", "text/html", b"<p>Moved</p>"),
        ("https://example.org/gone", "404 Not Found", "text/html", b"<p>Not found</p>"),
        *RESPONSES[:1],
    ]
    docs, _ = read_warc_file(tmp_path / "c.warc", build_warc(responses, gz=False))
    assert [doc.source for doc in docs] == ["https://example.org/a"]


def test_archive_without_html_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "images.warc.gz"
    docs, outcomes = read_warc_file(path, build_warc(RESPONSES[2:], gz=True))
    assert docs == []
    assert [(o.source, o.status) for o in outcomes] == [(str(path), InputStatus.SKIPPED)]
    assert outcomes[0].reason is not None and outcomes[0].reason.startswith(
        "no HTML pages among its 1 records"
    )


def test_damaged_archive_keeps_pages_before_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "damaged.warc"
    docs, outcomes = read_warc_file(path, build_warc(RESPONSES, gz=False) + b"garbage, not a record\r\n\r\n")
    assert len(docs) == 2
    assert [(o.source, o.status) for o in outcomes] == [(str(path), InputStatus.FAILED)]
    reason = outcomes[0].reason
    assert reason is not None and "\n" not in reason
    assert reason.startswith("damaged archive: reading stopped after 3 records")
    assert "the 2 pages before it were read" in reason


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_archive_is_reported(tmp_path: Path, gz: bool) -> None:
    data = build_warc(RESPONSES, gz=gz)
    for cut in (len(data) - 30, len(data) * 3 // 4):
        docs, outcomes = read_warc_file(tmp_path / f"cut{cut}.warc", data[:cut])
        assert len(docs) == 2, cut
        assert [o.status for o in outcomes] == [InputStatus.FAILED], cut
        assert outcomes[0].reason is not None and outcomes[0].reason.startswith("damaged archive")


def test_not_a_warc_at_all(tmp_path: Path) -> None:
    docs, outcomes = read_warc_file(tmp_path / "fake.warc", b"This is a text file named like an archive.\n")
    assert docs == []
    assert outcomes[0].status is InputStatus.FAILED
    assert outcomes[0].reason is not None and outcomes[0].reason.startswith("not a readable WARC archive")


def test_page_limit_per_archive(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    docs, outcomes = read_warc_file(path, build_warc(RESPONSES, gz=True), Limits(max_warc_records=1))
    assert [doc.source for doc in docs] == ["https://example.org/a"]
    assert [(o.source, o.status) for o in outcomes] == [(str(path), InputStatus.SKIPPED)]
    assert outcomes[0].reason is not None and "max_warc_records" in outcomes[0].reason


def test_same_page_twice_in_an_archive_is_a_duplicate(tmp_path: Path) -> None:
    responses = [RESPONSES[0], ("https://example.org/a?utm=1", "200 OK", "text/html", PAGE_A)]
    docs, outcomes = read_warc_file(tmp_path / "twice.warc", build_warc(responses, gz=False))
    assert [doc.source for doc in docs] == ["https://example.org/a"]
    assert [(o.source, o.status) for o in outcomes] == [
        ("https://example.org/a?utm=1", InputStatus.DUPLICATE)
    ]


def test_same_archive_twice_is_a_duplicate(tmp_path: Path) -> None:
    path = tmp_path / "once.warc.gz"
    path.write_bytes(build_warc(RESPONSES, gz=True))
    source = Source(name=str(path), path=path)
    docs, outcomes = read_sources([source, source], Limits())
    assert len(docs) == 2
    assert [o.status for o in outcomes] == [InputStatus.DUPLICATE]


def test_warc_warnings_do_not_reach_stderr(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    data = build_warc(RESPONSES, gz=False).replace(b"Content-Length: ", b"Content-Length: 1", 1)
    read_warc_file(tmp_path / "bad_length.warc", data)
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("gz", [True, False])
def test_no_cut_point_yields_a_silently_cut_page(gz: bool) -> None:
    data = build_warc(RESPONSES, gz=gz)
    originals = {PAGE_A.decode(), PAGE_B.decode("cp1252")}
    for cut in range(1, len(data)):
        docs, outcomes = read_sources([Source(name="cut.warc", data=data[:cut])], Limits())
        if not any(outcome.status is InputStatus.FAILED for outcome in outcomes):
            assert {doc.content for doc in docs} <= originals, cut

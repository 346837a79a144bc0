"""Ingest: formats, decoding, refusals and duplicates (read_sources and the stage)."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from rashomon.config import Config, Limits
from rashomon.ingest import IngestStage, read_sources
from rashomon.model import InputOutcome, InputStatus, RawDocument, Source
from rashomon.pipeline import Batch, check_chain

DATA = Path(__file__).parent / "data" / "ingest"


def read(*paths: Path, limits: Limits | None = None) -> tuple[list[RawDocument], list[InputOutcome]]:
    return read_sources([Source(name=str(path), path=path) for path in paths], limits or Limits())


def read_one(path: Path) -> RawDocument:
    docs, outcomes = read(path)
    assert outcomes == []
    assert len(docs) == 1
    return docs[0]


def only_outcome(path: Path, limits: Limits | None = None) -> InputOutcome:
    docs, outcomes = read(path, limits=limits)
    assert docs == []
    assert len(outcomes) == 1
    assert outcomes[0].source == str(path)
    assert outcomes[0].reason is not None and "\n" not in outcomes[0].reason
    return outcomes[0]


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- decoding ---------------------------------------------------------------------------------


def test_utf8_text_reads_without_warnings() -> None:
    doc = read_one(DATA / "utf8.txt")
    assert doc.kind == "text"
    assert doc.content.startswith("Harbour town votes")
    assert "“long overdue”" in doc.content and "café" in doc.content
    assert doc.warnings == ()
    assert doc.source == str(DATA / "utf8.txt")


def test_utf8_with_bom_loses_the_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + "Caf\u00e9 story".encode())
    doc = read_one(path)
    assert doc.content == "Caf\u00e9 story"
    assert doc.warnings == ()


def test_windows_1252_text_is_detected_and_warned() -> None:
    doc = read_one(DATA / "cp1252.txt")
    assert "bakery’s “crème brûlée”" in doc.content
    assert "Zoë Marchand" in doc.content and "€500" in doc.content
    assert doc.warnings == ("decoded as windows-1252 (detected)",)


def test_utf16_with_bom() -> None:
    doc = read_one(DATA / "utf16.txt")
    assert doc.content.startswith("Ferry timetable changes")
    assert "Ísland Beag" in doc.content
    assert any("utf-16" in warning for warning in doc.warnings)


def test_utf16_without_bom_is_text_not_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "le.txt", "The harbour opens at dawn.".encode("utf-16-le"))
    doc = read_one(path)
    assert doc.content == "The harbour opens at dawn."
    assert doc.warnings == ("decoded as utf-16-le (no byte-order mark)",)


@pytest.mark.parametrize(
    ("text", "codec", "name"),
    [
        (
            "Burmistrz powiedział, że most zostanie otwarty wiosną; mieszkańcy są zadowoleni.",
            "cp1250",
            "1250",
        ),
        (
            "Мэр заявил во вторник, что мост откроют весной. Жители довольны решением совета.",
            "cp1251",
            "1251",
        ),
        ("¿Qué pasó? ¡Nada!, dijo el alcalde de Málaga sobre el puente.", "cp1252", "1252"),
        ("Müller sagte, die Brücke über die Straße öffne im Frühjahr.", "cp1252", "1252"),
    ],
)
def test_legacy_encodings_are_detected(tmp_path: Path, text: str, codec: str, name: str) -> None:
    doc = read_one(write(tmp_path / "legacy.txt", text.encode(codec)))
    assert doc.content == text
    assert doc.warnings == (f"decoded as windows-{name} (detected)",)


def test_one_accent_in_english_is_windows_1252(tmp_path: Path) -> None:
    """charset-normalizer alone guesses wildly (johab, utf-16-be) from a single non-ASCII byte."""
    page = b"<html><head><meta charset=bogus></head><body><p>The caf\xe9 reopened.</p></body></html>"
    doc = read_one(write(tmp_path / "one.html", page))
    assert "The café reopened." in doc.content
    assert doc.warnings == (
        "the page declares the unknown charset 'bogus'",
        "decoded as windows-1252 (detected)",
    )


def test_html_meta_charset_is_honoured() -> None:
    doc = read_one(DATA / "latin1_meta.html")
    assert doc.kind == "html"
    assert "<title>Café reopens</title>" in doc.content
    assert "£2,000" in doc.content and "«finally»" in doc.content
    assert doc.warnings == ("decoded as windows-1252 (the page declares iso-8859-1)",)


def test_valid_utf8_wins_over_a_wrong_meta_charset(tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Renée’s café</p></body></html>'
    doc = read_one(write(tmp_path / "page.htm", page.encode()))
    assert "Renée’s café" in doc.content
    assert doc.warnings == ()


def test_stray_invalid_byte_in_utf8_is_replaced_with_warning(tmp_path: Path) -> None:
    text = "Ren\u00e9e said the caf\u00e9 \u201cwill reopen\u201d soon. " * 5
    path = write(tmp_path / "stray.txt", text.encode() + b"\xff and more.")
    doc = read_one(path)
    assert "Renée" in doc.content and "\ufffd" in doc.content
    assert doc.warnings == ("decoded as utf-8 with 1 invalid byte sequences replaced by �",)


def test_stray_nul_characters_are_removed_with_warning(tmp_path: Path) -> None:
    text = b"The council met on Monday. " * 20 + b"\x00" + b"It voted to repave the square."
    doc = read_one(write(tmp_path / "nul.txt", text))
    assert "\x00" not in doc.content
    assert doc.warnings == ("removed 1 NUL characters",)


# --- formats ----------------------------------------------------------------------------------


def test_json_array_with_one_bad_record() -> None:
    path = DATA / "articles.json"
    docs, outcomes = read(path)
    assert [doc.source for doc in docs] == [f"{path}[0]", f"{path}[2]"]
    first, second = docs
    assert (first.kind, first.title, first.url, first.outlet) == (
        "text",
        "Library extends its hours",
        "https://example.org/library",
        "Example Gazette",
    )
    assert first.byline == "A. Writer, B. Editor"
    assert first.published == "2021-03-04"
    assert (second.kind, second.byline, second.published) == ("html", "C. Reporter", "2021-03-05")
    assert outcomes == [
        InputOutcome(
            f"{path}[1]",
            InputStatus.FAILED,
            "has neither 'text' nor 'html'; give the article body in one of them",
        )
    ]


def test_jsonl_with_a_malformed_line_keeps_the_others() -> None:
    path = DATA / "articles.jsonl"
    docs, outcomes = read(path)
    assert [doc.source for doc in docs] == [f"{path}:line 1", f"{path}:line 2", f"{path}:line 5"]
    assert docs[0].title == "Choir wins" and docs[0].outlet == "Example Times"
    assert docs[2].kind == "html" and docs[2].url == "https://example.org/market"
    assert len(outcomes) == 1
    assert outcomes[0].source == f"{path}:line 4"
    assert outcomes[0].status is InputStatus.FAILED
    assert outcomes[0].reason is not None and outcomes[0].reason.startswith("not valid JSON")


def test_single_json_object(tmp_path: Path) -> None:
    path = write(tmp_path / "one.json", b'{"text": "The pier reopened.", "title": "Pier", "published": 2020}')
    doc = read_one(path)
    assert (doc.source, doc.title, doc.content, doc.published) == (
        str(path),
        "Pier",
        "The pier reopened.",
        None,
    )
    assert doc.warnings == ("ignored 'published': a JSON number, not a string",)


def test_a_records_date_headline_and_link_under_their_common_names(tmp_path: Path) -> None:
    """A crawl's "date" is not silently dropped: common export names stand in for the contract's own."""
    record = (
        b'{"text": "The pier reopened.", "headline": "Pier", "date": "2014-06-10", "link": "https://x.org/a"}'
    )
    doc = read_one(write(tmp_path / "one.json", record))
    assert (doc.title, doc.published, doc.url) == ("Pier", "2014-06-10", "https://x.org/a")
    both = b'{"text": "The pier reopened.", "published": "2014-06-11", "date": "2014-06-10"}'
    assert read_one(write(tmp_path / "two.json", both)).published == "2014-06-11"  # the contract's name wins


def test_json_that_is_not_json_fails_with_position(tmp_path: Path) -> None:
    outcome = only_outcome(write(tmp_path / "bad.json", b'{"text": "unfinished'))
    assert outcome.status is InputStatus.FAILED
    assert outcome.reason is not None and outcome.reason.startswith("not valid JSON (")
    assert "line 1, column" in outcome.reason


def test_json_lines_saved_as_json_are_read_per_line(tmp_path: Path) -> None:
    path = write(tmp_path / "lines.json", b'{"text": "First story."}\n{"text": "Second story."}\n')
    docs, outcomes = read(path)
    assert [doc.content for doc in docs] == ["First story.", "Second story."]
    assert outcomes == []
    assert "read as JSON Lines" in docs[0].warnings[-1]


def test_json_record_that_is_not_an_object(tmp_path: Path) -> None:
    path = write(tmp_path / "mixed.json", b'[{"text": "A story."}, "just a string", {"text": "  "}]')
    docs, outcomes = read(path)
    assert len(docs) == 1
    assert [(o.source, o.status) for o in outcomes] == [
        (f"{path}[1]", InputStatus.FAILED),
        (f"{path}[2]", InputStatus.SKIPPED),
    ]
    assert outcomes[0].reason is not None and "JSON string, not an article object" in outcomes[0].reason


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"<!DOCTYPE html><html><body><p>Story</p></body></html>", "html"),
        (b"  <p>Just a paragraph of a story.</p>", "html"),
        (b"[Updated] The mayor resigned on Friday.", "text"),
        (b"The mayor resigned on Friday.\nMore later.", "text"),
    ],
)
def test_files_without_suffix_are_sniffed(tmp_path: Path, content: bytes, kind: str) -> None:
    for name in ("article", "article.dat"):
        assert read_one(write(tmp_path / name, content)).kind == kind


def test_sniffed_json_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.dat", b'{"text": "One."}\n{"text": "Two."}\n')
    docs, outcomes = read(path)
    assert [doc.content for doc in docs] == ["One.", "Two."]
    assert outcomes == []


def test_markdown_is_text_and_html_named_txt_is_html(tmp_path: Path) -> None:
    assert read_one(write(tmp_path / "a.md", b"# Heading\n\nBody text.")).kind == "text"
    doc = read_one(write(tmp_path / "saved.txt", b"<!doctype html><html><body><p>Hi</p></body></html>"))
    assert doc.kind == "html"
    assert "read as HTML" in doc.warnings[0]


def test_gzipped_html_is_inflated(tmp_path: Path) -> None:
    page = "<html><body><p>Café news</p></body></html>".encode()
    doc = read_one(write(tmp_path / "page.html.gz", gzip.compress(page)))
    assert doc.kind == "html" and "Café news" in doc.content


def test_source_with_data_uses_its_name_for_the_format() -> None:
    docs, outcomes = read_sources([Source(name="upload.html", data=b"<p>Hello</p>")], Limits())
    assert [(doc.kind, doc.source) for doc in docs] == [("html", "upload.html")]
    assert outcomes == []


# --- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "looks_like"),
    [
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32), "PNG"),
        ("pic.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(20), "JPEG"),
        ("anim.json", b"GIF89a" + bytes(20), "GIF"),
        ("doc.txt", b"PK\x03\x04" + bytes(30), "ZIP"),
        ("tool", b"\x7fELF\x02\x01\x01" + bytes(40), "ELF"),
        ("packed.txt", gzip.compress(b"hello world"), "gzip"),
        ("blob.txt", bytes(range(1, 9)) * 50 + b"some text", "control characters"),
        ("nuls.txt", b"abc\x00" * 100, "NUL bytes"),
    ],
)
def test_binaries_are_skipped_with_a_reason(tmp_path: Path, name: str, data: bytes, looks_like: str) -> None:
    outcome = only_outcome(write(tmp_path / name, data))
    assert outcome.status is InputStatus.SKIPPED
    assert outcome.reason is not None
    assert outcome.reason.startswith("binary file (looks like")
    assert looks_like in outcome.reason


def test_pdf_reason_says_to_convert(tmp_path: Path) -> None:
    outcome = only_outcome(write(tmp_path / "paper.txt", b"%PDF-1.4\n" + bytes(100)))
    assert outcome.reason == "binary file (looks like PDF); convert it to text or HTML first"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\ufeff  \n".encode()])
@pytest.mark.parametrize("suffix", [".txt", ".html", ".json", ".jsonl", ".warc", ""])
def test_empty_and_whitespace_files_are_skipped(tmp_path: Path, data: bytes, suffix: str) -> None:
    outcome = only_outcome(write(tmp_path / f"empty{suffix}", data))
    assert outcome.status is InputStatus.SKIPPED
    assert outcome.reason is not None and outcome.reason.startswith("empty file")


def test_whitespace_only_utf16_is_empty(tmp_path: Path) -> None:
    outcome = only_outcome(write(tmp_path / "blank.txt", "   \n  ".encode("utf-16")))
    assert outcome.reason is not None and outcome.reason.startswith("empty file")


def test_oversized_file_is_skipped_from_its_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "big.txt", b"x" * 2_500_000)

    def no_reading(*_: object, **__: object) -> None:
        raise AssertionError("an oversized file must not be opened")

    monkeypatch.setattr(Path, "open", no_reading)
    outcome = only_outcome(path, limits=Limits(max_input_bytes=2_000_000))
    assert outcome.status is InputStatus.SKIPPED
    assert outcome.reason == "2.5 MB is over the 2 MB limit; split it or raise --max-input-bytes"


def test_default_limit_message() -> None:
    docs, outcomes = read_sources([Source(name="huge.txt", data=b"a" * 20_000_001)], Limits())
    assert docs == []
    assert outcomes[0].reason == "20 MB is over the 20 MB limit; split it or raise --max-input-bytes"


def test_gzip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    with gzip.open(path, "wb", compresslevel=9) as out:
        chunk = bytes(1_000_000)
        for _ in range(50):  # 50 MB of zeros, about 50 kB on disk
            out.write(chunk)
    assert path.stat().st_size < 200_000
    outcome = only_outcome(path, limits=Limits(max_input_bytes=1_000_000))
    assert outcome.status is InputStatus.SKIPPED
    assert outcome.reason is not None and outcome.reason.startswith("decompresses to more than 1 MB")


def test_broken_gzip_fails(tmp_path: Path) -> None:
    outcome = only_outcome(write(tmp_path / "page.html.gz", gzip.compress(b"<p>story</p>" * 100)[:40]))
    assert outcome.status is InputStatus.FAILED
    assert outcome.reason is not None and outcome.reason.startswith("not a valid gzip file")


def test_text_that_decodes_in_nothing_is_not_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import rashomon.ingest.decode as decode

    monkeypatch.setattr(decode, "from_bytes", lambda _: [])  # charset-normalizer finds no encoding
    outcome = only_outcome(write(tmp_path / "noise.txt", bytes(range(0x80, 0x100)) * 4))
    assert outcome.status is InputStatus.FAILED
    assert (
        outcome.reason == "not text: most of it decodes in no known encoding; save it as UTF-8 text or HTML"
    )


def test_missing_path_and_folder_fail_with_a_fix(tmp_path: Path) -> None:
    missing = only_outcome(tmp_path / "gone.txt")
    assert (missing.status, missing.reason) == (
        InputStatus.FAILED,
        "no such file; check the path and the folder you run from",
    )
    folder = only_outcome(tmp_path)
    assert folder.reason is not None and folder.reason.startswith("is a folder, not a file")


@pytest.mark.skipif(
    not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() == 0, reason="root reads all"
)
def test_unreadable_file_fails(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", b"A story.")
    path.chmod(0)
    try:
        outcome = only_outcome(path)
    finally:
        path.chmod(0o644)
    assert outcome.reason == "cannot be read (permission denied); check its permissions, e.g. chmod +r"


# --- duplicates -------------------------------------------------------------------------------


def test_same_file_twice_and_a_copy_are_duplicates(tmp_path: Path) -> None:
    original = DATA / "utf8.txt"
    copy = Path(shutil.copy(original, tmp_path / "copy.txt"))
    docs, outcomes = read(original, original, copy)
    assert len(docs) == 1
    assert [(o.source, o.status) for o in outcomes] == [
        (str(original), InputStatus.DUPLICATE),
        (str(copy), InputStatus.DUPLICATE),
    ]
    assert outcomes[1].reason == (
        f"same content as {original}; it was given twice or is a copy; only the first is read"
    )


def test_same_article_inside_two_containers_is_a_duplicate(tmp_path: Path) -> None:
    first = write(tmp_path / "a.jsonl", b'{"text": "The dam held."}\n')
    second = write(tmp_path / "b.json", b'[{"text": "The dam held."}, {"text": "Rain eased."}]')
    docs, outcomes = read(first, second)
    assert [doc.content for doc in docs] == ["The dam held.", "Rain eased."]
    assert [(o.source, o.status) for o in outcomes] == [(f"{second}[0]", InputStatus.DUPLICATE)]


# --- the stage --------------------------------------------------------------------------------


def test_stage_contract_and_run(tmp_path: Path) -> None:
    stage = IngestStage(Config())
    check_chain([stage])
    assert (stage.name, stage.requires, stage.produces) == ("ingest", {"sources"}, {"raw", "inputs"})
    earlier = InputOutcome("typo.txt", InputStatus.FAILED, "no such file or folder; check the path")
    sources = (
        Source(str(DATA / "utf8.txt"), path=DATA / "utf8.txt"),
        Source("empty.txt", data=b""),
        Source(str(DATA / "articles.json"), path=DATA / "articles.json"),
    )
    batch = Batch(sources=sources, inputs=(earlier,))
    steps: list[int] = []
    assert stage.units(batch) == 3
    result = stage.run(batch, steps.append)
    assert steps == [1, 1, 1]
    assert len(result.raw) == 3
    assert result.inputs[0] == earlier
    assert [o.source for o in result.inputs[1:]] == ["empty.txt", f"{DATA / 'articles.json'}[1]"]
    assert result.sources == sources


def test_permission_error_on_open_fails_with_a_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The chmod test above cannot run as root; this one simulates the refusal everywhere."""
    path = write(tmp_path / "locked.txt", b"A story.")

    def refuse(*_: object, **__: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(Path, "open", refuse)
    outcome = only_outcome(path)
    assert (outcome.status, outcome.reason) == (
        InputStatus.FAILED,
        "cannot be read (permission denied); check its permissions, e.g. chmod +r",
    )


@pytest.mark.parametrize(
    "data",
    [b"[" * 100_000 + b"]" * 100_000, b'{"text": "x", "count": ' + b"1" * 5_000 + b"}"],
    ids=["deep-nesting", "huge-number"],
)
def test_hostile_json_fails_cleanly(data: bytes) -> None:
    docs, outcomes = read_sources([Source(name="hostile.json", data=data)], Limits())
    assert docs == []
    assert [o.status for o in outcomes] == [InputStatus.FAILED]
    assert outcomes[0].reason is not None and outcomes[0].reason.startswith("unreadable JSON (")


def test_json_lines_may_hold_raw_line_separators() -> None:
    data = '{"text": "First\u2028part."}\n{"text": "Second."}\n'.encode()
    docs, outcomes = read_sources([Source(name="feed.jsonl", data=data)], Limits())
    assert [doc.content for doc in docs] == ["First\u2028part.", "Second."]
    assert outcomes == []

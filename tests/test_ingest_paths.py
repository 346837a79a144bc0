"""sources_from_args: files, folders, globs and stdin, with an outcome for every name that yields nothing."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from rashomon.config import Limits
from rashomon.ingest import STDIN_NAME, read_sources, sources_from_args
from rashomon.model import InputStatus, Source

DATA = Path(__file__).parent / "data" / "ingest"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def make_tree(root: Path) -> Path:
    """A folder as users keep them: articles, a saved page's assets, an image, hidden files."""
    root.mkdir()
    (root / "b_story.txt").write_text("The river rose overnight.", encoding="utf-8")
    (root / "a_page.html").write_text("<html><body><p>The bridge closed.</p></body></html>", encoding="utf-8")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(16))
    (root / "bundle.tar.gz").write_bytes(b"\x1f\x8b" + bytes(16))
    (root / "crawl.warc.gz").write_bytes(b"")
    (root / "notes").write_text("Undated notes about the flood.", encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"\x00\x01")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]", encoding="utf-8")
    (root / "sub").mkdir()
    (root / "sub" / "c.json").write_text('{"text": "The levee held."}', encoding="utf-8")
    (root / "sub" / "page_files").mkdir()
    (root / "sub" / "page_files" / "style.css").write_text("p { color: red }", encoding="utf-8")
    return root


def test_folder_is_recursed_sorted_and_skips_are_reported(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "corpus")
    sources, outcomes = sources_from_args([str(root)], None)
    names = [Path(source.name).relative_to(root).as_posix() for source in sources]
    assert names == ["a_page.html", "b_story.txt", "crawl.warc.gz", "notes", "sub/c.json"]
    skipped = {Path(o.source).relative_to(root).as_posix(): o for o in outcomes}
    assert set(skipped) == {"bundle.tar.gz", "photo.png", "sub/page_files/style.css"}
    assert all(o.status is InputStatus.SKIPPED for o in outcomes)
    assert skipped["photo.png"].reason == "not an article: .png is an image; left out"
    assert skipped["bundle.tar.gz"].reason == "not an article: .tar.gz is an archive; left out"


def test_folder_sources_read_end_to_end(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "corpus")
    sources, _ = sources_from_args([str(root)], None)
    docs, outcomes = read_sources(sources, Limits())
    assert sorted(doc.content for doc in docs if doc.kind == "text") == [
        "The levee held.",
        "The river rose overnight.",
        "Undated notes about the flood.",
    ]
    assert [(Path(o.source).name, o.status) for o in outcomes] == [("crawl.warc.gz", InputStatus.SKIPPED)]


def test_empty_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "only_hidden").mkdir()
    (tmp_path / "only_hidden" / ".hidden.txt").write_text("x", encoding="utf-8")
    sources, outcomes = sources_from_args([str(tmp_path / "only_hidden")], None)
    assert sources == []
    assert [o.status for o in outcomes] == [InputStatus.SKIPPED]
    assert outcomes[0].reason is not None and outcomes[0].reason.startswith("no files in this folder")


def test_named_file_is_kept_whatever_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(16))
    sources, outcomes = sources_from_args([str(path)], None)
    assert sources == [Source(name=str(path), path=path)] and outcomes == []
    _, read_outcomes = read_sources(sources, Limits())
    assert read_outcomes[0].reason == "binary file (looks like PNG); convert it to text or HTML first"


def test_glob_expands_sorted_and_skips_non_articles(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "corpus")
    pattern = str(root / "*")
    sources, outcomes = sources_from_args([pattern], None)
    assert [Path(s.name).name for s in sources] == [
        "a_page.html",
        "b_story.txt",
        "crawl.warc.gz",
        "notes",
        "c.json",
    ]
    assert {Path(o.source).name for o in outcomes} == {"bundle.tar.gz", "photo.png", "style.css"}


def test_recursive_glob(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "corpus")
    sources, outcomes = sources_from_args([str(root / "**" / "*.json")], None)
    assert [Path(s.name).name for s in sources] == ["c.json"]
    assert outcomes == []


def test_glob_matching_nothing_fails(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.nothing")
    sources, outcomes = sources_from_args([pattern], None)
    assert sources == []
    assert [(o.source, o.status, o.reason) for o in outcomes] == [
        (pattern, InputStatus.FAILED, "no file matches; check the pattern and the folder you run from")
    ]


def test_nonexistent_path_fails_with_a_fix(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    sources, outcomes = sources_from_args([missing, str(DATA / "utf8.txt")], None)
    assert [s.name for s in sources] == [str(DATA / "utf8.txt")]
    assert [(o.source, o.status, o.reason) for o in outcomes] == [
        (missing, InputStatus.FAILED, "no such file or folder; check the path and the folder you run from")
    ]


def test_stdin_jsonl() -> None:
    stdin = io.BytesIO(
        b'{"text": "Storm passes.", "outlet": "Example Post"}\n{"html": "<p>Roads reopen.</p>"}\n'
    )
    sources, outcomes = sources_from_args(["-"], stdin)
    assert outcomes == []
    assert [(s.name, s.path) for s in sources] == [(STDIN_NAME, None)]
    docs, read_outcomes = read_sources(sources, Limits())
    assert read_outcomes == []
    assert [(d.source, d.kind, d.outlet) for d in docs] == [
        ("<stdin>:line 1", "text", "Example Post"),
        ("<stdin>:line 2", "html", None),
    ]


def test_stdin_twice_or_missing() -> None:
    sources, outcomes = sources_from_args(["-", "-"], io.BytesIO(b'{"text": "One."}\n'))
    assert len(sources) == 1
    assert [(o.source, o.status) for o in outcomes] == [(STDIN_NAME, InputStatus.FAILED)]
    sources, outcomes = sources_from_args(["-"], None)
    assert sources == [] and outcomes[0].reason is not None and "no standard input" in outcomes[0].reason


@pytest.mark.skipif(IS_ROOT, reason="root can read files whatever their permissions")
def test_unreadable_file_and_folder_fail(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("A story.", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    secret.chmod(0)
    locked.chmod(0)
    try:
        sources, outcomes = sources_from_args([str(secret), str(locked)], None)
    finally:
        secret.chmod(0o644)
        locked.chmod(0o755)
    assert sources == []
    assert [o.status for o in outcomes] == [InputStatus.FAILED, InputStatus.FAILED]
    assert outcomes[0].reason == "cannot be read (permission denied); check its permissions, e.g. chmod +r"
    assert outcomes[1].reason is not None and outcomes[1].reason.startswith(
        "cannot be read (permission denied)"
    )


def test_unreadable_file_is_reported_when_access_is_denied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Runs as root too: simulates what chmod 000 does for other users."""
    path = tmp_path / "locked.txt"
    path.write_text("A story.", encoding="utf-8")
    monkeypatch.setattr(os, "access", lambda *_: False)
    sources, outcomes = sources_from_args([str(path)], None)
    assert sources == []
    assert [(o.source, o.status) for o in outcomes] == [(str(path), InputStatus.FAILED)]


def test_unlistable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "locked"
    root.mkdir()

    def refuse(top: object, onerror: object = None, **_: object) -> list[object]:
        assert callable(onerror)
        onerror(PermissionError(13, "Permission denied", str(root)))
        return []

    monkeypatch.setattr(os, "walk", refuse)
    sources, outcomes = sources_from_args([str(root)], None)
    assert sources == []
    assert [(o.source, o.status, o.reason) for o in outcomes] == [
        (
            str(root),
            InputStatus.FAILED,
            "cannot be read (permission denied); check that it exists and its permissions",
        )
    ]

"""The web app's pure parts: upload checks, style-to-class rewriting, id patterns, allowed hosts."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rashomon.errors import NotFound, UsageError
from rashomon.report.html_text import attr, esc
from rashomon.web.geometry import geometry_css, inline_styles_to_classes, registered_css
from rashomon.web.security import allowed_hosts, checked_id
from rashomon.web.uploads import MAX_FILES, Pasted, Upload, safe_name, sources_from_form


@pytest.mark.parametrize(
    ("given_name", "expected"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\me\\story.html", "story.html"),
        ("/abs/path/article.json", "article.json"),
        (".hidden.txt", "hidden.txt"),
        ("weird <name>;rm -rf.txt", "weird _name_rm -rf.txt"),
        ("", "upload"),
        ("..", "upload"),
    ],
)
def test_upload_names_are_labels_never_paths(given_name: str, expected: str) -> None:
    assert safe_name(given_name) == expected


def test_uploads_become_sources_with_their_bytes() -> None:
    sources = sources_from_form(
        [Upload("../a.html", b"<html><body><p>Text</p></body></html>"), Upload("b.warc.gz", b"\x1f\x8b...")],
        Pasted("Body text here.", title="Head", outlet="Quay Post", published="2024-04-02"),
    )
    assert [s.name for s in sources][:2] == ["a.html", "b.warc.gz"]
    assert all(s.path is None and s.data for s in sources)
    pasted = json.loads(sources[2].data or b"")
    assert pasted == {
        "text": "Body text here.",
        "title": "Head",
        "outlet": "Quay Post",
        "published": "2024-04-02",
    }
    assert sources[2].name.endswith(".json")


@pytest.mark.parametrize(
    ("uploads", "pasted", "message"),
    [
        ([Upload("a.exe", b"MZ")], None, "not a supported file type"),
        ([Upload("a.html.gz", b"\x1f\x8b")], None, "not a supported file type"),
        ([Upload("a.txt", b"\x89PNG\r\n\x1a\n....")], None, "looks like PNG"),
        ([Upload("a.txt", b"\n\n")], None, "is empty"),
        ([], Pasted("  "), "nothing to add"),
        ([], Pasted("text", published="2024/04/02"), "is not a date"),
        ([], Pasted("text", title="x" * 3000), "title field"),
        ([Upload(f"{i}.txt", b"x") for i in range(MAX_FILES + 1)], None, "files sent at once"),
    ],
)
def test_bad_uploads_raise_usage_errors(uploads: list[Upload], pasted: Pasted | None, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        sources_from_form(uploads, pasted)


def test_geometry_styles_become_classes() -> None:
    markup = (
        '<span class="point" style="left:12.34%;width:5.00%"></span><span style="width:50%"></span>'
        '<span class="band" style="left:-3%;width:130%"></span>'
    )
    assert inline_styles_to_classes(markup) == (
        '<span class="point gl-123 gw-50"></span><span class="gw-500"></span>'
        '<span class="band gl-0 gw-1000"></span>'
    )
    css = geometry_css()
    assert ".gl-123{left:12.3%}" in css and ".gw-1000{width:100%}" in css


def test_other_safe_styles_are_registered_and_unsafe_ones_stay_inline() -> None:
    rewritten = inline_styles_to_classes('<svg viewBox="0 0 9 9" style="max-width:980px"><g></g></svg>')
    name = rewritten.split('class="')[1].split('"')[0]
    assert name.startswith("is-") and f".{name}{{max-width:980px}}" in registered_css()[0]
    for unsafe in (
        "background:url(http://evil.example/x.png)",
        "background-image:image(x)",
        "color:red}body{display:none",
        "font-family:'x'",
    ):
        tag = f'<span style="{attr(unsafe)}">x</span>'
        assert inline_styles_to_classes(tag) == tag, unsafe


@given(st.text(max_size=200))
def test_escaped_text_never_looks_like_a_style_attribute(text: str) -> None:
    """Article text goes through esc/attr, so rewriting can never touch it or what it pretends to be."""
    for markup in (f"<p>{esc(text)}</p>", f'<a title="{attr(text)}">x</a>'):
        assert inline_styles_to_classes(markup) == markup


@pytest.mark.parametrize("good", ["art_3f2a9c0b1d4e5f60", "a1", "story-12_x", "A" * 128])
def test_ids_of_the_right_shape_pass(good: str) -> None:
    assert checked_id(good, "story") == good


@pytest.mark.parametrize("bad", ["", "../x", "a/b", "a.b", "a%2fb", "-x", "a" * 129, "a b", "é"])
def test_ids_of_any_other_shape_are_not_found(bad: str) -> None:
    with pytest.raises(NotFound):
        checked_id(bad, "story")


def test_allowed_hosts() -> None:
    assert allowed_hosts("127.0.0.1") == ["127.0.0.1", "::1", "[::1]", "localhost"]
    assert "example.lan" in allowed_hosts("example.lan")
    assert "*" in allowed_hosts("0.0.0.0")

"""Fuzzing the readers and cleaners: structured hostile inputs for each format (JSON records, WARC
records with lying lengths, gzip, declared charsets, markup trees, plain text). Properties: nothing
raises but rashomon's own errors, every input ends as documents or a one-line outcome, and cleaning
only ever moves the input's own lines around (nothing invented, nothing lost without a trace).

Bounded for the default suite; RASHOMON_FUZZ_EXAMPLES=5000 runs each property that many times.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile import PAYLOADS, fuzz_examples, warc_record
from rashomon.clean.html import extract_page
from rashomon.clean.html_blocks import FLAT_KEEP, flatten_markup
from rashomon.clean.text import clean_plain_text
from rashomon.config import Limits
from rashomon.errors import RashomonError
from rashomon.ingest import read_sources
from rashomon.ingest.decode import decode_bytes
from rashomon.ingest.warc import read_warc
from rashomon.model import InputStatus, Source

FAST = settings(max_examples=fuzz_examples(60), deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=fuzz_examples(25), deadline=None, suppress_health_check=list(HealthCheck))

# Text that hits the odd corners: controls, NUL, bidi and zero-width marks, surrogates' neighbours,
# astral characters, combining marks, and the attack strings.
_ODD = "\x00\x01\x0b\x0c\x1b\x7f\x85\u2028\u2029\u200b\u200d\u202e\u2066\ufeff\ufffd\U0001f600\u0301"
texts = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.sampled_from(list(_ODD) + list("ab .,\n\n<>&\"'")), max_size=200),
    st.sampled_from(PAYLOADS),
    st.lists(
        st.sampled_from(["The union said", "\n\n", "By Ann Lee", "<p>", "Published: 5 May 2021", "。"])
    ).map("".join),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["text", "html", "x"]), inner)
    ),
    max_leaves=10,
)
records = st.fixed_dictionaries(
    {},
    optional={
        key: st.one_of(texts, json_values)
        for key in ("text", "html", "title", "outlet", "byline", "author", "authors", "url", "published")
    },
)


def _read(data: bytes, name: str, limits: Limits | None = None) -> None:
    """Read one input; it must yield documents or outcomes, each outcome one line with a reason."""
    docs, outcomes = read_sources([Source(name=name, data=data)], limits or Limits(max_input_bytes=20_000))
    assert docs or outcomes, name
    for outcome in outcomes:
        assert outcome.reason and "\n" not in outcome.reason, outcome
        assert "unexpected error" not in outcome.reason, outcome
    for doc in docs:
        assert doc.content.strip() and "\x00" not in doc.content


@FAST
@given(st.lists(records, max_size=4), st.sampled_from(["a.json", "a.jsonl", "a"]), st.booleans())
def test_json_records_of_any_shape(items: list[dict[str, Any]], name: str, as_lines: bool) -> None:
    if as_lines or name.endswith("jsonl"):
        data = "\n".join(json.dumps(item) for item in items)
    else:
        data = json.dumps(items[0] if len(items) == 1 else items)
    _read(data.encode("utf-8", errors="surrogatepass"), name)


@FAST
@given(
    texts,
    st.sampled_from(["a.txt", "a.html", "a", "a.md"]),
    st.sampled_from(["utf-8", "utf-16", "cp1252", "koi8-r"]),
)
def test_text_and_html_in_any_encoding(text: str, name: str, codec: str) -> None:
    _read(text.encode(codec, errors="replace"), name)


@FAST
@given(
    st.binary(max_size=400),
    st.one_of(
        st.none(),
        st.sampled_from(
            ["utf-8", "latin-1", "utf-16", "base64", "rot13", "x-junk", "utf-32-be", "shift_jis", ""]
        ),
    ),
    st.booleans(),
)
def test_decode_raises_only_input_errors(data: bytes, declared: str | None, markup: bool) -> None:
    try:
        decoded = decode_bytes(data, declared=declared, markup=markup)
    except RashomonError:
        return
    assert "\x00" not in decoded.text


warc_records = st.tuples(
    st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=40),
    texts,
    st.integers(min_value=-50, max_value=50),  # how far the declared Content-Length lies
    st.sampled_from(["text/html", "text/html; charset=koi8-r", "application/xhtml+xml", "image/png", ""]),
)


@SLOW
@given(st.lists(warc_records, min_size=1, max_size=4), st.booleans(), st.integers(min_value=0, max_value=60))
def test_warc_with_lying_lengths_and_cuts(
    records: list[tuple[str, str, int, str]], gz: bool, cut: int
) -> None:
    parts = []
    for uri, body, lie, content_type in records:
        html = f"<html><body><p>{body}</p></body></html>".encode(errors="replace")
        record = warc_record(uri, html, content_type=content_type)
        honest = int(re.search(rb"Content-Length: (\d+)", record).group(1))  # type: ignore[union-attr]
        lying = f"Content-Length: {max(0, honest + lie)}".encode()
        record = record.replace(f"Content-Length: {honest}".encode(), lying, 1)
        parts.append(gzip.compress(record) if gz else record)
    data = b"".join(parts)
    data = data[: len(data) - cut] if cut else data
    limits = Limits(max_input_bytes=5_000, max_decompressed_bytes=50_000, max_header_bytes=2_000)
    docs, outcomes = read_warc(io.BytesIO(data), "fuzz.warc", limits)
    for outcome in outcomes:
        assert outcome.reason and "\n" not in outcome.reason, outcome
        assert outcome.status in (InputStatus.SKIPPED, InputStatus.FAILED, InputStatus.DUPLICATE)
    for doc in docs:
        assert doc.url and doc.kind == "html"


@FAST
@given(texts)
def test_plain_text_cleaning_only_moves_lines(text: str) -> None:
    cleaned = clean_plain_text(text)
    lines = {line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")}
    for paragraph in cleaned.text.split("\n\n"):
        assert not paragraph or paragraph in lines, paragraph
    for line in cleaned.removed:
        assert line in lines, line
    assert cleaned.title is None or cleaned.title in lines


tags = st.sampled_from(
    ["p", "div", "span", "script", "style", "title", "h1", "article", "b", "li", "svg", "meta"]
)
attributes = st.dictionaries(
    st.sampled_from(["class", "id", "style", "onclick", "content", "name", "property", "hidden", "href"]),
    texts,
    max_size=3,
)
markup = st.recursive(
    texts.map(lambda text: text.replace("<", "&lt;")),
    lambda inner: st.tuples(tags, attributes, st.lists(inner, max_size=4)).map(
        lambda node: (
            f"<{node[0]}"
            + "".join(f' {key}="{json.dumps(value)[1:-1]}"' for key, value in node[1].items())
            + ">"
            + "".join(node[2])
            + f"</{node[0]}>"
        )
    ),
    max_leaves=12,
)


@SLOW
@given(st.one_of(markup, texts), st.booleans())
def test_html_extraction_never_raises_and_never_shows_code(page: str, wrapped: bool) -> None:
    # The code comes before the page's own markup: a page starting "<?" would otherwise turn
    # "<script>" into a bogus comment and the code into visible text, in a browser too.
    code = "<script>hidden_js_marker()</script><style>.hidden_css_marker{}</style>"
    html = (
        f"<!doctype html><html><head><title>t</title></head><body>{code}{page}</body></html>"
        if wrapped
        else code + page
    )
    try:
        extracted = extract_page(html, "https://example.org/a")
    except RashomonError:
        return
    shown = " ".join([extracted.text, *extracted.removed, extracted.title or ""])
    assert "hidden_js_marker" not in shown and "hidden_css_marker" not in shown


@FAST
@given(st.one_of(markup, texts))
def test_flattening_leaves_only_flat_tags(page: str) -> None:
    flat = re.sub(r"<meta[^>]*>", "", flatten_markup(page), flags=re.IGNORECASE)
    names = {name.lower() for name in re.findall(r"</?\s*([A-Za-z][A-Za-z0-9:-]*)", flat)}
    assert names <= FLAT_KEEP | {"p"}, names


def test_a_record_of_nul_characters_is_an_empty_article() -> None:
    """Found by the JSON property: {"text": "\\x00"} became a document with an empty body."""
    docs, outcomes = read_sources(
        [Source(name="a.json", data=b'{"text": "\\u0000", "title": "T\\u0000"}')], Limits()
    )
    assert docs == [] and outcomes[0].status == InputStatus.SKIPPED and "NUL" in (outcomes[0].reason or "")
    docs, _ = read_sources(
        [Source(name="b.json", data=b'{"text": "Body", "title": "T\\u0000", "authors": ["\\u0000"]}')],
        Limits(),
    )
    assert docs[0].title == "T" and docs[0].byline is None

"""A hostile corpus, written into a temporary folder at test time: nothing big or binary is committed.

Every file says what it attacks and what rashomon must make of it (analysed, analysed with a warning,
or skipped / failed with a reason naming the problem). The articles are fiction written for these tests
(a dock strike in an invented port); the attacks are the classic ones: binaries with text names, gzip
bombs, WARC records whose lengths lie, a 100 MB line, 100,000 levels of nested markup, broken and
mixed encodings, bidirectional and zero-width characters, NUL bytes, and script or event-handler
injection in every field an article controls.

Also here: `fuzz_examples`, the one knob for how long the property tests run.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

# ---------------------------------------------------------------------------------------------------
# How long the fuzz tests run: bounded by default (the whole fuzz + hostile set stays under two minutes on
# two cores); RASHOMON_FUZZ_EXAMPLES=5000 multiplies every property test's budget for a long run.

FUZZ_ENV = "RASHOMON_FUZZ_EXAMPLES"


def fuzz_examples(default: int) -> int:
    """``default`` examples, or what RASHOMON_FUZZ_EXAMPLES asks for (a long run on demand)."""
    value = os.environ.get(FUZZ_ENV, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else default


# ---------------------------------------------------------------------------------------------------
# Attack strings. Each tries to run script or make a request when a report is opened; `MARK` shows up
# in the page's globals if one ever runs, and the URLs point at a closed loopback port.

MARK = "__rashomon_pwned"
SCRIPT = f"<script>window.{MARK}=1;fetch('http://127.0.0.1:9/s')</script>"
IMG = f'<img src=http://127.0.0.1:9/i.png onerror="window.{MARK}=2">'
SVG = f'"><svg onload="window.{MARK}=3">'
JS_URL = f"javascript:window.{MARK}=4"
STYLE = (
    "</style><style>@import url(http://127.0.0.1:9/c.css);body{background:url(http://127.0.0.1:9/b)}</style>"
)
FRAME = "<iframe src=http://127.0.0.1:9/f></iframe><base href=http://127.0.0.1:9/>"
REFRESH = '<meta http-equiv=refresh content="0;url=http://127.0.0.1:9/r">'
ATTR_BREAK = f"' onmouseover='window.{MARK}=5' x='"
TEMPLATE = "{{constructor.constructor('alert(1)')()}} ${alert(1)} <!-- ]]> -->"
MD = f"[click](javascript:window.{MARK}=6) ![x](http://127.0.0.1:9/md.png)"
PAYLOADS = (SCRIPT, IMG, SVG, JS_URL, STYLE, FRAME, REFRESH, ATTR_BREAK, TEMPLATE, MD)
INJECTION = " ".join(PAYLOADS)
# What must never appear as markup in a report built from this corpus.
# (The report draws its own <svg> graphs; an injected one would carry an on* handler, checked apart.)
FORBIDDEN_TAGS = frozenset(
    {"img", "iframe", "frame", "base", "object", "embed", "link", "form", "video", "audio"}
)

# Bidirectional overrides and zero-width characters, inside words and names.
BIDI = "\u202eevil\u202c \u2067isolate\u2069 \u200fRLM"
ZERO_WIDTH = "Val\u200bmora\u200d \ufeffstrike\u2060"

# ---------------------------------------------------------------------------------------------------
# Fiction: the Valmora dock strike, in plain reported English that the claim builder reads.

STRIKE = (
    "Dock workers in the port of Valmora walked out on Monday after talks over night-shift pay collapsed, "
    "union leader Marta Okafor said.\n\n"
    "The strike has halted three container terminals, the port authority said in a statement.\n\n"
    "Harbour Minister Paul Renner told reporters that the government would not intervene in the dispute.\n\n"
    "Shipping agents said about forty vessels were waiting outside the harbour by Tuesday evening."
)
STRIKE_TWO = (
    "The Valmora port authority said on Tuesday that only two terminals had stopped work.\n\n"
    "Union leader Marta Okafor said the walkout would continue until the night-shift pay offer was "
    "restored.\n\n"
    "Harbour Minister Paul Renner said the strike was costing the port millions every day."
)
RUSSIAN = (
    "Портовые рабочие Вальморы объявили забастовку в понедельник, сообщила глава профсоюза Марта Окафор.\n\n"
    "По словам министра Пауля Реннера, правительство не будет вмешиваться в спор."
)
CHINESE = (
    "瓦尔莫拉港的码头工人周一举行罢工，工会领导人玛尔塔·奥卡福说。\n\n"
    "港务局表示，三个集装箱码头已经停止作业。"
)
ARABIC = (
    "أضرب عمال الموانئ في فالمورا يوم الاثنين بعد انهيار المحادثات حول أجور الورديات الليلية، "
    "بحسب ما قالته رئيسة النقابة مارتا أوكافور.\n\nوقال وزير الموانئ إن الحكومة لن تتدخل."
)
JAPANESE = (
    "バルモラ港の港湾労働者は月曜日にストライキを行った、と組合のリーダーが述べた。\n\n"
    "港湾局によると、三つのターミナルが停止した。"
)
LATIN1_TEXT = (
    "Café owners near the Valmora docks said the strike had emptied their terraces, according to the "
    "traders’ association.\n\nThe association’s chair, Renée Duval, said sales had fallen by half."
)


# The files ``write_corpus(heavy=True)`` adds: large on disk (the 100 MB line) or in effect (4 GiB bombs).
HEAVY_FILES = frozenset({"bomb.txt.gz", "bomb.warc.gz", "bomb-lying.warc.gz", "long-line.txt"})


@dataclass(frozen=True, slots=True)
class Expect:
    """One outcome: status "analysed" (no warning), "warned" (analysed with a reason), "refused"
    (skipped or failed), or "duplicate"; ``reason`` is a lower-case substring the reason must hold."""

    status: str  # also "any": the outcome is not pinned (a page cut by a lying length), only present
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Hostile:
    name: str  # the file's name in the corpus folder
    attack: str  # what it tries
    outcomes: dict[str, Expect] = field(default_factory=dict)  # source (file name or page URL) -> outcome


def warc_record(
    uri: str, html: bytes, *, length: int | None = None, content_type: str = "text/html"
) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode() + b"\r\n\r\n" + html
    declared = len(http) if length is None else length
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2026-01-05T10:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{random.Random(uri).getrandbits(128):032x}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {declared}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def _page(title: str, body: str, head: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<!doctype html><html><head><meta charset=utf-8><title>{title}</title>{head}</head>"
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


# --- gzip bombs: built from one compressed block repeated, so a 4 GB bomb takes milliseconds to write ---

_BOMB_BLOCK = 1 << 24  # 16 MiB of the same text, compressed once (~16 kB)
BOMB_BYTES = 4 * (1 << 30)  # what the bombs inflate to


def _gf2_times(matrix: list[int], vector: int) -> int:
    total, index = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[index]
        vector >>= 1
        index += 1
    return total


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, row) for row in matrix]


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """zlib's crc32_combine (CRC of A+B from CRC(A), CRC(B) and len(B)), which Python does not expose."""
    if len2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = _gf2_square(odd)
    odd = _gf2_square(even)
    while True:
        even = _gf2_square(odd)
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def gzip_repeating(head: bytes, block: bytes, times: int, tail: bytes) -> bytes:
    """One valid gzip member holding head + block * times + tail, written without compressing it all:
    after a full flush a deflate stream forgets its history, so the compressed block can be repeated."""
    deflater = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    head_z = deflater.compress(head) + deflater.flush(zlib.Z_FULL_FLUSH)
    block_z = deflater.compress(block) + deflater.flush(zlib.Z_FULL_FLUSH)
    tail_z = deflater.compress(tail) + deflater.flush(zlib.Z_FINISH)
    crc_block, length = zlib.crc32(block), len(block)
    crc_blocks, done = 0, 0
    remaining = times
    while remaining:  # CRC of block * times by doubling
        if remaining & 1:
            crc_blocks = crc32_combine(crc_blocks, crc_block, length) if done else crc_block
            done += length
        remaining >>= 1
        if remaining:
            crc_block = crc32_combine(crc_block, crc_block, length)
            length *= 2
    crc = crc32_combine(zlib.crc32(head), crc_blocks, len(block) * times)
    crc = crc32_combine(crc, zlib.crc32(tail), len(tail))
    size = (len(head) + len(block) * times + len(tail)) & 0xFFFFFFFF
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + head_z + block_z * times + tail_z + struct.pack("<II", crc, size)


def _text_bomb() -> bytes:
    """Many gzip members of the same 16 MiB of words: a valid .gz of 4 GiB of "text"."""
    member = gzip.compress(b"strike " * (_BOMB_BLOCK // 7), compresslevel=9)
    return member * (BOMB_BYTES // _BOMB_BLOCK)


def _warc_bomb(*, honest: bool) -> bytes:
    """A .warc.gz whose one record inflates to 4 GiB of HTML. ``honest``: its Content-Length says so;
    otherwise it claims 100 bytes and the rest is junk where the next header should be."""
    times = BOMB_BYTES // _BOMB_BLOCK
    block = b"<p>strike</p>" * (_BOMB_BLOCK // 13)
    payload_len = len(block) * times
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>"
    declared = len(http) + payload_len if honest else 100
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example/page\r\n"
        "WARC-Date: 2026-01-05T10:00:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {declared}\r\n\r\n"
    ).encode()
    return gzip_repeating(head + http, block, times, b"\r\n\r\n")


def _write_long_line(path: Path, n_bytes: int) -> None:
    """One line of ``n_bytes`` (words, no newline), written in chunks: never held in memory whole."""
    chunk = b"strike pay talks continue " * 40_000  # ~1 MB
    with path.open("wb") as out:
        written = 0
        while written < n_bytes:
            piece = chunk[: n_bytes - written]
            out.write(piece)
            written += len(piece)


def _deep_html(levels: int) -> str:
    tags = ("div", "span", "blockquote", "b", "section", "font")
    opening = "".join(f"<{tags[i % len(tags)]}>" for i in range(levels))
    closing = "".join(f"</{tags[i % len(tags)]}>" for i in reversed(range(levels)))
    body = "".join(f"<p>{p}</p>" for p in _strike("deep").split("\n\n"))
    head = "<!doctype html><html><head><title>Deep strike</title></head><body>"
    return f"{head}{opening}{body}{closing}</body></html>"


def _strike(variant: str) -> str:
    """The strike report, made distinct per file (identical texts would be counted once as duplicates)."""
    return STRIKE.replace("forty vessels", f"forty vessels ({variant})")


def write_corpus(folder: Path, *, heavy: bool = False) -> list[Hostile]:
    """Write the hostile corpus into ``folder``; ``heavy`` adds the 100 MB line and three gzip bombs."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)
    corpus: list[Hostile] = []

    def add(name: str, data: bytes | str, attack: str, expect: Expect, **others: Expect) -> None:
        """One file; ``expect`` is the file's own outcome, ``others`` those of the pages or records in it."""
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        corpus.append(Hostile(name, attack, {name: expect, **others}))

    refused = Expect("refused")
    english = Expect("warned", "not recognised as english")
    add("strike.txt", "Valmora dock strike enters second day\n\n" + STRIKE, "nothing", Expect("analysed"))

    # Binaries with text names, and text that is mostly NUL bytes.
    add("photo.txt", b"\x89PNG\r\n\x1a\n" + rng.randbytes(3000), "PNG named .txt", Expect("refused", "png"))
    add("program.html", b"\x7fELF\x02\x01" + rng.randbytes(3000), "ELF named .html", Expect("refused", "elf"))
    add("noise.txt", rng.randbytes(5000), "random bytes named .txt", refused)
    add("report.json", b"%PDF-1.7\n" + rng.randbytes(2000), "PDF named .json", Expect("refused", "pdf"))
    add(
        "data.jsonl", b"SQLite format 3\x00" + bytes(2000), "SQLite named .jsonl", Expect("refused", "sqlite")
    )
    add(
        "nul-heavy.txt", (STRIKE[:400] + "\x00" * 40) * 5, "text with 10% NUL bytes", Expect("refused", "nul")
    )
    # A few NULs in real text are a glitch: stripped, with a warning.
    nuls = _strike("nul").replace("Monday", "Mon\x00day").replace("halted", "hal\x00ted")
    add("nul-few.txt", nuls, "two NUL bytes in an article", Expect("warned", "removed 2 nul"))

    # Encodings: legacy, invalid, mixed, UTF-16 without a byte-order mark, a charset that lies.
    add("latin1.txt", LATIN1_TEXT.encode("cp1252"), "windows-1252 text", Expect("warned", "windows-1252"))
    curly = _strike("curly").replace("night-shift", "“night-shift”").encode()
    invalid = curly.replace(b"Monday", b"Mon\xffday")
    add("invalid-utf8.txt", invalid, "UTF-8 with an invalid byte", Expect("warned", "invalid byte sequences"))
    mixed = STRIKE_TWO.encode() + b"\n\n" + LATIN1_TEXT.encode("cp1252") + b"\n\n" + LATIN1_TEXT.encode()
    add("mixed.txt", mixed, "UTF-8 and windows-1252 in one file", Expect("warned", "decoded as"))
    utf16 = STRIKE_TWO.replace("Tuesday", "Wednesday").encode("utf-16-le")
    add("utf16.txt", utf16, "UTF-16 without a byte-order mark", Expect("warned", "utf-16"))
    lying = _page("Port strike", STRIKE_TWO.replace("two", "four")).replace("utf-8", "utf-16")
    add("lying-charset.html", lying, "a page that declares a charset it is not in", Expect("analysed"))
    add("shift-jis.txt", JAPANESE.encode("shift_jis"), "Japanese in Shift-JIS", english)

    # Other languages and scripts: analysed, flagged as not English.
    add("russian.txt", RUSSIAN, "Russian article", english)
    add("chinese.txt", CHINESE, "Chinese article", english)
    add("arabic.txt", ARABIC, "Arabic article (right to left)", english)
    # Bidirectional overrides and zero-width characters inside an English article.
    bidi = (
        f"Strike {BIDI} update\n\n"
        + _strike("bidi").replace("Valmora", ZERO_WIDTH)
        + f"\n\nA trader said {BIDI}."
    )
    add("bidi.txt", bidi, "RTL overrides and zero-width characters", Expect("analysed"))
    add(
        "zero-width.txt",
        "\u200b\u200c\u200d\ufeff\u2060\n\u200b",
        "nothing but zero-width characters",
        refused,
    )

    # Empty and whitespace-only inputs.
    add("empty.txt", b"", "zero bytes", Expect("refused", "empty"))
    add("blank.txt", " \n\t\r\n \u00a0\u3000 \n", "whitespace only", Expect("refused", "empty"))
    add("bom-only.txt", b"\xef\xbb\xbf", "a byte-order mark and nothing else", Expect("refused", "empty"))
    blank_page = "<!doctype html><html><head><title></title></head><body>  </body></html>"
    add("empty.html", blank_page, "a page with no text", Expect("refused", "no article text"))
    add("empty.json", "[]", "an empty JSON array", Expect("refused", "empty"))
    add("blank.jsonl", '{"text": "   "}\n', "a record whose text is blank", refused)

    # Nesting: 100,000 levels of tags; JSON nested past the parser's recursion limit.
    add(
        "deep.html",
        _deep_html(100_000),
        "100,000 levels of nested tags",
        Expect("warned", "nests its markup"),
    )
    add("deep.json", "[" * 100_000 + "]" * 100_000, "JSON nested 100,000 deep", Expect("refused", "json"))

    # A page that is nothing but a URL: a reader that fetched URLs would go there.
    add("link.html", "http://127.0.0.1:9/article", "a page that is only a URL", Expect("any"))

    # Script and event handlers in titles, bylines, outlets, URLs and bodies, through every reader.
    add("injection.html", _injected_page("Monday"), "script and handlers in a page", Expect("analysed"))
    text = f"{SCRIPT} Valmora strike {IMG}\nBy {SVG} Staff\n\n" + _injected_body(_strike("text"))
    add("injection.txt", text, "script in a plain-text title, byline and body", Expect("analysed"))
    record = {
        "title": f"Strike {SCRIPT}",
        "outlet": f"Valmora {IMG} Post",
        "byline": f"{SVG} Reporter",
        "url": JS_URL,
        "published": f"2026-01-05{SCRIPT}",
        "text": _injected_body(_strike("json")),
    }
    add("injection.json", json.dumps(record), "script in every JSON field", Expect("analysed"))
    lines = [
        {
            "title": ATTR_BREAK,
            "outlet": STYLE,
            "byline": JS_URL,
            "url": JS_URL,
            "text": _injected_body(STRIKE_TWO),
        },
        {"html": _injected_page("Sunday"), "title": f"{FRAME}{REFRESH}", "outlet": TEMPLATE},
    ]
    add(
        "injection.jsonl",
        "\n".join(json.dumps(line) for line in lines),
        "script in JSON Lines fields and in html",
        Expect("analysed"),  # no outcome under the file's own name: one per line
        **{"injection.jsonl:line 1": Expect("analysed"), "injection.jsonl:line 2": Expect("analysed")},
    )

    # WARC records whose Content-Length lies, and a header line that never ends.
    good = warc_record("https://valmora.example/strike", _page("Strike", _strike("warc")).encode())
    long = warc_record("https://valmora.example/long", _page("Pay", STRIKE_TWO).encode(), length=90_000)
    add(
        "lying-long.warc",
        good + long,
        "a record that claims more bytes than the file holds",
        Expect("refused", "damaged archive"),
        **{
            "https://valmora.example/strike": Expect("analysed"),
            "https://valmora.example/long": Expect("any"),
        },
    )
    short = warc_record("https://valmora.example/short", _page("Pay", STRIKE_TWO).encode(), length=120)
    after = warc_record("https://valmora.example/after", _page("Later", _strike("after")).encode())
    add(
        "lying-short.warc",
        short + after,
        "a record that claims fewer bytes than it has",
        Expect("any"),
        **{
            "https://valmora.example/short": refused,
            "https://valmora.example/after": Expect("warned", "wrong length"),
        },
    )
    huge = warc_record("https://valmora.example/huge", _page("Huge", STRIKE).encode(), length=99_000_000_000)
    add("lying-huge.warc", huge, "a record that claims 99 GB", Expect("refused", "declares 99000 mb"))
    endless = b"WARC/1.0\r\nWARC-Type: response\r\nX-Junk: " + b"a" * 3_000_000 + b"\r\n\r\n"
    add("endless-header.warc", endless, "a header line of 3 MB", Expect("refused", "record header runs on"))

    if heavy:
        add("bomb.txt.gz", _text_bomb(), "gzip of 4 GiB of text", Expect("refused", "decompresses to more"))
        honest = _warc_bomb(honest=True)
        add(
            "bomb.warc.gz",
            honest,
            "WARC record of 4 GiB, declared",
            Expect("refused", "max_decompressed_bytes"),
        )
        liar = _warc_bomb(honest=False)
        add(
            "bomb-lying.warc.gz",
            liar,
            "WARC record of 4 GiB that declares 100 bytes",
            Expect("refused", "record header runs on"),
            **{"https://bomb.example/page": Expect("any")},
        )
        _write_long_line(folder / "long-line.txt", 100_000_000)
        corpus.append(
            Hostile("long-line.txt", "one 100 MB line", {"long-line.txt": Expect("refused", "over the")})
        )
    return corpus


def _injected_body(text: str) -> str:
    """English paragraphs, each carrying attack strings where a claim, a speaker or a quote would be."""
    paragraphs = text.split("\n\n")
    attacks = [
        f"A docker holding a sign that read {SCRIPT} said the pay offer was an insult.",
        f"“{IMG} We will not go back,” union leader Marta Okafor said.",
        f"The port authority said its website had been defaced with {JS_URL} and {SVG} on Tuesday.",
        f"{ATTR_BREAK} {STYLE} {FRAME} {REFRESH} {TEMPLATE} {MD}",
    ]
    return "\n\n".join(paragraphs + attacks)


def _injected_page(day: str) -> str:
    head = (
        f'<meta name="author" content="{ATTR_BREAK}{SVG}"><meta property="og:site_name" content="{SVG}">'
        f"<script>window.{MARK}=7</script><link rel=stylesheet href=http://127.0.0.1:9/x.css>"
    )
    body = _injected_body(_strike(day).replace("Monday", f"{day} {IMG}"))
    page = _page(f"Strike talks {SCRIPT}", body, head=head)
    return page.replace("<p>", f'<p onclick="window.{MARK}=8">', 1)

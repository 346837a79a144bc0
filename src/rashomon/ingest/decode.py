"""Bytes to text: BOMs, UTF-8, declared charsets, detection, and honest warnings about each guess.

The order follows what browsers do (BOM, then what the page declares) with one change: bytes that are
valid UTF-8 are read as UTF-8 whatever the page declares, since servers and templates often declare
latin-1 for pages that are in fact UTF-8, while legacy text is almost never valid UTF-8 by accident.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

from rashomon.ingest.outcomes import failed
from rashomon.ingest.sniff import check_not_binary, control_shares

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16: its BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Labels browsers read as a superset (WHATWG Encoding Standard): latin-1 pages use windows-1252 quotes.
_SUPERSETS = {"iso8859-1": "cp1252", "ascii": "cp1252", "gb2312": "gb18030", "gbk": "gb18030"}
# Single-byte Latin codecs that charset-normalizer confuses on short text (cp1250 for English with
# curly quotes, cp1252 for Polish; seen on hand-written samples while building this module).
_LATIN = {
    codecs.lookup(name).name
    for name in (
        "latin_1", "cp1250", "cp1252", "cp1254", "cp1257", "cp1258", "cp850", "cp437", "mac_roman",
        "mac_latin2", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13",
        "iso8859_14", "iso8859_15", "iso8859_16",
    )
}  # fmt: skip
# A non-ASCII character next to a letter; "¿" or "¡" right after a letter ("mo¿e") is garbled too.
_TOUCHING_LETTER = re.compile(r"(?<=[^\W\d_])[^\x00-\x7f]|[^\x00-\x7f](?=[^\W\d_])")
_INVERTED_AFTER_LETTER = re.compile(r"(?<=[^\W\d_])[¿¡]")
_SPACE = re.compile(r"\s+")
# How many of charset-normalizer's ranked guesses are compared (it ranks ~10 for Latin text).
_CANDIDATES = 6
_FEW_BYTES = 3
# Codec choice is judged on the first 100k characters: enough words, and bounded time on huge pages.
_GARBLE_SAMPLE = 100_000
# Below this share of non-ASCII bytes, charset-normalizer has too little evidence and guesses wildly
# (johab, utf-16-be for an English line with one accent); CJK and Cyrillic text sits far above it.
SPARSE_NON_ASCII = 0.02
# Above this share of U+FFFD the "text" is noise: judgement ("mostly replacement characters").
REPLACEMENT_SHARE_FAILED = 0.3
# Valid UTF-8 with a few stray bytes stays UTF-8 when at most this share of non-ASCII chars is broken.
# Half, not less: one stray byte in a text with two curly quotes (1 of 3) was read as mac-latin2 at 0.25,
# garbling every valid character, where UTF-8 with one U+FFFD loses only the stray byte.
STRAY_SHARE_UTF8 = 0.5


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    warnings: tuple[str, ...] = ()


def decode_bytes(data: bytes, *, declared: str | None = None, markup: bool = False) -> Decoded:
    """Decode one input; raise `Rejected` for binaries and for bytes that are not text at all.

    ``declared`` is a charset from outside the bytes (an HTTP header); ``markup`` also honours
    ``<meta charset>`` and the XML declaration.
    """
    decoded = _decode_with_bom(data) or _decode_utf16_without_bom(data)
    if decoded is None:
        check_not_binary(data)
        decoded = _decode_plain(data, declared, markup)
    return _finish(decoded)


def display_name(codec: str) -> str:
    """The name people know an encoding by: windows-1252, not cp1252."""
    name = codecs.lookup(codec).name
    if re.fullmatch(r"cp125\d", name):
        return "windows-" + name[2:]
    if name.startswith("iso8859-"):
        return "iso-8859-" + name[8:]
    return name


def _decode_with_bom(data: bytes) -> Decoded | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec, errors="replace")
            note = () if codec == "utf-8" else (f"decoded as {codec} (byte-order mark)",)
            return Decoded(text, note)
    return None


def _decode_utf16_without_bom(data: bytes) -> Decoded | None:
    """Mostly-ASCII UTF-16 has a NUL in every other byte; that is text, not a binary."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    for codec, zeros, letters in (
        ("utf-16-le", sample[1::2], sample[0::2]),
        ("utf-16-be", sample[0::2], sample[1::2]),
    ):
        if zeros.count(0) >= 0.9 * len(zeros) and letters.count(0) <= 0.1 * len(letters):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            if control_shares(text.encode("utf-8"))[1] == 0:
                return Decoded(text, (f"decoded as {codec} (no byte-order mark)",))
    return None


def _decode_plain(data: bytes, declared: str | None, markup: bool) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    labels = [(declared, "the HTTP header")]
    if markup:
        labels.append((_label_in_markup(data), "the page"))
    problems: list[str] = []
    for label, where in labels:
        if label:
            found = _decode_declared(data, label, where, problems)
            if found is not None:
                return found
    return _decode_mostly_utf8(data, problems) or _decode_detected(data, problems)


def _decode_declared(data: bytes, label: str, where: str, problems: list[str]) -> Decoded | None:
    """Decode by a declared charset; a declaration that does not fit is noted in ``problems``."""
    codec = _codec_for(label)
    if codec is None:
        problems.append(f"{where} declares the unknown charset {label!r}")
        return None
    try:
        if codec.startswith(("utf-16", "utf-32")):  # UTF-16 text was decoded earlier, by BOM or NULs
            raise UnicodeDecodeError(codec, data, 0, 1, "no NUL bytes")
        text = data.decode(codec)
    except UnicodeDecodeError:
        problems.append(f"{where} declares {label} but the bytes are not {label}")
        return None
    return Decoded(text, (*problems, f"decoded as {display_name(codec)} ({where} declares {label})"))


def _decode_mostly_utf8(data: bytes, problems: list[str]) -> Decoded | None:
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    if non_ascii == broken or broken > STRAY_SHARE_UTF8 * non_ascii:
        return None
    note = f"decoded as utf-8 with {broken} invalid byte sequences replaced by �"
    return Decoded(text, (*problems, note))


def _decode_detected(data: bytes, earlier: list[str]) -> Decoded:
    matches = list(from_bytes(data))
    if not matches:
        text = data.decode("utf-8", errors="replace")
        note = "no encoding fits; decoded as utf-8 with invalid bytes replaced by �"
        return Decoded(text, (*earlier, note))
    codec, text = _choose(data, [(match.encoding, str(match)) for match in matches[:_CANDIDATES]])
    return Decoded(text, (*earlier, f"decoded as {display_name(codec)} (detected)"))


def _choose(data: bytes, guesses: list[tuple[str, str]]) -> tuple[str, str]:
    """charset-normalizer's best guess, unless it is a Latin codec (or a guess from a handful of
    non-ASCII bytes): then the Latin reading that garbles fewest words, windows-1252 on a tie."""
    best = guesses[0]
    non_ascii = len(data) - len(data.decode("ascii", errors="ignore"))
    sparse = non_ascii <= max(_FEW_BYTES, SPARSE_NON_ASCII * len(data))
    if not (sparse or codecs.lookup(best[0]).name in _LATIN):
        return best
    latin = [guess for guess in guesses if codecs.lookup(guess[0]).name in _LATIN]
    with contextlib.suppress(UnicodeDecodeError):
        latin.insert(0, ("cp1252", data.decode("cp1252")))
    return min(latin, key=lambda guess: _garbled_words(guess[1][:_GARBLE_SAMPLE])) if latin else best


def _garbled_words(text: str) -> int:
    """Symbols stuck to letters ("powiedzia³", "mo¿e"): how a wrong single-byte codec shows."""
    stuck = sum(1 for found in _TOUCHING_LETTER.finditer(text) if _is_symbol(found.group()))
    return stuck + len(_INVERTED_AFTER_LETTER.findall(text))


def _is_symbol(char: str) -> bool:
    return unicodedata.category(char) in ("No", "So", "Sk", "Sm", "Sc", "Cc", "Co", "Cn")


def _label_in_markup(data: bytes) -> str | None:
    head = data[:4096]
    found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return found.group(1).decode("ascii") if found else None


def _codec_for(label: str) -> str | None:
    """The Python codec for a declared label; None for unknown labels and for non-text codecs (base64)."""
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # CPython's own flag for bytes-to-str codecs; bytes.decode refuses the others with LookupError.
    if not getattr(info, "_is_text_encoding", True):
        return None
    return _SUPERSETS.get(info.name, info.name)


def _finish(decoded: Decoded) -> Decoded:
    """Strip stray NULs and refuse text that is mostly replacement characters."""
    text, warnings = decoded.text, decoded.warnings
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        warnings = (*warnings, f"removed {nuls} NUL characters")
    if "\ufffd" in text and _mostly_replaced(text):
        raise failed("not text: most of it decodes in no known encoding", "save it as UTF-8 text or HTML")
    return Decoded(text, warnings)


def _mostly_replaced(text: str) -> bool:
    visible = len(_SPACE.sub("", text))
    return text.count("\ufffd") > REPLACEMENT_SHARE_FAILED * visible

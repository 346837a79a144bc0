"""Reading NewsWCL50 (Hamborg, Zhukova & Gipp 2019) as Zhukova et al.'s CoNLL conversion ships it.

The CoNLL file carries the coders' concept mentions aligned to the tokens of ``text_tokenized`` (the
upstream ``Annotations.csv`` counts tokens of a text that is not public); its chains are named
``<event>_<code name>_<code type>``. Property codes (PROPERTY: "Power", "Aggressor") are not in it:
they qualify a concept rather than name one, and Hamborg et al. score concept resolution without them.
Dev is events 0-6 (shipped), test events 7-9 (``HIDDEN/``), as the dataset README proposes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rashomon.errors import DataError

CODE_TYPES = ("ACTOR-I", "ACTOR", "COUNTRY", "GROUP", "EVENT", "ACTION", "OBJECT", "MISC")
CHAIN_PART = re.compile(r"(\(?)([^()|]+?)(\)?)")
NEWLINE_TOKEN = "\\n"


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One coded phrase: character offsets into its article, the concept (chain) and its code type."""

    article: str
    start: int
    end: int
    concept: str
    code_type: str


@dataclass(frozen=True, slots=True)
class WclArticle:
    id: str
    event: str
    outlet: str
    text: str
    gold: tuple[GoldMention, ...]


def load_newswcl50(root: Path, split: str, limit: int | None = None) -> list[WclArticle]:
    """The split's articles (``limit`` counts events), each with its gold mentions."""
    folder, suffix = (root / "HIDDEN", "hidden") if split == "test" else (root, "dev")
    docs_path = folder / f"newswcl50_docs_{suffix}.jsonl"
    conll_path = next(iter(sorted(folder.glob(f"cdcr_*{suffix}*.conll"))), None)
    if not docs_path.is_file() or conll_path is None:
        raise DataError(
            f"NewsWCL50 files missing under '{folder}'",
            hint=f"expected newswcl50_docs_{suffix}.jsonl and cdcr_NewsWCL50_{suffix}.conll",
        )
    docs = [json.loads(line) for line in docs_path.read_text(encoding="utf-8").splitlines() if line]
    rows = _conll_rows(conll_path)
    events = sorted({str(d["event_id"]) for d in docs}, key=int)[: limit or None]
    return [
        _article(doc, rows.get(str(doc["doc_key"]), [])) for doc in docs if str(doc["event_id"]) in events
    ]


def _conll_rows(path: Path) -> dict[str, list[tuple[str, str]]]:
    """doc key -> [(token, coreference column)] in file order."""
    rows: dict[str, list[tuple[str, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) >= 5:
            rows.setdefault(fields[0], []).append((fields[3], fields[4].strip()))
    return rows


def _article(doc: dict[str, object], rows: list[tuple[str, str]]) -> WclArticle:
    text = str(doc["text_tokenized"])
    key = str(doc["doc_key"])
    offsets = list(_token_offsets(text, [token for token, _ in rows], key))
    return WclArticle(
        id=key,
        event=str(doc["event_id"]),
        outlet=str(doc["outlet_code"]),
        text=text,
        gold=tuple(_chains(key, rows, offsets)),
    )


def _token_offsets(text: str, tokens: list[str], key: str) -> Iterator[tuple[int, int]]:
    cursor = 0
    for token in tokens:
        surface = token.replace(NEWLINE_TOKEN, "\n").strip(" ") or " "
        start = text.find(surface, cursor)
        if start < 0:
            raise DataError(f"NewsWCL50 token '{token}' not found in the text of {key}")
        cursor = start + len(surface)
        yield start, cursor


def _chains(key: str, rows: list[tuple[str, str]], offsets: list[tuple[int, int]]) -> Iterator[GoldMention]:
    open_at: dict[str, list[int]] = {}
    for index, (_, column) in enumerate(rows):
        if column in ("-", ""):
            continue
        for part in column.split("|"):
            match = CHAIN_PART.fullmatch(part.strip())
            if match is None:
                continue
            opens, chain, closes = match.groups()
            if opens:
                open_at.setdefault(chain, []).append(index)
            if closes and open_at.get(chain):
                first = open_at[chain].pop()
                yield GoldMention(key, offsets[first][0], offsets[index][1], chain, code_type(chain))


def code_type(chain: str) -> str:
    return next((t for t in CODE_TYPES if chain.endswith("_" + t)), "MISC")

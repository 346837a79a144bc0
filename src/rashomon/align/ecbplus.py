"""Reading ECB+ (Cybulska & Vossen 2014) as laid out in ``benchmarks/ecbplus/``: documents, gold event
mentions and their cross-document clusters, in the standard setup of Cybulska & Vossen 2015 as Barhom et
al. 2019 and Cattan et al. 2021 parse it:

* only the validated sentences of ``ECBplus_coreference_sentences.csv`` are used;
* event mentions are the ``ACTION_*`` and ``NEG_ACTION_*`` markables there;
* a mention's cluster is the instance its ``CROSS_DOC_COREF`` relation points to, or its document's
  ``INTRA_DOC_COREF`` chain; any other mention is a singleton.
"""

from __future__ import annotations

import csv
import hashlib
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rashomon.errors import DataError

DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})  # the standard split (Cybulska & Vossen 2015)
TEST_TOPICS = frozenset(range(36, 46))
SENTENCES_CSV = "ECBplus_coreference_sentences.csv"
DEV_FOLDER = "xml_dev"
TEST_FOLDER = "HIDDEN/xml_test"


@dataclass(frozen=True, slots=True)
class EcbDocument:
    name: str  # "1_10ecbplus"
    topic: int
    subtopic: str  # "1_ecb" | "1_ecbplus": the two seminal events of a topic
    sentences: dict[int, tuple[str, ...]]  # sentence number -> tokens (every sentence of the document)
    validated: frozenset[int]  # the sentences the standard evaluation annotates


@dataclass(frozen=True, slots=True)
class EventMention:
    key: str  # "<document>:<m_id>"
    document: str
    topic: int
    sentence: int
    tokens: tuple[int, ...]  # token numbers inside the sentence
    tag: str
    cluster: str  # gold cluster id


def split_root(data: Path, split: str) -> Path:
    """``HIDDEN/xml_test`` for ``test``, ``xml_dev`` otherwise; a missing folder is a DataError."""
    root = data / (TEST_FOLDER if split == "test" else DEV_FOLDER)
    if not root.is_dir():
        hint = (
            "the withheld topics 36-45 go in HIDDEN/xml_test/"
            if split == "test"
            else "point --data at ecbplus/"
        )
        raise DataError(f"'{root}' does not exist", hint=hint)
    return root


def validated_sentences(data: Path) -> dict[str, frozenset[int]]:
    """Document name ("1_10ecbplus") -> the sentence numbers annotated for coreference."""
    path = data / SENTENCES_CSV
    found: dict[str, set[int]] = defaultdict(set)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                found[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    except (OSError, KeyError, ValueError) as error:
        raise DataError(f"cannot read '{path}': {error}", hint="restore it from the ECB+ release") from error
    return {name: frozenset(numbers) for name, numbers in found.items()}


def read_topics(
    data: Path, split: str, limit: int | None = None
) -> tuple[list[EcbDocument], list[EventMention]]:
    """Documents and gold event mentions of a split's topics (the first ``limit`` topics if given)."""
    selected = validated_sentences(data)
    documents: list[EcbDocument] = []
    mentions: list[EventMention] = []
    for _, paths in topic_files(data, split)[:limit]:
        for path in paths:
            document, found = read_document(path, selected.get(path.stem, frozenset()))
            documents.append(document)
            mentions.extend(found)
    return documents, mentions


def topic_files(data: Path, split: str) -> list[tuple[int, list[Path]]]:
    """(topic, its documents in corpus order) for a split's topics, in topic order.

    Documents are found by name (``<topic>_<n>ecb[plus].xml``) anywhere under the split's folder, so
    ``xml_test/<topic>/...`` (the layout of ``xml_dev``) and a flat ``xml_test/`` read alike."""
    root = split_root(data, split)
    wanted = {"dev": DEV_TOPICS, "train": frozenset(range(1, 36)) - DEV_TOPICS}.get(split)
    grouped: dict[int, list[Path]] = defaultdict(list)
    for path in root.rglob("*.xml"):
        prefix = path.stem.split("_", 1)[0]
        if "_" in path.stem and prefix.isdigit() and (wanted is None or int(prefix) in wanted):
            grouped[int(prefix)].append(path)
    if not grouped:
        raise DataError(
            f"no ECB+ documents (<topic>_<n>ecb.xml, <topic>_<n>ecbplus.xml) under '{root}'",
            hint="point --data at ecbplus/ (the withheld topics 36-45 go in HIDDEN/xml_test/)",
        )
    return [(topic, sorted(paths, key=_document_order)) for topic, paths in sorted(grouped.items())]


def read_document(path: Path, validated: frozenset[int]) -> tuple[EcbDocument, list[EventMention]]:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as error:
        raise DataError(
            f"'{path}' is not readable ECB+ XML: {error}", hint="restore it from the release"
        ) from error
    name = path.stem
    topic = int(name.split("_", 1)[0])
    tokens: dict[str, tuple[int, int]] = {}
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        tokens[token.get("t_id", "")] = (sentence, int(token.get("number", "0")))
        sentences[sentence].append((token.text or "").strip())
    subtopic = f"{topic}_{'ecbplus' if name.endswith('plus') else 'ecb'}"
    document = EcbDocument(
        name, topic, subtopic, {k: tuple(v) for k, v in sorted(sentences.items())}, validated
    )
    return document, list(_event_mentions(root, document, tokens))


def _event_mentions(
    root: ET.Element, document: EcbDocument, tokens: dict[str, tuple[int, int]]
) -> Iterator[EventMention]:
    markables = root.find("Markables")
    relations = root.find("Relations")
    instances: dict[str, str] = {}
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    for markable in markables if markables is not None else []:
        m_id = markable.get("m_id", "")
        if "RELATED_TO" in markable.attrib:  # an instance: the target of a cross-document chain
            instances[m_id] = markable.get("instance_id", "")
        else:
            anchors = [
                tokens[a.get("t_id", "")] for a in markable.iter("token_anchor") if a.get("t_id") in tokens
            ]
            spans[m_id] = (markable.tag, anchors)
    cluster_of: dict[str, str] = {}
    for relation in relations if relations is not None else []:
        targets = [node.get("m_id", "") for node in relation.iter("target")]
        if not targets:
            continue
        if relation.tag == "CROSS_DOC_COREF":
            cluster = instances.get(targets[-1]) or f"{document.name}:x{relation.get('r_id')}"
        else:
            cluster = f"{document.name}:intra{relation.get('r_id')}"
        for node in relation.iter("source"):
            cluster_of[node.get("m_id", "")] = cluster
    for m_id, (tag, anchors) in spans.items():
        if not anchors or not tag.startswith(("ACTION", "NEG_ACTION")):
            continue
        sentence = anchors[0][0]
        if sentence not in document.validated:
            continue
        key = f"{document.name}:{m_id}"
        yield EventMention(
            key,
            document.name,
            document.topic,
            sentence,
            tuple(n for _, n in anchors),
            tag,
            cluster_of.get(m_id, key),
        )


def fingerprint(data: Path, topics: Iterable[tuple[int, list[Path]]]) -> str:
    """SHA-256 over the sentence list and every XML file of the given topics (``topic_files``), in a
    fixed order: topics by number, files by name."""
    digest = hashlib.sha256((data / SENTENCES_CSV).read_bytes())
    for _, paths in sorted(topics, key=lambda topic: topic[0]):
        for path in sorted(paths, key=lambda p: p.name):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _document_order(path: Path) -> tuple[int, int, str]:
    stem = path.stem.split("_", 1)[1]
    digits = "".join(ch for ch in stem if ch.isdigit())
    return (int(digits or 0), len(stem), stem)

"""Result reuse across runs: per-article results of article-scoped stages, whole results of corpus stages.

A ``CacheSession`` is handed to ``Pipeline(cache=...)``. For an article-scoped stage the runner asks it,
article by article, for results stored under the same key; the stage runs only on the articles it lacks
(a sub-batch holding just those articles and their slices of the required artifacts), each article's
slice of what the stage made is kept, and the slices are merged back in article order. A corpus-scoped
stage looks across articles, so its whole output is kept under a digest of the set of article records
(ids are hashes of the text alone; title, date and source matter too): an unchanged set reuses it, a
changed one runs it again. Stages that read what is not determined by the articles (ingest and clean
read ``sources``, ``raw``, ``inputs``) always run.

Every key carries the stage's name and ``version``, a fingerprint of the configuration fields that can
change results and of the versions of every stage before it (a new tokeniser invalidates what was built
on its tokens), and rashomon's own version; per-article keys also carry the digest of that article's
record. Payloads are zlib-compressed JSON from ``codec``: never pickle.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import metadata
from typing import Any, Literal, Protocol, get_args, get_origin, get_type_hints

from rashomon.config import Config
from rashomon.model import Article
from rashomon.pipeline.codec import CodecError, decode, encode
from rashomon.pipeline.stage import Advance, Scope, Stage
from rashomon.pipeline.state import Batch

# Config fields that cannot change what a cached stage produces. Batch size and process count change
# speed only; the limits on input bytes and WARC records, and ``--date``, are read only by ingest and clean,
# whose output (the article) is stored as a record keyed by its content hash and never re-derived.
# Artifacts that are not determined by the articles: a stage that reads them (ingest, clean) always runs.
UNKEYED = frozenset({"sources", "raw", "inputs"})
NOT_RESULT_AFFECTING = frozenset(
    {
        "spacy_batch_size",
        "n_process",
        "workers",
        "default_date",
        "limits.max_input_bytes",
        "limits.max_warc_records",
    }
)


def rashomon_version() -> str:
    try:
        return metadata.version("rashomon")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def _digest(*parts: str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8"))
        hasher.update(b"\x1f")
    return hasher.hexdigest()[:24]


def config_fingerprint(config: Config) -> str:
    """A digest of the configuration fields that can change results (see ``NOT_RESULT_AFFECTING``)."""

    def flat(prefix: str, value: Any) -> list[tuple[str, Any]]:
        if isinstance(value, dict):
            return [item for key, inner in value.items() for item in flat(f"{prefix}{key}.", inner)]
        return [(prefix.rstrip("."), value)]

    items = [(k, v) for k, v in flat("", encode(config)) if k not in NOT_RESULT_AFFECTING]
    return _digest(json.dumps(sorted(items)))


def article_digest(article: Article) -> str:
    """The whole record, not only the id: the id hashes the text, but title, date and source matter too."""
    return _digest(json.dumps(encode(article), sort_keys=True, ensure_ascii=False))


def corpus_digest(articles: Sequence[Article]) -> str:
    """The identity of an article set: order does not matter, duplicates do not count."""
    return _digest(*sorted({article_digest(article) for article in articles}))


@dataclass(frozen=True, slots=True)
class CacheKey:
    """Where one stage result is kept: ``subject`` is an article id, or a corpus digest for corpus stages."""

    scope: Scope
    subject: str
    stage: str
    stage_version: str
    fingerprint: str  # configuration + the versions of every stage up to this one
    rashomon_version: str


class CacheBackend(Protocol):
    """Storage for encoded stage results (the SQLite store implements it; ``MemoryCache`` for tests)."""

    def get_many(self, keys: Sequence[CacheKey]) -> dict[CacheKey, bytes]: ...

    def put_many(self, items: Mapping[CacheKey, bytes]) -> None: ...


class MemoryCache:
    """A process-local backend: what the store does, without the file."""

    def __init__(self) -> None:
        self.items: dict[CacheKey, bytes] = {}

    def get_many(self, keys: Sequence[CacheKey]) -> dict[CacheKey, bytes]:
        return {key: self.items[key] for key in keys if key in self.items}

    def put_many(self, items: Mapping[CacheKey, bytes]) -> None:
        self.items.update(items)


@dataclass(slots=True)
class StageReuse:
    """What one stage did in one run: results reused from the cache and results computed."""

    scope: Scope
    reused: int = 0  # articles (article scope) or 1 (corpus scope, reused whole)
    computed: int = 0

    @property
    def outcome(self) -> Literal["reused", "recomputed", "partly"]:
        if self.computed == 0:
            return "reused"
        return "recomputed" if self.reused == 0 else "partly"


@dataclass(slots=True)
class CacheSession:
    """One run's view of a cache backend: builds keys, runs stages through it, records what was reused."""

    backend: CacheBackend
    config: Config = field(default_factory=Config)
    version: str = field(default_factory=rashomon_version)
    reuse: dict[str, StageReuse] = field(default_factory=dict)
    keys: list[CacheKey] = field(default_factory=list)  # every key this session read or wrote

    def fingerprint(self, stages: Sequence[Stage]) -> str:
        """Configuration plus the name and version of every stage in ``stages`` (in order)."""
        lineage = [f"{stage.name}@{stage.version}" for stage in stages]
        return _digest(config_fingerprint(self.config), self.version, *lineage)

    def key(self, stages: Sequence[Stage], scope: Scope, subject: str, extra: str = "") -> CacheKey:
        stage = stages[-1]
        fingerprint = self.fingerprint(stages)
        if extra:
            fingerprint = _digest(fingerprint, extra)
        return CacheKey(scope, subject, stage.name, stage.version, fingerprint, self.version)

    def run(self, stages: Sequence[Stage], batch: Batch, advance: Advance) -> Batch:
        """Run ``stages[-1]`` (its predecessors named for the key) through the cache."""
        stage = stages[-1]
        if stage.requires & UNKEYED or "articles" not in stage.requires:
            return stage.run(batch, advance)  # its output depends on more than the articles: never cached
        if per_article(stage):
            return self._run_per_article(stages, batch, advance)
        return self._run_whole(stages, batch, advance)

    def _run_per_article(self, stages: Sequence[Stage], batch: Batch, advance: Advance) -> Batch:
        stage = stages[-1]
        ids = [article.id for article in batch.articles]
        keys = {a.id: self.key(stages, "article", a.id, article_digest(a)) for a in batch.articles}
        self.keys.extend(keys.values())
        stored = self.backend.get_many(list(keys.values()))
        found: dict[str, dict[str, tuple[Any, ...]]] = {}
        for article_id, key in keys.items():
            payload = stored.get(key)
            loaded = _load(payload, stage.produces) if payload is not None else None
            if loaded is not None:
                found[article_id] = loaded
        missing = [article_id for article_id in ids if article_id not in found]
        self.reuse[stage.name] = StageReuse("article", reused=len(found), computed=len(missing))
        advance(len(found))
        if missing:
            made = stage.run(sub_batch(batch, set(missing), stage.requires), advance)
            fresh = split_by_article(made, stage.produces, missing)
            self.backend.put_many({keys[article_id]: _dump(fresh[article_id]) for article_id in missing})
            found.update(fresh)
        merged: dict[str, Any] = {
            name: tuple(r for article_id in ids for r in found[article_id][name]) for name in stage.produces
        }
        return replace(batch, **merged)

    def _run_whole(self, stages: Sequence[Stage], batch: Batch, advance: Advance) -> Batch:
        stage = stages[-1]
        key = self.key(stages, "corpus", corpus_digest(batch.articles))
        self.keys.append(key)
        payload = self.backend.get_many([key]).get(key)
        loaded = _load(payload, stage.produces) if payload is not None else None
        if loaded is not None:
            self.reuse[stage.name] = StageReuse("corpus", reused=1)
            advance(stage.units(batch))
            return replace(batch, **loaded)
        self.reuse[stage.name] = StageReuse("corpus", computed=1)
        made = stage.run(batch, advance)
        self.backend.put_many({key: _dump({name: getattr(made, name) for name in stage.produces})})
        return made


def per_article(stage: Stage) -> bool:
    """Whether the cache keeps this stage's results article by article (else whole, per article set)."""
    return stage.scope == "article" and article_sliceable(stage.produces)


@cache
def _batch_hints() -> dict[str, Any]:
    return get_type_hints(Batch)


def _record_class(artifact: str) -> type | None:
    """The record class of a ``tuple[Record, ...]`` artifact, or None for any other shape."""
    hint = _batch_hints()[artifact]
    args = get_args(hint)
    if get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis and isinstance(args[0], type):
        return args[0]
    return None


def article_sliceable(artifacts: frozenset[str]) -> bool:
    """Whether every artifact is a tuple of records that each name their ``article`` (so per-article)."""
    for artifact in artifacts:
        cls = _record_class(artifact)
        if cls is None or not dataclasses.is_dataclass(cls):
            return False
        if "article" not in {f.name for f in dataclasses.fields(cls)}:
            return False
    return True


def sub_batch(batch: Batch, article_ids: set[str], artifacts: frozenset[str]) -> Batch:
    """The batch cut down to ``article_ids``: articles, and the per-article slices of ``artifacts``."""
    changes: dict[str, Any] = {"articles": tuple(a for a in batch.articles if a.id in article_ids)}
    for artifact in artifacts - {"articles"}:
        if article_sliceable(frozenset({artifact})):
            changes[artifact] = tuple(r for r in getattr(batch, artifact) if r.article in article_ids)
    return replace(batch, **changes)


def split_by_article(
    batch: Batch, artifacts: frozenset[str], article_ids: Sequence[str]
) -> dict[str, dict[str, tuple[Any, ...]]]:
    """Each article's slice of each artifact, in the order the stage made them."""
    slices: dict[str, dict[str, list[Any]]] = {a: {name: [] for name in artifacts} for a in article_ids}
    for name in artifacts:
        for record in getattr(batch, name):
            if record.article in slices:
                slices[record.article][name].append(record)
    return {a: {name: tuple(records) for name, records in by_name.items()} for a, by_name in slices.items()}


def _dump(produced: Mapping[str, Any]) -> bytes:
    hints = _batch_hints()
    data = {name: encode(value, hints[name]) for name, value in produced.items()}
    return zlib.compress(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8"), 6)


def _load(payload: bytes, artifacts: frozenset[str]) -> dict[str, Any] | None:
    """The stored artifacts, or None (recompute) when the payload is damaged or does not hold them all."""
    hints = _batch_hints()
    try:
        data = json.loads(zlib.decompress(payload).decode("utf-8"))
        if not isinstance(data, dict) or set(data) != set(artifacts):
            return None
        return {name: decode(data[name], hints[name]) for name in artifacts}
    except (zlib.error, UnicodeDecodeError, ValueError, CodecError):
        return None

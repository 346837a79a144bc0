"""What crosses Ray's process boundaries: JSON text made by ``pipeline.codec``, never pickled records.

Rashomon's records are frozen slots dataclasses; pickling them ties a worker to the driver's exact class
layout and breaks on slots classes with custom ``__reduce__`` rules. JSON from the codec is rebuilt by the
declared types on the other side, the same as a store file, so a worker either gets the same records or
fails loudly. Stages are never shipped either: a worker builds its own from a factory named by text.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any, get_type_hints

from rashomon.config import Config
from rashomon.errors import UsageError
from rashomon.model import Article
from rashomon.pipeline import Batch, Pipeline, Stage
from rashomon.pipeline.codec import decode, decode_record, encode

# The stage factory the CLI uses; tests name ``rashomon.testing:fake_pipeline`` instead.
DEFAULT_FACTORY = "rashomon.api:default_stages"


def dump(value: Any, hint: Any = None) -> str:
    return json.dumps(encode(value, hint), separators=(",", ":"), ensure_ascii=False)


def dump_config(config: Config) -> str:
    return dump(config, Config)


def load_config(text: str) -> Config:
    return decode_record(json.loads(text), Config)


def dump_article(article: Article) -> str:
    return dump(article, Article)


def load_article(text: str) -> Article:
    return decode_record(json.loads(text), Article)


def dump_batch(batch: Batch) -> str:
    return dump(batch, Batch)


def load_batch(text: str) -> Batch:
    return decode_record(json.loads(text), Batch)


@cache
def _batch_hints() -> dict[str, Any]:
    return get_type_hints(Batch)


def dump_artifacts(artifacts: Mapping[str, Any]) -> str:
    """Some of a batch's artifacts (name -> value), each encoded by the type the batch declares."""
    hints = _batch_hints()
    return json.dumps({name: encode(value, hints[name]) for name, value in artifacts.items()})


def load_artifacts(text: str) -> dict[str, Any]:
    hints = _batch_hints()
    data = json.loads(text)
    return {name: decode(value, hints[name]) for name, value in data.items()}


def build_stages(factory: str, config: Config, names: Sequence[str]) -> list[Stage]:
    """The named stages, in pipeline order, from the factory (a worker builds only what it runs)."""
    chosen = [stage for stage in all_stages(factory, config) if stage.name in set(names)]
    if [s.name for s in chosen] != list(names):
        raise UsageError(f"stage factory '{factory}' does not make the stages {list(names)}")
    return chosen


def all_stages(factory: str, config: Config) -> list[Stage]:
    """Every stage the factory makes, in pipeline order (the driver splits them as the local engine does)."""
    module_name, _, attribute = factory.partition(":")
    try:
        make = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as error:
        raise UsageError(f"no stage factory '{factory}'", hint="name it as module:function") from error
    made = make(config)
    return list(made.stages if isinstance(made, Pipeline) else made)

"""The typed codec: every record type round-trips through JSON, and data that does not fit is refused."""

from __future__ import annotations

import dataclasses
import importlib
import json
import pkgutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rashomon.model
from rashomon.claims.attribution.spans import AttributionSpans
from rashomon.model import Article, Claim, InputStatus, Source, Token
from rashomon.model.vectors import ClaimVectors
from rashomon.pipeline import Batch
from rashomon.pipeline.codec import CodecError, decode, decode_record, encode

st.register_type_strategy(Path, st.text(st.characters(blacklist_characters="\x00"), max_size=20).map(Path))


def record_types() -> list[type]:
    """Every dataclass under rashomon.model (found, not listed, so a new record is covered too)."""
    found: dict[str, type] = {}
    for info in pkgutil.iter_modules(rashomon.model.__path__):
        module = importlib.import_module(f"rashomon.model.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == module.__name__
            ):
                found[f"{module.__name__}.{value.__name__}"] = value
    return [found[name] for name in sorted(found)]


def test_every_model_record_is_found() -> None:
    names = {cls.__name__ for cls in record_types()}
    assert {"Article", "Claim", "Token", "Sentence", "EntityMention", "Attribution", "ClaimVectors"} <= names


@pytest.mark.parametrize("cls", [c for c in record_types() if c is not ClaimVectors] + [AttributionSpans])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_records_round_trip_through_json(cls: type, data: st.DataObject) -> None:
    value = data.draw(st.from_type(cls))
    text = json.dumps(encode(value))
    back = decode(json.loads(text), cls)
    assert type(back) is cls
    assert json.dumps(encode(back)) == text  # (NaN != NaN, so compare the encodings)


def test_claim_vectors_keep_dtype_shape_and_values() -> None:
    matrix = np.random.default_rng(0).standard_normal((3, 384)).astype(np.float32)
    vectors = ClaimVectors(ids=("a", "b", "c"), matrix=matrix)
    back = decode_record(json.loads(json.dumps(encode(vectors))), ClaimVectors)
    assert back.ids == vectors.ids and back.matrix.dtype == np.float32
    assert np.array_equal(back.matrix, matrix) and back.matrix.flags.writeable
    empty = decode_record(encode(ClaimVectors()), ClaimVectors)
    assert empty.matrix.shape == (0, 384)


def test_a_whole_batch_round_trips() -> None:
    article = Article(id="art_1", source="a.txt", text="Ships wait.", title="Port")
    batch = Batch(
        sources=(Source("a.txt", path=Path("a.txt"), data=b"\x00\xff"),),
        articles=(article,),
        tokens=(Token("art_1", 0, 0, 5, "ship", "NOUN", "NNS", "nsubj", 1, 0),),
        claims=(Claim("clm_1", "art_1", 0, 11, "Ships wait.", hedged=True),),
    )
    back = decode(json.loads(json.dumps(encode(batch))), Batch)
    assert back.sources == batch.sources and back.claims == batch.claims and back.tokens == batch.tokens


HOSTILE: list[tuple[Any, Any]] = [
    (
        {
            "article": "a",
            "index": "0",
            "start": 0,
            "end": 1,
            "lemma": "x",
            "pos": "X",
            "tag": "X",
            "dep": "x",
            "head": 0,
            "sentence": 0,
        },
        Token,
    ),  # index is a str
    ({"id": "c", "article": "a", "start": 0, "end": 1, "text": "t", "field": "body"}, Claim),  # not a Literal
    (
        {"id": "c", "article": "a", "start": 0, "end": 1, "text": "t", "__class__": "os.system"},
        Claim,
    ),  # unknown
    ({"id": "c", "article": "a", "start": 0, "end": 1}, Claim),  # missing required field
    ({"ids": [], "matrix": {"dtype": "|O", "shape": [0], "data": ""}}, ClaimVectors),  # object array
    ({"ids": [], "matrix": {"dtype": "<f4", "shape": [2, 2], "data": "AAAA"}}, ClaimVectors),  # short data
    ({"ids": [], "matrix": {"dtype": "<f4", "shape": [1], "data": "not base64!"}}, ClaimVectors),
    ("nope", InputStatus),
    ([1, 2, 3], tuple[int, int]),
    ({"1": 1}, dict[str, str]),
    ("x", None),
    (True, int),  # a bool is not an int here
]


@pytest.mark.parametrize(("data", "hint"), HOSTILE)
def test_data_that_does_not_fit_its_type_is_refused(data: Any, hint: Any) -> None:
    with pytest.raises(CodecError):
        decode(data, hint)


def test_unsupported_types_are_named() -> None:
    with pytest.raises(CodecError, match="no codec"):
        encode(object(), object)

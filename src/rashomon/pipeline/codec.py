"""Typed records <-> JSON-compatible values, driven by the records' type hints.

The store keeps stage results (tuples of frozen dataclasses, numpy matrices) between runs. A store file
may come from someone else, so nothing is unpickled: every value is rebuilt from plain JSON data by the
type its field declares, and anything that does not fit the declared type is refused with ``CodecError``.

Supported hints: ``None``, ``bool``, ``int``, ``float``, ``str``, ``bytes`` (base64), ``Path``, enums,
``Literal``, unions (``X | None``), ``tuple[X, ...]``, fixed ``tuple[X, Y]``, ``list[X]``,
``dict[str, X]``, nested dataclasses, and numeric numpy arrays (dtype, shape and base64 bytes).
Converters are built once per hint and cached, so encoding thousands of tokens costs one dict each.
"""

from __future__ import annotations

import base64
import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from functools import cache
from pathlib import Path
from sys import intern
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

import numpy as np

from rashomon.errors import RashomonError

T = TypeVar("T")
Convert = Callable[[Any], Any]
SHARED_STR = 40  # decoded strings up to this length are interned (``_decode_str``)
NUMERIC_KINDS = frozenset("biuf")  # bool, signed, unsigned, float: never object arrays (those need pickle)


class CodecError(RashomonError):
    """A stored value does not match the type its record declares (a corrupt or foreign store file)."""

    code = "codec"


def encode(value: object, hint: Any = None) -> Any:
    """``value`` as JSON-compatible data; ``hint`` defaults to the value's own class (for records)."""
    chosen: Any = type(value) if hint is None else hint
    return _encoder(chosen)(value)


def decode(data: object, hint: Any) -> Any:
    """Rebuild a value of type ``hint`` from ``encode``'s output; refuses data that does not fit."""
    return _decoder(hint)(data)


def decode_record(data: object, cls: type[T]) -> T:
    """``decode`` for a dataclass, typed for the caller."""
    value = decode(data, cls)
    assert isinstance(value, cls)
    return value


def _fail(expected: str, data: object) -> CodecError:
    shown = repr(data)
    return CodecError(f"expected {expected}, found {shown[:80]}", hint="the store file is damaged or foreign")


def _is_union(hint: Any) -> bool:
    return get_origin(hint) in (typing.Union, types.UnionType)


def _is_ndarray(hint: Any) -> bool:
    return hint is np.ndarray or get_origin(hint) is np.ndarray


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


# ---- encoders ------------------------------------------------------------------------------------


@cache
def _encoder(hint: Any) -> Convert:
    if hint is None or hint is type(None):
        return _expect_none
    if hint in (bool, int, float):  # numpy scalars (np.float32, np.int64, np.bool_) become Python ones
        return hint  # type: ignore[no-any-return]
    if hint is str:
        return _identity
    if hint is bytes:
        return lambda value: base64.b64encode(value).decode("ascii")
    if hint is Path or (isinstance(hint, type) and issubclass(hint, Path)):
        return str
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return lambda value: value.value
    if get_origin(hint) is typing.Literal:
        return _identity
    if _is_ndarray(hint):
        return _encode_array
    if _is_union(hint):
        return _union_encoder(get_args(hint))
    origin, args = get_origin(hint), get_args(hint)
    if origin in (tuple, list):
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            items = [_encoder(arg) for arg in args]
            return lambda value: [enc(item) for enc, item in zip(items, value, strict=True)]
        item = _encoder(args[0])
        return lambda value: [item(element) for element in value]
    if origin is dict:
        _require_str_keys(hint)
        item = _encoder(args[1])
        return lambda value: {key: item(element) for key, element in value.items()}
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _record_encoder(hint)
    raise CodecError(f"no codec for type {hint!r}", hint="give the record field a supported type")


def _identity(value: Any) -> Any:
    return value


def _expect_none(value: Any) -> None:
    if value is not None:
        raise _fail("None", value)
    return None


def _encode_array(value: Any) -> dict[str, Any]:
    array = np.ascontiguousarray(value)
    if array.dtype.kind not in NUMERIC_KINDS:
        raise CodecError(f"only numeric arrays are stored, not dtype {array.dtype}")
    little = array.astype(array.dtype.newbyteorder("<"), copy=False)
    return {
        "dtype": little.dtype.str,
        "shape": list(array.shape),
        "data": base64.b64encode(little.tobytes()).decode("ascii"),
    }


def _runtime_class(hint: Any) -> type | tuple[type, ...] | None:
    """The class an ``isinstance`` check can use to pick a union arm, where there is one."""
    if hint is None or hint is type(None):
        return type(None)
    if hint is float:
        return (float, int, np.floating, np.integer)
    if hint is int:
        return (int, np.integer)
    if hint is bool:
        return (bool, np.bool_)
    if isinstance(hint, type):
        return hint
    origin = get_origin(hint)
    if origin is typing.Literal:
        return tuple({type(arg) for arg in get_args(hint)})
    return origin if isinstance(origin, type) else None


def _union_encoder(arms: tuple[Any, ...]) -> Convert:
    choices = [(_runtime_class(arm), _encoder(arm)) for arm in arms]

    def convert(value: Any) -> Any:
        for cls, enc in choices:
            if cls is None or isinstance(value, cls):
                return enc(value)
        raise _fail(" | ".join(map(str, arms)), value)

    return convert


def _require_str_keys(hint: Any) -> None:
    if get_args(hint)[0] is not str:
        raise CodecError(f"no codec for {hint!r}: only dicts with str keys are JSON objects")


def _record_encoder(cls: type) -> Convert:
    fields = [(f.name, _encoder(_hints(cls)[f.name])) for f in dataclasses.fields(cls)]

    def convert(value: Any) -> dict[str, Any]:
        return {name: enc(getattr(value, name)) for name, enc in fields}

    return convert


# ---- decoders ------------------------------------------------------------------------------------


@cache
def _decoder(hint: Any) -> Convert:
    if hint is None or hint is type(None):
        return _expect_none
    if hint is bool:
        return _exact(bool)
    if hint is int:
        return _decode_int
    if hint is float:
        return _decode_float
    if hint is str:
        return _decode_str
    if hint is bytes:
        return _decode_bytes
    if hint is Path or (isinstance(hint, type) and issubclass(hint, Path)):
        return lambda data: Path(_exact(str)(data))
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _enum_decoder(hint)
    if get_origin(hint) is typing.Literal:
        return _literal_decoder(get_args(hint))
    if _is_ndarray(hint):
        return _decode_array
    if _is_union(hint):
        return _union_decoder(get_args(hint))
    origin, args = get_origin(hint), get_args(hint)
    if origin in (tuple, list):
        return _sequence_decoder(origin, args)
    if origin is dict:
        _require_str_keys(hint)
        return _dict_decoder(_decoder(args[1]))
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _record_decoder(hint)
    raise CodecError(f"no codec for type {hint!r}", hint="give the record field a supported type")


def _exact(cls: type) -> Convert:
    def convert(data: Any) -> Any:
        if type(data) is not cls:
            raise _fail(cls.__name__, data)
        return data

    return convert


def _decode_str(data: Any) -> str:
    """Short strings are interned: ids, labels and lemmas repeat over millions of records (every token
    names its article), and JSON gives each occurrence its own copy."""
    if type(data) is not str:
        raise _fail("str", data)
    return intern(data) if len(data) <= SHARED_STR else data


def _decode_int(data: Any) -> int:
    if type(data) is not int:
        raise _fail("int", data)
    return data


def _decode_float(data: Any) -> float:
    if type(data) not in (float, int):
        raise _fail("float", data)
    return float(data)


def _decode_bytes(data: Any) -> bytes:
    try:
        return base64.b64decode(_exact(str)(data), validate=True)
    except ValueError as error:
        raise _fail("base64 bytes", data) from error


def _enum_decoder(cls: type[enum.Enum]) -> Convert:
    def convert(data: Any) -> Any:
        try:
            return cls(data)
        except ValueError as error:
            raise _fail(f"a {cls.__name__} value", data) from error

    return convert


def _literal_decoder(allowed: tuple[Any, ...]) -> Convert:
    def convert(data: Any) -> Any:
        if not any(data == value and type(data) is type(value) for value in allowed):
            raise _fail(f"one of {list(allowed)}", data)
        return data

    return convert


def _decode_array(data: Any) -> Any:
    if not isinstance(data, dict) or set(data) != {"dtype", "shape", "data"}:
        raise _fail("an array record {dtype, shape, data}", data)
    try:
        dtype = np.dtype(_exact(str)(data["dtype"]))
    except TypeError as error:
        raise _fail("a numpy dtype", data["dtype"]) from error
    if dtype.kind not in NUMERIC_KINDS:
        raise _fail("a numeric dtype", data["dtype"])
    shape = _sequence_decoder(tuple, (int, Ellipsis))(data["shape"])
    raw = _decode_bytes(data["data"])
    if any(size < 0 for size in shape) or int(np.prod(shape)) * dtype.itemsize != len(raw):
        raise _fail(f"{np.prod(shape)} items of {dtype}", f"{len(raw)} bytes")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).astype(dtype.newbyteorder("="))


def _union_decoder(arms: tuple[Any, ...]) -> Convert:
    decoders = [_decoder(arm) for arm in arms]

    def convert(data: Any) -> Any:
        for dec in decoders:
            try:
                return dec(data)
            except CodecError:
                continue
        raise _fail(" | ".join(map(str, arms)), data)

    return convert


def _sequence_decoder(origin: Any, args: tuple[Any, ...]) -> Convert:
    variadic = origin is list or (len(args) == 2 and args[1] is Ellipsis)
    if variadic:
        item = _decoder(args[0])

        def convert(data: Any) -> Any:
            if not isinstance(data, list):
                raise _fail("a list", data)
            return origin(item(element) for element in data)

        return convert
    items = [_decoder(arg) for arg in args]

    def fixed(data: Any) -> Any:
        if not isinstance(data, list) or len(data) != len(items):
            raise _fail(f"a list of {len(items)} items", data)
        return tuple(dec(element) for dec, element in zip(items, data, strict=True))

    return fixed


def _dict_decoder(item: Convert) -> Convert:
    def convert(data: Any) -> Any:
        if not isinstance(data, dict) or not all(isinstance(key, str) for key in data):
            raise _fail("an object", data)
        return {key: item(value) for key, value in data.items()}

    return convert


def _record_decoder(cls: type) -> Convert:
    fields = [f for f in dataclasses.fields(cls) if f.init]
    decoders = {f.name: _decoder(_hints(cls)[f.name]) for f in fields}
    required = {
        f.name
        for f in fields
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }

    def convert(data: Any) -> Any:
        if not isinstance(data, dict):
            raise _fail(f"a {cls.__name__} object", data)
        unknown = set(data) - set(decoders)
        missing = required - set(data)
        if unknown or missing:
            raise _fail(f"{cls.__name__} fields (unknown {sorted(unknown)}, missing {sorted(missing)})", data)
        return cls(**{name: decoders[name](value) for name, value in data.items()})

    return convert

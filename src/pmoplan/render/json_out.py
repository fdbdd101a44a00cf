"""Stable, documented JSON: every document carries a ``schema_version``."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from functools import cache, partial
from types import UnionType
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

if TYPE_CHECKING:
    from pydantic import BaseModel

SCHEMA_VERSION = 1


def to_json(document: dict[str, Any]) -> str:
    """Serialise a JSON document (already containing ``schema_version``) deterministically.

    ``Infinity`` and ``NaN`` are not JSON: inputs are checked to be finite, so a non-finite
    number here is a bug and raises :class:`ValueError` rather than writing invalid JSON.
    """
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def model_data(model: BaseModel) -> dict[str, Any]:
    """``model.model_dump(mode="json")`` for the catalogue's plain models, without building a serializer.

    Pydantic builds a model's serializer (its whole core schema: some 20 ms for a course) on the
    first dump; for models whose fields are plain values, lists, dicts, dates and other such models,
    the JSON is their fields in order, each typed as its annotation says (an int default of a float
    field is written 0.0, as pydantic writes it). A model with aliases, excluded fields or serializer
    functions goes through pydantic. What each field needs is worked out once per model class
    (:func:`_encoders`), not per value. ``tests/test_json_data.py`` checks that both give the same
    text for the whole catalogue.
    """
    encoders = _encoders(type(model))
    if encoders is None:
        return model.model_dump(mode="json")
    values = model.__dict__
    return {name: (values[name] if encode is None else encode(values[name])) for name, encode in encoders}


Encoder = Callable[[Any], Any]


@cache
def _encoders(model: type[BaseModel]) -> tuple[tuple[str, Encoder | None], ...] | None:
    """Each field's name and what turns its value into JSON (None: the value is JSON already); None if not plain."""
    if not plain_model(model):
        return None
    return tuple((name, _encoder(info.annotation)) for name, info in model.model_fields.items())


def plain_model(model: type[BaseModel]) -> bool:
    """Whether a model's JSON is its fields in order: no aliases, exclusions, serializers or computed fields."""
    decorators = model.__pydantic_decorators__
    return not (
        model.model_config.get("serialize_by_alias")
        or decorators.field_serializers
        or decorators.model_serializers
        or decorators.computed_fields
        or any(info.alias or info.serialization_alias or info.exclude for info in model.model_fields.values())
    )


def _encoder(annotation: Any) -> Encoder | None:
    """What turns a value of ``annotation`` into JSON, or None when the value already is JSON."""
    from pydantic import BaseModel

    optional = _is_optional(annotation)
    bare = _bare(annotation)
    origin, args = get_origin(bare), get_args(bare)
    encode: Encoder | None
    if bare in (str, int, bool) or origin is Literal:
        return None
    if origin in (list, tuple) and args and (origin is list or len(args) == 1 or args[1] is Ellipsis):
        encode = partial(_sequence, _encoder(args[0]))
    elif origin is dict and len(args) == 2:
        encode = partial(_mapping, _encoder(args[1]))
    elif isinstance(bare, type) and issubclass(bare, BaseModel):
        encode = model_data
    elif bare is date:
        encode = date.isoformat
    elif bare is float:
        encode = _float
    else:
        return partial(_value, annotation=annotation)  # unions of several types: decided by each value
    return partial(_or_none, encode) if optional else encode


def _is_optional(annotation: Any) -> bool:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return get_origin(annotation) in (Union, UnionType) and type(None) in get_args(annotation)


def _or_none(encode: Encoder, value: Any) -> Any:
    return None if value is None else encode(value)


def _sequence(encode: Encoder | None, value: Any) -> list[Any]:
    return list(value) if encode is None else [encode(item) for item in value]


def _mapping(encode: Encoder | None, value: dict[str, Any]) -> dict[str, Any]:
    return dict(value) if encode is None else {key: encode(item) for key, item in value.items()}


def _float(value: Any) -> Any:
    return float(value) if type(value) is int else value


def _value(value: Any, annotation: Any) -> Any:
    """A field's value as JSON, by its annotation (float fields as floats, dates as ISO text)."""
    from pydantic import BaseModel

    annotation = _bare(annotation)
    if isinstance(value, BaseModel):
        return model_data(value)
    if isinstance(value, list | tuple):
        item = get_args(annotation)[0] if get_origin(annotation) in (list, tuple) and get_args(annotation) else Any
        return [_value(part, item) for part in value]
    if isinstance(value, dict):
        item = get_args(annotation)[1] if get_origin(annotation) is dict else Any
        return {key: _value(part, item) for key, part in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if annotation is float and type(value) is int:
        return float(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"no plain JSON for {type(value).__name__}")


def _bare(annotation: Any) -> Any:
    """``annotation`` without ``Annotated[...]`` and without ``| None``."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, UnionType):
        options = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(options) == 1:
            return _bare(options[0])
    return annotation

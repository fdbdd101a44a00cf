"""Stable, documented JSON: every document carries a ``schema_version``."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

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
    the JSON is just their fields in order. A model with aliases, excluded fields or serializer
    functions goes through pydantic. ``tests/test_json_data.py`` checks that both give the same
    document for the whole catalogue.
    """
    if not _plain(type(model)):
        return model.model_dump(mode="json")
    return {name: _value(getattr(model, name)) for name in type(model).model_fields}


def _plain(model: type[BaseModel]) -> bool:
    """Whether a model's JSON is its fields in order: no aliases, exclusions, serializers or computed fields."""
    decorators = model.__pydantic_decorators__
    return not (
        model.model_config.get("serialize_by_alias")
        or decorators.field_serializers
        or decorators.model_serializers
        or decorators.computed_fields
        or any(info.alias or info.serialization_alias or info.exclude for info in model.model_fields.values())
    )


def _value(value: Any) -> Any:
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        return model_data(value)
    if isinstance(value, list | tuple):
        return [_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _value(item) for key, item in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"no plain JSON for {type(value).__name__}")

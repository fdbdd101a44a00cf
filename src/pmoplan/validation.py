"""Turn pydantic validation errors into located, readable problems."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from pmoplan.errors import InputError, Problem, suggest
from pmoplan.strict_yaml import Located, PathKey

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound="BaseModel")


def validate_document(model: type[Model], document: Located) -> Model:
    """Validate a parsed document into ``model``; every problem is reported with its position."""
    from pydantic import ValidationError

    if document.value is None:
        raise InputError([Problem(document.file, "file is empty (expected a mapping)", 1, 1)])
    if not isinstance(document.value, dict):
        found = "a list" if isinstance(document.value, list) else f"{document.value!r}"
        raise InputError([Problem(document.file, f"expected a mapping at the top level, found {found}", 1, 1)])
    try:
        return model.model_validate(document.value)
    except ValidationError as error:
        raise InputError(problems_from_validation(error, document, model)) from None


def problems_from_validation(error: ValidationError, document: Located, model: type[BaseModel]) -> list[Problem]:
    """One :class:`Problem` per pydantic error, located in ``document``, in file order."""
    field_names = _all_field_names(model)
    problems = []
    for detail in error.errors(include_url=False):
        loc = tuple(part for part in detail["loc"] if part != "[key]")
        problems.append(_problem(detail, loc, document, field_names))
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def _problem(detail: Any, loc: PathKey, document: Located, field_names: set[str]) -> Problem:
    kind = detail["type"]
    if kind == "missing":
        return document.problem(loc[:-1], f"missing required field '{loc[-1]}'")
    if kind == "extra_forbidden":
        name = str(loc[-1])
        return document.problem(loc, f"unknown field '{name}'{suggest(name, field_names)}", key=True)
    if "[key]" in [str(p) for p in detail["loc"]]:
        return document.problem(loc, f"invalid key {loc[-1]!r}: {detail['msg']}", key=True)
    return document.problem(loc, _message(kind, detail))


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(kind: str, detail: Any) -> str:
    value = detail.get("input")
    shown = _shown(value)
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"expected a whole number, got {shown}"
    if kind in {"float_type", "float_parsing"}:
        return f"expected a number, got {shown}"
    if kind == "bool_type":
        return f"expected true or false, got {shown}"
    if kind == "string_type":
        hint = "; quote the value if it is meant as text" if isinstance(value, (int, float, bool)) else ""
        return f"expected text, got {shown}{hint}"
    if kind in {"list_type", "tuple_type"}:
        return f"expected a list, got {shown}"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"expected a mapping, got {shown}"
    if kind == "string_pattern_mismatch":
        return f"invalid value {shown}: {detail['msg'].lower()}"
    if kind in {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}:
        return f"expected a date like 2026-03-01, got {shown}"
    return f"{detail['msg']} (got {shown})"


def _all_field_names(model: type[BaseModel]) -> set[str]:
    """Field names of ``model`` and every model nested in it, for 'did you mean' hints."""
    from pydantic import BaseModel

    names: set[str] = set()
    seen: set[type] = set()
    pending: list[type[BaseModel]] = [model]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        for name, info in current.model_fields.items():
            names.add(name)
            for candidate in _types_in(info.annotation):
                if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                    pending.append(candidate)
    return names


def _types_in(annotation: Any) -> list[Any]:
    from typing import get_args

    found = [annotation]
    for arg in get_args(annotation):
        found.extend(_types_in(arg))
    return found

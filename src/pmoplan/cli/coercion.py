"""Typer's checks of option values, built only for the values that need them.

Typer 0.29 checks every parameter's value through a "runtime parameter" that it builds on first
use: a pydantic ``TypeAdapter`` (about a millisecond each; the first one imports pydantic's schema
machinery, some 20 ms). It builds one for every parameter of the command that runs, also for the
options nobody gave, whose value is ``None``, and for ``--help``. Yet typer's coercion of ``None``
never looks at the adapter: the result is ``None``, or an empty tuple for a repeatable option.

:func:`install` makes typer's parameters start with :class:`LazyCoercion`, which answers ``None``
itself and builds typer's own runtime parameter, once, for the first real value. Every value a user
gives is still checked by typer exactly as before (same results, same error messages); a plainly
valid choice (``--format json``) or whole number (``--level 2``) gets the answer typer's check would
give without building it (:func:`_plainly_valid`), and anything else goes to typer.

This leans on two details of typer's internals (``_TyperParameter.get_runtime_param`` and
``typer._coercion.build_runtime_param``); ``tests/test_startup_guards.py`` checks that they still
exist and behave as assumed, so a typer upgrade that changes them fails a test instead of changing
anything silently.
"""

from __future__ import annotations

import math
import re
from enum import Enum
from typing import Any

from typer.core import _TyperParameter


class LazyCoercion:
    """Stands in for typer's runtime parameter until a value other than ``None`` needs checking."""

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        """The value as typer's own check would return it.

        ``None`` and plainly valid values are answered here; anything else goes through typer's own
        coercion, built now.
        """
        if value is None:
            return () if param.multiple or param.nargs == -1 else None
        plain = _plainly_valid(value, param, ctx)
        if plain is not _UNSURE:
            return plain
        from typer._coercion import build_runtime_param

        param._runtime_param = build_runtime_param(param.type_descriptor)
        return param._runtime_param.coerce(value, param=param, ctx=ctx)


_UNSURE = object()
_DIGITS = re.compile(r"[0-9]{1,9}")
_DECIMAL = re.compile(r"[0-9]{1,9}(\.[0-9]{1,9})?")


def _plainly_valid(value: Any, param: Any, ctx: Any) -> Any:
    """What typer's adapter would return for a value that is plainly valid; ``_UNSURE`` otherwise.

    Two cases only, mirroring typer's ``build_leaf_adapter``: a choice of an Enum option (typer's
    adapter is ``coerce_cli_choice`` wrapped in pydantic, so its answer is that function's), and a
    number written in plain digits (``2``, ``7.5``) or given as a default, within the option's
    ``min``/``max`` (pydantic's lax int and float give the same value). Anything else, and anything
    that would be an error, goes to typer, so every message stays typer's.
    """
    if param.multiple or param.nargs != 1:
        return _UNSURE
    descriptor = param.type_descriptor
    info = descriptor.parameter_info
    annotation = descriptor.annotation
    if info.parser is not None or descriptor.file_annotation is not None:
        return _UNSURE
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        from typer._param_types import coerce_cli_choice

        try:
            return coerce_cli_choice(value, choices=list(annotation), case_sensitive=info.case_sensitive, ctx=ctx)
        except ValueError:
            return _UNSURE
    if annotation in (int, float) and not info.clamp:
        number = _plain_number(value, annotation)
        if number is None:
            return _UNSURE
        if (info.min is not None and number < info.min) or (info.max is not None and number > info.max):
            return _UNSURE
        return number
    return _UNSURE


def _plain_number(value: Any, annotation: type) -> int | float | None:
    """An int from plain digits or an int; a float from plain decimals, an int or a finite float; else None."""
    if annotation is int:
        if isinstance(value, str) and _DIGITS.fullmatch(value):
            return int(value)
        return value if type(value) is int else None
    if isinstance(value, str) and _DECIMAL.fullmatch(value):
        return float(value)
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        return float(value)
    return None


LAZY = LazyCoercion()


def _lazy_runtime_param(param: Any) -> Any:
    """Typer's ``get_runtime_param``, with :data:`LAZY` until a real value has needed the real one."""
    if param._runtime_param is None:
        return LAZY
    return param._runtime_param


def install() -> None:
    """Make every typer parameter build its value check only for a value that needs one (idempotent)."""
    _TyperParameter.get_runtime_param = _lazy_runtime_param  # type: ignore[assignment,method-assign]

"""Typer's checks of option values, built only for the values that need them.

Typer 0.29 checks every parameter's value through a "runtime parameter" that it builds on first
use: a pydantic ``TypeAdapter`` (about a millisecond each; the first one imports pydantic's schema
machinery, some 20 ms). It builds one for every parameter of the command that runs, also for the
options nobody gave, whose value is ``None``, and for ``--help``. Yet typer's coercion of ``None``
never looks at the adapter: the result is ``None``, or an empty tuple for a repeatable option.

:func:`install` makes typer's parameters start with :class:`LazyCoercion`, which answers ``None``
itself and builds typer's own runtime parameter, once, for the first real value. Every value a user
gives is still checked by typer exactly as before (same results, same error messages).

This leans on two details of typer's internals (``_TyperParameter.get_runtime_param`` and
``typer._coercion.build_runtime_param``); ``tests/test_startup_guards.py`` checks that they still
exist and behave as assumed, so a typer upgrade that changes them fails a test instead of changing
anything silently.
"""

from __future__ import annotations

from typing import Any

from typer.core import _TyperParameter


class LazyCoercion:
    """Stands in for typer's runtime parameter until a value other than ``None`` needs checking."""

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        """``None`` as typer coerces it; any other value through typer's own coercion, built now."""
        if value is None:
            return () if param.multiple or param.nargs == -1 else None
        from typer._coercion import build_runtime_param

        param._runtime_param = build_runtime_param(param.type_descriptor)
        return param._runtime_param.coerce(value, param=param, ctx=ctx)


LAZY = LazyCoercion()


def _lazy_runtime_param(param: Any) -> Any:
    """Typer's ``get_runtime_param``, with :data:`LAZY` until a real value has needed the real one."""
    if param._runtime_param is None:
        return LAZY
    return param._runtime_param


def install() -> None:
    """Make every typer parameter build its value check only for a value that needs one (idempotent)."""
    _TyperParameter.get_runtime_param = _lazy_runtime_param  # type: ignore[assignment,method-assign]

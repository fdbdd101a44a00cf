"""Typer's checks of option values, built only for values given (``pmoplan.cli.coercion``), change no answer.

For every parameter of every command, a value of ``None`` (an option nobody gave) comes back exactly as
typer's own coercion returns it, and any other value goes through typer's own check: the same value
or the same error message. The typer internals the module relies on are checked to exist, so an
upgrade that moves them fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import typer
import typer._coercion
import typer.core
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st

from pmoplan.cli import app, coercion


def all_commands(command: Any) -> Iterator[Any]:
    """A command and every command under it."""
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from all_commands(sub)


def parameters() -> list[tuple[Any, Any]]:
    """(command, parameter) for every typer parameter of pmoplan, help and completion options included."""
    group = typer.main.get_command(app)
    found = []
    for command in all_commands(group):
        ctx = command.context_class(command, info_name=command.name)
        params = command.get_params(ctx)
        found += [(command, param) for param in params if isinstance(param, typer.core._TyperParameter)]
    return found


PARAMETERS = parameters()


def outcome(call: Any) -> tuple[str, Any]:
    """What a coercion gives: its value, or the message of the error it raises."""
    try:
        return ("value", call())
    except typer.BadParameter as error:
        return ("error", error.format_message())


def test_typer_still_has_what_the_lazy_coercion_relies_on() -> None:
    assert callable(typer._coercion.build_runtime_param)
    assert callable(typer.core._TyperParameter.get_runtime_param)
    coercion.install()
    assert typer.core._TyperParameter.get_runtime_param is coercion._lazy_runtime_param


@pytest.mark.parametrize(("command", "param"), PARAMETERS, ids=[f"{c.name} {p.name}" for c, p in PARAMETERS])
def test_no_value_is_coerced_as_typer_coerces_it(command: Any, param: Any) -> None:
    ctx = command.context_class(command, info_name=command.name)
    real = typer._coercion.build_runtime_param(param.type_descriptor)
    assert coercion.LAZY.coerce(None, param, ctx) == real.coerce(None, param=param, ctx=ctx)


VALUES = st.one_of(
    st.sampled_from(["0", "1", "2", "4", "5", "-1", "2.5", "1e400", "nan", "", "json", "JSON", "table", "x y"]),
    st.text(max_size=6),
    st.lists(st.sampled_from(["p3o-foundation", "3", "benefits"]), max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(index=st.integers(min_value=0, max_value=len(PARAMETERS) - 1), value=VALUES)
def test_a_given_value_is_checked_exactly_as_typer_checks_it(index: int, value: Any) -> None:
    command, param = PARAMETERS[index]
    ctx = command.context_class(command, info_name=command.name)
    real = typer._coercion.build_runtime_param(param.type_descriptor)
    saved = param._runtime_param
    param._runtime_param = None  # a fresh parameter: the lazy coercion builds typer's own one for this value
    try:
        lazy = outcome(lambda: coercion.LAZY.coerce(value, param, ctx))
        built = param._runtime_param
    finally:
        param._runtime_param = saved
    assert lazy == outcome(lambda: real.coerce(value, param=param, ctx=ctx))
    assert type(built) is type(real), "the value was checked by typer's own runtime parameter"

"""Typer's checks of option values, built only for values given (``pmoplan.cli.coercion``), change no answer.

For every parameter of every command, a value of ``None`` (an option nobody gave) comes back exactly as
typer's own coercion returns it, and any other value goes through typer's own check: the same value
or the same error message. The typer internals the module relies on are checked to exist, so an
upgrade that moves them fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
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


EDGES = ["0", "1", "2", "4", "5", "-1", "+2", " 2", "2 ", "02", "007", "2_0", "\u0663", "2.5", "1e400", "nan", ""]
EDGES += ["json", "JSON", "Json", "table", "xlsx", "csv ", "x y", "pdf", "7.5", "08", "0.0", "1e2", ".5", "5."]
VALUES = st.one_of(
    st.sampled_from(EDGES),
    st.integers(min_value=-3, max_value=30),
    st.booleans(),
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
    assert repr(lazy) == repr(outcome(lambda: real.coerce(value, param=param, ctx=ctx)))  # nan == nan
    assert built is None or type(built) is type(real), "answered plainly, or by typer's own runtime parameter"


def lazy_outcome(param: Any, ctx: Any, value: Any) -> tuple[str, Any]:
    """The lazy coercion's answer for a fresh parameter (its typer check not built yet)."""
    saved = param._runtime_param
    param._runtime_param = None
    try:
        return outcome(partial(coercion.LAZY.coerce, value, param, ctx))
    finally:
        param._runtime_param = saved


def test_every_parameter_answers_every_edge_value_as_typer_does() -> None:
    """Exhaustive over the awkward strings and small numbers (Hypothesis above adds random text)."""
    for command, param in PARAMETERS:
        ctx = command.context_class(command, info_name=command.name)
        real = typer._coercion.build_runtime_param(param.type_descriptor)
        for value in [*EDGES, *range(-2, 25), 2.5, 8.0, -1.0, float("inf"), float("nan"), True, False]:
            expected = outcome(partial(real.coerce, value, param=param, ctx=ctx))
            assert repr(lazy_outcome(param, ctx, value)) == repr(expected), (command.name, param.name, value)


def find(command: str, name: str) -> tuple[Any, Any]:
    return next((c, p) for c, p in PARAMETERS if c.name == command and p.name == name)


@pytest.mark.parametrize(
    ("command", "name", "value", "expected"),
    [
        ("courses", "fmt", "JSON", "json"),
        ("plan", "level", "2", 2),
        ("plan", "years", 6, 6),
        ("plan", "month", "12", 12),
        ("plan", "days_per_year", 8, 8.0),
        ("plan", "days_per_year", "7.5", 7.5),
    ],
)
def test_plainly_valid_values_need_no_adapter(command: str, name: str, value: Any, expected: Any) -> None:
    cmd, param = find(command, name)
    ctx = cmd.context_class(cmd, info_name=cmd.name)
    saved = param._runtime_param
    param._runtime_param = None
    try:
        assert coercion.LAZY.coerce(value, param, ctx) == expected
        assert param._runtime_param is None, "answered without building typer's adapter"
    finally:
        param._runtime_param = saved


@pytest.mark.parametrize(
    ("command", "name", "value"), [("plan", "level", "5"), ("plan", "level", "two"), ("courses", "fmt", "pdf")]
)
def test_anything_else_is_typer_s_own_answer(command: str, name: str, value: str) -> None:
    cmd, param = find(command, name)
    ctx = cmd.context_class(cmd, info_name=cmd.name)
    real = typer._coercion.build_runtime_param(param.type_descriptor)
    expected = outcome(lambda: real.coerce(value, param=param, ctx=ctx))
    saved = param._runtime_param
    param._runtime_param = None
    try:
        assert outcome(lambda: coercion.LAZY.coerce(value, param, ctx)) == expected
        assert param._runtime_param is not None, "typer's own check was built for it"
    finally:
        param._runtime_param = saved

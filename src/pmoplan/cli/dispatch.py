"""Build only the command a run asks for.

Typer turns every registered command into a click command before it parses anything: it reads each
function's signature and evaluates its annotations, twice, some 20 ms for pmoplan's two dozen
commands, all but one of them unused. :func:`app_for` looks at the command line the way the root
group will (its options ``--data-dir VALUE`` and ``--prices VALUE`` may come first) and, when the
first word is a known command or group, hands typer a copy of the application holding that one
alone. The root's own help (``pmoplan``, ``pmoplan --help``, ``pmoplan -h``) lists every command by
name and first docstring line only, so each command is built there from a stand-in without
parameters (:func:`_listed_only`). Everything else (an unknown or misspelt command, an option this
module does not know, shell completion) gets the whole application, so those screens and messages
are unchanged; ``tests/test_cli_dispatch.py`` compares both paths.
"""

from __future__ import annotations

import copy
import os
import typing
from collections.abc import Sequence
from types import FunctionType

import typer
from typer.main import get_command_name
from typer.models import CommandInfo, TyperInfo

# The root options that take a value: the command name comes after it.
VALUE_OPTIONS = ("--data-dir", "--prices")


def command_word(argv: Sequence[str]) -> str | None:
    """The command the root group will run, if the line is plain enough to tell without typer; else None."""
    index = 0
    while index < len(argv):
        word = argv[index]
        if word in VALUE_OPTIONS:
            index += 2
        elif word.startswith(tuple(f"{option}=" for option in VALUE_OPTIONS)):
            index += 1
        elif word.startswith("-"):
            return None  # --help, --version, '--', an unknown option: typer decides, with every command
        else:
            return word
    return None


def _completing() -> bool:
    """Whether the shell is asking for completions (typer's ``_PROG_COMPLETE`` variable is set)."""
    return any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ)


ROOT_HELP: tuple[list[str], ...] = ([], ["--help"], ["-h"])


def app_for(app: typer.Typer, argv: Sequence[str]) -> typer.Typer:
    """``app``, or a copy holding only the command or group ``argv`` runs (the original is unchanged)."""
    if _completing():
        return app
    if list(argv) in ROOT_HELP:
        return _listed_only(app)
    word = command_word(argv)
    if word is None:
        return app
    commands = [
        info
        for info in app.registered_commands
        if info.callback is not None and (info.name or get_command_name(info.callback.__name__)) == word
    ]
    groups = [info for info in app.registered_groups if info.name == word]
    if not commands and not groups:
        return app  # an unknown command: typer's message suggests the closest of all of them
    single = copy.copy(app)
    single.registered_commands = commands
    single.registered_groups = groups
    _resolve_annotations(single)
    return single


def _resolve_annotations(app: typer.Typer) -> None:
    """Evaluate, once and in place, the annotations of every callback typer is about to read.

    The command modules use ``from __future__ import annotations``, so each parameter's annotation
    is a string such as ``Annotated[int, typer.Option("--years", min=1, max=20, ...)]``; typer evaluates
    every one of them four times (twice for the signature, twice for the type hints). Evaluated here
    once, typer finds them ready. The objects are those typer would have made itself.
    """
    callbacks = [info.callback for info in app.registered_commands]
    if app.registered_callback is not None:
        callbacks.append(app.registered_callback.callback)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            _resolve_annotations(group.typer_instance)
        callbacks.append(group.callback)
    for callback in callbacks:
        if isinstance(callback, FunctionType) and any(isinstance(h, str) for h in callback.__annotations__.values()):
            callback.__annotations__ = typing.get_type_hints(callback, include_extras=True)


def _listed_only(app: typer.Typer) -> typer.Typer:
    """A copy of ``app`` whose commands keep their names and docstrings but no parameters.

    The root's help shows each command's name and the first line of its docstring, nothing of its
    options, so typer need not read two dozen signatures to print it. Only for help lines: the
    stand-ins are never run.
    """
    listed = copy.copy(app)
    listed.registered_commands = [_stand_in(info) for info in app.registered_commands]
    listed.registered_groups = [_group_stand_in(info) for info in app.registered_groups]
    return listed


def _stand_in(info: CommandInfo) -> CommandInfo:
    """The command with a parameterless callback of the same name and docstring."""
    callback = info.callback
    if callback is None:
        return info

    def stand_in() -> None:  # pragma: no cover - never run: only help is printed
        """Replaced below by the command's own docstring."""

    stand_in.__name__, stand_in.__doc__ = callback.__name__, callback.__doc__
    copied = copy.copy(info)
    copied.callback = stand_in
    return copied


def _group_stand_in(info: TyperInfo) -> TyperInfo:
    """A sub-group whose own commands are stand-ins (its name, help and callback are kept)."""
    if info.typer_instance is None:
        return info
    copied = copy.copy(info)
    copied.typer_instance = _listed_only(info.typer_instance)
    return copied

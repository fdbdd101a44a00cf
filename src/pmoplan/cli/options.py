"""Shared option types and output helpers for the command modules."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pmoplan.errors import UsageProblem

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from pmoplan.catalogue import Catalogue


class OutputFormat(StrEnum):
    """Output formats; each command accepts the subset that makes sense for it."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    ics = "ics"
    html = "html"


# Options shared by the commands that write files.
OutputPathOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (atomically).")]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace an existing --output file.")]
PlainOption = Annotated[bool, typer.Option("--plain", help="ASCII tables, no colour (also when piped or NO_COLOR).")]


def require_format(fmt: OutputFormat, allowed: tuple[OutputFormat, ...], command: str) -> None:
    """Refuse a format the command cannot produce (a usage error, exit 2)."""
    if fmt not in allowed:
        names = ", ".join(f.value for f in allowed)
        raise UsageProblem(f"'{command}' cannot write {fmt.value}; choose one of: {names}")


def data_dir(ctx: typer.Context) -> Path | None:
    """The ``--data-dir`` given to the root command, if any."""
    root = ctx.find_root()
    obj: dict[str, Any] = root.obj or {}
    value = obj.get("data_dir")
    return value if isinstance(value, Path) else None


def price_sheet(ctx: typer.Context) -> Path | None:
    """The ``--prices`` sheet given to the root command, if any."""
    obj: dict[str, Any] = ctx.find_root().obj or {}
    value = obj.get("prices")
    return value if isinstance(value, Path) else None


def catalogue(ctx: typer.Context) -> Catalogue:
    """Load the catalogue named by ``--data-dir`` (or the shipped one), with any price sheet applied."""
    from pmoplan.loading import load_catalogue

    return load_catalogue(data_dir(ctx), price_sheet(ctx))


def is_plain() -> bool:
    """Plain ASCII output: when ``NO_COLOR`` is set or stdout is not a terminal."""
    return bool(os.environ.get("NO_COLOR")) or not sys.stdout.isatty()


def stdout_console() -> Console:
    """The console for data on stdout: no markup, no highlighting, colour only on a terminal."""
    from rich.console import Console

    # Plain output (NO_COLOR, pipes) carries no escape codes at all, not even bold or dim.
    if is_plain():
        return Console(markup=False, highlight=False, emoji=False, soft_wrap=False, color_system=None)
    return Console(markup=False, highlight=False, emoji=False, soft_wrap=False)


def stderr_console() -> Console:
    """The console for messages and progress on stderr."""
    from rich.console import Console

    return Console(stderr=True, markup=False, highlight=False, emoji=False)


def notice(message: str) -> None:
    """A message for the user on stderr (never parsed as markup, even if it holds a path with '[')."""
    from rich.text import Text

    stderr_console().print(Text(message), soft_wrap=True)


def print_renderables(*renderables: RenderableType) -> None:
    """Print rich renderables to stdout."""
    console = stdout_console()
    for renderable in renderables:
        console.print(renderable)


def write_text(text: str) -> None:
    """Write text data to stdout as UTF-8 whatever the locale (a CSV's BOM and '£' must survive)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    sys.stdout.flush()

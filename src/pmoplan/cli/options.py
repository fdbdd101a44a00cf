"""Shared option types and output helpers for the command modules."""

from __future__ import annotations

import math
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pmoplan.errors import UsageProblem

if TYPE_CHECKING:
    from datetime import date

    from rich.console import Console, RenderableType

    from pmoplan.catalogue import Catalogue
    from pmoplan.render.report_header import ReportHeader


class OutputFormat(StrEnum):
    """Output formats; each command accepts the subset that makes sense for it."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    ics = "ics"
    html = "html"
    xlsx = "xlsx"


# Options shared by the commands that write files.
OutputPathOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE atomically ('-' for stdout); its extension (.html .md .csv .ics .json .xlsx) "
        "chooses the format unless --format is given. Never replaces an input of the run.",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace an existing --output file.")]
PlainOption = Annotated[bool, typer.Option("--plain", help="ASCII tables, no colour (also when piped or NO_COLOR).")]


TitleOption = Annotated[
    str | None,
    typer.Option(
        "--title",
        metavar="TEXT",
        help="Whom the report is for, named in the header of HTML and Markdown output.",
        show_default=False,
    ),
]


def report_header(
    ctx: typer.Context,
    cat: Catalogue,
    today: date,
    *,
    title: str | None,
    profile: str | None = None,
    assessed_on: date | None = None,
    stated_level: bool = False,
) -> ReportHeader:
    """The header of a shared report: ``--title``, today as the date of issue, the catalogue's dates and folder.

    ``profile``, ``assessed_on`` and ``stated_level`` say what a personal plan was made from.
    """
    from pmoplan.render.report_header import ReportHeader

    if title is not None and (not title.strip() or any(ord(c) < 32 or ord(c) == 127 for c in title)):
        raise typer.BadParameter("expected a name on one line", param_hint="'--title'")
    folder = data_dir(ctx)
    return ReportHeader(
        issued=today,
        catalogue_seen=cat.seen_dates(),
        data_dir=str(folder) if folder is not None else None,
        title=title.strip() if title is not None else None,
        profile=profile,
        assessed_on=assessed_on,
        stated_level=stated_level,
    )


def finite(value: float | None) -> float | None:
    """Option callback: refuse ``inf``, ``1e400`` (which overflows to inf) and ``nan``."""
    if value is not None and not math.isfinite(value):
        raise typer.BadParameter(f"expected a finite number, got {value!r}")
    return value


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
    """Load the catalogue named by ``--data-dir`` (or the shipped one), with any price sheet applied.

    A file in that folder that looks like a misspelt catalogue file (``courses.yml``) is named in a
    warning: otherwise the shipped file would be used in its place without a word.
    """
    from pmoplan.loading import load_catalogue, unread_files

    folder = data_dir(ctx)
    loaded = load_catalogue(folder, price_sheet(ctx))
    for unread in unread_files(folder):
        if unread.meant is not None:
            notice(f"pmoplan: warning: {unread.path}: not read; did you mean {unread.meant}?")
    return loaded


def is_plain() -> bool:
    """Plain ASCII output: when ``NO_COLOR`` is set or stdout is not a terminal."""
    return bool(os.environ.get("NO_COLOR")) or not sys.stdout.isatty()


def stdout_console() -> Console:
    """The console for data on stdout: no markup, no highlighting, colour only on a terminal."""
    from pmoplan.safe_console import safe_console

    # Plain output (NO_COLOR, pipes) carries no escape codes at all, not even bold or dim.
    if is_plain():
        return safe_console(markup=False, highlight=False, emoji=False, soft_wrap=False, color_system=None)
    return safe_console(markup=False, highlight=False, emoji=False, soft_wrap=False)


def stderr_console() -> Console:
    """The console for messages and progress on stderr."""
    from pmoplan.safe_console import safe_console

    return safe_console(stderr=True, markup=False, highlight=False, emoji=False)


def report(message: str) -> None:
    """Write one ``pmoplan: error: ...`` line to stderr: control characters made visible, length capped."""
    from pmoplan.safe_text import one_line

    if sys.stderr is None:  # started with stderr closed: the exit code is all that can be said
        return
    sys.stderr.write(f"pmoplan: error: {one_line(message)}\n")
    sys.stderr.flush()


def notice(message: str) -> None:
    """A message for the user on stderr (never parsed as markup, even if it holds a path with '[')."""
    from rich.text import Text

    stderr_console().print(Text(message), soft_wrap=True)


def print_renderables(*renderables: RenderableType) -> None:
    """Print rich renderables to stdout."""
    console = stdout_console()
    with console:  # one write at the end: an unencodable character fails before any output
        for renderable in renderables:
            console.print(renderable)


def write_text(text: str) -> None:
    """Write text data to stdout as UTF-8 whatever the locale (a CSV's BOM and '£' must survive).

    On a terminal, control characters are shown escaped (see :mod:`pmoplan.safe_text`); piped or
    redirected, the data is written exactly.
    """
    if sys.stdout.isatty():
        from pmoplan.safe_text import terminal_safe

        text = terminal_safe(text)
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    sys.stdout.flush()

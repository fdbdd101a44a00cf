"""The one output path: every command chooses its format and writes its result here.

* The format comes from ``--format``, else from the ``--output`` file's extension (``.html``,
  ``.md``, ``.csv``, ``.ics``, ``.json``, ``.xlsx``), else the table; an extension that
  contradicts ``--format`` is refused rather than guessed.
* ``--output -`` (or no ``--output``) writes to stdout; a file is written atomically.
* A CSV's byte order mark is for spreadsheet programs opening a file: it is written to files
  only, never to stdout, where it would break the next program in a pipe.
* No output may replace an input of the run (:mod:`pmoplan.inputs`), with or without
  ``--force``; an existing file is replaced only with ``--force``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pmoplan.cli.options import OutputFormat, is_plain, notice, require_format, stdout_console, write_text
from pmoplan.errors import OutputError, UsageProblem

if TYPE_CHECKING:
    from rich.console import RenderableType

STDOUT = "-"
BOM = "\ufeff"
FILE_WIDTH = 100  # a table written to a file is laid out for 100 columns, like a printed page
# Extension → format name. A name that is not an OutputFormat yet (xlsx) is refused by name, so
# '-o plan.xlsx' says the command cannot write xlsx instead of writing a text table into it.
EXTENSIONS: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".csv": "csv",
    ".ics": "ics",
    ".json": "json",
    ".xlsx": "xlsx",
}


@dataclass(frozen=True)
class TerminalView:
    """A view for the terminal: rich renderables built for a width, plain (ASCII, no colour) or not.

    ``plain_text``, if given, writes the plain view for a width directly, byte for byte as rich would
    (see :mod:`pmoplan.render.plain_table` and :mod:`pmoplan.render.plain_plan`), or answers None to let
    rich do it.
    """

    build: Callable[[bool, int], Iterable[RenderableType]]
    plain_text: Callable[[int], str | None] | None = None


Document = str | bytes | Iterator[str] | TerminalView


def to_stdout(output: Path | None) -> bool:
    """Whether ``output`` means standard output (no ``--output``, or ``--output -``)."""
    return output is None or str(output) == STDOUT


def choose_format(
    fmt: OutputFormat | None, output: Path | None, allowed: tuple[OutputFormat, ...], command: str
) -> OutputFormat:
    """The format to write: ``--format``, else the output file's extension, else the table.

    Raises :class:`UsageProblem` when the extension and ``--format`` disagree, or when the
    command cannot write the chosen format.
    """
    name = None if to_stdout(output) or output is None else EXTENSIONS.get(output.suffix.lower())
    if fmt is not None and name is not None and fmt.value != name:
        raise UsageProblem(
            f"--format {fmt.value} does not match --output {output} (a {name} file); change one of them so they agree"
        )
    if fmt is None and name is not None and name not in {f.value for f in allowed}:
        names = ", ".join(f.value for f in allowed)
        raise UsageProblem(f"'{command}' cannot write {name}; choose one of: {names}")
    chosen = fmt or (OutputFormat(name) if name is not None else OutputFormat.table)
    require_format(chosen, allowed, command)
    return chosen


def emit(document: Document, *, output: Path | None, force: bool = False, plain: bool = False, what: str) -> None:
    """Write ``document`` to stdout or to the ``output`` file; ``what`` names it in the notice."""
    if to_stdout(output):
        _to_stdout(document, plain=plain or is_plain())
        return
    assert output is not None  # to_stdout(None) is True
    _to_file(document, output, force=force)
    written_notice(f"{what} written to {output}")


def written_notice(message: str) -> None:
    """The notice that a file was written, on stderr: straight as text where rich would print just that.

    Rich prints an unstyled line as it is (no wrapping, no escape codes); only text with control or
    bidi characters (which the sanitiser rewrites, and tabs, which rich expands) needs rich, and
    Windows consoles are left to rich too. So ``-o plan.txt`` never imports rich's console.
    """
    from pmoplan.safe_text import has_unsafe

    if sys.stderr is None or sys.platform == "win32" or has_unsafe(message):
        notice(message)
        return
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def _to_stdout(document: Document, *, plain: bool) -> None:
    if isinstance(document, TerminalView):
        text = _plain_text(document) if plain else None
        if text is not None:
            sys.stdout.write(text)  # the text layer, as rich writes: the same encoding rules apply
            return
        console = stdout_console()
        with console:  # one write at the end: an unencodable character fails before any output
            for renderable in document.build(plain, console.width):
                console.print(renderable)
    elif isinstance(document, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(document)
        sys.stdout.flush()
    elif isinstance(document, str):
        write_text(document.removeprefix(BOM))
    else:
        first = True
        for chunk in document:  # streamed: a large team report is never one string in memory
            write_text(chunk.removeprefix(BOM) if first else chunk)
            first = False


def _to_file(document: Document, output: Path, *, force: bool) -> None:
    from pmoplan import inputs
    from pmoplan.atomic import atomic_write

    if inputs.is_input(output):
        raise UsageProblem(f"{output}: is one of the input files; choose another --output")
    target = inputs.resolved(output)
    if target.exists() and not target.is_dir() and not force:
        raise OutputError(f"{output}: already exists; use --force to replace it")
    atomic_write(output, _serialised(document))


def _serialised(document: Document) -> str | bytes | Iterator[str]:
    """The document for :func:`~pmoplan.atomic.atomic_write`; pieces stay pieces.

    A streamed document (a large team report) goes into the temp file piece by piece, never one
    string in memory; a failure while it is produced still writes nothing (the temp file is removed).
    """
    if isinstance(document, TerminalView):
        return table_text(document, FILE_WIDTH)
    return document


def _plain_text(view: TerminalView) -> str | None:
    """The plain view written without rich, when the view can and the console's width is plainly known."""
    if view.plain_text is None:
        return None
    width = plain_stdout_width()
    return view.plain_text(width) if width is not None else None


def plain_stdout_width() -> int | None:
    """The width rich's console for stdout would have, when stdout is not a terminal; else None.

    Rich reads ``COLUMNS``, then the size of the first of file descriptors 0, 1 and 2 that is a terminal,
    then takes 80 (and pmoplan corrects an unusable ``COLUMNS``). Where rich would treat the output as
    a terminal anyway (``FORCE_COLOR``, ``TTY_COMPATIBLE``), in Jupyter or on Windows, None: rich decides.
    """
    import os

    from pmoplan.safe_text import sane_width

    environ = os.environ
    if sys.stdout.isatty() or sys.platform == "win32" or "JUPYTER_COLUMNS" in environ:
        return None
    if any(environ.get(name) for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")):
        return None
    forced = sane_width()
    if forced is not None:
        return forced
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns)
    for descriptor in (0, 1, 2):  # rich asks the file descriptors, whatever sys.stdin and co. are now
        try:
            return os.get_terminal_size(descriptor).columns or 80
        except (ValueError, OSError):  # not a terminal, or closed
            continue
    return 80


def table_text(view: TerminalView, width: int) -> str:
    """A terminal view as plain text at ``width`` columns (ASCII borders, no escape codes)."""
    if view.plain_text is not None:
        text = view.plain_text(width)
        if text is not None:
            return text
    from io import StringIO

    from pmoplan.safe_console import safe_console

    buffer = StringIO()
    console = safe_console(file=buffer, width=width, color_system=None, markup=False, highlight=False, emoji=False)
    for renderable in view.build(True, width):
        console.print(renderable)
    return buffer.getvalue()

"""The Typer application: parses options, wires the pure modules together, reports errors.

Kept light at import time: command modules import only typer and the standard library at the
top; yaml, pydantic models and rich are imported inside the commands that use them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from pmoplan import __version__
from pmoplan.errors import ExitCode, PmoplanError

EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 bad input (data, answers, profile or team file, unknown id); "
    "2 usage error; 70 internal error (please report); 130 interrupted."
)


class PmoplanGroup(TyperGroup):
    """The root command group: one place that turns errors into one line and an exit code."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command; report the project's errors and usage errors on one stderr line."""
        kwargs["standalone_mode"] = False
        _tolerate_narrow_encodings()
        try:
            result = super().main(*args, **kwargs)
        except PmoplanError as error:
            report(str(error))
            sys.exit(error.exit_code)
        except typer.TyperException as error:  # usage errors from the parser (exit code 2)
            report(_usage_message(error))
            sys.exit(getattr(error, "exit_code", ExitCode.USAGE_ERROR))
        except typer.Abort:
            report("aborted")
            sys.exit(ExitCode.INTERRUPTED)
        except Exception as error:  # a bug: short message, full traceback only on request
            if os.environ.get("PMOPLAN_DEBUG"):
                raise
            report(f"internal error: {type(error).__name__}: {error} (please report; set PMOPLAN_DEBUG=1 for details)")
            sys.exit(ExitCode.INTERNAL_ERROR)
        code = result if isinstance(result, int) else ExitCode.OK
        if code == ExitCode.INTERRUPTED:
            report("interrupted")
        sys.exit(code)


def _tolerate_narrow_encodings() -> None:
    """On an ASCII or legacy console, show '?' for a '£' instead of failing with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def _usage_message(error: typer.TyperException) -> str:
    message = error.format_message()
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        return f"{message} (see '{ctx.command_path} --help')"
    return message


def report(message: str) -> None:
    """Write one ``pmoplan: error: ...`` line to stderr (control characters made visible)."""
    clean = message.replace("\n", " ").replace("\r", " ").replace("\x1b", "\\x1b")
    sys.stderr.write(f"pmoplan: error: {clean}\n")
    sys.stderr.flush()


app = typer.Typer(
    cls=PmoplanGroup,
    name="pmoplan",
    help="Career planner for PMO practitioners, PMO managers and L&D teams.\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"pmoplan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            envvar="PMOPLAN_DATA_DIR",
            help="Folder with your organisation's levels.yaml / courses.yaml / assessment.yaml "
            "(missing files fall back to the shipped catalogue).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Career planner for PMO practitioners, PMO managers and L&D teams."""
    ctx.obj = {"data_dir": data_dir}


def main() -> None:
    """Console-script entry point."""
    app()


# Register the commands (these modules import nothing heavy at import time).
from pmoplan.cli import assess_commands, catalogue_commands, plan_commands, renewal_commands, team_commands  # noqa: E402

for _module in (catalogue_commands, assess_commands, plan_commands, team_commands, renewal_commands):
    _module.register(app)

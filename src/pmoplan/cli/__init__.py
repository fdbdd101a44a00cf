"""The Typer application: parses options, wires the pure modules together, reports errors.

Kept light at import time: command modules import only typer and the standard library at the
top; yaml, pydantic models and rich are imported inside the commands that use them.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from pmoplan import __version__
from pmoplan.cli import coercion
from pmoplan.cli.options import report
from pmoplan.errors import ExitCode, PmoplanError

__all__ = ["app", "main", "report"]

EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 bad input (data, answers, profile or team file, unknown id); "
    "2 usage error; 70 internal error (please report); 130 interrupted; 129/143 stopped by SIGHUP/SIGTERM."
)


class PmoplanGroup(TyperGroup):
    """The root command group: one place that turns errors into one line and an exit code."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command; report the project's errors and usage errors on one stderr line."""
        from pmoplan.signals import terminate_like_interrupt

        kwargs["standalone_mode"] = False
        coercion.install()  # typer's checks of option values are built only for values given
        _strict_encodings()
        if sys.stdout is None:
            report("standard output is closed; nothing was done")
            sys.exit(ExitCode.INPUT_ERROR)
        from pmoplan import inputs

        inputs.clear()  # a new run: no output may replace what this run reads
        with terminate_like_interrupt():
            code = self._run(*args, **kwargs)
        sys.exit(code)

    def _run(self, *args: Any, **kwargs: Any) -> int:
        """The command's exit code; every error has been reported on one line."""
        from pmoplan.signals import Terminated

        try:
            result = super().main(*args, **kwargs)
            _flush_stdout()
        except PmoplanError as error:
            report(str(error))
            return error.exit_code
        except typer.TyperException as error:  # usage errors from the parser (exit code 2)
            if type(error).__name__ == "NoArgsIsHelpError":  # typer's own test; the class is private
                return _bare_group(error)
            report(_usage_message(error))
            return int(getattr(error, "exit_code", ExitCode.USAGE_ERROR))
        except typer.Abort:
            report("aborted")
            return ExitCode.INTERRUPTED
        except Terminated as stop:
            report(f"stopped by {stop}; nothing half-written was left behind")
            return stop.exit_code
        except UnicodeEncodeError as error:
            _discard_stdout()
            report(_encoding_message(error))
            return ExitCode.INPUT_ERROR
        except OSError as error:  # the user's disk, folders, terminal or pipe: not a bug
            _discard_stdout()
            if error.errno == errno.EPIPE:  # the reader went away (| head): nobody to tell
                return ExitCode.INPUT_ERROR
            report(_os_message(error))
            return ExitCode.INPUT_ERROR
        except RuntimeError as error:
            if not str(error).startswith("Symlink loop from "):  # pathlib's resolve() on a loop
                return _internal_error(error)
            report(f"{str(error).removeprefix('Symlink loop from ').strip(chr(39))}: too many levels of symbolic links")
            return ExitCode.INPUT_ERROR
        except Exception as error:  # a bug: short message, full traceback only on request
            return _internal_error(error)
        code = result if isinstance(result, int) else ExitCode.OK
        if code == ExitCode.INTERRUPTED:  # typer's answer to a bare Ctrl-C
            report("interrupted")
        return code


def _internal_error(error: Exception) -> int:
    """Report a bug in one line (or re-raise it with ``PMOPLAN_DEBUG``); exit code 70."""
    if os.environ.get("PMOPLAN_DEBUG"):
        raise error
    report(f"internal error: {type(error).__name__}: {error} (please report; set PMOPLAN_DEBUG=1 for details)")
    return ExitCode.INTERNAL_ERROR


def _strict_encodings() -> None:
    """Text stdout cannot silently turn 'José' into 'Jos?': an unencodable character is an error.

    stderr shows such characters as backslash escapes, so that the error line itself is written.
    """
    for stream, errors in ((sys.stdout, "strict"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=errors)


def _encoding_message(error: UnicodeEncodeError) -> str:
    bad = error.object[error.start : error.end] if isinstance(error.object, str) else ""
    shown = bad.encode("ascii", "backslashreplace").decode("ascii")
    if bad and all("\udc80" <= char <= "\udcff" for char in bad):  # bytes of a non-UTF-8 file name
        return f"cannot write text that came from a file name that is not valid UTF-8 ('{shown}'); rename the file"
    encoding = getattr(sys.stdout, "encoding", None) or error.encoding
    return (
        f"the terminal's encoding ({encoding}) cannot show '{shown}'; set PYTHONIOENCODING=utf-8 "
        "(or a UTF-8 locale), or use --format json or --output"
    )


def _os_message(error: OSError) -> str:
    reason = {errno.ENOSPC: "no space left on device", errno.ELOOP: "too many levels of symbolic links"}.get(
        error.errno or 0, error.strerror or str(error)
    )
    if error.filename is not None:
        return f"{os.fsdecode(error.filename)}: {reason}"
    return f"cannot write the output: {reason}"


def _flush_stdout() -> None:
    """Flush now, so a full disk or closed pipe is an error here rather than at interpreter exit."""
    if sys.stdout is not None:
        sys.stdout.flush()


def _discard_stdout() -> None:
    """Point fd 1 at the null device so that Python's final flush of unwritable output is silent."""
    import contextlib

    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def _bare_group(error: typer.TyperException) -> int:
    """A command group run without a command: its help, as git, gh and pip do.

    Bare ``pmoplan`` is a request for help (stdout, exit 0); a bare sub-group such as
    ``pmoplan team`` is a missing command (help on stderr, one error line, exit 2).
    """
    ctx = getattr(error, "ctx", None)
    help_text = ctx.get_help() if ctx is not None else ""
    if ctx is None or ctx.parent is None:
        sys.stdout.write(help_text + "\n")
        return ExitCode.OK
    sys.stderr.write(help_text + "\n")
    report(f"missing command (see '{ctx.command_path} --help')")
    return ExitCode.USAGE_ERROR


def _usage_message(error: typer.TyperException) -> str:
    message = error.format_message()
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        return f"{message} (see '{ctx.command_path} --help')"
    return message


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
    prices: Annotated[
        Path | None,
        typer.Option(
            "--prices",
            help="A price sheet (CSV from 'pmoplan prices export') with your negotiated prices; "
            "a prices.csv in --data-dir is applied first.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Career planner for PMO practitioners, PMO managers and L&D teams."""
    ctx.obj = {"data_dir": data_dir, "prices": prices}


def main() -> None:
    """Run the command line: typer builds only the command it runs (see ``cli/dispatch.py``).

    The console script calls it through :func:`pmoplan.console.main`.
    """
    from pmoplan.cli.dispatch import app_for

    app_for(app, sys.argv[1:])()


# Register the commands (these modules import nothing heavy at import time).
from pmoplan.cli import (  # noqa: E402
    assess_commands,
    catalogue_commands,
    plan_commands,
    price_commands,
    renewal_commands,
    team_commands,
)

for _module in (catalogue_commands, assess_commands, plan_commands, team_commands, renewal_commands, price_commands):
    _module.register(app)

"""The project's error hierarchy and its named exit codes.

Every problem a user can cause is a :class:`PmoplanError`; the CLI turns it into one line on
stderr and the exit code it names. Anything else is a bug and is reported as such.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes, documented in the README and in ``pmoplan --help``."""

    OK = 0
    INPUT_ERROR = 1  # bad data file, bad answer file, unknown id, I/O problem
    USAGE_ERROR = 2  # bad option or argument; stdin is not a terminal for a prompt
    INTERNAL_ERROR = 70  # a bug in pmoplan (sysexits EX_SOFTWARE)
    INTERRUPTED = 130  # Ctrl-C or end of input at a prompt (128 + SIGINT)


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file: ``file:line:col: path: message``."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class PmoplanError(Exception):
    """Base of every error a user can cause; ``str()`` is the user-facing message."""

    exit_code: ExitCode = ExitCode.INPUT_ERROR


class InputError(PmoplanError):
    """One or more problems in an input file (catalogue, answers, profile, team)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("InputError needs at least one problem")
        self.problems = list(problems)
        super().__init__(self.summary())

    def summary(self) -> str:
        """The first problem, and how many more there are."""
        first = str(self.problems[0])
        extra = len(self.problems) - 1
        if extra:
            noun = "problem" if extra == 1 else "problems"
            return f"{first} (and {extra} more {noun}; 'pmoplan validate' lists them all)"
        return first


class PlanInputError(PmoplanError):
    """Planner inputs that contradict each other (e.g. a course completed after the plan starts)."""


class UsageProblem(PmoplanError):
    """A wrong combination of options that the parser cannot see on its own."""

    exit_code = ExitCode.USAGE_ERROR


class Interrupted(PmoplanError):
    """The user stopped an interactive run (Ctrl-C or end of input)."""

    exit_code = ExitCode.INTERRUPTED


class OutputError(PmoplanError):
    """An output or profile file could not be written; nothing was changed."""


def suggest(name: str, choices: Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class UnknownIdError(PmoplanError):
    """An id given on the command line or in a file that the catalogue does not have."""

    def __init__(self, kind: str, name: str, choices: Iterable[str], *, suggestion: str | None = None) -> None:
        hint = f" (did you mean '{suggestion}'?)" if suggestion else suggest(name, choices)
        super().__init__(f"unknown {kind} '{name}'{hint}")

"""The console script builds only the command a line runs (``pmoplan.cli.dispatch``), and says the same.

Every line gives byte for byte the same output, error and exit code through the console-script entry
point (``main``, which builds one command) as through the whole application (``app``, which tests and
completion use); lines the dispatcher cannot read plainly get the whole application.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pmoplan.cli import app
from pmoplan.cli.dispatch import app_for, command_word


@pytest.mark.parametrize(
    ("argv", "word"),
    [
        ([], None),
        (["courses"], "courses"),
        (["courses", "--level", "2"], "courses"),
        (["--data-dir", "our data", "courses"], "courses"),
        (["--data-dir=x", "--prices", "p.csv", "plan", "--level", "2"], "plan"),
        (["--prices=p.csv", "team", "plan", "t.csv"], "team"),
        (["--help"], None),
        (["-h", "courses"], None),
        (["--version"], None),
        (["--", "courses"], None),
        (["--data-dir"], None),
        (["--unknown", "courses"], None),
    ],
)
def test_the_command_word_is_read_as_the_root_group_reads_it(argv: list[str], word: str | None) -> None:
    assert command_word(argv) == word


def test_a_known_command_gets_a_copy_with_it_alone() -> None:
    before = (list(app.registered_commands), list(app.registered_groups))
    single = app_for(app, ["--data-dir", "x", "plan", "--level", "2"])
    assert single is not app
    assert [info.callback.__name__ for info in single.registered_commands if info.callback] == ["plan"]
    assert single.registered_groups == []
    team = app_for(app, ["team", "plan", "t.csv"])
    assert team.registered_commands == [] and [g.name for g in team.registered_groups] == ["team"]
    assert (app.registered_commands, app.registered_groups) == before, "the application itself is unchanged"


@pytest.mark.parametrize("argv", [["cours"], ["--version"], ["--data-dir", "x"], ["-h", "courses"]], ids=repr)
def test_anything_else_gets_the_whole_application(argv: list[str]) -> None:
    assert app_for(app, argv) is app


@pytest.mark.parametrize("argv", [[], ["--help"], ["-h"]], ids=repr)
def test_the_root_help_lists_commands_from_stand_ins(argv: list[str]) -> None:
    listed = app_for(app, argv)
    names = [info.callback.__name__ for info in listed.registered_commands if info.callback]
    assert names == [info.callback.__name__ for info in app.registered_commands if info.callback]
    assert all(
        info.callback is not None and info.callback.__code__.co_argcount == 0 for info in listed.registered_commands
    )


def test_shell_completion_gets_the_whole_application(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_PMOPLAN_COMPLETE", "complete_bash")
    assert app_for(app, ["courses"]) is app


RUN = r"""
import json, sys
import typer.main

built = []
real = typer.main.get_command_from_info


def counting(command_info, **kwargs):
    built.append(command_info.callback.__name__)
    return real(command_info, **kwargs)


typer.main.get_command_from_info = counting
args = json.loads(sys.argv[2])
from pmoplan.cli import app, main

code = 0
try:
    if sys.argv[1] == "main":
        sys.argv = ["pmoplan", *args]
        main()
    else:
        app(args, prog_name="pmoplan")
except SystemExit as stop:
    code = stop.code
sys.stdout.flush()
sys.stderr.write("\nBUILT " + json.dumps(built))
sys.exit(code)
"""


def run(entry: str, args: list[str], home: Path) -> tuple[int, str, str, list[str]]:
    """Run pmoplan through ``main`` or ``app``: exit code, stdout, stderr, and the commands typer built."""
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"), "NO_COLOR": "1"}
    env.update({"COLUMNS": "100", "XDG_DATA_HOME": str(home / "data"), "XDG_STATE_HOME": str(home / "state")})
    done = subprocess.run(
        [sys.executable, "-c", RUN, entry, json.dumps(args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
        env=env,
        cwd=home,
    )
    stderr, _, built = done.stderr.rpartition("\nBUILT ")
    return done.returncode, done.stdout, stderr, json.loads(built)


LINES = [
    [],
    ["--help"],
    ["-h"],
    ["--version"],
    ["courses", "--level", "2"],
    ["courses", "--format", "json", "--provider", "AXELOS"],
    ["plan", "--level", "2", "--years", "3"],
    ["plan", "--level", "9"],
    ["plan", "--help"],
    ["course", "no-such-course"],
    ["cours"],
    ["--data-dir", "no-such-folder", "courses"],
    ["team", "--help"],
    ["levels", "2"],
]


@pytest.mark.parametrize("args", LINES, ids=" ".join)
def test_the_console_script_says_exactly_what_the_application_says(args: list[str], tmp_path: Path) -> None:
    code, out, err, built = run("main", args, tmp_path)
    assert (code, out, err) == run("app", args, tmp_path)[:3]
    if args and args[0] in ("courses", "plan", "course", "levels"):
        assert built == [args[0]], "only the command the line runs is built"


@pytest.mark.parametrize("argv", [["plan", "--level", "2"], ["team", "plan", "t.csv"]], ids=" ".join)
def test_the_run_command_s_annotations_are_evaluated_once_before_typer_reads_them(argv: list[str]) -> None:
    """Typer would evaluate each string annotation four times; the dispatcher evaluates them once, in place,
    to the same objects typer makes (the outputs compared above stay byte for byte the same)."""

    single = app_for(app, argv)
    callbacks = [info.callback for info in single.registered_commands]
    for group in single.registered_groups:
        assert group.typer_instance is not None
        callbacks += [info.callback for info in group.typer_instance.registered_commands]
    assert callbacks
    for callback in callbacks:
        assert callback is not None
        hints: dict[str, object] = callback.__annotations__
        assert hints, callback.__name__
        assert not any(isinstance(hint, str) for hint in hints.values()), callback.__name__
        assert any(hasattr(hint, "__metadata__") for hint in hints.values())  # Annotated[...], callback.__name__

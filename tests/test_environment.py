"""Environment and terminal (docs/bad-inputs.md section F, plus E10 and D7): the installed ``pmoplan``
run as a real process with a controlled environment (home and XDG folders in tmp_path).

F1 ASCII-only stdout, F2 pipes and NO_COLOR, F3 the C locale, F4 an unusable home or data
folder, F5 an internal error (one line, exit 70, no traceback or locals unless PMOPLAN_DEBUG),
F6 Ctrl-C outside a prompt (exit 130, one line), E10 a closed pipe, D7 narrow and wide
terminals (also on a real pseudo-terminal), and the one-line shape of every usage error.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from collections.abc import Mapping
from pathlib import Path

import pytest
from rich.cells import cell_len

VENV_BIN = Path(sys.executable).parent
PMOPLAN = VENV_BIN / "pmoplan"
ONE_ERROR_LINE = re.compile(r"pmoplan: error: [^\n]+\n")
ESCAPE = b"\x1b["
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")

PLAN = ["plan", "--level", "2", "--years", "2", "--start", "2026"]
CATALOGUE_COMMANDS = [["courses"], ["course", "p3o-foundation"], PLAN]
TABLE_COMMANDS = [
    ["courses"],
    ["course", "p3o-foundation"],
    ["levels"],
    ["plan", "--level", "2", "--years", "3", "--start", "2026"],
]

pytestmark = pytest.mark.skipif(not PMOPLAN.exists(), reason=f"{PMOPLAN} is not installed (run make)")


def base_env(tmp_path: Path, **changes: str | None) -> dict[str, str]:
    """A small, controlled environment: home and XDG folders in tmp_path, UTF-8, no colour forcing."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run(
    args: list[str], env: Mapping[str, str], *, program: list[str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    """Run pmoplan (or ``program``) and capture both streams as bytes."""
    command = [*(program or [str(PMOPLAN)]), *args]
    return subprocess.run(command, env=dict(env), capture_output=True, timeout=120, check=False, **kwargs)  # type: ignore[call-overload, no-any-return]


def text(data: bytes) -> str:
    """Decoded output (invalid bytes shown, never raising)."""
    return data.decode("utf-8", errors="backslashreplace")


def assert_no_traceback(result: subprocess.CompletedProcess[bytes]) -> None:
    """Neither stream carries a Python traceback or an encoding crash."""
    for stream in (result.stdout, result.stderr):
        shown = text(stream)
        assert "Traceback" not in shown, shown
        assert "UnicodeEncodeError" not in shown, shown
        assert "internal error" not in shown, shown


def assert_one_error_line(result: subprocess.CompletedProcess[bytes], code: int) -> str:
    """Exit ``code``, nothing on stdout, exactly one ``pmoplan: error: ...`` line on stderr."""
    stderr = text(result.stderr)
    assert result.returncode == code, (result.returncode, stderr)
    assert result.stdout == b"", text(result.stdout)
    assert ONE_ERROR_LINE.fullmatch(stderr), repr(stderr)
    return stderr


# --- F1: stdout that cannot encode the catalogue's text ---------------------------------------


def test_catalogue_text_really_is_non_ascii(tmp_path: Path) -> None:
    """The F1 cases mean something: in UTF-8 the output contains '£'."""
    result = run(["courses"], base_env(tmp_path))
    assert result.returncode == 0
    assert "£" in text(result.stdout)


@pytest.mark.parametrize("args", CATALOGUE_COMMANDS, ids=" ".join)
def test_f1_ascii_stdout_is_an_error_not_question_marks(tmp_path: Path, args: list[str]) -> None:
    """Encoding loss is an error: a '£' never silently becomes '?' (exit 1, one line, no output)."""
    result = run(args, base_env(tmp_path, PYTHONIOENCODING="ascii"))
    assert_no_traceback(result)
    stderr = assert_one_error_line(result, 1)
    assert "encoding (ascii) cannot show" in stderr and "PYTHONIOENCODING=utf-8" in stderr
    assert b"?" not in result.stdout


def test_f1_ascii_stdout_with_ascii_only_output_still_works(tmp_path: Path) -> None:
    result = run(["--version"], base_env(tmp_path, PYTHONIOENCODING="ascii"))
    assert result.returncode == 0, text(result.stderr)
    assert result.stdout.strip() and result.stdout.isascii()


@pytest.mark.parametrize("fmt", ["csv", "markdown"])
def test_f1_ascii_stdout_text_formats(tmp_path: Path, fmt: str) -> None:
    result = run(["courses", "--format", fmt], base_env(tmp_path, PYTHONIOENCODING="ascii"))
    assert_no_traceback(result)
    assert result.returncode == 0, text(result.stderr)


def test_f1_ascii_stdout_json(tmp_path: Path) -> None:
    result = run(["courses", "--format", "json"], base_env(tmp_path, PYTHONIOENCODING="ascii"))
    assert_no_traceback(result)
    assert result.returncode == 0
    assert json.loads(result.stdout)["schema_version"] == 1


# --- F2: no escape codes when piped or with NO_COLOR ------------------------------------------


@pytest.mark.parametrize("no_color", [None, "1"], ids=["piped", "piped+NO_COLOR"])
@pytest.mark.parametrize("args", TABLE_COMMANDS, ids=" ".join)
def test_f2_piped_output_has_no_escape_codes(tmp_path: Path, args: list[str], no_color: str | None) -> None:
    result = run(args, base_env(tmp_path, NO_COLOR=no_color))
    assert result.returncode == 0, text(result.stderr)
    assert ESCAPE not in result.stdout and ESCAPE not in result.stderr
    drawn = [c for c in text(result.stdout) if "\u2500" <= c <= "\u257f" or c in "◆●↻•"]
    assert drawn == []  # piped output is plain: ASCII borders and marks (screen readers, logs)


def _tty_run(args: list[str], env: Mapping[str, str], dimensions: tuple[int, int] = (24, 100)) -> tuple[int, str]:
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(str(PMOPLAN), args, env=dict(env), dimensions=dimensions, encoding="utf-8", timeout=60)
    output: str = child.read()
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0)), output


def colour_codes(output: str) -> list[str]:
    """SGR sequences that set a foreground or background colour (bold, dim and reset are not colour)."""
    found = []
    for params in re.findall(r"\x1b\[([0-9;]*)m", output):
        numbers = [int(p) for p in params.split(";") if p]
        if any(30 <= n <= 49 or 90 <= n <= 107 for n in numbers):
            found.append(params)
    return found


def test_colour_detection_can_fail() -> None:
    assert colour_codes("\x1b[1mbold\x1b[0m \x1b[38;5;196mred\x1b[0m \x1b[42mgreen") == ["38;5;196", "42"]
    assert colour_codes("\x1b[1mbold\x1b[0m\x1b[2mdim\x1b[0m") == []


def test_f2_tty_shows_styles_so_the_escape_check_can_fail(tmp_path: Path) -> None:
    """Canary: on a real terminal the plan heading is bold, so 'no escape codes' when piped means something."""
    status, output = _tty_run(PLAN, base_env(tmp_path))
    assert status == 0, output
    assert "\x1b[" in output


@pytest.mark.parametrize("how", ["NO_COLOR", "--plain"])
def test_f2_tty_with_no_color_or_plain_has_no_colour(tmp_path: Path, how: str) -> None:
    """NO_COLOR (no-color.org) and --plain: no colour codes on a terminal (bold/dim styles may remain)."""
    env = base_env(tmp_path, NO_COLOR="1") if how == "NO_COLOR" else base_env(tmp_path)
    status, output = _tty_run([*PLAN, "--plain"] if how == "--plain" else PLAN, env)
    assert status == 0, output
    assert colour_codes(output) == []
    assert "Development plan" in output


# --- F3: the C locale ------------------------------------------------------------------------


@pytest.mark.parametrize("args", CATALOGUE_COMMANDS, ids=" ".join)
def test_f3_c_locale(tmp_path: Path, args: list[str]) -> None:
    result = run(args, base_env(tmp_path, LANG="C", LC_ALL="C"))
    assert_no_traceback(result)
    assert result.returncode == 0, text(result.stderr)
    assert result.stderr == b""


def test_f3_c_locale_without_utf8_coercion(tmp_path: Path) -> None:
    """A true ASCII locale cannot show '£': one clear line, exit 1, not question marks."""
    env = base_env(tmp_path, LANG="C", LC_ALL="C", PYTHONCOERCECLOCALE="0", PYTHONUTF8="0")
    result = run(["courses"], env)
    assert_no_traceback(result)
    assert "cannot show" in assert_one_error_line(result, 1)
    assert run(["courses", "--format", "csv"], env).returncode == 0  # data formats are always UTF-8


# --- F4: home or data folder unusable ----------------------------------------------------------


@pytest.fixture(scope="module")
def answers_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A complete answers file, built from ``pmoplan assess --print-questions --format json``."""
    folder = tmp_path_factory.mktemp("answers")
    result = run(["assess", "--print-questions", "--format", "json"], base_env(folder))
    if result.returncode != 0:
        pytest.skip(f"'pmoplan assess --print-questions --format json' is not available yet: {text(result.stderr)}")
    questions = json.loads(result.stdout)["questions"]
    path = folder / "answers.json"
    path.write_text(json.dumps({q["id"]: q["scale"]["max"] for q in questions}), encoding="utf-8")
    return path


def test_f4_home_unset_uses_xdg_data_home(tmp_path: Path, answers_file: Path) -> None:
    """With HOME unset the profile goes to XDG_DATA_HOME (set here, so the real home is never touched)."""
    env = base_env(tmp_path, HOME=None)
    result = run(["assess", "--answers", str(answers_file)], env)
    assert_no_traceback(result)
    assert result.returncode == 0, text(result.stderr)
    assert (Path(env["XDG_DATA_HOME"]) / "pmoplan" / "profile.yaml").is_file()


@pytest.mark.parametrize("where", ["HOME", "XDG_DATA_HOME"])
def test_f4_unwritable_data_folder_is_one_line_naming_the_path(tmp_path: Path, answers_file: Path, where: str) -> None:
    blocker = tmp_path / "a-file"  # a folder cannot be created under a file, even by root
    blocker.write_text("not a folder\n", encoding="utf-8")
    bad = blocker / "sub"
    env = (
        base_env(tmp_path, HOME=str(bad), XDG_DATA_HOME=None)
        if where == "HOME"
        else base_env(tmp_path, XDG_DATA_HOME=str(bad))
    )
    result = run(["assess", "--answers", str(answers_file)], env)
    assert_no_traceback(result)
    stderr = assert_one_error_line(result, 1)
    assert str(bad) in stderr
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write to a read-only folder")
def test_f4_read_only_data_folder(tmp_path: Path, answers_file: Path) -> None:
    read_only = tmp_path / "read-only"
    read_only.mkdir()
    read_only.chmod(0o555)
    try:
        result = run(["assess", "--answers", str(answers_file)], base_env(tmp_path, XDG_DATA_HOME=str(read_only)))
    finally:
        read_only.chmod(0o755)
    assert_no_traceback(result)
    stderr = assert_one_error_line(result, 1)
    assert str(read_only) in stderr
    assert list(read_only.iterdir()) == []


# --- F5 and F6: internal errors and Ctrl-C -----------------------------------------------------

WRAPPER = textwrap.dedent(
    """
    import sys, time
    import pmoplan.planner

    def build_plan(*args, **kwargs):
        secret_local = "PROFILE-SECRET-{marker}"
        {body}

    pmoplan.planner.build_plan = build_plan
    sys.argv = ["pmoplan", "plan", "--level", "2", "--years", "2", "--start", "2026"]
    from pmoplan.cli import main
    main()
    """
)


def wrapper(body: str) -> list[str]:
    """A python -c program that runs ``pmoplan plan`` with build_plan replaced by ``body``."""
    return [sys.executable, "-c", WRAPPER.format(marker="x7", body=body)]


def test_f5_internal_error_is_one_line_exit_70(tmp_path: Path) -> None:
    result = run([], base_env(tmp_path), program=wrapper('raise RuntimeError("boom")'))
    stderr = text(result.stderr)
    assert result.returncode == 70, stderr
    assert re.fullmatch(r"pmoplan: error: internal error: RuntimeError: boom[^\n]*\n", stderr), repr(stderr)
    assert "Traceback" not in stderr and "PROFILE-SECRET" not in stderr  # no traceback, no locals
    assert result.stdout == b""


def test_f5_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = run([], base_env(tmp_path, PMOPLAN_DEBUG="1"), program=wrapper('raise RuntimeError("boom")'))
    stderr = text(result.stderr)
    assert result.returncode != 0
    assert "Traceback" in stderr and "RuntimeError: boom" in stderr
    assert "PROFILE-SECRET" not in stderr  # a plain traceback: still no locals


def test_f6_keyboard_interrupt_is_exit_130_one_line(tmp_path: Path) -> None:
    result = run([], base_env(tmp_path), program=wrapper("raise KeyboardInterrupt"))
    assert result.returncode == 130, text(result.stderr)
    assert text(result.stderr) == "pmoplan: error: interrupted\n"
    assert result.stdout == b""


def test_f6_real_sigint_during_planning(tmp_path: Path) -> None:
    """A real SIGINT while the plan is being computed (no prompt involved)."""
    ready = tmp_path / "ready"
    body = f"open({str(ready)!r}, 'w', encoding='utf-8').close(); time.sleep(60)"
    process = subprocess.Popen(wrapper(body), env=base_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(600):
            if ready.exists() or process.poll() is not None:
                break
            subprocess.run(["sleep", "0.1"], check=True)
        assert ready.exists(), "the wrapper never reached build_plan"
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 130, text(stderr)
    assert text(stderr) == "pmoplan: error: interrupted\n"
    assert stdout == b""


# --- E10: the reader of a pipe goes away --------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["courses"], ["courses", "--format", "csv"], ["courses", "--format", "json"], PLAN, [*PLAN, "--format", "ics"]],
    ids=" ".join,
)
def test_e10_closed_pipe_gives_no_traceback(tmp_path: Path, args: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write now fails with EPIPE
    try:
        result = subprocess.run(
            [str(PMOPLAN), *args], env=base_env(tmp_path), stdout=write_end, stderr=subprocess.PIPE, timeout=120
        )
    finally:
        os.close(write_end)
    assert result.returncode in (0, 1), text(result.stderr)
    assert result.stderr == b"", text(result.stderr)


def test_e10_head_1(tmp_path: Path) -> None:
    result = subprocess.run(
        ["sh", "-c", f"'{PMOPLAN}' courses | head -1; '{PMOPLAN}' plan --level 2 --years 20 --start 2026 | head -1"],
        env=base_env(tmp_path),
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0
    assert result.stderr == b"", text(result.stderr)
    assert len(result.stdout.splitlines()) == 2


# --- D7: narrow and wide terminals -------------------------------------------------------------


@pytest.mark.parametrize("columns", [20, 200])
@pytest.mark.parametrize("args", TABLE_COMMANDS, ids=" ".join)
def test_terminal_width_is_honoured(tmp_path: Path, args: list[str], columns: int) -> None:
    result = run(args, base_env(tmp_path, COLUMNS=str(columns)))
    assert_no_traceback(result)
    assert result.returncode == 0, text(result.stderr)
    lines = text(result.stdout).splitlines()
    assert lines
    too_wide = [line for line in lines if cell_len(line) > columns]
    assert not too_wide, too_wide[:3]


@pytest.mark.parametrize(
    "args", [["plan", "--level", "2", "--years", "3", "--start", "2026"], ["courses"]], ids=" ".join
)
def test_real_narrow_terminal(tmp_path: Path, args: list[str]) -> None:
    """A pseudo-terminal 20 columns wide (no COLUMNS variable: the size comes from the terminal)."""
    status, output = _tty_run(args, base_env(tmp_path), dimensions=(24, 20))
    assert status == 0, output
    assert "Traceback" not in output
    lines = ANSI.sub("", output).replace("\r\n", "\n").splitlines()
    too_wide = [line for line in lines if cell_len(line) > 20]
    assert not too_wide, too_wide[:3]


# --- usage errors: exactly one line, whatever the command ---------------------------------------

USAGE_ERRORS = [
    (["levels", "9"], 2),
    (["courses", "--level", "0"], 2),
    (["plan", "--years", "0"], 2),
    (["plan", "--level", "5"], 2),
    (["course"], 2),
    (["schema", "nope"], 1),
    (["--nope"], 2),
    (["nope"], 2),
    (["courses", "--format", "ics"], 2),
    (["plan", "--level", "2", "--output"], 2),
    (["levels", "--compare", "1", "9"], 2),
    (["courses", "--certification", "--specialist"], 2),
    (["course", "no-such-course"], 1),
]


@pytest.mark.parametrize(("args", "code"), USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_usage_error_is_one_stderr_line(tmp_path: Path, args: list[str], code: int) -> None:
    result = run(args, base_env(tmp_path))
    stderr = assert_one_error_line(result, code)
    assert "Usage:" not in stderr and "╭" not in stderr and "Try " not in stderr  # no Typer box or usage block

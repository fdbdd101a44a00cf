"""Hostile inputs and crowded machines (issue #15 items 5-7): one test or more per failing class.

Escape sequences and markup from data, OS errors on the user's paths, numbers that are not
finite, encoding loss, broken symlinks, Unicode normal forms, silly terminal widths, an empty
calendar, giant error lines and memory per team member. Each test failed on the code before
the issue was worked on (a raw escape sequence, exit 70, exit 0 with wrong output, or a peak
of about 30 KB per person).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tracemalloc
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from pmoplan.cli import app
from pmoplan.loading import load_catalogue
from pmoplan.render.markdown import escape_cell
from pmoplan.safe_console import FALLBACK_WIDTH, sane_width
from pmoplan.safe_text import FSI, MAX_ERROR_CHARS, PDI, find_unsafe, one_line, terminal_safe
from pmoplan.team_files import read_team

PMOPLAN = Path(sys.executable).parent / "pmoplan"
CATALOGUE = load_catalogue()
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
OSC8 = "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "LANG": "C.UTF-8",
        "NO_COLOR": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.update(extra)
    return env


def run(args: list[str | bytes], tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [os.fsencode(PMOPLAN), *[os.fsencode(a) if isinstance(a, str) else a for a in args]],
        env=env_for(tmp_path, **extra),
        capture_output=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
    )


def one_error_line(result: subprocess.CompletedProcess[bytes], code: int = 1) -> str:
    stderr = result.stderr.decode("utf-8", "backslashreplace")
    assert result.returncode == code, (result.returncode, stderr)
    assert result.stdout == b""
    assert stderr.startswith("pmoplan: error: ") and stderr.count("\n") == 1, stderr
    assert not RAW_CONTROL.search(stderr), repr(stderr)
    assert "internal error" not in stderr and "Traceback" not in stderr
    return stderr.rstrip("\n")


# --- item 5: the sanitiser ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (OSC52, "\\x1b]52;c;cm0gLXJmIH4=\\x07"),
        ("\x1b[2J\x1b[31mred", "\\x1b[2J\\x1b[31mred"),
        ("a\x9bb\x7fc\x00d", "a\\x9bb\\x7fc\\x00d"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("Jos\udce9.yaml", "Jos\\xe9.yaml"),  # a Latin-1 file name, as os.fsdecode gives it
        ("plain José £", "plain José £"),
    ],
)
def test_terminal_safe_shows_controls_visibly(raw: str, shown: str) -> None:
    assert terminal_safe(raw) == shown


def test_bidi_controls_are_isolated_per_line() -> None:
    assert terminal_safe("invoice\u202efdp.exe") == f"{FSI}invoice\u202efdp.exe{PDI}"
    assert terminal_safe("ok\nx\u202ey") == f"ok\n{FSI}x\u202ey{PDI}"


def test_one_line_caps_length_and_removes_line_breaks() -> None:
    assert one_line("a\nb\r\x1b") == "a b\\x0d\\x1b"
    long = one_line("x" * 100_000)
    assert long == "x" * MAX_ERROR_CHARS + "… (99000 more characters)"


@given(st.text())
def test_sanitised_text_has_no_raw_controls_and_isolated_bidi(text: str) -> None:
    for shown in (terminal_safe(text), one_line(text)):
        assert not RAW_CONTROL.search(shown)
        for line in shown.split("\n"):
            if BIDI.sub("", line) != line:
                assert line.startswith(FSI) and line.endswith(PDI)
    assert "\n" not in one_line(text)


def test_profile_file_name_with_escapes_is_shown_escaped(tmp_path: Path) -> None:
    name = f"ana{OSC52}\u202e.yaml"
    line = one_error_line(run(["plan", "--profile", name], tmp_path), code=2)
    assert "\\x1b]52;c;" in line and FSI in line


def test_yaml_escaped_team_id_is_refused_without_echoing_escapes(tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text('- id: "ana\\e]52;c;aGk=\\a"\n  level: 2\n', encoding="utf-8")
    line = one_error_line(run(["team", "plan", str(team)], tmp_path))
    assert "team.yaml:1:7: [0].id:" in line and "\\x1b]52" in line


def test_a_bidi_override_in_a_course_title_is_isolated_in_tables(tmp_path: Path) -> None:
    folder = tmp_path / "catalogue"
    folder.mkdir()
    (folder / "courses.yaml").write_text(
        'courses:\n  - id: inhouse-reporting\n    title: "Reporting \\u202Eexe.fdp"\n    kind: specialist\n'
        '    provider: "Acme"\n    levels: [1]\n    days: 1\n    skills: [reporting]\n'
        "    source: https://intranet.example.com/r\n",
        encoding="utf-8",
    )
    result = run(["--data-dir", str(folder), "course", "inhouse-reporting"], tmp_path, COLUMNS="200")
    assert result.returncode == 0, result.stderr
    shown = result.stdout.decode()
    line = next(line for line in shown.splitlines() if "\u202e" in line)
    assert f"{FSI}" in line and f"{PDI}" in line
    assert line.index(FSI) < line.index("\u202e") < line.index(PDI)

    checked = run(["validate", str(folder)], tmp_path)
    assert checked.returncode == 0
    assert checked.stderr.decode() == (
        "warning: courses[inhouse-reporting].title: holds U+202E (control or text-direction characters); "
        "pmoplan shows them escaped or isolated, but other tools may not\n"
    )


def test_shipped_catalogue_validates_without_warnings(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate"])
    assert (result.exit_code, result.stderr) == (0, "")


def test_find_unsafe_names_the_path() -> None:
    assert find_unsafe({"courses": [{"title": "ok"}, {"title": "a\u202eb", "notes": "x\x1b"}]}) == [
        ("courses[1].title", ["U+202E"]),
        ("courses[1].notes", ["U+001B"]),
    ]


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)>"),
        ("![x](https://tracker.example/p.gif)", "!\\[x\\](https://tracker.example/p.gif)"),
        ("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"),
        ("<javascript:alert(1)>", "&lt;javascript:alert(1)>"),
        ("**loud** _x_ `code`", "\\*\\*loud\\*\\* \\_x\\_ \\`code\\`"),
        ("M_o_R snake_case", "M_o_R snake_case"),  # intraword underscores are not emphasis in GFM
        ("a|b", "a\\|b"),
        (f"t{OSC8}", "t\\\\x1b\\]8;;https://evil.example/\\\\x1b\\\\click\\\\x1b\\]8;;\\\\x1b\\\\"),
    ],
)
def test_markdown_escapes_html_links_images_and_emphasis(raw: str, escaped: str) -> None:
    assert escape_cell(raw) == escaped


def test_markdown_plan_from_a_hostile_catalogue_has_no_html_or_links(tmp_path: Path) -> None:
    folder = tmp_path / "catalogue"
    folder.mkdir()
    (folder / "courses.yaml").write_text(
        "courses:\n  - id: inhouse-reporting\n"
        '    title: "<img src=x onerror=alert(1)> ![t](https://t.example/p.gif) [go](javascript:alert(1))"\n'
        '    kind: specialist\n    provider: "Acme"\n    levels: [1, 2]\n    days: 1\n    skills: [reporting]\n'
        "    source: https://intranet.example.com/r\n",
        encoding="utf-8",
    )
    result = run(["--data-dir", str(folder), "courses", "--format", "markdown"], tmp_path)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    assert "<img" not in text
    assert not re.search(r"(?<!\\)\]\(", text)  # no link or image: every ']' before '(' is escaped
    assert "&lt;img src=x onerror=alert(1)> !\\[t\\](https://t.example/p.gif) \\[go\\](javascript:alert(1))" in text


# --- item 6: OS errors on the user's paths --------------------------------------------------------


@pytest.fixture
def loop(tmp_path: Path) -> Path:
    (tmp_path / "loop-a").symlink_to(tmp_path / "loop-b")
    (tmp_path / "loop-b").symlink_to(tmp_path / "loop-a")
    return tmp_path / "loop-a"


@pytest.mark.parametrize(
    "args",
    [
        ["team", "plan", "{loop}"],
        ["--data-dir", "{loop}", "courses"],
        ["assess", "--answers", "{loop}", "--no-save"],
        ["plan", "--profile", "{loop}"],
        ["done", "pmo-finance", "--profile", "{loop}"],
    ],
    ids=["team file", "data dir", "answers", "profile to plan from", "profile to change"],
)
def test_a_symlink_loop_is_exit_1_not_an_internal_error(tmp_path: Path, loop: Path, args: list[str]) -> None:
    line = one_error_line(run([a.format(loop=loop) for a in args], tmp_path))
    assert re.fullmatch(
        rf"pmoplan: error: ({re.escape(str(loop))}|loop-a): too many levels of symbolic links"
        r"(; the profile was not changed)?",
        line,
    ), line


def test_a_file_name_that_is_not_utf8_is_shown_byte_by_byte(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(b"\xfeam.csv")).write_bytes(b"id,level\nana,9\n")
    line = one_error_line(run([b"team", b"plan", b"\xfeam.csv"], tmp_path))
    assert line.startswith("pmoplan: error: \\xfeam.csv:2:")


def test_closed_stdout_is_exit_1_and_saves_nothing(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    result = subprocess.run(
        ["sh", "-c", f"'{PMOPLAN}' done pmo-finance --profile '{profile}' >&-"],
        env=env_for(tmp_path),
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr == b"pmoplan: error: standard output is closed; nothing was done\n"
    assert not profile.exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_assess_on_a_full_disk_fails_before_saving(tmp_path: Path, fmt: str) -> None:
    questions = run(["assess", "--print-questions", "--format", "json"], tmp_path)
    import json

    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps({q["id"]: q["scale"]["max"] for q in json.loads(questions.stdout)["questions"]}), encoding="utf-8"
    )
    profile = tmp_path / "profile.yaml"
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [PMOPLAN, "assess", "--answers", answers, "--profile", profile, "--format", fmt],
            env=env_for(tmp_path),
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    assert result.returncode == 1
    assert result.stderr == b"pmoplan: error: cannot write the output: no space left on device\n"
    assert not profile.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "--level", "2", "--budget-per-year", "inf"],
        ["plan", "--level", "2", "--budget-per-year", "1e400"],
        ["plan", "--level", "2", "--budget-per-year", "nan"],
        ["plan", "--level", "2", "--days-per-year", "nan"],
        ["team", "plan", "examples/team.csv", "--budget-per-year", "1e400"],
    ],
    ids=" ".join,
)
def test_numbers_must_be_finite(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert "expected a finite number" in result.stderr or "Input should be" in result.stderr


def test_team_yaml_budget_overflowing_to_infinity_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text("- id: ana\n  level: 2\n  budget_per_year: 1e400\n", encoding="utf-8")
    result = runner.invoke(app, ["team", "plan", str(team), "--format", "json"])
    assert result.exit_code == 1
    assert "team.yaml:3:20: [0].budget_per_year:" in result.stderr and "1e400" in result.stderr


def test_a_broken_symlink_as_courses_yaml_is_an_error_not_a_fallback(tmp_path: Path) -> None:
    folder = tmp_path / "catalogue"
    folder.mkdir()
    (folder / "courses.yaml").symlink_to(tmp_path / "moved-away.yaml")
    line = one_error_line(run(["--data-dir", "catalogue", "courses"], tmp_path))
    assert line == f"pmoplan: error: catalogue/courses.yaml: broken symbolic link (to {tmp_path / 'moved-away.yaml'})"


def test_a_broken_symlink_in_a_team_folder_is_an_error_not_a_missing_person(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "ana.yaml").symlink_to(tmp_path / "gone.yaml")
    line = one_error_line(run(["team", "plan", "team"], tmp_path))
    assert line == f"pmoplan: error: team/ana.yaml: broken symbolic link (to {tmp_path / 'gone.yaml'})"


def test_one_person_in_two_unicode_forms_is_a_duplicate(tmp_path: Path) -> None:
    nfc, nfd = unicodedata.normalize("NFC", "José"), unicodedata.normalize("NFD", "José")
    assert nfc != nfd
    (tmp_path / "team.csv").write_text(f"id,level\n{nfc},2\n{nfd},2\n", encoding="utf-8")
    line = one_error_line(run(["team", "plan", "team.csv"], tmp_path))
    assert line == "pmoplan: error: team.csv:3: id: duplicate person 'José' (first at line 2)"


@pytest.mark.parametrize("second", ['"Jose\\u0301"', "{nfd}"], ids=["yaml escape", "raw"])
def test_one_person_in_two_unicode_forms_in_team_yaml_is_a_duplicate(tmp_path: Path, second: str) -> None:
    text = f"- id: José\n  level: 2\n- id: {second.format(nfd=unicodedata.normalize('NFD', 'José'))}\n  level: 2\n"
    (tmp_path / "team.yaml").write_text(text, encoding="utf-8")
    line = one_error_line(run(["team", "plan", "team.yaml"], tmp_path))
    assert line == "pmoplan: error: team.yaml:3:7: [1].id: duplicate person 'José' (first at line 1)"


def test_team_folder_file_names_in_two_unicode_forms_are_one_person(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    profile = "schema_version: 1\nsnapshots:\n  - taken_on: '2026-01-10'\n    level: 2\n    confidence: high\n"
    profile += "    ratings: {}\n    gaps: {}\n    answers: {}\n"
    for form in ("NFC", "NFD"):
        (folder / f"{unicodedata.normalize(form, 'José')}.yaml").write_text(profile, encoding="utf-8")
    result = runner.invoke(app, ["team", "plan", str(folder)])
    assert result.exit_code == 1
    assert "duplicate person 'José'" in result.stderr


@pytest.mark.parametrize("columns", ["0", "5", "abc", "-3", ""])
def test_tiny_or_invalid_columns_falls_back_to_a_sane_width(tmp_path: Path, columns: str) -> None:
    result = run(["courses"], tmp_path, COLUMNS=columns)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert len(lines) > 20
    assert max(len(line) for line in lines) == FALLBACK_WIDTH


def test_sane_width_keeps_usable_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "20")
    assert sane_width() is None  # rich uses it
    monkeypatch.setenv("COLUMNS", "0")
    assert sane_width() == FALLBACK_WIDTH  # tests run without a terminal on stdout


def test_an_empty_plan_is_a_valid_calendar(runner: CliRunner) -> None:
    from icalendar import Calendar

    args = ["plan", "--level", "4", "--target-level", "4", "--years", "1", "--days-per-year", "0", "--start", "2026"]
    result = runner.invoke(app, [*args, "--format", "ics"])
    assert result.exit_code == 0, result.stderr
    calendar = Calendar.from_ical(result.stdout_bytes)
    assert [c.name for c in calendar.subcomponents] == ["VJOURNAL"]  # RFC 5545: one component at least
    journal = calendar.subcomponents[0]
    assert journal["UID"] == "empty-plan@pmoplan" and "DTSTAMP" in journal
    assert str(journal["SUMMARY"]) == "PMO development plan: nothing to schedule"


def test_an_error_line_is_capped(tmp_path: Path) -> None:
    header = ",".join(f"column{i}" for i in range(100_000))
    (tmp_path / "wide.csv").write_text(f"{header}\n", encoding="utf-8")
    line = one_error_line(run(["team", "plan", "wide.csv"], tmp_path))
    assert len(line) <= len("pmoplan: error: ") + MAX_ERROR_CHARS + 40
    assert line.endswith(" more characters)")


# --- item 7: memory per team member ----------------------------------------------------------------


def test_completed_records_are_shared_between_people(tmp_path: Path) -> None:
    """Memory per person does not grow with repeated completed-course ids (about 31 KB before, per person)."""
    import random

    ids = [c.id for c in CATALOGUE.courses][:50]
    chooser = random.Random(7)

    def write(count: int) -> Path:
        lines = ["id,level,completed"]
        for number in range(count):
            order = ids[:]
            chooser.shuffle(order)  # every row differs, so the per-cell cache cannot share anything
            lines.append(f"p{number},2," + ";".join(f"{c}@2024-0{1 + chooser.randrange(9)}-01" for c in order))
        path = tmp_path / f"team{count}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    small, large = write(200), write(400)
    used = {}
    for path in (small, large):
        tracemalloc.start()
        members = read_team(path, CATALOGUE)
        used[path] = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        del members
    per_person = (used[large] - used[small]) / 200
    assert per_person < 4000, per_person

    members = read_team(small, CATALOGUE)
    first = {(c.course_id, c.completed_on): c for c in members[0].completed}
    shared = [c for m in members[1:] for c in m.completed if (c.course_id, c.completed_on) in first]
    assert shared and all(c is first[(c.course_id, c.completed_on)] for c in shared)


class _FakeTerminal:
    """A text stream that says it is a terminal and keeps what is written to its buffer."""

    def __init__(self) -> None:
        import io

        self.buffer = io.BytesIO()

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return self.buffer.write(text.encode("utf-8"))

    def flush(self) -> None:
        pass


@pytest.mark.parametrize(("tty", "expected"), [(True, b"a\\x1b]52;c;x\\x07,b\n"), (False, b"a\x1b]52;c;x\x07,b\n")])
def test_data_written_to_a_terminal_is_sanitised_but_piped_data_is_exact(
    monkeypatch: pytest.MonkeyPatch, tty: bool, expected: bytes
) -> None:
    from pmoplan.cli.options import write_text

    stream = _FakeTerminal()
    monkeypatch.setattr(stream, "isatty", lambda: tty)
    monkeypatch.setattr(sys, "stdout", stream)
    write_text("a\x1b]52;c;x\x07,b\n")
    assert stream.buffer.getvalue() == expected


def test_a_profile_path_with_escapes_is_shown_escaped_in_tables_and_messages(tmp_path: Path) -> None:
    name = f"p{OSC52}\u202e.yaml"
    recorded = run(["done", "pmo-finance", "--date", "2025-01-01", "--profile", name], tmp_path)
    assert recorded.returncode == 0, recorded.stderr
    shown = run(["profile", "show", "--profile", name], tmp_path)
    assert shown.returncode == 0, shown.stderr
    for stream in (recorded.stderr.decode(), shown.stdout.decode()):
        assert "\x1b]" not in stream and "\x07" not in stream
        assert "p\\x1b]52;c;" in stream
        line = next(line for line in stream.splitlines() if "\u202e" in line)
        assert line.index(FSI) < line.index("\u202e") < line.index(PDI)


def test_safe_console_keeps_its_own_colours_but_not_escapes_or_links_from_data() -> None:
    import io

    from rich.style import Style
    from rich.text import Text

    from pmoplan.safe_console import safe_console

    buffer = io.StringIO()
    console = safe_console(file=buffer, force_terminal=True, color_system="truecolor", width=80)
    console.print(Text(f"title{OSC52}", style="bold red"))
    console.print(Text("link", style=Style(link=f"https://x.example/{OSC52}")))
    console.print(Text("fine", style=Style(link="https://ok.example/")))
    out = buffer.getvalue()
    assert "\x1b[1m" in out  # rich's own style codes still work (colour is off: NO_COLOR in tests)
    assert "title\\x1b]52;c;cm0gLXJmIH4=" in out and "\x1b]52" not in out  # the data's OSC 52 is shown, not sent
    assert "https://x.example/" not in out  # a link whose URL holds a control character is dropped
    assert "\x1b]8;id=" in out and "https://ok.example/" in out  # an ordinary link is kept


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_a_team_folder_profile_whose_name_is_not_utf8_is_refused(tmp_path: Path, fmt: str) -> None:
    """The file name is the person's id; bytes that are not text must not reach JSON, CSV or a table."""
    folder = tmp_path / "team"
    folder.mkdir()
    profile = "schema_version: 1\nsnapshots:\n  - taken_on: '2026-01-10'\n    level: 2\n    confidence: high\n"
    (folder / os.fsdecode(b"\xfe.yaml")).write_text(
        profile + "    ratings: {}\n    gaps: {}\n    answers: {}\n", encoding="utf-8"
    )
    line = one_error_line(run(["team", "plan", "team", "--format", fmt], tmp_path))
    assert line == (
        "pmoplan: error: team/\\xfe.yaml: file name is not valid UTF-8 text or holds control characters; rename it"
    )


def test_an_error_with_stderr_closed_still_exits_1_quietly(tmp_path: Path) -> None:
    result = subprocess.run(
        ["sh", "-c", f"'{PMOPLAN}' course no-such-course 2>&-"],
        env=env_for(tmp_path),
        capture_output=True,
        timeout=120,
    )
    assert (result.returncode, result.stdout, result.stderr) == (1, b"", b"")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_on_a_real_terminal_styles_stay_and_data_escapes_do_not(tmp_path: Path) -> None:
    """On a pseudo-terminal rich writes its own style codes; the OSC 52 in a file name stays text."""
    import pexpect

    name = f"p{OSC52}.yaml"
    assert run(["done", "pmo-finance", "--date", "2025-01-01", "--profile", name], tmp_path).returncode == 0
    env = {**env_for(tmp_path), "TERM": "xterm-256color"}
    env.pop("NO_COLOR")
    child = pexpect.spawn(
        str(PMOPLAN), ["profile", "show", "--profile", name], env=env, cwd=str(tmp_path), timeout=60,
        dimensions=(50, 100),
    )  # fmt: skip
    child.expect(pexpect.EOF)
    child.close()
    shown = (child.before or b"").decode("utf-8")
    assert child.exitstatus == 0, shown
    assert "\x1b[" in shown  # styled: this really is the terminal path, not the plain one
    assert "p\\x1b]52;c;cm0gLXJmIH4=" in shown
    assert "\x1b]52" not in shown


def test_json_output_never_holds_infinity() -> None:
    from pmoplan.render.json_out import to_json

    assert to_json({"schema_version": 1, "budget": 1.5}) == '{\n  "schema_version": 1,\n  "budget": 1.5\n}\n'
    with pytest.raises(ValueError, match="not JSON compliant"):
        to_json({"schema_version": 1, "budget": float("inf")})

"""The one output path: format from --format or the file extension, '-o -', the BOM only in files,
and no output ever replacing an input of the run (explicit or default, through symlinks, --force or not)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmoplan import inputs
from pmoplan.cli import app
from pmoplan.cli.options import OutputFormat
from pmoplan.cli.output import EXTENSIONS, choose_format
from pmoplan.errors import UsageProblem
from pmoplan.loading import shipped_data_dir

ANSWERS = Path(__file__).resolve().parents[1] / "benchmarks" / "answers.yaml"
PLAN = ["plan", "--level", "2", "--years", "2", "--start", "2026"]
TEAM_CSV = "id,level\np001,2\n"


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# --- the format ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "first_bytes"),
    [
        ("plan.html", b"<!DOCTYPE html>"),
        ("plan.md", b"# Personal development plan"),
        ("plan.csv", b"\xef\xbb\xbfyear,level,course_id"),
        ("plan.ics", b"BEGIN:VCALENDAR"),
        ("plan.json", b"{"),
        ("PLAN.JSON", b"{"),
        ("plan.txt", b"Development plan 2026-2027"),
    ],
)
def test_the_output_extension_chooses_the_format(
    runner: CliRunner, tmp_path: Path, name: str, first_bytes: bytes
) -> None:
    target = tmp_path / name
    code, stdout, stderr = invoke(runner, *PLAN, "-o", str(target))
    assert (code, stdout, stderr) == (0, "", f"plan written to {target}\n")
    assert target.read_bytes().startswith(first_bytes)


def test_format_given_and_matching_extension_is_fine(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    assert invoke(runner, *PLAN, "--format", "json", "-o", str(target))[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["request"]["years"] == 2


def test_format_that_contradicts_the_extension_is_refused_and_nothing_is_written(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "plan.html"
    code, stdout, stderr = invoke(runner, *PLAN, "--format", "json", "-o", str(target))
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"pmoplan: error: --format json does not match --output {target} (a html file); "
        "change one of them so they agree\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_extension_the_command_cannot_write_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    code, _, stderr = invoke(runner, "courses", "-o", str(tmp_path / "courses.ics"))
    assert code == 2
    assert stderr == "pmoplan: error: 'courses' cannot write ics; choose one of: table, json, csv, markdown\n"
    code, _, stderr = invoke(runner, *PLAN, "-o", str(tmp_path / "plan.xlsx"))
    assert code == 2
    assert stderr.startswith("pmoplan: error: 'plan' cannot write xlsx; choose one of: table, json,")
    assert list(tmp_path.iterdir()) == []


def test_every_extension_maps_to_a_known_format() -> None:
    assert set(EXTENSIONS) >= {".html", ".md", ".csv", ".ics", ".json", ".xlsx"}
    assert choose_format(None, None, (OutputFormat.table,), "x") is OutputFormat.table
    assert choose_format(None, Path("-"), (OutputFormat.table,), "x") is OutputFormat.table
    with pytest.raises(UsageProblem):
        choose_format(OutputFormat.csv, Path("out.md"), tuple(OutputFormat), "x")


@pytest.mark.parametrize(
    ("command", "name", "start"),
    [
        (["levels"], "levels.md", "## "),
        (["levels", "2"], "level.json", "{"),
        (["courses", "--certification"], "courses.csv", "\ufeffid,title"),
        (["course", "p3o-practitioner"], "course.md", "## "),
    ],
)
def test_catalogue_listings_take_output_files_too(
    runner: CliRunner, tmp_path: Path, command: list[str], name: str, start: str
) -> None:
    target = tmp_path / name
    code, stdout, _ = invoke(runner, *command, "-o", str(target))
    assert (code, stdout) == (0, "")
    assert target.read_text(encoding="utf-8").startswith(start)


# --- stdout -----------------------------------------------------------------------------------


def test_dash_writes_to_stdout_and_creates_no_file(runner: CliRunner, tmp_path: Path) -> None:
    os.chdir(tmp_path)
    code, stdout, stderr = invoke(runner, *PLAN, "--format", "json", "-o", "-")
    assert (code, stderr) == (0, "")
    assert json.loads(stdout)["request"]["current_level"] == 2
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "command",
    [[*PLAN, "--format", "csv"], ["courses", "--format", "csv"], ["levels", "--format", "csv"]],
)
def test_csv_on_stdout_has_no_bom_but_the_same_csv_in_a_file_has_one(
    runner: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    result = runner.invoke(app, command)
    assert result.exit_code == 0
    assert not result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    target = tmp_path / "out.csv"
    assert invoke(runner, *command, "-o", str(target))[0] == 0
    assert target.read_bytes() == b"\xef\xbb\xbf" + result.stdout_bytes


def test_team_csv_on_stdout_has_no_bom(runner: CliRunner, tmp_path: Path) -> None:
    team = tmp_path / "team.csv"
    team.write_text(TEAM_CSV, encoding="utf-8")
    code, stdout, _ = invoke(runner, "team", "plan", str(team), "--format", "csv")
    assert code == 0
    assert stdout.startswith("person_id,")


# --- never replace an input -------------------------------------------------------------------


def assert_refused(result: tuple[int, str, str], target: Path, before: bytes) -> None:
    code, stdout, stderr = result
    assert (code, stdout) == (2, ""), stderr
    assert stderr == f"pmoplan: error: {target}: is one of the input files; choose another --output\n"
    assert target.read_bytes() == before


def data_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "courses.yaml").write_text("base: shipped\ncourses: []\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_plan_never_replaces_the_data_folders_courses(runner: CliRunner, tmp_path: Path, force: list[str]) -> None:
    folder = data_folder(tmp_path)
    target = folder / "courses.yaml"
    before = target.read_bytes()
    result = invoke(runner, "--data-dir", str(folder), *PLAN, "--format", "json", "-o", str(target), *force)
    assert_refused(result, target, before)


def test_plan_never_replaces_a_data_file_named_by_the_environment(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = data_folder(tmp_path)
    monkeypatch.setenv("PMOPLAN_DATA_DIR", str(folder))
    target = folder / "courses.yaml"
    before = target.read_bytes()
    assert_refused(invoke(runner, *PLAN, "-o", str(target), "--force", "--format", "json"), target, before)


def test_plan_never_replaces_a_data_folder_file_it_did_not_need(runner: CliRunner, tmp_path: Path) -> None:
    """assessment.yaml is not read by 'plan', but it is one of the catalogue's files all the same."""
    folder = data_folder(tmp_path)
    target = folder / "assessment.yaml"
    target.write_text("precious\n", encoding="utf-8")
    result = invoke(runner, "--data-dir", str(folder), *PLAN, "--format", "json", "-o", str(target), "--force")
    assert_refused(result, target, b"precious\n")


@pytest.mark.parametrize("name", ["levels.yaml", "courses.yaml", "catalogue.snapshot.json"])
def test_team_plan_never_replaces_a_shipped_catalogue_file(runner: CliRunner, tmp_path: Path, name: str) -> None:
    team = tmp_path / "team.csv"
    team.write_text(TEAM_CSV, encoding="utf-8")
    target = shipped_data_dir() / name
    before = target.read_bytes()
    result = invoke(runner, "team", "plan", str(team), "--format", "json", "-o", str(target), "--force")
    assert_refused(result, target, before)


def test_plan_never_replaces_the_default_profile_it_planned_from(runner: CliRunner, tmp_path: Path) -> None:
    from pmoplan.profile import default_profile_path

    assert invoke(runner, "assess", "--answers", str(ANSWERS))[0] == 0

    target = default_profile_path()
    before = target.read_bytes()
    result = invoke(runner, "plan", "--format", "json", "-o", str(target), "--force")
    assert_refused(result, target, before)


def test_a_symlink_to_an_input_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    team = tmp_path / "team.csv"
    team.write_text(TEAM_CSV, encoding="utf-8")
    link = tmp_path / "out.json"
    link.symlink_to(team)
    code, stdout, stderr = invoke(runner, "team", "plan", str(team), "-o", str(link), "--force")
    assert (code, stdout) == (2, "")
    assert stderr == f"pmoplan: error: {link}: is one of the input files; choose another --output\n"
    assert team.read_text(encoding="utf-8") == TEAM_CSV


def test_a_profile_in_a_team_folder_is_an_input(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "people"
    folder.mkdir()
    target = folder / "ana.yaml"
    assert invoke(runner, "assess", "--answers", str(ANSWERS), "--profile", str(target))[0] == 0
    before = target.read_bytes()
    result = invoke(runner, "team", "plan", str(folder), "--format", "json", "-o", str(target), "--force")
    assert_refused(result, target, before)


def test_the_registry_is_filled_by_the_loaders_and_cleared_by_each_run(runner: CliRunner, tmp_path: Path) -> None:
    team = tmp_path / "team.csv"
    team.write_text(TEAM_CSV, encoding="utf-8")
    assert invoke(runner, "team", "plan", str(team), "--format", "json")[0] == 0
    recorded = inputs.current()
    assert team.resolve() in recorded
    assert (shipped_data_dir() / "levels.yaml").resolve() in recorded
    assert invoke(runner, "levels", "--format", "json")[0] == 0
    assert team.resolve() not in inputs.current()


def test_the_older_write_output_refuses_every_recorded_input_too(tmp_path: Path) -> None:
    from pmoplan.atomic import write_output

    source = tmp_path / "courses.yaml"
    source.write_text("courses: []\n", encoding="utf-8")
    inputs.clear()
    inputs.record(source)
    try:
        with pytest.raises(UsageProblem, match="is one of the input files"):
            write_output(source, "x", force=True)
    finally:
        inputs.clear()
    assert source.read_text(encoding="utf-8") == "courses: []\n"
    write_output(tmp_path / "out.txt", "x", force=False)
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "x"

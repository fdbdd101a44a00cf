"""The first ten minutes: help when a command is missing, skills, names accepted for ids, completion."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmoplan.cli import app


def test_bare_pmoplan_prints_its_help_on_stdout_and_succeeds(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.startswith("Usage: pmoplan [OPTIONS] COMMAND [ARGS]...\n")
    assert result.stdout == runner.invoke(app, ["--help"]).stdout


@pytest.mark.parametrize("group", ["team", "profile"])
def test_a_bare_group_prints_its_help_and_a_usage_error(runner: CliRunner, group: str) -> None:
    result = runner.invoke(app, [group])
    assert result.exit_code == 2
    assert result.stdout == ""
    help_text = runner.invoke(app, [group, "--help"]).stdout
    assert result.stderr == f"{help_text}pmoplan: error: missing command (see 'pmoplan {group} --help')\n"
    assert result.stderr.startswith(f"Usage: pmoplan {group} [OPTIONS] COMMAND [ARGS]...\n")


# --- skills: ids, names, expectations -------------------------------------------------------------


def test_skills_json_lists_every_skill_with_what_each_level_expects(runner: CliRunner) -> None:
    import json

    from pmoplan.loading import load_catalogue

    cat = load_catalogue()
    result = runner.invoke(app, ["skills", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1
    assert [s["id"] for s in document["skills"]] == [s.id for s in cat.skills]
    benefits = next(s for s in document["skills"] if s["id"] == "benefits")
    assert benefits["name"] == cat.skill("benefits").name
    assert benefits["expected"] == {str(lv.number): lv.expected["benefits"] for lv in cat.levels}


def test_skills_csv_and_markdown_carry_ids_names_and_ratings(runner: CliRunner) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(runner.invoke(app, ["skills", "--format", "csv"]).stdout)))
    assert rows[0] == ["ID", "Name", "Description", "L1", "L2", "L3", "L4"]
    assert len(rows) == 18 and rows[1][0] == "reporting"
    markdown = runner.invoke(app, ["skills", "--format", "markdown"]).stdout
    assert markdown.startswith("## Skill areas (17)\n")
    assert "| benefits | Benefits" in markdown


@pytest.mark.parametrize("typed", ["benefits", "BENEFITS", "Benefits management", "benefits  MANAGEMENT "])
def test_a_skill_name_in_any_case_works_where_an_id_does(runner: CliRunner, typed: str) -> None:
    from pmoplan.loading import load_catalogue

    assert load_catalogue().skill(typed).id == "benefits"
    by_id = runner.invoke(app, ["courses", "--skill", "benefits", "--format", "json"]).stdout
    assert runner.invoke(app, ["courses", "--skill", typed, "--format", "json"]).stdout == by_id
    plan = ["plan", "--level", "2", "--start", "2026", "--format", "json", "--focus"]
    assert runner.invoke(app, [*plan, typed]).stdout == runner.invoke(app, [*plan, "benefits"]).stdout


def test_a_mistyped_skill_name_suggests_the_id(runner: CliRunner) -> None:
    result = runner.invoke(app, ["courses", "--skill", "Benefit managment"])
    assert result.exit_code == 1
    assert result.stderr == "pmoplan: error: unknown skill 'Benefit managment' (did you mean 'benefits'?)\n"


def test_a_team_file_may_name_skills_for_focus_and_gaps(runner: CliRunner, tmp_path: Path) -> None:
    by_name = tmp_path / "names.csv"
    by_name.write_text("id,level,focus,gaps\np1,2,Benefits management,Planning and schedule management:2\n", "utf-8")
    by_id = tmp_path / "ids.csv"
    by_id.write_text("id,level,focus,gaps\np1,2,benefits,planning:2\n", encoding="utf-8")
    args = ["--start", "2026", "--format", "json"]
    named = runner.invoke(app, ["team", "plan", str(by_name), *args])
    assert named.exit_code == 0, named.stderr
    assert named.stdout == runner.invoke(app, ["team", "plan", str(by_id), *args]).stdout


def test_ids_stand_beside_names_in_levels_and_course(runner: CliRunner) -> None:
    level = runner.invoke(app, ["levels", "2"]).stdout
    assert "Expected: Benefits management (benefits)" in " ".join(level.split())
    compare = runner.invoke(app, ["levels", "--compare", "2", "3"]).stdout
    assert "(risk-issue)" in compare
    course = runner.invoke(app, ["course", "p3o-practitioner"]).stdout
    assert "(governance-assurance)" in course


def test_levels_n_lists_the_recommended_courses_first(runner: CliRunner) -> None:
    from pmoplan.loading import load_catalogue

    level = load_catalogue().level(3)
    result = runner.invoke(app, ["levels", "3", "--format", "csv"])
    import csv
    import io

    rows = {row[0]: row[1] for row in csv.reader(io.StringIO(result.stdout))}
    assert rows["Recommended for this level"] == ", ".join(level.recommended_courses)
    fields = list(rows)
    assert fields.index("Recommended for this level") < fields.index("Other certifications for this level")
    assert not set(rows["Other certifications for this level"].split(", ")) & set(level.recommended_courses)


# --- validate: every problem in every file, and the files it does not read --------------------------


def test_validate_reports_problems_of_every_file_in_one_run_sorted_by_file_and_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    from tests.conftest import DATA

    folder = tmp_path / "org"
    folder.mkdir()
    levels = (DATA / "levels.yaml").read_text(encoding="utf-8")
    # Two mistakes in levels.yaml: a level's rating for an unknown skill and a non-number rating.
    levels = levels.replace("      reporting: 3\n", "      reportng: 3\n", 1).replace(
        "typical_years: 3", "typical_years: x", 1
    )
    (folder / "levels.yaml").write_text(levels, encoding="utf-8")
    (folder / "courses.yaml").write_text("courses:\n  - id: Bad Id\n", encoding="utf-8")
    (folder / "assessment.yaml").write_text("statements: 3\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(folder)])
    assert (result.exit_code, result.stdout) == (1, "")
    lines = result.stderr.splitlines()
    files = [line.removeprefix("pmoplan: error: ").split(":", 1)[0] for line in lines]
    assert set(files) == {str(folder / name) for name in ("assessment.yaml", "courses.yaml", "levels.yaml")}
    assert files == sorted(files), "sorted by file"
    for name in {*files}:
        numbers = [int(line.split(":")[2]) for line in lines if f"{name}:" in line and line.split(":")[2].isdigit()]
        assert numbers == sorted(numbers), f"{name}: sorted by line"
    assert any("typical_years" in line for line in lines)
    assert len(lines) >= 4


@pytest.mark.parametrize(("wrong", "right"), [("courses.yml", "courses.yaml"), ("level.yaml", "levels.yaml")])
def test_validate_warns_about_a_file_it_does_not_read_and_names_the_right_one(
    runner: CliRunner, tmp_path: Path, wrong: str, right: str
) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / wrong).write_text("courses: []\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 0
    assert result.stdout == f"{folder}: ok\n"
    assert result.stderr == (
        f"pmoplan: warning: {folder / wrong}: not read (pmoplan reads levels.yaml, courses.yaml and "
        f"assessment.yaml); did you mean {right}?\n"
    )


# --- completion of values -----------------------------------------------------------------------------


def complete(runner: CliRunner, line: str) -> list[str]:
    """What bash completion offers for the last word of ``line`` (empty when it ends in a space)."""
    words = line.split()
    current = len(words) if line.endswith(" ") else len(words) - 1
    env = {"_PMOPLAN_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(current)}
    result = runner.invoke(app, [], env=env, prog_name="pmoplan")
    assert result.exit_code == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("pmoplan course p3o-", ["p3o-foundation", "p3o-practitioner", "p3o-combined"]),
        ("pmoplan done mop-c", ["mop-combined"]),
        ("pmoplan plan --completed mop-p", ["mop-practitioner"]),
        ("pmoplan plan --focus ben", ["benefits"]),
        ("pmoplan courses --skill risk", ["risk-issue"]),
        ("pmoplan levels ", ["1", "2", "3", "4"]),
        ("pmoplan plan --target-level ", ["1", "2", "3", "4"]),
        ("pmoplan courses --provider PM", ["PMI", "PMO Learning"]),
        ("pmoplan plan --format m", ["markdown"]),
    ],
)
def test_completion_offers_ids_levels_providers_and_formats(runner: CliRunner, line: str, offered: list[str]) -> None:
    assert complete(runner, line) == offered


def test_completion_uses_the_data_dir_of_the_command_line(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "courses.yaml").write_text(
        "courses:\n  - id: zz-in-house\n    title: In-house\n    kind: specialist\n    provider: Us\n"
        "    levels: [1]\n    days: 1\n    skills: [reporting]\n    source: https://intranet.example.com/zz\n",
        encoding="utf-8",
    )
    assert complete(runner, f"pmoplan --data-dir {folder} course zz") == ["zz-in-house"]
    (folder / "courses.yaml").write_text("courses: [\n", encoding="utf-8")
    assert complete(runner, f"pmoplan --data-dir {folder} course zz") == []


# --- every example in every --help runs ---------------------------------------------------------------


def help_examples() -> list[tuple[str, str]]:
    """(command path, example) for every 'Example: pmoplan ...' line of every command's help."""
    import typer

    found: list[tuple[str, str]] = []

    def walk(command: object, path: str) -> None:
        children = getattr(command, "commands", None)
        if children:
            for name, child in children.items():
                walk(child, f"{path} {name}".strip())
            return
        help_text = getattr(command, "help", "") or ""
        found.extend(
            (path, line.strip().removeprefix("Example: ")) for line in help_text.splitlines() if "Example:" in line
        )

    walk(typer.main.get_command(app), "")
    return found


EXAMPLES = help_examples()


@pytest.fixture
def example_folder(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding the files the examples name, and a saved default profile."""
    import shutil

    from tests.conftest import REPO

    (tmp_path / "examples").mkdir()
    shutil.copy(REPO / "examples" / "team.csv", tmp_path / "examples" / "team.csv")
    shutil.copy(REPO / "benchmarks" / "answers.yaml", tmp_path / "my-answers.yaml")
    (tmp_path / "our-catalogue").mkdir()
    (tmp_path / "our-catalogue" / "courses.yaml").write_text("exclude: [data-viz]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["assess", "--answers", "my-answers.yaml", "--date", "2026-01-05"]).exit_code == 0
    return tmp_path


def test_every_command_has_an_example() -> None:
    from tests.test_docs import COMMANDS

    assert sorted({path for path, _ in EXAMPLES}) == sorted(COMMANDS)


@pytest.mark.parametrize(("path", "example"), EXAMPLES, ids=[path for path, _ in EXAMPLES])
def test_every_help_example_runs(runner: CliRunner, example_folder: Path, path: str, example: str) -> None:
    import shlex

    words = shlex.split(example)
    assert words[0] == "pmoplan" and " ".join(words[1:]).startswith(path)
    result = runner.invoke(app, words[1:])
    assert result.exit_code == 0, (example, result.stderr)
    assert result.stdout or result.stderr


def test_every_command_warns_about_a_misspelt_catalogue_file_in_the_data_folder(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "courses.yml").write_text("exclude: [data-viz]\n", encoding="utf-8")
    (folder / "notes.yaml").write_text("just: notes\n", encoding="utf-8")
    result = runner.invoke(app, ["--data-dir", str(folder), "course", "data-viz", "--format", "json"])
    assert result.exit_code == 0  # the misspelt overlay is not read, so data-viz is still there
    assert result.stderr == f"pmoplan: warning: {folder / 'courses.yml'}: not read; did you mean courses.yaml?\n"


def test_an_unlistable_data_folder_is_not_an_internal_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    real_iterdir = Path.iterdir

    def refuse(self: Path) -> object:
        if self == folder:
            raise PermissionError(13, "Permission denied")
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", refuse)  # root can list anything: simulate the refusal
    result = runner.invoke(app, ["--data-dir", str(folder), "levels", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""

"""The README stays true: every command is documented, and its examples run and say what they show."""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from pmoplan.cli import app

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
TEXT = README.read_text(encoding="utf-8")


def command_paths() -> list[str]:
    """Every leaf command, as typed: 'levels', 'team plan', ..."""
    root = typer.main.get_command(app)
    found: list[str] = []

    def walk(command: Any, prefix: str) -> None:
        children = getattr(command, "commands", None)
        if not children:
            found.append(prefix.strip())
            return
        for name, child in children.items():
            walk(child, f"{prefix} {name}")

    walk(root, "")
    return sorted(found)


COMMANDS = command_paths()


def _synopsis_tool() -> Any:
    spec = importlib.util.spec_from_file_location("command_synopsis", REPO / "tools" / "command_synopsis.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_command_list_is_complete() -> None:
    assert len(COMMANDS) >= 12
    block = TEXT.split("## Commands", 1)[1].split("```", 2)[1]
    for path in COMMANDS:
        assert f"pmoplan {path} " in block or f"pmoplan {path}\n" in block, f"'{path}' is missing"


def test_the_command_synopsis_is_generated_from_the_commands() -> None:
    """README.md's synopsis is what tools/command_synopsis.py makes of the commands; --write updates it."""
    tool = _synopsis_tool()
    assert tool.updated_readme(TEXT) == TEXT, "run: python tools/command_synopsis.py --write"
    assert "pmoplan team plan TEAM [--years N]" in tool.synopsis()


@pytest.mark.parametrize("path", COMMANDS)
def test_every_command_has_help_with_an_example(runner: CliRunner, path: str) -> None:
    result = runner.invoke(app, [*path.split(), "--help"])
    assert result.exit_code == 0, result.stderr
    assert "Example: pmoplan " in result.stdout


def example_tables() -> list[tuple[str, list[list[str]]]]:
    """(command, rows) for each worked example: a bold title with the command, then a year table."""
    found = []
    section = TEXT.split("### Four worked examples", 1)[1].split("\n## ", 1)[0]
    for match in re.finditer(r"`(pmoplan plan [^`]+)`\n\n((?:\|.*\n)+)", section):
        rows = [
            [cell.strip() for cell in line.strip().strip("|").split("|")] for line in match.group(2).splitlines()[2:]
        ]
        found.append((match.group(1), rows))
    return found


EXAMPLES = example_tables()


def test_the_four_worked_examples_are_found() -> None:
    assert len(EXAMPLES) == 4


@pytest.mark.parametrize(("command", "rows"), EXAMPLES, ids=[f"example-{i}" for i in range(1, len(EXAMPLES) + 1)])
def test_worked_example_tables_match_the_plan(runner: CliRunner, command: str, rows: list[list[str]]) -> None:
    result = runner.invoke(app, [*shlex.split(command)[1:], "--format", "json"])
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    actual = []
    for year in plan["years"]:
        certification = ", ".join(i["course_id"] for i in year["items"] if i["kind"] == "certification")
        specialist = ", ".join(i["course_id"] for i in year["items"] if i["kind"] == "specialist")
        actual.append([str(year["year"]), str(year["level"]), certification, specialist])
    assert [row[:4] for row in rows] == actual
    renewal_years = {str(y["year"]) for y in plan["years"] if any(i["kind"] == "renewal" for i in y["items"])}
    assert {row[0] for row in rows if row[4]} == renewal_years


def test_the_overlay_example_is_a_valid_catalogue(runner: CliRunner, tmp_path: Path) -> None:
    block = TEXT.split("### Your organisation's catalogue", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "courses.yaml").write_text(block, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    listed = runner.invoke(app, ["--data-dir", str(tmp_path), "course", "p3o-foundation", "--format", "json"])
    assert json.loads(listed.stdout)["course"]["cost"] == 950
    excluded = runner.invoke(app, ["--data-dir", str(tmp_path), "course", "bcs-ppso-essentials"])
    assert excluded.exit_code == 1


def test_the_plan_shown_in_the_readme_is_current(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    marker = "`pmoplan plan --level 2 --years 6 --start 2026` (at 100 columns"
    shown = TEXT.split(marker, 1)[1].split("```text\n", 1)[1].split("\n```", 1)[0]
    result = runner.invoke(app, ["plan", "--level", "2", "--years", "6", "--start", "2026"])
    assert result.exit_code == 0, result.stderr
    assert "\n".join(line.rstrip() for line in result.stdout.splitlines()).rstrip() == shown


def _examples_tool() -> Any:
    spec = importlib.util.spec_from_file_location(
        "update_readme_examples", REPO / "tools" / "update_readme_examples.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_examples_tool_writes_what_these_tests_check() -> None:
    """tools/update_readme_examples.py regenerates the blocks checked above, and leaves a current README alone."""
    tool = _examples_tool()
    assert tool.updated_readme(TEXT) == TEXT
    stale = TEXT.replace("| 2026 | 1 | hop-essentials-administrators |", "| 2026 | 1 | p3o-foundation |", 1)
    stale = stale.replace("Warnings\n", "Warnings (stale)\n", 1)
    assert stale != TEXT and tool.updated_readme(stale) == TEXT


OUTSIDE_DOCUMENTS = ("DESIGN.md", "reference/", "robustness checklist", "robustness.md")


def test_nothing_cites_a_document_outside_the_repository() -> None:
    files = [
        README,
        *(REPO / "src").rglob("*.py"),
        *(REPO / "tests").rglob("*.py"),
        *(REPO / "benchmarks").rglob("*.py"),
    ]
    files += [*(REPO / "tools").rglob("*.py"), REPO / "tests" / "bad_inputs" / "README.md"]
    cited = sorted(
        f"{path.relative_to(REPO)}: {name}"
        for path in files
        if path.name != "test_docs.py"
        for name in OUTSIDE_DOCUMENTS
        if name in path.read_text(encoding="utf-8")
    )
    assert cited == []


def test_the_design_documents_are_in_the_repository_and_name_every_engine_module() -> None:
    for name in ("ARCHITECTURE.md", "CONTRIBUTING.md", "CHANGELOG.md", "docs/bad-inputs.md"):
        assert (REPO / name).is_file(), name
    architecture = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    modules = sorted(p.name for p in (REPO / "src" / "pmoplan").glob("*.py") if not p.name.startswith("__"))
    assert [m for m in modules if f"`{m}`" not in architecture] == []

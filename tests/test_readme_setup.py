"""The README's first screen, followed literally in a fresh clone: `make run`, then the printed command.

Slow (it creates a virtual environment and installs the runtime dependencies), so it is the one
test that follows the path a newcomer takes, end to end, as CI does on a clean machine.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
FIRST_SCREEN = README.split("\n---\n", 1)[0]


def first_block_commands() -> list[str]:
    """The commands of the README's first shell block, comments removed."""
    block = FIRST_SCREEN.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip()]


def test_the_first_screen_has_two_commands_how_to_run_pmoplan_and_pipx() -> None:
    assert first_block_commands() == ["make run", "make test"]
    assert "`.venv/bin/pmoplan levels`" in FIRST_SCREEN
    assert "`source .venv/bin/activate`" in FIRST_SCREEN
    assert "`pipx install .`" in FIRST_SCREEN


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("make") is None or shutil.which("git") is None, reason="needs make and git")
def test_make_run_in_a_fresh_clone_installs_only_the_runtime_and_the_printed_command_works(tmp_path: Path) -> None:
    clone = tmp_path / "pmoplan"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True, timeout=120)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PMOPLAN_", "VIRTUAL_ENV"))}
    env["HOME"] = str(tmp_path / "home")
    env["XDG_DATA_HOME"] = str(tmp_path / "home" / "data")
    run = subprocess.run(
        ["make", "run"], cwd=clone, env=env, capture_output=True, text=True, encoding="utf-8", timeout=900
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "Development plan" in run.stdout
    assert "pmoplan is installed in .venv/: run it as .venv/bin/pmoplan" in run.stdout
    assert not (clone / ".venv" / "bin" / "pytest").exists(), "make run installed the development tools"
    assert not (clone / ".venv" / "bin" / "mypy").exists()

    command = re.search(r"for example `(\.venv/bin/pmoplan [^`]+)`", FIRST_SCREEN)
    assert command is not None
    for args in (shlex.split(command.group(1)), [".venv/bin/pmoplan", "skills"]):
        result = subprocess.run(args, cwd=clone, env=env, capture_output=True, text=True, encoding="utf-8", timeout=60)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip()
    assert (
        "PMO career levels"
        in subprocess.run(
            shlex.split(command.group(1)),
            cwd=clone,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        ).stdout
    )
    # A saved profile, with the commands the README lists: record a course, then show the profile.
    assert "pmoplan done ID [--date YYYY-MM-DD]" in README
    for args in (["done", "p3o-foundation", "--date", "2025-05-14"], ["profile", "show"]):
        result = subprocess.run(
            [".venv/bin/pmoplan", *args], cwd=clone, env=env, capture_output=True, text=True, encoding="utf-8"
        )
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "home" / "data" / "pmoplan" / "profile.yaml").is_file()
    # The assess section's path: answers from the sample file saved as the profile, then the plan made
    # from it as a shared report (no --level: the profile's level, gaps and courses).
    assert "pmoplan assess --answers examples/answers.yaml" in README
    assert 'pmoplan plan --title "Ana Silva" -o plan.html' in README
    steps = (
        ["assess", "--answers", "examples/answers.yaml", "--date", "2026-11-20"],
        ["plan", "--title", "Ana Silva", "-o", "plan.html"],
    )
    for args in steps:
        result = subprocess.run(
            [".venv/bin/pmoplan", *args], cwd=clone, env=env, capture_output=True, text=True, encoding="utf-8"
        )
        assert result.returncode == 0, result.stderr
    report = (clone / "plan.html").read_text(encoding="utf-8")
    assert report.startswith("<!DOCTYPE html>")
    assert "<h1>Personal development plan for Ana Silva</h1>" in report
    assert "<dt>Made from</dt><dd>the profile profile.yaml, assessed on 2026-11-20</dd>" in report


def test_the_sample_answers_file_answers_every_question_and_places_a_level_2_analyst() -> None:
    """examples/answers.yaml is what a newcomer copies to learn the format: it must stay complete."""
    import json

    from typer.testing import CliRunner

    from pmoplan.cli import app

    runner = CliRunner()
    questions = json.loads(runner.invoke(app, ["assess", "--print-questions", "--format", "json"]).stdout)
    sample = (REPO / "examples" / "answers.yaml").read_text(encoding="utf-8")
    answered = {line.split(":", 1)[0] for line in sample.splitlines() if line and not line.startswith("#")}
    assert answered == {question["id"] for question in questions["questions"]}
    args = ["assess", "--answers", str(REPO / "examples" / "answers.yaml"), "--no-save", "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["level"] == 2

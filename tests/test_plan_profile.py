"""`pmoplan plan --profile`: the plan starts from the assessed level, the profile's gaps and its courses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from pmoplan.cli import app
from pmoplan.profile import load_profile

START = ["--start", "2026", "--format", "json"]


def answers_file(tmp_path: Path, runner: CliRunner) -> Path:
    """Answers of a level-2 practitioner: yes to every level 1-2 statement, no above; every skill at 2."""
    printed = runner.invoke(app, ["assess", "--print-questions", "--format", "json"])
    assert printed.exit_code == 0, printed.stderr
    answers: dict[str, object] = {}
    for question in json.loads(printed.stdout)["questions"]:
        if question["kind"] == "level":
            answers[question["id"]] = "yes" if question["level"] <= 2 else "no"
        else:
            answers[question["id"]] = 2
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers), encoding="utf-8")
    return path


def assessed_profile(tmp_path: Path, runner: CliRunner) -> Path:
    profile = tmp_path / "me.yaml"
    answers = answers_file(tmp_path, runner)
    result = runner.invoke(
        app, ["assess", "--answers", str(answers), "--profile", str(profile), "--date", "2026-01-10"]
    )
    assert result.exit_code == 0, result.stderr
    done = runner.invoke(app, ["done", "p3o-foundation", "--date", "2025-05-14", "--profile", str(profile)])
    assert done.exit_code == 0, done.stderr
    return profile


def plan_of(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["plan", *args, *START])
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_plan_takes_level_gaps_and_courses_from_the_profile(runner: CliRunner, tmp_path: Path) -> None:
    profile_path = assessed_profile(tmp_path, runner)
    profile = load_profile(profile_path)
    assert profile is not None
    latest = profile.snapshots[-1]

    plan = plan_of(runner, "--profile", str(profile_path))

    request = plan["request"]
    assert request["current_level"] == latest.level == 2
    assert request["target_level"] == 3
    assert request["gaps"] == {skill: points for skill, points in latest.gaps.items() if points > 0}
    assert request["gaps"]  # every skill rated 2 leaves real gaps against level 2 and 3
    assert {"course_id": "p3o-foundation", "completed_on": "2025-05-14"} in request["completed"]
    planned = {item["course_id"] for year in plan["years"] for item in year["items"] if item["kind"] != "renewal"}
    assert "p3o-foundation" not in planned
    held = next(c for c in plan["certificates"] if c["course_id"] == "p3o-foundation")
    assert held["awarded_on"] == "2025-05-14" and not held["planned"]  # the dated completion is kept


def test_specialist_courses_follow_the_profile_gaps_largest_first(runner: CliRunner, tmp_path: Path) -> None:
    profile_path = assessed_profile(tmp_path, runner)
    plan = plan_of(runner, "--profile", str(profile_path))
    gaps = plan["request"]["gaps"]
    first_year = plan["years"][0]
    specialists = [item for item in first_year["items"] if item["kind"] == "specialist"]
    assert specialists
    largest = max(gaps.values())
    assert (
        f"({largest} points to close)" in specialists[0]["why"]
        or f"({largest} point to close)" in specialists[0]["why"]
    )


def test_plan_with_no_level_uses_the_default_profile(runner: CliRunner, tmp_path: Path) -> None:
    profile_path = assessed_profile(tmp_path, runner)
    from pmoplan.profile import default_profile_path

    default = default_profile_path()
    default.parent.mkdir(parents=True, exist_ok=True)
    default.write_bytes(profile_path.read_bytes())

    assert plan_of(runner) == plan_of(runner, "--profile", str(profile_path))


def test_a_profile_without_an_assessment_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    profile = tmp_path / "fresh.yaml"
    done = runner.invoke(app, ["done", "p3o-foundation", "--date", "2025-05-14", "--profile", str(profile)])
    assert done.exit_code == 0, done.stderr

    result = runner.invoke(app, ["plan", "--profile", str(profile), *START])

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "pmoplan: error: the profile has no assessment yet; run 'pmoplan assess' first\n"


def test_level_and_profile_together_are_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["plan", "--level", "2", "--profile", str(tmp_path / "me.yaml"), *START])
    assert result.exit_code == 2
    assert result.stderr == "pmoplan: error: give either --level or --profile, not both\n"


def test_a_missing_profile_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = runner.invoke(app, ["plan", "--profile", str(missing), *START])
    assert result.exit_code == 2
    assert result.stderr == f"pmoplan: error: {missing}: no such profile\n"


def persona_profile(tmp_path: Path, runner: CliRunner, name: str) -> Path:
    """A profile saved by ``assess`` from one of the personas in test_assessment_personas."""
    from tests.test_assessment_personas import PERSONAS

    person = next(p for p in PERSONAS if p.name.startswith(name))
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(person.answers()), encoding="utf-8")
    profile = tmp_path / f"{name}.yaml"
    result = runner.invoke(
        app, ["assess", "--answers", str(answers), "--profile", str(profile), "--date", "2026-12-01"]
    )
    assert result.exit_code == 0, result.stderr
    return profile


def planned_courses(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for year in plan["years"] for item in year["items"] if item["kind"] != "renewal"]


def test_a_head_of_pmo_profile_gets_no_invented_gaps_and_no_course_below_level_4(
    runner: CliRunner, tmp_path: Path
) -> None:
    from pmoplan.loading import load_catalogue

    catalogue = load_catalogue()
    profile = persona_profile(tmp_path, runner, "A4")

    plan = plan_of(runner, "--profile", str(profile), "--years", "3")

    assert plan["request"]["current_level"] == 4
    # Every skill was assessed and none has a gap: the planner is told so, rather than left to guess.
    assert plan["request"]["gaps"] == {skill.id: 0 for skill in catalogue.skills}
    items = planned_courses(plan)
    assert items
    assert not [item for item in items if item["kind"] == "specialist"]
    for item in items:
        assert 4 in catalogue.course(item["course_id"]).levels, item["course_id"]


def test_a_pmo_manager_profile_plans_only_real_gaps_at_level_3_or_4(runner: CliRunner, tmp_path: Path) -> None:
    from pmoplan.loading import load_catalogue

    catalogue = load_catalogue()
    profile_path = persona_profile(tmp_path, runner, "A3")
    profile = load_profile(profile_path)
    assert profile is not None

    plan = plan_of(runner, "--profile", str(profile_path), "--years", "3")

    assert plan["request"]["current_level"] == 3
    assert {k: v for k, v in plan["request"]["gaps"].items() if v} == profile.snapshots[-1].gaps
    for item in planned_courses(plan):
        levels = catalogue.course(item["course_id"]).levels
        assert max(levels) >= 3, item["course_id"]
    closed = {
        item["why"].split(": ")[1].split(" (")[0] for item in planned_courses(plan) if item["kind"] == "specialist"
    }
    names = {s.name for s in catalogue.skills if profile.snapshots[-1].gaps.get(s.id)}
    assert closed <= names


def test_a_profile_without_gaps_below_level_4_gets_no_gaps_invented_from_the_level_step(
    runner: CliRunner, tmp_path: Path
) -> None:
    from pmoplan.loading import load_catalogue, load_question_bank

    catalogue = load_catalogue()
    bank = load_question_bank(catalogue)
    # A PMO manager whose ratings already meet every level-4 expectation: no gap at level 3 or 4.
    answers: dict[str, object] = {s.id: s.level == 3 for s in bank.statements}
    answers.update({r.id: catalogue.level(4).expected[r.skill] for r in bank.ratings})
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    profile = tmp_path / "me.yaml"
    saved = runner.invoke(app, ["assess", "--answers", str(path), "--profile", str(profile), "--level", "3"])
    assert saved.exit_code == 0, saved.stderr

    plan = plan_of(runner, "--profile", str(profile), "--years", "4")

    assert plan["request"]["current_level"] == 3
    assert set(plan["request"]["gaps"].values()) == {0}
    assert not [item for item in planned_courses(plan) if item["kind"] == "specialist"]


def test_a_head_of_pmo_in_a_team_folder_gets_no_invented_gaps_either(runner: CliRunner, tmp_path: Path) -> None:
    """The team folder reads profiles like 'plan --profile': an assessed person with no gap is told so."""
    from pmoplan.loading import load_catalogue

    catalogue = load_catalogue()
    folder = tmp_path / "team"
    folder.mkdir()
    persona_profile(folder, runner, "A4")
    (folder / "answers.json").unlink()
    result = runner.invoke(app, ["team", "plan", str(folder), "--years", "3", "--start", "2027", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    (person,) = json.loads(result.stdout)["people"]
    assert person["plan"]["request"]["gaps"] == {skill.id: 0 for skill in catalogue.skills}
    assert not [item for item in planned_courses(person["plan"]) if item["kind"] == "specialist"]

"""``pmoplan team plan`` end to end: the three inputs agree, every format, the schema, writing files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmoplan.cli import app
from pmoplan.plan_models import CompletedCourse

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "team.csv"

# The same three people in each input. Profiles carry no name, target or focus, so neither do these.
PEOPLE = [
    {"id": "p001", "level": 2, "completed": [("p3o-foundation", date(2024, 5, 14))], "gaps": {"reporting": 2}},
    {"id": "p002", "level": 1, "completed": [], "gaps": {"planning": 1, "benefits": 3}},
    {"id": "p003", "level": 3, "completed": [("mop-foundation", date(2022, 11, 30)), ("pmi-pmp", None)], "gaps": {}},
]


def _completed_text(person: dict[str, object]) -> str:
    done = person["completed"]
    assert isinstance(done, list)
    return ";".join(f"{c}@{d.isoformat()}" if d else c for c, d in done)


def write_csv(path: Path) -> None:
    lines = ["id,level,completed,gaps"]
    for p in PEOPLE:
        gaps = p["gaps"]
        assert isinstance(gaps, dict)
        lines.append(f"{p['id']},{p['level']},{_completed_text(p)},{';'.join(f'{s}:{n}' for s, n in gaps.items())}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_yaml(path: Path) -> None:
    text = ""
    for p in PEOPLE:
        completed = _completed_text(p).split(";") if p["completed"] else []
        gaps = p["gaps"]
        assert isinstance(gaps, dict)
        text += f"- id: {p['id']}\n  level: {p['level']}\n  completed: {json.dumps(completed)}\n"
        text += f"  gaps: {json.dumps(gaps)}\n"
    path.write_text(text, encoding="utf-8")


def write_profiles(folder: Path) -> None:
    from pmoplan.profile import Profile, Snapshot, save_profile

    folder.mkdir()
    for p in PEOPLE:
        done = p["completed"]
        gaps = p["gaps"]
        assert isinstance(done, list) and isinstance(gaps, dict)
        snapshot = Snapshot(
            taken_on=date(2026, 1, 10),
            level=int(str(p["level"])),
            confidence="high",
            ratings={},
            gaps=gaps,
            answers={},
        )
        profile = Profile(
            snapshots=[snapshot], completed=[CompletedCourse(course_id=c, completed_on=d) for c, d in done]
        )
        save_profile(folder / f"{p['id']}.yaml", profile)
    (folder / "README.txt").write_text("not a profile\n", encoding="utf-8")


def team_json(runner: CliRunner, team: Path, *extra: str) -> str:
    args = ["team", "plan", str(team), "--start", "2026", "--years", "5", "--format", "json", *extra]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_csv_yaml_and_profile_folder_give_identical_json(runner: CliRunner, tmp_path: Path) -> None:
    write_csv(tmp_path / "team.csv")
    write_yaml(tmp_path / "team.yaml")
    write_profiles(tmp_path / "profiles")
    from_csv = team_json(runner, tmp_path / "team.csv", "--budget-per-year", "500")
    assert from_csv == team_json(runner, tmp_path / "team.yaml", "--budget-per-year", "500")
    assert from_csv == team_json(runner, tmp_path / "profiles", "--budget-per-year", "500")
    document = json.loads(from_csv)
    assert [p["id"] for p in document["people"]] == ["p001", "p002", "p003"]
    assert document["people"][0]["plan"]["request"]["gaps"] == {"reporting": 2}


def test_json_matches_the_published_schema(runner: CliRunner, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_run = runner.invoke(app, ["schema", "team"])
    assert schema_run.exit_code == 0, schema_run.stderr
    schema = json.loads(schema_run.stdout)
    for extra in ([], ["--budget-per-year", "1000"], ["--min-group", "2", "--budget-per-year", "1000"]):
        document = json.loads(team_json(runner, EXAMPLE, *extra))
        jsonschema.validate(document, schema)
        assert document["schema_version"] == 1


def test_min_group_leaves_out_people(runner: CliRunner) -> None:
    document = json.loads(team_json(runner, EXAMPLE, "--min-group", "3"))
    assert document["people"] is None and document["lapses"] is None
    assert document["suppression"]["min_group"] == 3
    assert all(cell["seats"] is None for cell in document["seats"] if cell["suppressed"])
    assert all(cell["seats"] >= 3 for cell in document["seats"] if not cell["suppressed"])
    for fmt in ("table", "markdown", "html"):
        result = runner.invoke(app, ["team", "plan", str(EXAMPLE), "--min-group", "3", "--format", fmt])
        assert result.exit_code == 0, result.stderr
        assert "p001" not in result.stdout and "Analyst A" not in result.stdout
        assert "<3" in result.stdout or "&lt;3" in result.stdout


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "html"])
def test_every_format_goes_to_stdout_without_escape_codes(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(app, ["team", "plan", str(EXAMPLE), "--start", "2026", "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "\x1b[" not in result.stdout
    assert result.stdout.strip()


def test_table_view_has_every_section(runner: CliRunner) -> None:
    args = ["team", "plan", str(EXAMPLE), "--start", "2026", "--budget-per-year", "500"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    for title in (
        "Totals per year",
        "Seats per course and year",
        "Certificate renewals due (lapse calendar)",
        "Skill gaps: people with a gap, by current level",
        "Outside the team budget",
    ):
        assert title in result.stdout


def test_html_is_self_contained_with_an_accessible_chart(runner: CliRunner) -> None:
    args = ["team", "plan", str(EXAMPLE), "--start", "2026", "--format", "html", "--budget-per-year", "500"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>")
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert '<title id="cost-title">Planned cost per year' in page
    # One script (sorting the per-person table), allowed by its hash; nothing is fetched.
    assert page.count("<script") == 1 and "script-src 'sha256-" in page
    shared = runner.invoke(app, [*args, "--min-group", "3"])
    assert shared.exit_code == 0, shared.stderr
    assert "<script" not in shared.stdout and "script-src" not in shared.stdout
    assert 'http-equiv="Content-Security-Policy"' in shared.stdout


def test_csv_is_one_row_per_person_per_item(runner: CliRunner) -> None:
    import csv
    import io

    as_json = json.loads(team_json(runner, EXAMPLE))
    result = runner.invoke(app, ["team", "plan", str(EXAMPLE), "--start", "2026", "--years", "5", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout.startswith("person_id,name,year,")  # no BOM on stdout
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = sum(len(y["items"]) for p in as_json["people"] for y in p["plan"]["years"])
    assert len(rows) == expected
    assert {r["person_id"] for r in rows} <= {f"p{i:03d}" for i in range(1, 11)}


def test_output_file_is_written_once_and_not_replaced_without_force(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "team.json"
    args = ["team", "plan", str(EXAMPLE), "--start", "2026", "--format", "json", "--output", str(out)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["people_count"] == 10
    again = runner.invoke(app, args)
    assert again.exit_code == 1 and "use --force" in again.stderr
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0


def test_output_may_not_replace_the_team_file(runner: CliRunner, tmp_path: Path) -> None:
    team = tmp_path / "team.csv"
    write_csv(team)
    before = team.read_bytes()
    result = runner.invoke(app, ["team", "plan", str(team), "--output", str(team), "--force"])
    assert result.exit_code == 2
    assert team.read_bytes() == before


def test_ics_is_refused_only_for_shared_reports(runner: CliRunner) -> None:
    result = runner.invoke(app, ["team", "plan", str(EXAMPLE), "--format", "ics", "--min-group", "2"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert runner.invoke(app, ["team", "plan", str(EXAMPLE), "--format", "ics"]).exit_code == 0


def test_profile_without_assessment_names_the_file(runner: CliRunner, tmp_path: Path) -> None:
    from pmoplan.profile import Profile, save_profile

    folder = tmp_path / "people"
    folder.mkdir()
    save_profile(folder / "p009.yaml", Profile())
    result = runner.invoke(app, ["team", "plan", str(folder)])
    assert result.exit_code == 1
    assert "p009.yaml" in result.stderr and "no assessment" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["team", "plan", str(empty)])
    assert result.exit_code == 1 and "no profiles" in result.stderr


def test_data_dir_catalogue_is_used(runner: CliRunner, tmp_path: Path) -> None:
    """The organisation's catalogue: an excluded course is unknown in the team file."""
    data = tmp_path / "org"
    data.mkdir()
    (data / "courses.yaml").write_text("exclude: [pmo-reporting]\n", encoding="utf-8")
    team = tmp_path / "team.csv"
    team.write_text("id,level,completed\np001,2,pmo-reporting\n", encoding="utf-8")
    result = runner.invoke(app, ["--data-dir", str(data), "team", "plan", str(team)])
    assert result.exit_code == 1
    assert "team.csv:2: completed: unknown course 'pmo-reporting'" in result.stderr


def test_without_start_a_december_team_plan_starts_next_year_and_dates_nothing_in_the_past(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As for one person (rule 12): on 1 December the March sitting has passed, so plans start next year."""
    from pmoplan.cli import plan_commands

    monkeypatch.setattr(plan_commands, "today_for_plans", lambda: date(2026, 12, 1))
    result = runner.invoke(app, ["team", "plan", str(EXAMPLE), "--years", "3", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["start_year"] == 2027
    plans = [person["plan"] for person in document["people"]]
    assert all(plan["request"]["today"] == "2026-12-01" for plan in plans)
    assert {year["year"] for plan in plans for year in plan["years"]} == {2027, 2028, 2029}

    monkeypatch.setattr(plan_commands, "today_for_plans", lambda: date(2027, 2, 1))
    early = runner.invoke(app, ["team", "plan", str(EXAMPLE), "--years", "1", "--format", "json"])
    assert json.loads(early.stdout)["start_year"] == 2027  # before March: this year's sitting is still ahead


def certifications_of(document: dict[str, object], person: str) -> list[str]:
    """The certification ids in one person's plan of a team report."""
    people = document["people"]
    assert isinstance(people, list)
    plan = next(p["plan"] for p in people if p["id"] == person)
    return [i["course_id"] for y in plan["years"] for i in y["items"] if i["kind"] == "certification"]


def test_experience_years_column_lets_experience_gated_certifications_be_planned(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Issue 12: experience is checked from a team column too. Without it, PMI-PMOCP (36 months, or a PMP)
    is asked about and never planned; a PMO analyst with 5 years in project roles may sit it."""
    team = tmp_path / "team.csv"
    team.write_text(
        "id,level,target_level,experience_years,completed\n"
        "veteran,2,3,5,p3o-foundation@2025-05-01\n"
        "unknown,2,3,,p3o-foundation@2025-05-01\n",
        encoding="utf-8",
    )
    args = ["team", "plan", str(team), "--start", "2027", "--years", "6", "--format", "json"]
    result = runner.invoke(app, [*args])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    veteran = [p for p in document["people"] if p["id"] == "veteran"][0]["plan"]
    assert veteran["request"]["experience"]["project_months"] == 60
    assert [p for p in document["people"] if p["id"] == "unknown"][0]["plan"]["request"]["experience"] is None
    gated = {"pmi-pmocp", "pmi-pmp"}
    assert not gated & set(certifications_of(document, "unknown"))
    unknown_plan = [p for p in document["people"] if p["id"] == "unknown"][0]["plan"]
    assert "experience-unknown" in {w["code"] for w in unknown_plan["warnings"]}
    assert "experience-unknown" not in {w["code"] for w in veteran["warnings"]}


def test_experience_years_must_be_a_number_in_range(runner: CliRunner, tmp_path: Path) -> None:
    team = tmp_path / "team.csv"
    team.write_text("id,level,experience_years\na,2,seventy\n", encoding="utf-8")
    result = runner.invoke(app, ["team", "plan", str(team)])
    assert result.exit_code == 1
    assert "experience_years: expected a number from 0 to 60, got 'seventy'" in result.stderr

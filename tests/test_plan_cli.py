"""The ``plan`` command: JSON against its schema, option errors, ``--output``, plain output, hard cases."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner, Result

from pmoplan.cli import app, plan_commands
from pmoplan.cli.plan_commands import PLAN_FORMATS
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import Plan

CATALOGUE = load_catalogue()
START = ["--start", "2026"]
ALL_COURSES = [arg for c in load_catalogue().courses for arg in ("--completed", c.id)]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plans are made on 1 December 2026 (the engine is told the day; it reads no clock)."""
    monkeypatch.setattr(plan_commands, "today_for_plans", lambda: date(2026, 12, 1))


def run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(app, ["plan", *args])


def plan_json(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = run(runner, *START, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    document: dict[str, Any] = json.loads(result.stdout)
    return document


@pytest.fixture(scope="module")
def plan_schema() -> dict[str, Any]:
    result = CliRunner().invoke(app, ["schema", "plan"])
    assert result.exit_code == 0
    schema: dict[str, Any] = json.loads(result.stdout)
    return schema


def validate(document: dict[str, Any], schema: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def items(document: dict[str, Any], kind: str | None = None) -> list[tuple[int, dict[str, Any]]]:
    return [
        (year["year"], item) for year in document["years"] for item in year["items"] if kind in (None, item["kind"])
    ]


# --- JSON against ``pmoplan schema plan`` ------------------------------------------------------

JSON_CASES = {
    "defaults": ["--level", "2"],
    "newcomer": ["--level", "1", "--years", "6"],
    "analyst-with-p3o": ["--level", "2", "--completed", "p3o-foundation@2025-05-14"],
    "manager-budget": ["--level", "3", "--budget-per-year", "1500"],
    "director": [
        "--level",
        "4",
        "--completed",
        "mop-combined@2024-06-10",
        "--completed",
        "p3o-practitioner@2023-11-15",
    ],
    "director-on-500": [
        "--level",
        "4",
        "--budget-per-year",
        "500",
        "--completed",
        "mop-combined@2024-06-10",
        "--completed",
        "p3o-practitioner@2023-11-15",
    ],
    "one-day": ["--level", "2", "--days-per-year", "1"],
    "zero-days": ["--level", "1", "--days-per-year", "0"],
    "focus": ["--level", "2", "--focus", "benefits", "--focus", "leadership", "--cert-every", "3"],
    "provider": ["--level", "2", "--provider", "pmi", "--budget-per-year", "0"],
    "twenty-years": [
        "--level",
        "1",
        "--target-level",
        "4",
        "--years",
        "20",
        "--completed",
        "prince2-foundation@2016-02-29",
    ],
    "everything-done": ["--level", "4", *ALL_COURSES],
    "undated-certificate": ["--level", "2", "--completed", "msp-foundation"],
}


@pytest.mark.parametrize("args", JSON_CASES.values(), ids=JSON_CASES.keys())
def test_json_is_valid_against_the_published_schema(
    runner: CliRunner, plan_schema: dict[str, Any], args: list[str]
) -> None:
    document = plan_json(runner, *args)
    validate(document, plan_schema)
    assert document["schema_version"] == 2
    assert Plan.model_validate(document).model_dump(mode="json") == document


def test_schema_rejects_a_plan_with_an_unknown_field(runner: CliRunner, plan_schema: dict[str, Any]) -> None:
    document = plan_json(runner, "--level", "2")
    document["years"][0]["items"][0]["surprise"] = 1
    with pytest.raises(AssertionError):
        validate(document, plan_schema)


def test_json_is_byte_identical_across_runs(runner: CliRunner) -> None:
    args = [*START, "--level", "2", "--completed", "p3o-foundation@2025-05-14", "--format", "json"]
    assert run(runner, *args).stdout == run(runner, *args).stdout


# --- invalid options: one stderr line, nothing on stdout ----------------------------------------

BAD_OPTIONS = {
    "level-5": (["--level", "5"], 2, "'--level'"),
    "level-0": (["--level", "0"], 2, "'--level'"),
    "years-0": (["--level", "2", "--years", "0"], 2, "'--years'"),
    "years-21": (["--level", "2", "--years", "21"], 2, "'--years'"),
    "cert-every-4": (["--level", "2", "--cert-every", "4"], 2, "'--cert-every'"),
    "cert-every-1": (["--level", "2", "--cert-every", "1"], 2, "'--cert-every'"),
    "impossible-date": (["--level", "2", "--completed", "bad@2026-02-30"], 2, "impossible date"),
    "malformed-completed": (["--level", "2", "--completed", "P3O Foundation"], 2, "ID@YYYY-MM-DD"),
    "unknown-course": (["--level", "2", "--completed", "p3o-foundaton"], 1, "did you mean 'p3o-foundation'"),
    "unknown-dated-course": (["--level", "2", "--completed", "mop-practioner@2024-01-01"], 1, "did you mean"),
    "unknown-focus": (["--level", "2", "--focus", "leadershp"], 1, "did you mean 'leadership'"),
    "target-below-level": (["--level", "3", "--target-level", "2"], 2, "below the current level 3"),
    "target-5": (["--level", "3", "--target-level", "5"], 2, "'--target-level'"),
    "level-and-profile": (["--level", "2", "--profile", "me.yaml"], 2, "either --level or --profile"),
    "negative-days": (["--level", "2", "--days-per-year", "-1"], 2, "'--days-per-year'"),
    "negative-budget": (["--level", "2", "--budget-per-year", "-5"], 2, "'--budget-per-year'"),
    "unknown-format": (["--level", "2", "--format", "pdf"], 2, "'--format'"),
    "month-13": (["--level", "2", "--month", "13"], 2, "'--month'"),
}


@pytest.mark.parametrize(("args", "code", "message"), BAD_OPTIONS.values(), ids=BAD_OPTIONS.keys())
def test_invalid_options_are_one_line_errors_with_nothing_on_stdout(
    runner: CliRunner, args: list[str], code: int, message: str
) -> None:
    result = run(runner, *START, *args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("pmoplan: error: ")
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_no_level_and_no_profile_is_a_usage_error(runner: CliRunner) -> None:
    result = run(runner, *START)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "pmoplan: error: give --level N, or --profile PATH, or run 'pmoplan assess' first\n"


# --- --output ---------------------------------------------------------------------------------


def test_output_writes_the_same_json_as_stdout_and_leaves_no_temp_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    args = [*START, "--level", "2", "--format", "json"]
    result = run(runner, *args, "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"plan written to {target}\n"
    assert target.read_text(encoding="utf-8") == run(runner, *args).stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


def test_output_of_the_table_is_the_plain_table_at_100_columns(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "plan.txt"
    args = [*START, "--level", "1", "--years", "3"]
    assert run(runner, *args, "--output", str(target)).exit_code == 0
    written = target.read_text(encoding="utf-8")
    assert written == run(runner, *args).stdout
    assert "\x1b[" not in written
    assert all(len(line) <= 100 for line in written.splitlines())


def test_output_refuses_to_overwrite_without_force(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_text("precious\n", encoding="utf-8")
    before = target.stat()
    result = run(runner, *START, "--level", "2", "--format", "json", "--output", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"pmoplan: error: {target}: already exists; use --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "precious\n"
    assert target.stat().st_mtime_ns == before.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


def test_output_with_force_replaces_the_file_and_keeps_its_mode(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    result = run(runner, *START, "--level", "2", "--format", "json", "--output", str(target), "--force")
    assert result.exit_code == 0, result.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["request"]["current_level"] == 2
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


def test_output_into_a_missing_folder_is_an_input_error(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "plan.json"
    result = run(runner, *START, "--level", "2", "--format", "json", "--output", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert not target.parent.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_output_with_force_does_not_replace_a_special_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "pipe"
    os.mkfifo(target)
    result = run(runner, *START, "--level", "2", "--format", "json", "--output", str(target), "--force")
    assert stat.S_ISFIFO(target.lstat().st_mode), "the FIFO was replaced by a regular file"
    assert result.exit_code == 1


# --- plain output when piped ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_piped_output_has_no_escape_sequences_even_with_colour_allowed(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm-256color")
    result = run(runner, *START, "--level", "2", "--format", fmt)
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    if fmt == "table":
        assert "+---" in result.stdout  # ASCII box when not a terminal
        assert "◆" not in result.stdout and "╭" not in result.stdout


def test_real_pipe_gives_plain_output(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = "xterm-256color"
    completed = subprocess.run(
        [sys.executable, "-m", "pmoplan", "plan", *START, "--level", "3", "--years", "2"],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        check=False,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert b"\x1b[" not in completed.stdout
    assert completed.stderr == b""
    assert completed.stdout.startswith(b"Development plan 2026-2027: level 3")


# --- hard cases: a plan that says what could not fit, never an exception or empty table ---------


def table(runner: CliRunner, *args: str) -> str:
    result = run(runner, *START, *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_one_training_day_a_year_says_why_no_certification_fits(runner: CliRunner) -> None:
    document = plan_json(runner, "--level", "2", "--days-per-year", "0.4", "--years", "4")
    assert items(document, "certification") == []
    assert all(item["days"] <= 0.4 for _, item in items(document))
    for year in range(2026, 2030):
        (entry,) = [u for u in document["unscheduled"] if u["year"] == year]
        assert entry["course_id"] == "p3o-foundation"
        assert entry["reason"].startswith(
            "no certification fits this year: p3o-foundation needs 3 days, more than the 0.4 training days a year"
        )
    text = " ".join(table(runner, "--level", "2", "--days-per-year", "0.4", "--years", "4").split())
    assert "| 2029 |" in text
    assert (
        "2026: p3o-foundation: no certification fits this year: p3o-foundation needs 3 days, more than the 0.4 "
        "training days a year" in text
    )


def test_one_training_day_a_year_takes_the_exam_only_route_and_says_so(runner: CliRunner) -> None:
    """P3O Foundation is sold exam-only: with one day a year, the plan sits the exam and says why."""
    document = plan_json(runner, "--level", "2", "--days-per-year", "1", "--years", "2")
    ((year, item),) = items(document, "certification")
    assert (year, item["course_id"], item["offering"], item["days"], item["cost"], item["currency"]) == (
        2026,
        "p3o-foundation",
        "exam-only",
        0.5,
        245,
        "GBP",
    )
    (chosen,) = [r for r in item["reasons"] if r["code"] == "offering-chosen"]
    assert (chosen["mode"], chosen["standard_mode"], chosen["pressure"], chosen["standard_days"]) == (
        "exam-only",
        "course",
        "days",
        3,
    )
    assert item["why"].endswith(
        "exam-only route: the taught course (3 days, at least £245) needs more days than are left this year"
    )


def test_budget_below_every_certification_says_so(runner: CliRunner) -> None:
    # The only certification from this provider at level 1 is P3O Foundation (exam alone about £245).
    args = ["--level", "1", "--target-level", "1", "--provider", "AXELOS / PeopleCert", "--budget-per-year", "100"]
    document = plan_json(runner, *args, "--years", "3")
    assert items(document, "certification") == []
    reasons = {u["year"]: u["reason"] for u in document["unscheduled"] if u["year"] is not None}
    assert set(reasons) == {2026, 2027, 2028}
    for reason in reasons.values():
        assert (
            reason
            == "no certification fits this year: p3o-foundation costs at least £245, more than the £100 budget a year"
        )
    shown = " ".join(table(runner, *args, "--years", "3").split())  # undo the wrapping at 100 columns
    assert (
        "2028: p3o-foundation: no certification fits this year: p3o-foundation costs at least £245, more than the "
        "£100 budget a year" in shown
    )


def test_level_4_with_everything_done_says_nothing_is_left(runner: CliRunner) -> None:
    document = plan_json(runner, "--level", "4", *ALL_COURSES)
    assert len(document["years"]) == 6
    assert items(document) == []
    assert document["unscheduled"] == [
        {
            "course_id": None,
            "skill": None,
            "year": 2026,
            "reasons": [{"code": "no-certification-left", "level": 4, "provider": None}],
            "reason": "no certification left that suits level 4 and whose prerequisites are met",
        }
    ]
    text = table(runner, "--level", "4", *ALL_COURSES)
    assert "| 2031 |   4   | -" in text
    assert "  - 2026: no certification left that suits level 4 and whose prerequisites are met" in text


def test_completed_practitioner_without_its_foundation(runner: CliRunner) -> None:
    document = plan_json(runner, "--level", "3", "--completed", "p3o-practitioner@2025-01-20")
    planned = {item["course_id"] for _, item in items(document) if item["kind"] != "renewal"}
    assert not planned & {"p3o-foundation", "p3o-practitioner", "p3o-combined"}
    assert {
        "code": "assumed-completed",
        "year": 2026,
        "urgent": False,
        "reasons": [
            {"code": "assumed-completed", "course_id": "p3o-foundation", "prerequisite_of": "p3o-practitioner"}
        ],
        "text": "p3o-foundation assumed completed: it is a prerequisite of p3o-practitioner",
    } in document["warnings"]
    assert [m["kind"] for m in document["milestones"]] == ["ready-for-level", "target-reached"]  # progress only
    # Practitioner passed in 2025: the next sitting is two years on, not in the first year. Sat in
    # March 2027, before the renew-by date (20 January 2028), it renews P3O at no extra cost.
    year, sitting = items(document, "certification")[0]
    assert year == 2027
    renews = next(r for r in sitting["reasons"] if r["code"] == "suite-exam-renews")
    assert renews["renew_by"] == "2028-01-20" and "p3o-practitioner" in renews["course_ids"]
    assert [item for _, item in items(document, "renewal") if item["course_id"] == "p3o-practitioner"] == []


def test_twenty_years_renews_certificates_again_and_again(runner: CliRunner) -> None:
    document = plan_json(runner, "--level", "2", "--years", "20", "--completed", "p3o-foundation@2024-04-01")
    assert [y["year"] for y in document["years"]] == list(range(2026, 2046))
    renewals = [(year, item["course_id"], item["renew_by"]) for year, item in items(document, "renewal")]
    # P3O Practitioner (open to level 2) in 2026 renews the Foundation as a suite exam; later exams and
    # renewals keep every certificate current to the end of the horizon.
    assert items(document, "certification")[0][1]["course_id"] == "p3o-practitioner"
    assert len(renewals) >= 2
    for year, _, renew_by in renewals:
        assert renew_by.startswith(str(year))
    for certificate in document["certificates"]:
        assert certificate["renew_by"] is None or certificate["renew_by"] > "2045-12-31", certificate


def test_certificate_that_lapsed_before_the_plan_is_said_to_lapse(runner: CliRunner) -> None:
    # Passed before 30 June 2020: PeopleCert's transition rule gave it until 1 July 2023.
    document = plan_json(runner, "--level", "2", "--completed", "prince2-foundation@2019-06-01")
    assert [w["text"] for w in document["warnings"] if w["code"] == "lapsed"] == [
        "PRINCE2 Foundation (7th edition): renew-by date 2023-07-01 has passed; the certificate is no longer "
        "current (retake the exam to restore it)"
    ]


def test_lapsed_certificate_no_level_of_the_plan_uses_gets_no_restore(runner: CliRunner) -> None:
    # MoP is for levels 3-4: a level-1 administrator aiming at level 2 is not told to re-sit it.
    document = plan_json(runner, "--level", "1", "--target-level", "2", "--completed", "mop-foundation@2019-06-01")
    assert [w["reasons"][0]["course_id"] for w in document["warnings"] if w["code"] == "lapsed"] == ["mop-foundation"]
    assert [item for _, item in items(document, "renewal") if item["course_id"] == "mop-foundation"] == []


def test_lapsed_certificate_still_needed_at_the_level_is_restored(runner: CliRunner) -> None:
    document = plan_json(runner, "--level", "2", "--completed", "prince2-foundation@2019-06-01")
    assert [m for m in document["milestones"] if m["kind"] == "certificate-lapses"] == []
    (restore,) = [(y, item) for y, item in items(document, "renewal") if item["course_id"] == "prince2-foundation"]
    assert restore[0] == 2026
    assert (restore[1]["route"], restore[1]["renew_by"]) == ("restore", "2023-07-01")
    assert restore[1]["reasons"] == [{"code": "restore-lapsed", "renew_by": "2023-07-01"}]
    assert "lapsed on 2023-07-01 and still needed at this level: retake the exam to restore it" in restore[1]["why"]


def test_zero_days_plans_nothing_and_says_why(runner: CliRunner) -> None:
    document = plan_json(runner, "--level", "2", "--days-per-year", "0", "--years", "2")
    assert items(document) == []
    assert [u["year"] for u in document["unscheduled"] if u["year"] is not None] == [2026, 2027]
    # The limit that refused them is named, with its figure and years (issue 16, item 7).
    reasons = [u["reason"] for u in document["unscheduled"] if u["skill"] is not None]
    assert (
        "Reporting and insight analysis: 1 point still open; no room for a course for it: the limit of 0 "
        "training days a year was reached in 2026-2027"
    ) in reasons


# --- hard cases that show planner bugs (xfail until fixed) --------------------------------------


def test_open_gap_with_no_course_at_the_level_is_not_called_planned_or_done(runner: CliRunner) -> None:
    document = plan_json(runner, "--level", "2", "--days-per-year", "0.4")
    planned = {item["course_id"] for _, item in items(document)}
    assert "pmo-leadership" not in planned  # the only leadership course suits levels 3-4
    (leadership,) = [u for u in document["unscheduled"] if u["skill"] == "leadership"]
    assert "already planned or done" not in leadership["reason"]
    assert "level 2" in leadership["reason"]


def test_certification_refused_for_the_budget_is_reported(runner: CliRunner) -> None:
    document = plan_json(runner, "--level", "2", "--years", "1", "--budget-per-year", "100")
    assert items(document, "certification")[0][1]["course_id"] == "aipmo-ipmo-f"
    said = json.dumps([document["unscheduled"], [item["why"] for _, item in items(document)]], ensure_ascii=False)
    assert "p3o-foundation" in said and "£100" in said


def test_undated_certificate_without_validity_gets_no_renewal_note(runner: CliRunner) -> None:
    document = plan_json(runner, "--level", "2", "--completed", "apm-pfq")
    assert not [m for m in document["milestones"] if "apm-pfq" in m["text"]]


def test_completed_date_after_the_start_is_refused_or_explained(runner: CliRunner) -> None:
    result = run(runner, *START, "--level", "2", "--completed", "p3o-foundation@2030-01-01", "--format", "json")
    if result.exit_code != 0:
        assert result.exit_code in (1, 2) and len(result.stderr.splitlines()) == 1
        return
    document = json.loads(result.stdout)
    sitting_early = any(year <= 2027 for year, _ in items(document, "certification"))
    explained = any("2030" in u["reason"] for u in document["unscheduled"]) or any(
        "2030" in m["text"] for m in document["milestones"]
    )
    assert sitting_early or explained


def test_twenty_year_strip_shows_every_year_and_its_row_labels(runner: CliRunner) -> None:
    text = table(runner, "--level", "2", "--years", "20")
    strip = text.split("+---", 1)[0]
    assert "…" not in strip
    for label in ("Certification", "Specialist", "Renewal", "Level"):
        assert label in strip
    for year in range(2026, 2046):
        assert str(year) in strip or f"'{year % 100:02d}" in strip


COMPACT_80 = """\
Development plan 2026-2028: level 1 (New to Working in Project Support) towards
level 2, 8 training days/year

Warnings
  - pmi-pmocp, pmi-pmp need months of experience: give --experience-years N to
    plan them in the year you qualify
  - from 2028: log at least 20 CPD points every year until 2031-03-01
    (PeopleCert / AXELOS 3-year renewal (PPM suite)), so that CPD can renew it

              2026 2027 2028
Certification  C    .    C
Specialist     ss   ss   ss
Renewal        .    .    .
Level          1    1    2

+------------------------------------------------------------------------------+
|      |     | Courses (C certification, s specialist, R   |      |            |
| Year | Lvl | renewal)                                    | Days | Cost       |
|------+-----+---------------------------------------------+------+------------|
| 2026 |  1  | C hop-essentials-administrators             |    6 | 3 unpriced |
|      |     | s pmo-reporting                             |      |            |
|      |     | s planning-scheduling                       |      |            |
|------+-----+---------------------------------------------+------+------------|
| 2027 |  1  | s raid-support                              |    2 | 2 unpriced |
|      |     | s facilitation                              |      |            |
|------+-----+---------------------------------------------+------+------------|
| 2028 |  2  | C p3o-foundation                            |    5 | 3 unpriced |
|      |     | s mosaic-evm                                |      |            |
|      |     | s resource-capacity                         |      |            |
+------------------------------------------------------------------------------+

Reasons
  - hop-essentials-administrators (2026): first certification early in the plan;
    recommended for level 1 (New to Working in Project Support)
  - pmo-reporting (2026): largest open skill gap: Reporting and insight analysis
    (1 point to close); also develops Information and data management, tools
  - planning-scheduling (2026): largest open skill gap: Planning and schedule
    management (1 point to close)
  - raid-support (2027): largest open skill gap: Risk and issue management (1
    point to close); also develops Change control
  - facilitation (2027): largest open skill gap: Facilitation and knowledge
    management (1 point to close)
  - p3o-foundation (2028): 2 years since the last certification (one every 2-3
    years); recommended for level 2 (Supporting Portfolios, Programmes and
    Projects) (course price not published; exam alone about £245)
  - mosaic-evm (2028): largest open skill gap: Financial management, budgeting
    and cost control (2 points to close)
  - resource-capacity (2028): largest open skill gap: Resource management and
    capacity planning (1 point to close)

Milestones
  - 2028: ready for level 2 (Supporting Portfolios, Programmes and Projects): 2
    typical years at level 1 and a certification done; from now on courses fit
    level 2
  - 2028: target level 2 reached

Totals
  - 2 certification(s), 6 specialist course(s), 0 renewal(s); 13 training days;
    cost 8 unpriced
  - Prices are indicative; 'unpriced' items have no published price in the
    catalogue.

Not scheduled
  - 2026: 2 training days unused; still open with no course left at this level:
    Financial management, budgeting and cost control, Resource management and
    capacity planning, Benefits management; consider coaching or mentoring,
    self-study, a PMO community, conference or webinar, a second course for the
    skill (add one to your catalogue)
  - 2028: 3 training days unused; still open with no course left at this level:
    Governance arrangements and assurance, Frameworks and methodologies, PMO
    design, services and value; consider coaching or mentoring, self-study, a
    PMO community, conference or webinar, a second course for the skill (add one
    to your catalogue)
  - aipmo-ipmo-f: not planned: p3o-foundation already gives foundation-level
    knowledge of the same family (pmo-framework); ask for breadth with --focus
  - hop-essentials-analysts: not planned: p3o-foundation already gives
    foundation-level knowledge of the same family (pmo-framework); ask for
    breadth with --focus
  - Financial management, budgeting and cost control: 1 point still open; no
    room for a course for it: the limit of 2 specialist courses a year was
    reached in 2028
  - Benefits management: 1 point still open; no room for a course for it: the
    limit of 2 specialist courses a year was reached in 2028
  - Governance arrangements and assurance: 1 point still open; no remaining
    course for it could be planned
  - Portfolio shaping and prioritisation: 1 point still open; no room for a
    course for it: the limit of 2 specialist courses a year was reached in 2028
  - Stakeholder engagement and communication: 1 point still open; no room for a
    course for it: the limit of 2 specialist courses a year was reached in 2028
  - Frameworks and methodologies: 1 point still open; no remaining course for it
    could be planned
  - PMO design, services and value: 1 point still open; no remaining course for
    it could be planned
  - Strategy alignment and business case: 1 point still open; no specialist
    course for it suits level 2
"""


def test_a_workbook_is_for_team_plans_only(runner: CliRunner) -> None:
    result = runner.invoke(app, ["plan", "--level", "2", "--years", "2", "--format", "xlsx"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "xlsx" in result.stderr


def test_narrow_terminal_gets_the_compact_year_table(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Below 100 columns each year's courses share one column, marked by kind, so ids are never split."""
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(app, ["plan", "--level", "1", "--years", "3", "--start", "2026"])
    assert result.exit_code == 0, result.stderr
    assert "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n" == COMPACT_80
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


@pytest.mark.parametrize("width", [100, 120, 160, 200])
@pytest.mark.parametrize(
    "args",
    [
        ["--level", "1", "--years", "6"],
        ["--level", "2", "--years", "6"],
        ["--level", "3", "--target-level", "4", "--years", "10", "--days-per-year", "15"],
        ["--level", "4", "--completed", "mop-combined@2024-06-10", "--completed", "p3o-practitioner@2023-11-15"],
    ],
)
def test_the_year_table_never_splits_a_course_id(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: list[str], width: int
) -> None:
    """From 100 columns the year table has a column per kind only where every id fits whole in it."""
    monkeypatch.setenv("COLUMNS", str(width))
    document = plan_json(runner, *args)
    result = run(runner, *START, *args)
    assert result.exit_code == 0, result.stderr
    table = result.stdout.split("Reasons", 1)[0]
    assert all(len(line) <= width for line in table.splitlines())
    cells = {
        cell.strip().removeprefix("C ").removeprefix("s ").removeprefix("R ")
        for line in table.splitlines()
        for cell in line.split("|")
    }
    ids = {item["course_id"] for year in document["years"] for item in year["items"]}
    assert ids and ids <= cells, sorted(ids - cells)
    if width == 200:
        assert "| Certification " in table  # wide enough: a column per kind


@pytest.mark.parametrize("fmt", [f.value for f in PLAN_FORMATS])
def test_every_output_format_is_wired_to_a_renderer(runner: CliRunner, fmt: str) -> None:
    """Exhaustive over the plan's formats (every format but xlsx, for teams only): none lacks a renderer."""
    result = runner.invoke(app, ["plan", "--level", "2", "--years", "2", "--start", "2026", "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    expected_start = {
        "table": "Development plan 2026-2027",
        "json": "{",
        "csv": "year,level,course_id",  # the BOM is only written to files
        "markdown": "# Personal development plan",
        "ics": "BEGIN:VCALENDAR",
        "html": "<!DOCTYPE html>",
    }[fmt]
    assert result.stdout.startswith(expected_start)


# --- issue 12: options that do what they say, dates never in the past ---------------------


def test_provider_is_matched_exactly_apm_is_not_apmg(runner: CliRunner) -> None:
    document = plan_json(runner, "--level", "1", "--provider", "APM")
    sittings = [item["course_id"] for _, item in items(document, "certification")]
    assert sittings[0] == "apm-pfq"  # APM's own entry qualification, not House of PMO (APMG)
    assert all(CATALOGUE.course(c).provider.startswith("APM (") for c in sittings)
    short = plan_json(runner, "--level", "1", "--provider", "axelos")  # a short name, any case
    assert all("AXELOS" in CATALOGUE.course(i["course_id"]).provider for _, i in items(short, "certification"))


def test_unknown_provider_is_an_error_naming_the_closest(runner: CliRunner) -> None:
    result = run(runner, "--level", "1", "--provider", "PeopleCerts")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("pmoplan: error: unknown provider 'PeopleCerts'")
    assert len(result.stderr.splitlines()) == 1


def test_focus_comes_first_and_the_other_gaps_follow(runner: CliRunner) -> None:
    document = plan_json(runner, "--level", "2", "--focus", "benefits")
    specialists = [item for _, item in items(document, "specialist")]
    first = specialists[0]["reasons"][0]
    assert (first["code"], first["skill"], first["focus"]) == ("gap-closed", "benefits", True)
    others = {item["reasons"][0]["skill"] for item in specialists[1:]}
    assert len(others) >= 3 and "benefits" not in others  # the rest of the gaps are still developed


def test_experience_years_plan_pmp_in_the_year_the_person_qualifies(runner: CliRunner) -> None:
    unknown = plan_json(runner, "--level", "2", "--years", "6")
    assert "pmi-pmp" not in {i["course_id"] for _, i in items(unknown)}
    asked = [w for w in unknown["warnings"] if w["code"] == "experience-unknown"]
    assert asked and "pmi-pmp" in asked[0]["reasons"][0]["course_ids"]
    one_year = plan_json(runner, "--level", "2", "--years", "6", "--experience-years", "1", "--provider", "PMI")
    pmp = [year for year, item in items(one_year, "certification") if item["course_id"] == "pmi-pmp"]
    assert pmp and pmp[0] >= 2028  # 12 months in 2026: 36 months are reached in 2028, not before
    assert {
        "code": "experience-met",
        "need": {"project_months": 36, "programme_months": 0, "portfolio_months": 0, "courses": []},
    } in next(i for y, i in items(one_year) if i["course_id"] == "pmi-pmp")["reasons"]


def test_plan_level_counts_courses_recorded_with_done_unless_no_profile(runner: CliRunner) -> None:
    done = runner.invoke(app, ["done", "hop-essentials-administrators", "--date", "2025-06-01"])
    assert done.exit_code == 0, done.stderr
    recorded = plan_json(runner, "--level", "1")
    assert "hop-essentials-administrators" not in {i["course_id"] for _, i in items(recorded)}
    ignored = plan_json(runner, "--level", "1", "--no-profile")
    assert items(ignored, "certification")[0][1]["course_id"] == "hop-essentials-administrators"


def test_without_start_a_passed_month_moves_the_plan_to_next_year(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan_commands, "today_for_plans", lambda: date(2026, 12, 1))
    result = run(runner, "--level", "2", "--completed", "p3o-foundation@2024-03-10", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["years"][0]["year"] == 2027
    first, *rest = document["warnings"]
    assert first["urgent"] and first["reasons"][0]["renew_by"] == "2027-03-10"
    assert first["text"] == (
        "URGENT: renew P3O Foundation (Portfolio, Programme and Project Offices) by 2027-03-10 (99 days from today)"
    )
    assert "the plan starts in 2027: the March 2026 sitting month has passed (today is 2026-12-01)" in [
        w["text"] for w in rest
    ]
    monkeypatch.setattr(plan_commands, "today_for_plans", lambda: date(2026, 2, 1))
    early = json.loads(run(runner, "--level", "2", "--format", "json").stdout)
    assert early["years"][0]["year"] == 2026  # March has not passed yet: this year

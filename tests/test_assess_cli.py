"""``pmoplan assess``, ``done`` and ``profile`` through the CLI runner (in process)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from pmoplan.cli import app, assess_commands
from pmoplan.loading import load_catalogue, load_question_bank

CATALOGUE = load_catalogue()
BANK = load_question_bank(CATALOGUE)

# A six-question catalogue (two skills) so that a whole interactive transcript fits in a test.
MINI_LEVELS = """\
skills:
  - {id: planning, name: Planning, description: Plans.}
  - {id: reporting, name: Reporting, description: Reports.}
levels:
"""
MINI_LEVEL = """\
  - number: {n}
    name: {name}
    summary: Level {name}.
    pmo_type: Project
    job_titles: [Officer]
    responsibilities: [Minutes]
    expected: {{planning: {planning}, reporting: {reporting}}}
    source: https://example.org/levels
"""
MINI_COURSES = """\
base: none
courses:
  - {id: plan-101, title: Planning basics, kind: specialist, provider: Example, levels: [1, 2], days: 1,
     skills: [planning], source: "https://example.org/plan"}
  - {id: report-201, title: Reporting, kind: specialist, provider: Example, levels: [2, 3], days: 1,
     skills: [reporting], source: "https://example.org/report"}
"""
ANCHORS = '["0 - none", "1 - aware", "2 - with help", "3 - alone", "4 - guides others", "5 - sets standards"]'
MINI_BANK = f"""\
statements:
  - {{id: s1, level: 1, text: "I take minutes."}}
  - {{id: s2, level: 2, text: "I write reports."}}
  - {{id: s3, level: 3, text: "I run a PMO."}}
  - {{id: s4, level: 4, text: "I run several PMOs."}}
ratings:
  - {{id: rate-planning, skill: planning, text: "How good is your planning?", anchors: {ANCHORS}}}
  - {{id: rate-reporting, skill: reporting, text: "How good is your reporting?", anchors: {ANCHORS}}}
"""


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    folder = tmp_path / "mini"
    folder.mkdir()
    levels = MINI_LEVELS + "".join(
        MINI_LEVEL.format(n=n, name=name, planning=p, reporting=r)
        for n, name, p, r in [(1, "One", 1, 1), (2, "Two", 2, 2), (3, "Three", 3, 4), (4, "Four", 4, 4)]
    )
    (folder / "levels.yaml").write_text(levels, encoding="utf-8")
    (folder / "courses.yaml").write_text(MINI_COURSES, encoding="utf-8")
    (folder / "assessment.yaml").write_text(MINI_BANK, encoding="utf-8")
    return folder


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend stdin is a terminal, so the runner's input drives the interactive loop."""
    monkeypatch.setattr(assess_commands, "_stdin_is_terminal", lambda: True)


@pytest.fixture
def default_profile(isolated_environment: Path) -> Path:
    return isolated_environment / "xdg_data_home" / "pmoplan" / "profile.yaml"


def lines(text: str) -> list[str]:
    """Output lines without the padding rich adds at the end of table lines."""
    return [line.rstrip() for line in text.splitlines()]


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def persona_answers(k: int) -> dict[str, Any]:
    answers: dict[str, Any] = {s.id: s.level <= k for s in BANK.statements}
    answers.update({r.id: CATALOGUE.level(k).expected[r.skill] for r in BANK.ratings})
    return answers


# --- the interactive run -----------------------------------------------------------------

INTRO = [
    "PMO self-assessment: 4 statements about your work (answer y or n) and 2 skill ratings (0 to 5).",
    "Answer for the work you do today. Type b to go back one question; Ctrl-C stops without changing your profile.",
]
STATEMENT_PROMPT = "Does this describe your work? [y/n, b = back] "
RATING_PROMPT = "Your rating [0-5, b = back] "
SCALE = ["  0 - none", "  1 - aware", "  2 - with help", "  3 - alone", "  4 - guides others", "  5 - sets standards"]

TRANSCRIPT = [
    *INTRO,
    "",
    "1 of 6",
    "I take minutes.",
    STATEMENT_PROMPT + "y",
    "",
    "2 of 6",
    "I write reports.",
    STATEMENT_PROMPT + "maybe",
    "  answer y (yes) or n (no).",
    STATEMENT_PROMPT + "y",
    "",
    "3 of 6",
    "I run a PMO.",
    STATEMENT_PROMPT + "b",
    "",
    "2 of 6",
    "I write reports.",
    STATEMENT_PROMPT + "Y",
    "",
    "3 of 6",
    "I run a PMO.",
    STATEMENT_PROMPT + "n",
    "",
    "4 of 6",
    "I run several PMOs.",
    STATEMENT_PROMPT + "no",
    "",
    "5 of 6  Planning",
    "How good is your planning?",
    *SCALE,
    RATING_PROMPT + "7",
    "  answer a whole number from 0 to 5.",
    RATING_PROMPT + " 2 ",
    "",
    "6 of 6  Reporting",
    "How good is your reporting?",
    *SCALE,
    RATING_PROMPT + "1",
    "",
]
RESULT_SCREEN = [
    "Placement: level 2, Two (confidence: high)",
    "",
    "Why",
    "  - Level 1: you agreed with 1 of 1 statements (1 needed): met.",
    "  - Level 2: you agreed with 1 of 1 statements (1 needed): met.",
    "  - Level 3: you agreed with 0 of 1 statements (1 needed): not met.",
    "  - Level 4: you agreed with 0 of 1 statements (1 needed): not met.",
    "  - Placed at level 2: the highest level whose statements you mostly agree with.",
    "",
    "Level 2 statements, which decided the placement ([x] = you agreed)",
    "  [x] I write reports.",
    "",
    "Skill gaps against level 2 and level 3, largest first",
    "+-------------------------------------------------------------+",
    "| Skill     | You | L2 | L3 | Gap        | Specialist courses |",
    "|-----------+-----+----+----+------------+--------------------|",
    "| Reporting |   1 |  2 |  4 | ##----     | report-201         |",
    "| Planning  |   2 |  2 |  3 | --         | plan-101           |",
    "+-------------------------------------------------------------+",
    "## = 1 point short of level 2; -- = 1 more point short of level 3",
]
TYPED = "y\nmaybe\ny\nb\nY\nn\nno\n7\n 2 \n1\n"


def test_interactive_transcript(runner: CliRunner, mini: Path, terminal: None, default_profile: Path) -> None:
    result = runner.invoke(app, ["--data-dir", str(mini), "assess", "--date", "2026-03-01"], input=TYPED)

    assert result.exit_code == 0, result.stderr
    assert lines(result.stdout) == [line.rstrip() for line in TRANSCRIPT + RESULT_SCREEN]
    assert result.stderr == f"profile saved to {default_profile}\n"
    saved = default_profile.read_text(encoding="utf-8")
    assert "- taken_on: '2026-03-01'\n  level: 2\n  confidence: high\n" in saved
    assert "  answers:\n    s1: true\n    s2: true\n    s3: false\n    s4: false\n" in saved
    assert "    rate-planning: 2\n    rate-reporting: 1\n" in saved
    assert "  gaps:\n    reporting: 3\n    planning: 1\n" in saved


def test_interactive_with_json_keeps_prompts_off_stdout(runner: CliRunner, mini: Path, terminal: None) -> None:
    result = runner.invoke(app, ["--data-dir", str(mini), "assess", "--no-save", "-f", "json"], input=TYPED)

    assert result.exit_code == 0, result.stderr
    assert "1 of 6" in result.stderr and "1 of 6" not in result.stdout
    # The runner echoes typed input to stdout (a terminal would echo it on screen instead).
    document = json.loads(result.stdout[result.stdout.index("{") :])
    assert (document["level"], [g["skill"] for g in document["gaps"]]) == (2, ["reporting", "planning"])


def test_the_full_bank_shows_progress_out_of_52(runner: CliRunner, terminal: None) -> None:
    typed = "".join(("y" if s.level <= 1 else "n") + "\n" for s in BANK.statements)
    typed += "".join(f"{CATALOGUE.level(1).expected[r.skill]}\n" for r in BANK.ratings)
    typed += "1.5\n0\n0\n"

    result = runner.invoke(app, ["assess", "--no-save"], input=typed)

    assert result.exit_code == 0, result.stderr
    assert "then 3 questions about your years of experience." in result.stdout
    assert "\n7 of 52\nI record invoices, costs or timesheet hours" in result.stdout
    assert "\n49 of 52  Strategy alignment and business case\n" in result.stdout
    assert "\n50 of 52\nHow many years have you worked in project-related roles" in result.stdout
    assert "Years [e.g. 4 or 2.5, 0 if none; b = back] " in result.stdout
    assert "Placement: level 1, New to Working in Project Support (confidence: high)" in result.stdout
    assert "Experience: 1.5 years in project-related roles, of which 0 years in programme and 0 years in " in (
        result.stdout
    )


def test_end_of_input_before_any_answer_saves_nothing(
    runner: CliRunner, mini: Path, terminal: None, default_profile: Path, isolated_environment: Path
) -> None:
    before = files_under(isolated_environment)

    result = runner.invoke(app, ["--data-dir", str(mini), "assess"], input="")

    assert result.exit_code == 130
    assert result.stderr == "pmoplan: error: assessment cancelled, nothing saved\n"
    assert lines(result.stdout)[:2] == INTRO
    assert files_under(isolated_environment) == before
    assert not default_profile.exists()


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("y\n", {"s1": True}),
        ("y\nmaybe\n", {"s1": True}),
        ("y\ny\nn\nn\n3\n", {"s1": True, "s2": True, "s3": False, "s4": False, "rate-planning": 3}),
    ],
    ids=["1", "2", "last"],
)
def test_end_of_input_keeps_a_private_draft_and_no_profile(
    runner: CliRunner, mini: Path, terminal: None, default_profile: Path, typed: str, kept: dict[str, object]
) -> None:
    result = runner.invoke(app, ["--data-dir", str(mini), "assess", "--date", "2026-03-01"], input=typed)

    assert result.exit_code == 130
    assert result.stderr == (
        f"pmoplan: error: assessment stopped, profile not changed; your {len(kept)} answer(s) are kept for "
        "'pmoplan assess' to resume\n"
    )
    assert not default_profile.exists()
    draft = default_profile.with_name("profile.yaml.assess-draft.json")
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    assert json.loads(draft.read_text(encoding="utf-8"))["answers"] == kept
    assert sorted(os.listdir(default_profile.parent)) == ["profile.yaml.assess-draft.json"]


def test_the_next_run_resumes_the_draft_and_removes_it_when_saved(
    runner: CliRunner, mini: Path, terminal: None, default_profile: Path
) -> None:
    stopped = runner.invoke(app, ["--data-dir", str(mini), "assess"], input="y\ny\n")
    assert stopped.exit_code == 130

    result = runner.invoke(app, ["--data-dir", str(mini), "assess", "--date", "2026-03-01"], input="\nn\nn\n2\n1\n")

    assert result.exit_code == 0, result.stderr
    shown = lines(result.stdout)
    assert shown[0].startswith("You stopped a self-assessment on ")
    assert shown[0].endswith(" after answering 2 of 6 questions.")
    assert shown[1] == "Resume where you stopped? [Y/n]"
    assert "Resuming at question 3 of 6." in shown
    assert "1 of 6" not in shown and "3 of 6" in shown
    saved = default_profile.read_text(encoding="utf-8")
    assert "  answers:\n    s1: true\n    s2: true\n    s3: false\n    s4: false\n" in saved
    assert sorted(os.listdir(default_profile.parent)) == [".profile.yaml.lock", "profile.yaml"]  # the lock file stays


def test_declining_to_resume_starts_again_and_drops_the_draft(
    runner: CliRunner, mini: Path, terminal: None, default_profile: Path
) -> None:
    assert runner.invoke(app, ["--data-dir", str(mini), "assess"], input="y\ny\n").exit_code == 130
    draft = default_profile.with_name("profile.yaml.assess-draft.json")
    assert draft.exists()

    result = runner.invoke(app, ["--data-dir", str(mini), "assess"], input="maybe\nn\n")

    assert result.exit_code == 130
    assert "  answer y to resume or n to start again.\n" in result.stdout
    assert "1 of 6" in result.stdout
    assert result.stderr == "pmoplan: error: assessment cancelled, nothing saved\n"
    assert not draft.exists()


def test_a_broken_draft_is_ignored(runner: CliRunner, mini: Path, terminal: None, default_profile: Path) -> None:
    draft = default_profile.with_name("profile.yaml.assess-draft.json")
    draft.parent.mkdir(parents=True)
    draft.write_text('{"schema_version": 1, "saved_on": "2026-02-30", "answers": {"s1": true}}', encoding="utf-8")

    result = runner.invoke(app, ["--data-dir", str(mini), "assess", "--date", "2026-03-01"], input=TYPED)

    assert result.exit_code == 0, result.stderr
    assert "You stopped" not in result.stdout
    assert default_profile.exists() and not draft.exists()


def test_no_save_neither_reads_nor_writes_a_draft(
    runner: CliRunner, mini: Path, terminal: None, default_profile: Path
) -> None:
    assert runner.invoke(app, ["--data-dir", str(mini), "assess"], input="y\ny\n").exit_code == 130
    draft = default_profile.with_name("profile.yaml.assess-draft.json")
    before = draft.read_bytes()

    result = runner.invoke(app, ["--data-dir", str(mini), "assess", "--no-save"], input="n\n")

    assert result.exit_code == 130
    assert "You stopped" not in result.stdout
    assert result.stderr == "pmoplan: error: assessment cancelled, nothing saved\n"
    assert draft.read_bytes() == before


def test_end_of_input_leaves_an_existing_profile_untouched(
    runner: CliRunner, mini: Path, terminal: None, tmp_path: Path
) -> None:
    profile = tmp_path / "me.yaml"
    first = runner.invoke(app, ["--data-dir", str(mini), "assess", "--profile", str(profile)], input=TYPED)
    assert first.exit_code == 0, first.stderr
    before = profile.read_bytes()

    result = runner.invoke(app, ["--data-dir", str(mini), "assess", "--profile", str(profile)], input="y\ny\n")

    assert result.exit_code == 130
    assert profile.read_bytes() == before


def test_stdin_not_a_terminal_is_a_usage_error(runner: CliRunner, default_profile: Path) -> None:
    result = runner.invoke(app, ["assess"], input="y\n")

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "pmoplan: error: stdin is not a terminal; use --answers FILE "
        "(see 'pmoplan assess --print-questions --format json')\n"
    )
    assert not default_profile.exists()


# --- answers files and JSON --------------------------------------------------------------


def assessment_result_schema(runner: CliRunner) -> dict[str, Any]:
    result = runner.invoke(app, ["schema", "assessment-result"])
    assert result.exit_code == 0, result.stderr
    schema: dict[str, Any] = json.loads(result.stdout)
    return schema


@pytest.mark.parametrize("suffix", ["yaml", "json"])
@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_answers_file_json_result_matches_the_schema(
    runner: CliRunner, tmp_path: Path, default_profile: Path, suffix: str, k: int
) -> None:
    answers = tmp_path / f"answers.{suffix}"
    answers.write_text(json.dumps(persona_answers(k), indent=2), encoding="utf-8")  # JSON is valid YAML

    result = runner.invoke(app, ["assess", "--answers", str(answers), "--format", "json", "--no-save"])

    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    document = json.loads(result.stdout)
    jsonschema.validate(document, assessment_result_schema(runner))
    assert (document["schema_version"], document["level"], document["confidence"]) == (1, k, "high")
    assert all(gap["gap"] == 0 for gap in document["gaps"])
    for gap in document["gaps"]:
        assert set(gap) == {"skill", "name", "rating", "expected", "next_expected", "gap", "next_gap", "courses"}
    assert not default_profile.exists()


def test_answers_file_saves_a_snapshot(runner: CliRunner, tmp_path: Path, default_profile: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("".join(f"{key}: {json.dumps(v)}\n" for key, v in persona_answers(2).items()), encoding="utf-8")

    result = runner.invoke(app, ["assess", "--answers", str(answers), "--date", "2026-02-03"])

    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Placement: level 2, Supporting Portfolios, Programmes and Projects")
    assert result.stderr == f"profile saved to {default_profile}\n"
    assert "- taken_on: '2026-02-03'\n  level: 2\n" in default_profile.read_text(encoding="utf-8")


def test_bad_answers_file_is_one_located_line_and_saves_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, default_profile: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    answers = persona_answers(2)
    answers["rate-benefits"] = "lots"
    Path("answers.json").write_text(json.dumps(answers, indent=2), encoding="utf-8")

    result = runner.invoke(app, ["assess", "--answers", "answers.json"])

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "pmoplan: error: answers.json:41:20: rate-benefits: answer a whole number from 0 to 5\n"
    assert not default_profile.exists()


def test_no_save_leaves_the_disk_untouched(
    runner: CliRunner, tmp_path: Path, isolated_environment: Path, default_profile: Path
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(persona_answers(3)), encoding="utf-8")
    profile = tmp_path / "me.yaml"
    assert runner.invoke(app, ["assess", "--answers", str(answers), "--profile", str(profile)]).exit_code == 0
    home_before, tmp_before = files_under(isolated_environment), files_under(tmp_path)

    for extra in ([], ["--profile", str(profile)], ["--format", "json"]):
        result = runner.invoke(app, ["assess", "--answers", str(answers), "--no-save", *extra])
        assert result.exit_code == 0, result.stderr
        assert result.stderr == ""

    assert files_under(isolated_environment) == home_before
    assert files_under(tmp_path) == tmp_before
    assert not default_profile.exists()


def test_broken_profile_stops_before_any_question(
    runner: CliRunner, mini: Path, terminal: None, tmp_path: Path
) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_text("schema_version: 7\n", encoding="utf-8")

    result = runner.invoke(app, ["--data-dir", str(mini), "assess", "--profile", str(profile)], input=TYPED)

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"pmoplan: error: {profile}:1:17: schema_version 7: written by a newer pmoplan; not changed; "
        "the profile was not changed\n"
    )
    assert profile.read_text(encoding="utf-8") == "schema_version: 7\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["assess", "--format", "csv"], "'assess' cannot write csv; choose one of: table, json"),
        (["assess", "--answers", "x.yaml", "--date", "2026-02-30"], "--date expects a date like 2026-03-01"),
        (["assess", "--print-questions", "--answers", "x.yaml"], "--print-questions cannot be combined with --answers"),
        (["done", "pmo-finance", "--date", "yesterday"], "--date expects a date like 2026-03-01, got 'yesterday'"),
        (["profile", "show", "--format", "ics"], "'profile show' cannot write ics; choose one of: table, json"),
    ],
)
def test_usage_errors(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)

    assert result.exit_code == 2
    assert result.stderr.startswith(f"pmoplan: error: {message}")
    assert result.stdout == ""


# --- printing the questions --------------------------------------------------------------


def test_print_questions_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["assess", "--print-questions", "--format", "json"])

    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1
    items = document["questions"]
    assert [q["id"] for q in items] == [s.id for s in BANK.statements] + [r.id for r in BANK.ratings] + [
        "exp-project-years",
        "exp-programme-years",
        "exp-portfolio-years",
    ]
    assert {q["kind"] for q in items} == {"level", "skill", "experience"}
    for item in items:
        assert set(item["scale"]) == {"min", "max", "labels"}
        if item["kind"] == "experience":
            assert set(item) == {"id", "kind", "months_in", "unit", "text", "scale"}
            assert (item["unit"], item["scale"]) == ("years", {"min": 0, "max": 50, "labels": []})
            continue
        about = "level" if item["kind"] == "level" else "skill"
        assert set(item) == {"id", "kind", about, "text", "scale"}
        assert len(item["scale"]["labels"]) == item["scale"]["max"] - item["scale"]["min"] + 1


def test_print_questions_needs_no_terminal_and_prints_a_table(runner: CliRunner, mini: Path) -> None:
    result = runner.invoke(app, ["--data-dir", str(mini), "assess", "--print-questions"])

    assert result.exit_code == 0, result.stderr
    assert lines(result.stdout) == [
        "Assessment questions",
        "+------------------------------------------------------------------------+",
        "| # | Id             | Kind  | Level/skill | Question                    |",
        "|---+----------------+-------+-------------+-----------------------------|",
        "| 1 | s1             | level | 1           | I take minutes.             |",
        "| 2 | s2             | level | 2           | I write reports.            |",
        "| 3 | s3             | level | 3           | I run a PMO.                |",
        "| 4 | s4             | level | 4           | I run several PMOs.         |",
        "| 5 | rate-planning  | skill | planning    | How good is your planning?  |",
        "| 6 | rate-reporting | skill | reporting   | How good is your reporting? |",
        "+------------------------------------------------------------------------+",
    ]


# --- done and profile --------------------------------------------------------------------


def assess_mini(runner: CliRunner, mini: Path, profile: Path, typed: str, on: str) -> None:
    result = runner.invoke(
        app,
        ["--data-dir", str(mini), "assess", "--profile", str(profile), "--date", on],
        input=typed,
    )
    assert result.exit_code == 0, result.stderr


def test_done_records_a_combined_course_and_its_parts(runner: CliRunner, default_profile: Path) -> None:
    result = runner.invoke(app, ["done", "p3o-combined", "--date", "2026-03-02"])

    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == (
        "recorded p3o-combined (and its parts p3o-foundation, p3o-practitioner) as completed on 2026-03-02 "
        f"in {default_profile}\n"
    )
    shown = runner.invoke(app, ["profile", "show", "--format", "json"])
    assert json.loads(shown.stdout) == {
        "schema_version": 1,
        "snapshots": [],
        "completed": [
            {"course_id": "p3o-combined", "completed_on": "2026-03-02"},
            {"course_id": "p3o-foundation", "completed_on": "2026-03-02"},
            {"course_id": "p3o-practitioner", "completed_on": "2026-03-02"},
        ],
        "cpd": [],  # a PeopleCert exam earns no CPD points towards its own suite
    }
    assert os.stat(default_profile).st_mode & 0o777 == 0o600


def test_done_with_an_unknown_course_changes_nothing(runner: CliRunner, default_profile: Path) -> None:
    result = runner.invoke(app, ["done", "p3o-combind"])

    assert result.exit_code == 1
    assert result.stderr == "pmoplan: error: unknown course 'p3o-combind' (did you mean 'p3o-combined'?)\n"
    assert not default_profile.exists()


def test_profile_show_and_history(runner: CliRunner, mini: Path, terminal: None, tmp_path: Path) -> None:
    profile = tmp_path / "me.yaml"
    assess_mini(runner, mini, profile, TYPED, "2026-01-05")
    assess_mini(runner, mini, profile, "y\ny\ny\nn\n3\n3\n", "2026-07-01")
    done = runner.invoke(
        app, ["--data-dir", str(mini), "done", "plan-101", "--date", "2026-03-01", "--profile", str(profile)]
    )
    assert done.exit_code == 0, done.stderr

    shown = runner.invoke(app, ["--data-dir", str(mini), "profile", "show", "--profile", str(profile)])
    history = runner.invoke(app, ["--data-dir", str(mini), "profile", "history", "--profile", str(profile)])

    assert shown.exit_code == 0, shown.stderr
    assert lines(shown.stdout) == [
        f"Profile: {profile}",
        "Latest assessment: 2026-07-01, level 3, Three (confidence: high); 2 snapshot(s) in all",
        "",
        "Skill gaps",
        "+--------------------------------------+",
        "| Skill                 | Rating | Gap |",
        "|-----------------------+--------+-----|",
        "| Reporting (reporting) |      3 |   1 |",
        "| Planning (planning)   |      3 |   1 |",
        "+--------------------------------------+",
        "",
        "Completed courses",
        "+-----------------------+",
        "| Course   | Completed  |",
        "|----------+------------|",
        "| plan-101 | 2026-03-01 |",
        "+-----------------------+",
    ]
    assert history.exit_code == 0, history.stderr
    assert lines(history.stdout) == [
        "Placement by assessment",
        "+------------------------------------------+",
        "| Date       | Level | Change | Confidence |",
        "|------------+-------+--------+------------|",
        "| 2026-01-05 | 2     | first  | high       |",
        "| 2026-07-01 | 3     | +1     | high       |",
        "+------------------------------------------+",
        "",
        "Skill gaps (points) by assessment",
        "+----------------------------------------------+",
        "| Skill     | 2026-01-05 | 2026-07-01 | Change |",
        "|-----------+------------+------------+--------|",
        "| Planning  |          1 |          1 |      0 |",
        "| Reporting |          3 |          1 |     -2 |",
        "+----------------------------------------------+",
    ]


def test_profile_history_json(runner: CliRunner, mini: Path, terminal: None, tmp_path: Path) -> None:
    profile = tmp_path / "me.yaml"
    assess_mini(runner, mini, profile, TYPED, "2026-01-05")
    assess_mini(runner, mini, profile, "y\ny\ny\nn\n3\n3\n", "2026-07-01")

    result = runner.invoke(app, ["profile", "history", "--profile", str(profile), "--format", "json"])

    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "schema_version": 1,
        "snapshots": [
            {
                "taken_on": "2026-01-05",
                "level": 2,
                "confidence": "high",
                "level_change": None,
                "gaps": {"reporting": 3, "planning": 1},
                "gap_changes": {},
            },
            {
                "taken_on": "2026-07-01",
                "level": 3,
                "confidence": "high",
                "level_change": 1,
                "gaps": {"reporting": 1, "planning": 1},
                "gap_changes": {"reporting": -2},
            },
        ],
    }


@pytest.mark.parametrize("command", [["profile", "show"], ["profile", "history"]])
def test_profile_commands_without_a_profile(runner: CliRunner, default_profile: Path, command: list[str]) -> None:
    result = runner.invoke(app, command)

    assert result.exit_code == 1
    assert result.stderr == f"pmoplan: error: {default_profile}: no profile yet; run 'pmoplan assess' first\n"
    assert not default_profile.exists()


# --- placements that need confirmation ---------------------------------------------------


def over_reader_answers() -> dict[str, Any]:
    """Level-1 work, yes to five director statements, level-1 ratings: the statements alone say 4."""
    answers: dict[str, Any] = {}
    seen: dict[int, int] = {}
    for statement in BANK.statements:
        index = seen.get(statement.level, 0)
        seen[statement.level] = index + 1
        answers[statement.id] = statement.level == 1 or (statement.level == 4 and index < 5)
    answers.update({r.id: CATALOGUE.level(1).expected[r.skill] for r in BANK.ratings})
    return answers


def test_an_uncertain_placement_from_an_answers_file_is_reported_and_not_saved(
    runner: CliRunner, tmp_path: Path, default_profile: Path
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(over_reader_answers()), encoding="utf-8")

    result = runner.invoke(app, ["assess", "--answers", str(answers)])

    assert result.exit_code == 0, result.stderr
    assert lines(result.stdout)[:2] == [
        "Placement: level 4, Leading and Directing PMOs (confidence: low)",
        "Not saved yet: confirm or pick your level with --level N (1-4).",
    ]
    assert result.stderr == (
        "placement needs your confirmation; not saved: run again with --level N (1-4) to save it to "
        f"{default_profile}\n"
    )
    assert not default_profile.exists()


def test_json_reports_the_confirmation_and_level_saves_the_chosen_level(
    runner: CliRunner, tmp_path: Path, default_profile: Path
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(over_reader_answers()), encoding="utf-8")

    unconfirmed = runner.invoke(app, ["assess", "--answers", str(answers), "--format", "json", "--no-save"])
    confirmed = runner.invoke(app, ["assess", "--answers", str(answers), "--level", "1", "--date", "2026-12-01"])

    document = json.loads(unconfirmed.stdout)
    jsonschema.validate(document, assessment_result_schema(runner))
    assert (document["level"], document["suggested_level"], document["confidence"]) == (4, 4, "low")
    assert (document["needs_confirmation"], document["confirmed"], document["ratings_level"]) == (True, False, 1)
    assert document["warnings"] == [
        "Level 4 is only just met (5 of 8).",
        "Most skill ratings are below what level 4 expects.",
        "Your statements fit level 4 but your skill ratings fit level 1.",
    ]
    assert unconfirmed.stderr == ""
    assert confirmed.exit_code == 0, confirmed.stderr
    assert confirmed.stdout.startswith("Placement: level 1, New to Working in Project Support (confidence: low)\n\n")
    assert confirmed.stderr == f"profile saved to {default_profile}\n"
    saved = default_profile.read_text(encoding="utf-8")
    assert "  level: 1\n  confidence: low\n" in saved and "  suggested_level: 4\n  confirmed: true\n" in saved


def test_level_option_is_checked(runner: CliRunner, tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(persona_answers(2)), encoding="utf-8")

    result = runner.invoke(app, ["assess", "--answers", str(answers), "--level", "5"])

    assert result.exit_code == 2
    assert result.stderr == (
        "pmoplan: error: Invalid value for '--level': Input should be less than or equal to 4 "
        "(see 'pmoplan assess --help')\n"
    )


def test_gap_without_a_course_at_the_persons_level_says_so(runner: CliRunner, tmp_path: Path) -> None:
    answers = persona_answers(1)
    answers["rate-capability-development"] = 0  # no capability course suits level 1 or 2
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")

    result = runner.invoke(app, ["assess", "--answers", str(path), "--no-save"])

    assert result.exit_code == 0, result.stderr
    row = next(line for line in lines(result.stdout) if line.startswith("| Capability development"))
    assert "no specialist course at" in row
    assert "capability " not in row.split("|")[-2]


def test_profile_show_names_a_chosen_level_and_the_experience(
    runner: CliRunner, tmp_path: Path, default_profile: Path
) -> None:
    answers = over_reader_answers()
    answers.update({"exp-project-years": 2, "exp-programme-years": 0.5, "exp-portfolio-years": 0})
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    saved = runner.invoke(app, ["assess", "--answers", str(path), "--level", "1", "--date", "2026-12-01"])
    assert saved.exit_code == 0, saved.stderr

    result = runner.invoke(app, ["profile", "show"])

    assert result.exit_code == 0, result.stderr
    shown = " ".join(result.stdout.split())  # the terminal width may wrap the lines
    assert (
        "Latest assessment: 2026-12-01, level 1, New to Working in Project Support (confidence: low); 1 snapshot(s) "
        "in all Level 1 was chosen (the statements suggested 4) by you. Experience: 2 years in project-related "
        "roles, of which 0.5 years in programme and 0 years in portfolio roles."
    ) in shown


def test_a_run_stopped_at_the_confirm_step_resumes_at_the_confirm_step(
    runner: CliRunner, mini: Path, terminal: None, default_profile: Path
) -> None:
    # Only the level-4 statement and no skills: the statements say 4, the ratings no level at all.
    stopped = runner.invoke(app, ["--data-dir", str(mini), "assess"], input="n\nn\nn\ny\n0\n0\n")
    assert stopped.exit_code == 130
    assert "Your answers suggest level 4, Four, but with low confidence:" in stopped.stdout
    assert "your 6 answer(s) are kept" in stopped.stderr

    result = runner.invoke(app, ["--data-dir", str(mini), "assess", "--date", "2026-03-01"], input="y\n1\n")

    assert result.exit_code == 0, result.stderr
    assert "All 6 questions were answered before you stopped." in result.stdout
    assert "1 of 6" not in result.stdout
    assert "Your level [1-4, Enter = 4] 1" in result.stdout
    assert "Placement: level 1, One (confidence: low)" in result.stdout
    assert "  level: 1\n  confidence: low\n" in default_profile.read_text(encoding="utf-8")
    assert sorted(os.listdir(default_profile.parent)) == [".profile.yaml.lock", "profile.yaml"]  # the lock file stays


def test_end_of_input_at_the_resume_question_keeps_the_draft(
    runner: CliRunner, mini: Path, terminal: None, default_profile: Path
) -> None:
    assert runner.invoke(app, ["--data-dir", str(mini), "assess"], input="y\ny\n").exit_code == 130
    draft = default_profile.with_name("profile.yaml.assess-draft.json")
    before = draft.read_bytes()

    result = runner.invoke(app, ["--data-dir", str(mini), "assess"], input="")

    assert result.exit_code == 130
    assert result.stderr == "pmoplan: error: assessment cancelled; your draft answers are kept\n"
    assert draft.read_bytes() == before
    assert not default_profile.exists()


def test_a_draft_that_cannot_be_written_still_cancels_cleanly(
    runner: CliRunner, mini: Path, terminal: None, tmp_path: Path
) -> None:
    profile = tmp_path / "me.yaml"
    (tmp_path / "me.yaml.assess-draft.json").mkdir()  # a folder where the draft should go

    result = runner.invoke(app, ["--data-dir", str(mini), "assess", "--profile", str(profile)], input="y\n")

    assert result.exit_code == 130
    assert result.stderr.startswith(
        "pmoplan: error: assessment cancelled, nothing saved; the answers could not be kept: "
    )
    assert result.stderr.count("\n") == 1
    assert not profile.exists()

"""A manager's second opinion of one person: ``assess --by manager``, ``profile show``, ``plan``, ``team plan``.

The manager rates the skills only; the ratings go into the person's profile in the team folder,
beside the self-assessment, and plans follow them. Every error leaves every file as it was.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from pmoplan.cli import app, assess_commands, plan_commands
from pmoplan.loading import load_catalogue, load_question_bank

from .test_assess_cli import MINI_BANK, MINI_COURSES, MINI_LEVEL, MINI_LEVELS, files_under, lines

CATALOGUE = load_catalogue()
BANK = load_question_bank(CATALOGUE)
SKILLS = [s.id for s in CATALOGUE.skills]

# Sam, a portfolio-office analyst of four years: analyst statements, analyst ratings, and planning
# rated 4 ("I manage integrated plans with complex dependencies across projects and guide other
# planners"). Sam's manager sees plans updated under a planner's direction: a 2.
ANALYST_AGREES = {
    "l1-compile-status-report",
    "l1-change-register",
    "l1-cost-tracker",
    *(s.id for s in BANK.statements if s.level == 2),
}
SAM_OWN = dict(zip(SKILLS, (3, 3, 4, 3, 3, 3, 2, 2, 3, 2, 3, 2, 3, 2, 2, 2, 2), strict=True))
SAM_BY_MANAGER = {**SAM_OWN, "planning": 2}


def self_answers(ratings: dict[str, int]) -> dict[str, Any]:
    answers: dict[str, Any] = {s.id: s.id in ANALYST_AGREES for s in BANK.statements}
    answers.update({r.id: ratings[r.skill] for r in BANK.ratings})
    return answers


def manager_answers(ratings: dict[str, int]) -> dict[str, Any]:
    return {r.id: ratings[r.skill] for r in BANK.ratings}


def write_yaml(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return path


@pytest.fixture
def team(tmp_path: Path, runner: CliRunner) -> Path:
    """A team folder with Sam's self-assessment (2026-10-01) and Kim's."""
    folder = tmp_path / "team"
    folder.mkdir()
    for person in ("sam", "kim"):
        answers = write_yaml(tmp_path / f"{person}-self.yaml", self_answers(SAM_OWN))
        result = runner.invoke(
            app,
            ["assess", "--answers", str(answers), "--profile", str(folder / f"{person}.yaml"), "--date", "2026-10-01"],
        )
        assert result.exit_code == 0, result.stderr
    return folder


def rate_sam(runner: CliRunner, team: Path, ratings: dict[str, int], *extra: str) -> Any:
    answers = write_yaml(team.parent / "manager.yaml", manager_answers(ratings))
    args = ["assess", "--for", "sam", "--by", "manager", "--team", str(team), "--answers", str(answers)]
    return runner.invoke(app, [*args, "--date", "2026-11-20", *extra])


# --- recording the manager's ratings -------------------------------------------------------


def test_a_managers_ratings_are_stored_beside_the_self_assessment(runner: CliRunner, team: Path) -> None:
    before = (team / "sam.yaml").read_text(encoding="utf-8")

    result = rate_sam(runner, team, SAM_BY_MANAGER, "--format", "json")

    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"your ratings of sam saved to {team / 'sam.yaml'}\n"
    document = json.loads(result.stdout)
    assert document["person"] == "sam" and document["level"] == 2 and document["taken_on"] == "2026-11-20"
    assert document["self_assessed_on"] == "2026-10-01"
    assert document["ratings"] == SAM_BY_MANAGER
    apart = [row for row in document["comparison"] if row["apart_2_or_more"]]
    assert apart == [{"skill": "planning", "self": 4, "manager": 2, "difference": -2, "apart_2_or_more": True}]
    after = (team / "sam.yaml").read_text(encoding="utf-8")
    # Appended: the self-assessment is kept byte for byte, the review follows it.
    assert after == before + "manager_reviews:\n- taken_on: '2026-11-20'\n  ratings:\n" + "".join(
        f"    {skill}: {rating}\n" for skill, rating in SAM_BY_MANAGER.items()
    )
    assert os.stat(team / "sam.yaml").st_mode & 0o777 == 0o600
    assert (team / "kim.yaml").read_text(encoding="utf-8") == before  # nobody else is touched


def test_a_second_review_is_appended_and_the_latest_is_used(runner: CliRunner, team: Path) -> None:
    assert rate_sam(runner, team, SAM_OWN).exit_code == 0
    answers = write_yaml(team.parent / "later.yaml", manager_answers(SAM_BY_MANAGER))
    later = runner.invoke(
        app,
        ["assess", "--for", "SAM", "--by", "manager", "--team", str(team), "--answers", str(answers), "-f", "json"],
    )
    assert later.exit_code == 0, later.stderr

    saved = yaml.safe_load((team / "sam.yaml").read_text(encoding="utf-8"))
    assert [r["ratings"]["planning"] for r in saved["manager_reviews"]] == [4, 2]
    shown = json.loads(
        runner.invoke(app, ["profile", "show", "--profile", str(team / "sam.yaml"), "-f", "json"]).stdout
    )
    assert shown["views"]["manager_taken_on"] == date.today().isoformat()


def test_print_questions_for_a_manager_lists_the_skill_ratings_only(runner: CliRunner) -> None:
    result = runner.invoke(app, ["assess", "--by", "manager", "--print-questions", "--format", "json"])

    assert result.exit_code == 0, result.stderr
    asked = json.loads(result.stdout)["questions"]
    assert [q["id"] for q in asked] == [r.id for r in BANK.ratings]
    assert {q["kind"] for q in asked} == {"skill"}


USAGE_CASES = [
    (["--by", "manager", "--team", "T"], "--by manager needs --for ID: the person you rate"),
    (
        ["--by", "manager", "--for", "sam"],
        "--by manager needs --team DIR: the folder of profiles that holds the person's",
    ),
    (["--for", "sam", "--team", "T"], "--for is for a manager rating someone; add --by manager"),
    (["--team", "T"], "--team is for a manager rating someone; add --by manager"),
    (
        ["--by", "manager", "--for", "sam", "--team", "T", "--profile", "T/sam.yaml"],
        "--by manager finds the person's profile in --team DIR; leave out --profile",
    ),
    (
        ["--by", "manager", "--for", "sam", "--team", "T", "--level", "3"],
        "--level is the person's own placement; a manager rates skills only",
    ),
    (
        ["--by", "manager", "--for", "../kim", "--team", "T", "--answers", "A"],
        "--for '../kim': give the person's id, their profile's file name without .yaml",
    ),
    (
        ["--by", "manager", "--for", "sam", "--team", "T"],
        "stdin is not a terminal; use --answers FILE "
        "(see 'pmoplan assess --by manager --print-questions --format json')",
    ),
]


@pytest.mark.parametrize(("args", "message"), USAGE_CASES, ids=[m[:30] for _, m in USAGE_CASES])
def test_usage_errors_are_exit_2_and_change_nothing(
    runner: CliRunner, team: Path, args: list[str], message: str
) -> None:
    before = files_under(team.parent)
    args = [str(team) if a == "T" else str(team / "sam.yaml") if a == "T/sam.yaml" else a for a in args]
    args = [str(team.parent / "sam-self.yaml") if a == "A" else a for a in args]

    result = runner.invoke(app, ["assess", *args])

    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"pmoplan: error: {message}"
    assert files_under(team.parent) == before


def test_the_by_option_takes_self_or_manager_only(runner: CliRunner) -> None:
    result = runner.invoke(app, ["assess", "--by", "boss", "--print-questions"])

    assert result.exit_code == 2
    assert "'boss' is not one of 'self', 'manager'" in result.stderr


def input_errors(team: Path) -> list[tuple[str, dict[str, Any] | None, str]]:
    one_short = manager_answers(SAM_BY_MANAGER)
    del one_short["rate-leadership"]
    return [
        ("sma", manager_answers(SAM_OWN), f"{team.name}: no profile for 'sma' (did you mean 'sam'?)"),
        (
            "sam",
            {**manager_answers(SAM_OWN), "l2-own-service": True},
            "manager.yaml:1:1: l2-own-service: 'l2-own-service' is the person's own question; "
            "a manager's answers rate the skills only",
        ),
        ("sam", one_short, "manager.yaml:1:1: no rating for 1 skill(s): rate-leadership"),
        (
            "sam",
            {**manager_answers(SAM_OWN), "rate-planning": 6},
            "manager.yaml:10:16: rate-planning: expected a whole number from 0 to 5, got 6",
        ),
    ]


@pytest.mark.parametrize("case", range(4))
def test_bad_input_is_exit_1_and_changes_nothing(
    runner: CliRunner, team: Path, case: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    person, answers, message = input_errors(team)[case]
    assert answers is not None
    path = write_yaml(team.parent / "manager.yaml", answers)
    before = files_under(team.parent)
    monkeypatch.chdir(team.parent)  # messages name files relative to the working folder

    result = runner.invoke(
        app, ["assess", "--for", person, "--by", "manager", "--team", "team", "--answers", path.name]
    )

    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr == f"pmoplan: error: {message}\n"
    assert files_under(team.parent) == before


def test_a_person_who_has_not_assessed_themselves_cannot_be_rated_yet(
    runner: CliRunner, team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (team / "new.yaml").write_text("schema_version: 1\nsnapshots: []\ncompleted: []\n", encoding="utf-8")
    answers = write_yaml(team.parent / "manager.yaml", manager_answers(SAM_OWN))
    before = files_under(team.parent)
    monkeypatch.chdir(team.parent)

    result = runner.invoke(
        app, ["assess", "--for", "new", "--by", "manager", "--team", "team", "--answers", str(answers)]
    )

    assert result.exit_code == 1
    assert result.stderr == (
        "pmoplan: error: team/new.yaml: no self-assessment yet; the manager's ratings are kept beside the "
        "person's own, so they assess first; nothing was saved\n"
    )
    assert files_under(team.parent) == before


def test_an_unreadable_profile_is_never_overwritten(runner: CliRunner, team: Path) -> None:
    (team / "sam.yaml").write_text("schema_version: 1\nsnapshots: [\n", encoding="utf-8")
    answers = write_yaml(team.parent / "manager.yaml", manager_answers(SAM_OWN))
    before = files_under(team.parent)

    result = runner.invoke(
        app, ["assess", "--for", "sam", "--by", "manager", "--team", str(team), "--answers", str(answers)]
    )

    assert result.exit_code == 1
    assert result.stderr.startswith("pmoplan: error: ") and "the profile was not changed" in result.stderr
    assert files_under(team.parent) == before


def test_no_save_shows_the_comparison_and_writes_nothing(runner: CliRunner, team: Path) -> None:
    before = files_under(team.parent)

    result = rate_sam(runner, team, SAM_BY_MANAGER, "--no-save")

    assert result.exit_code == 0, result.stderr
    assert files_under(team.parent) == {**before, "manager.yaml": (team.parent / "manager.yaml").read_bytes()}
    shown = lines(result.stdout)
    assert "sam: level 2, Supporting Portfolios, Programmes and Projects (their own placement)" in shown
    planning = next(line for line in shown if line.startswith("| Planning and schedule"))
    assert planning.split("|")[2:6] == ["   4 ", "       2 ", "         -2 ", " yes: talk it over "]
    assert "1 skill(s) 2 or more points apart: talk them over before booking courses." in shown
    assert result.stderr == ""


# --- the interactive run (a two-skill catalogue) -------------------------------------------

MINI_SELF = "y\ny\nn\nn\n3\n2\n"  # level 2; planning 3, reporting 2


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The two-skill catalogue of test_assess_cli, with stdin taken for a terminal."""
    monkeypatch.setattr(assess_commands, "_stdin_is_terminal", lambda: True)
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
def mini_team(runner: CliRunner, mini: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "team"
    folder.mkdir()
    result = runner.invoke(
        app,
        ["--data-dir", str(mini), "assess", "--profile", str(folder / "alex.yaml"), "--date", "2026-10-01"],
        input=MINI_SELF,
    )
    assert result.exit_code == 0, result.stderr
    return folder


def test_the_manager_is_asked_the_skill_ratings_about_the_person(
    runner: CliRunner, mini: Path, mini_team: Path
) -> None:
    result = runner.invoke(
        app,
        ["--data-dir", str(mini), "assess", "--for", "alex", "--by", "manager", "--team", str(mini_team)],
        input="1\nb\n1\n2\n",
    )

    assert result.exit_code == 0, result.stderr
    transcript = lines(result.stdout)
    assert transcript[:12] == [
        "Your ratings of alex: 2 skills, each 0 to 5. They are kept in alex's profile beside alex's own assessment; "
        "plans use yours where both exist.",
        "Each scale is written as alex would describe their own work: pick the line that fits the work you see today.",
        "Type b to go back one question; Ctrl-C stops without changing the profile.",
        "",
        "1 of 2  Planning",
        "How good is alex's planning?",
        "  0 - none",
        "  1 - aware",
        "  2 - with help",
        "  3 - alone",
        "  4 - guides others",
        "  5 - sets standards",
    ]
    assert transcript.count("Your rating of alex [0-5, b = back] 1") == 2  # answered, went back, answered again
    saved = yaml.safe_load((mini_team / "alex.yaml").read_text(encoding="utf-8"))
    assert saved["manager_reviews"] == [
        {"taken_on": date.today().isoformat(), "ratings": {"planning": 1, "reporting": 2}}
    ]
    assert saved["snapshots"][0]["ratings"] == {"planning": 3, "reporting": 2}  # the person's own, untouched


def test_a_stopped_rating_keeps_a_private_draft_and_resumes(runner: CliRunner, mini: Path, mini_team: Path) -> None:
    profile = mini_team / "alex.yaml"
    before = profile.read_bytes()
    args = ["--data-dir", str(mini), "assess", "--for", "alex", "--by", "manager", "--team", str(mini_team)]

    stopped = runner.invoke(app, args, input="1\n")  # end of input after the first rating: as Ctrl-D

    assert stopped.exit_code == 130
    assert stopped.stderr.splitlines()[-1] == (
        "pmoplan: error: rating alex stopped, profile not changed; your 1 rating(s) are kept for "
        "'pmoplan assess --for alex --by manager' to resume"
    )
    assert profile.read_bytes() == before
    draft = mini_team / "alex.yaml.manager-draft.json"
    assert os.stat(draft).st_mode & 0o777 == 0o600
    assert json.loads(draft.read_text(encoding="utf-8"))["answers"] == {"rate-planning": 1}

    resumed = runner.invoke(app, args, input="\n4\n")

    assert resumed.exit_code == 0, resumed.stderr
    assert "Resuming at question 2 of 2." in resumed.stdout
    assert not draft.exists()
    saved = yaml.safe_load(profile.read_text(encoding="utf-8"))
    assert saved["manager_reviews"][0]["ratings"] == {"planning": 1, "reporting": 4}
    assert [f for f in os.listdir(mini_team) if not f.startswith(".")] == ["alex.yaml"]


def test_the_self_assessment_draft_and_the_managers_are_separate(mini_team: Path) -> None:
    from pmoplan.assessment_draft import draft_path

    profile = mini_team / "alex.yaml"
    assert draft_path(profile) != draft_path(profile, by_manager=True)
    assert draft_path(profile, by_manager=True).name == "alex.yaml.manager-draft.json"


# --- what the person and the plans see -----------------------------------------------------


def test_profile_show_sets_both_views_side_by_side(runner: CliRunner, team: Path) -> None:
    assert rate_sam(runner, team, SAM_BY_MANAGER).exit_code == 0

    table = runner.invoke(app, ["profile", "show", "--profile", str(team / "sam.yaml")])
    document = json.loads(
        runner.invoke(app, ["profile", "show", "--profile", str(team / "sam.yaml"), "-f", "json"]).stdout
    )

    shown = lines(table.stdout)
    assert "Own and manager's ratings" in shown
    planning = next(line for line in shown if line.startswith("| Planning and schedule"))
    assert planning.split("|")[2:6] == ["   4 ", "       2 ", "         -2 ", " yes: talk it over "]
    reporting = [line for line in shown if line.startswith("| Reporting and insight")][-1]  # not the gaps table
    assert reporting.split("|")[4:6] == ["          0 ", "                   "]
    assert (
        "Your manager rated your skills on 2026-11-20. 'pmoplan plan --profile' plans from the manager's view; "
        "add --view self to plan from your own." in " ".join(shown)
    )
    assert document["views"]["plans_use"] == "manager"
    assert document["views"]["review_older_than_self"] is False
    assert "fresh review" not in table.stdout
    assert document["views"]["self_taken_on"] == "2026-10-01"
    assert document["views"]["manager_taken_on"] == "2026-11-20"
    assert len(document["views"]["comparison"]) == len(SKILLS)
    assert [row["skill"] for row in document["views"]["comparison"] if row["apart_2_or_more"]] == ["planning"]
    assert document["manager_reviews"] == [{"taken_on": "2026-11-20", "ratings": SAM_BY_MANAGER}]


def test_a_profile_nobody_rated_shows_as_before(runner: CliRunner, team: Path) -> None:
    document = json.loads(
        runner.invoke(app, ["profile", "show", "--profile", str(team / "sam.yaml"), "-f", "json"]).stdout
    )
    table = runner.invoke(app, ["profile", "show", "--profile", str(team / "sam.yaml")])

    assert "views" not in document and "manager_reviews" not in document
    assert "manager" not in table.stdout.casefold()
    assert "manager_reviews" not in (team / "sam.yaml").read_text(encoding="utf-8")


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_commands, "today_for_plans", lambda: date(2026, 12, 1))


def planned_skills(stdout: str) -> dict[str, int]:
    """Skill → the year of the first course planned to close a gap in it."""
    plan = json.loads(stdout)
    found: dict[str, int] = {}
    for year in plan["years"]:
        for item in year["items"]:
            for reason in item["reasons"]:
                if reason["code"] == "gap-closed":
                    found.setdefault(reason["skill"], year["year"])
    return found


def test_persona_an_over_confident_analyst_is_planned_from_the_managers_view(
    runner: CliRunner, team: Path, today: None
) -> None:
    """Sam rates planning 4; the manager sees a 2, a point below what an analyst's work needs.

    A coach plans from the manager's view (the person's own ratings of a skill they have not been
    tested in run high), says so, and puts the two 2-points-apart views in front of both before any
    course is booked. The plan gains a planning course that Sam's own view leaves out, the team
    report names Sam and the skill with both ratings, and Sam's own view remains one option away.
    """
    assert rate_sam(runner, team, SAM_BY_MANAGER).exit_code == 0
    profile = str(team / "sam.yaml")

    by_manager = runner.invoke(app, ["plan", "--profile", profile, "--years", "4", "-f", "json"])
    by_self = runner.invoke(app, ["plan", "--profile", profile, "--years", "4", "-f", "json", "--view", "self"])

    assert by_manager.exit_code == 0 and by_self.exit_code == 0
    assert by_manager.stderr == (
        "planned from your manager's ratings of 2026-11-20 (your own assessment: 2026-10-01); "
        "--view self plans from your own ratings\n"
    )
    assert by_self.stderr == (
        "planned from your own ratings of 2026-10-01; your manager's of 2026-11-20 are not used (--view self)\n"
    )
    assert json.loads(by_manager.stdout)["request"]["gaps"]["planning"] == 1
    assert json.loads(by_self.stdout)["request"]["gaps"]["planning"] == 0
    assert "planning" in planned_skills(by_manager.stdout)
    assert "planning" not in planned_skills(by_self.stdout)

    report = runner.invoke(app, ["team", "plan", str(team), "--years", "4", "--start", "2027", "-f", "json"])
    assert report.exit_code == 0, report.stderr
    document = json.loads(report.stdout)
    assert document["manager_view"] == ["sam"]  # Kim, whom no manager rated, is planned from her own view
    assert document["second_opinion"] == [
        {
            "person_id": "sam",
            "skill": "planning",
            "self_gap": 0,
            "manager_gap": 1,
            "self_rating": 4,
            "manager_rating": 2,
        }
    ]
    plans = {person["id"]: person["plan"] for person in document["people"]}
    assert "planning" in planned_skills(json.dumps(plans["sam"]))
    assert "planning" not in planned_skills(json.dumps(plans["kim"]))

    markdown = runner.invoke(app, ["team", "plan", str(team), "--years", "4", "--start", "2027", "-f", "markdown"])
    assert "| sam | Planning and schedule management | 0 | 1 | 4 | 2 |" in markdown.stdout
    assert "Planned from the manager's ratings: sam." in markdown.stdout


def test_view_manager_needs_a_managers_review(runner: CliRunner, team: Path, today: None) -> None:
    result = runner.invoke(app, ["plan", "--profile", str(team / "kim.yaml"), "--view", "manager"])
    plain = runner.invoke(app, ["plan", "--profile", str(team / "kim.yaml"), "--years", "2"])

    assert result.exit_code == 1
    assert result.stderr == (
        "pmoplan: error: the profile holds no manager's ratings; plan from your own view (--view self)\n"
    )
    assert plain.exit_code == 0 and plain.stderr == ""  # nobody rated Kim: nothing to say


@pytest.mark.parametrize("args", [["--view", "boss", "--profile", "P"], ["--view", "self", "--level", "2"]])
def test_view_takes_self_or_manager_with_a_profile(runner: CliRunner, team: Path, args: list[str]) -> None:
    result = runner.invoke(app, ["plan", *[str(team / "kim.yaml") if a == "P" else a for a in args]])

    assert result.exit_code == 2
    assert result.stderr.endswith("use self or manager, with a profile (not --level)\n")


def test_a_ratings_file_overrides_the_recorded_review_skill_by_skill(runner: CliRunner, team: Path) -> None:
    assert rate_sam(runner, team, SAM_BY_MANAGER).exit_code == 0
    ratings = team.parent / "ratings.csv"
    ratings.write_text("person,skill,rating\nsam,reporting,1\nkim,leadership,0\n", encoding="utf-8")

    result = runner.invoke(
        app, ["team", "plan", str(team), "--ratings", str(ratings), "--start", "2027", "--years", "2", "-f", "json"]
    )

    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["manager_view"] == ["kim", "sam"]
    apart = {(d["person_id"], d["skill"]): (d["self_rating"], d["manager_rating"]) for d in document["second_opinion"]}
    # Sam: reporting from the file (3 → 1), planning still from the profile (4 → 2); Kim: leadership 2 → 0.
    assert apart == {("sam", "planning"): (4, 2), ("sam", "reporting"): (3, 1), ("kim", "leadership"): (2, 0)}


def test_comparison_marks_two_points_either_way() -> None:
    from pmoplan.team_opinions import compare_ratings

    pairs = compare_ratings(
        CATALOGUE, {"planning": 4, "reporting": 1, "leadership": 3}, {"planning": 2, "reporting": 3}
    )

    assert [(p.skill, p.difference, p.marked) for p in pairs] == [
        ("reporting", 2, True),
        ("planning", -2, True),
        ("leadership", None, False),  # the manager did not rate it: nothing to compare
    ]


def test_a_review_older_than_the_latest_assessment_is_used_but_called_old(
    runner: CliRunner, team: Path, today: None
) -> None:
    assert rate_sam(runner, team, SAM_BY_MANAGER).exit_code == 0  # 2026-11-20
    answers = write_yaml(team.parent / "again.yaml", self_answers(SAM_OWN))
    again = runner.invoke(
        app, ["assess", "--answers", str(answers), "--profile", str(team / "sam.yaml"), "--date", "2026-11-30"]
    )
    assert again.exit_code == 0, again.stderr

    result = runner.invoke(app, ["plan", "--profile", str(team / "sam.yaml"), "--years", "2"])

    assert result.exit_code == 0
    assert result.stderr == (
        "planned from your manager's ratings of 2026-11-20 (your own assessment: 2026-11-30); they are older "
        "than your latest assessment, so ask for a fresh review; --view self plans from your own ratings\n"
    )


def test_profile_show_says_when_the_review_is_older_than_the_latest_assessment(runner: CliRunner, team: Path) -> None:
    """The person sees it where they read both views, not only when they plan (and HR reads it in the JSON)."""
    assert rate_sam(runner, team, SAM_BY_MANAGER).exit_code == 0  # 2026-11-20
    answers = write_yaml(team.parent / "again.yaml", self_answers(SAM_OWN))
    profile = str(team / "sam.yaml")
    assert (
        runner.invoke(
            app, ["assess", "--answers", str(answers), "--profile", profile, "--date", "2026-11-30"]
        ).exit_code
        == 0
    )

    table = runner.invoke(app, ["profile", "show", "--profile", profile])
    document = json.loads(runner.invoke(app, ["profile", "show", "--profile", profile, "-f", "json"]).stdout)

    assert table.exit_code == 0
    assert (
        "Your manager rated your skills on 2026-11-20. That is before your latest self-assessment (2026-11-30): "
        "ask your manager for a fresh review." in " ".join(lines(table.stdout))
    )
    assert document["views"]["review_older_than_self"] is True
    assert document["views"]["self_taken_on"] == "2026-11-30"


def test_later_changes_to_the_profile_keep_the_managers_review(runner: CliRunner, team: Path) -> None:
    assert rate_sam(runner, team, SAM_BY_MANAGER).exit_code == 0
    profile = str(team / "sam.yaml")
    answers = write_yaml(team.parent / "again.yaml", self_answers(SAM_OWN))

    steps = [
        ["done", "p3o-foundation", "--date", "2026-11-25", "--profile", profile],
        ["assess", "--answers", str(answers), "--profile", profile, "--date", "2026-11-30"],
        ["cpd", "log", "3", "--scheme", "apm-cpd", "--date", "2026-11-30", "--profile", profile],
    ]
    for args in steps:
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.stderr)

    saved = yaml.safe_load((team / "sam.yaml").read_text(encoding="utf-8"))
    assert saved["manager_reviews"] == [{"taken_on": "2026-11-20", "ratings": SAM_BY_MANAGER}]
    assert len(saved["snapshots"]) == 2 and saved["completed"][0]["course_id"] == "p3o-foundation"


def test_with_format_json_the_questions_go_to_stderr_and_stdout_stays_json(
    runner: CliRunner, mini: Path, mini_team: Path
) -> None:
    result = runner.invoke(
        app,
        ["--data-dir", str(mini), "assess", "--for", "alex", "--by", "manager", "--team", str(mini_team), "-f", "json"],
        input="4\n0\n",
    )

    assert result.exit_code == 0, result.stderr
    assert "1 of 2" in result.stderr and "1 of 2" not in result.stdout
    # The runner echoes typed input to stdout (a terminal would echo it on screen instead).
    document = json.loads(result.stdout[result.stdout.index("{") :])
    assert document["ratings"] == {"planning": 4, "reporting": 0}
    assert document["gaps"] == {"planning": 0, "reporting": 4}  # level 2 → level 3 expects 3 and 4
    assert document["comparison"] == [
        {"skill": "planning", "self": 3, "manager": 4, "difference": 1, "apart_2_or_more": False},
        {"skill": "reporting", "self": 2, "manager": 0, "difference": -2, "apart_2_or_more": True},
    ]
    assert "How good is alex's planning?" in result.stderr
    assert result.stderr.endswith(f"your ratings of alex saved to {mini_team / 'alex.yaml'}\n")


def test_a_reviewed_profile_matches_the_published_profile_schema(runner: CliRunner, team: Path) -> None:
    import jsonschema

    assert rate_sam(runner, team, SAM_BY_MANAGER).exit_code == 0
    schema = json.loads(runner.invoke(app, ["schema", "profile"]).stdout)
    saved = yaml.safe_load((team / "sam.yaml").read_text(encoding="utf-8"))

    jsonschema.validate(saved, schema)
    assert "manager_reviews" in schema["properties"]
    broken = {**saved, "manager_reviews": [{"taken_on": "2026-11-20", "ratings": {"planning": 6}}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_the_workbook_for_l_and_d_has_a_self_and_manager_sheet(runner: CliRunner, team: Path) -> None:
    from openpyxl import load_workbook

    assert rate_sam(runner, team, SAM_BY_MANAGER).exit_code == 0
    out = team.parent / "team.xlsx"
    unrated = team.parent / "unrated.xlsx"
    only_kim = team.parent / "kim-only"
    only_kim.mkdir()
    (only_kim / "kim.yaml").write_bytes((team / "kim.yaml").read_bytes())

    result = runner.invoke(app, ["team", "plan", str(team), "--start", "2027", "--years", "2", "-o", str(out)])
    plain = runner.invoke(app, ["team", "plan", str(only_kim), "--start", "2027", "--years", "2", "-o", str(unrated)])

    assert result.exit_code == 0 and plain.exit_code == 0, (result.stderr, plain.stderr)
    book = load_workbook(out)
    assert book.sheetnames[-1] == "Self and manager"
    rows = [[cell.value for cell in row] for row in book["Self and manager"].iter_rows()]
    assert rows == [
        ["Person", "Skill", "Own gap", "Manager's gap", "Own rating", "Manager's rating"],
        ["sam", "Planning and schedule management", 0, 1, 4, 2],
    ]
    summary = [row[0].value for row in book["Summary"].iter_rows()]
    assert "Self and manager" in summary and "Planned from the manager's ratings: sam." in summary
    assert "Self and manager" not in load_workbook(unrated).sheetnames  # nobody rated: no such sheet

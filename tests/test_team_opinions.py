"""A manager's second opinion: ratings file in, plans from the manager's view, and where self and manager differ."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from pmoplan.catalogue import Catalogue
from pmoplan.cli import app
from pmoplan.loading import load_catalogue
from pmoplan.render.team_xlsx import save_workbook
from pmoplan.team import TeamMember, build_team_report
from pmoplan.team_opinions import apply_second_opinion, manager_gaps


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def test_manager_ratings_become_gaps_against_the_next_level(catalogue: Catalogue) -> None:
    expected = catalogue.level(3).expected
    gaps = manager_gaps(catalogue, 2, {"reporting": 0, "planning": expected["planning"] + 1})
    assert gaps == {"reporting": expected["reporting"], "planning": 0}
    # Level 4 has no next level: its own expectations.
    assert manager_gaps(catalogue, 4, {"reporting": 0}) == {"reporting": catalogue.level(4).expected["reporting"]}


def test_plans_use_the_manager_s_view_and_differences_of_two_or_more_are_listed(catalogue: Catalogue) -> None:
    expected = catalogue.level(3).expected
    members = [
        TeamMember(id="ana", level=2, target_level=3, gaps=(("reporting", 1),)),
        TeamMember(id="ben", level=2, target_level=3),  # no self-assessment: nothing to compare
        TeamMember(id="cy", level=2, target_level=3, gaps=(("planning", 1),)),  # not rated
    ]
    ratings = {
        "ANA": {"reporting": expected["reporting"] - 4, "benefits": expected["benefits"] - 1},
        "ben": {"benefits": expected["benefits"] - 3},
    }
    planned, differences, from_manager = apply_second_opinion(catalogue, members, ratings)
    assert from_manager == ["ana", "ben"]
    assert [(d.person_id, d.skill, d.self_gap, d.manager_gap) for d in differences] == [("ana", "reporting", 1, 4)]
    assert dict(planned[0].gaps) == {"reporting": 4, "benefits": 1}
    assert dict(planned[1].gaps) == {"benefits": 3}
    assert planned[2] == members[2]
    report = build_team_report(catalogue, planned, years=3, start_year=2027, second_opinion=(differences, from_manager))
    assert report.people is not None
    assert report.people[0].plan.request.gaps == {"reporting": 4, "benefits": 1}  # the planner got the manager's gaps
    assert report.manager_view == ["ana", "ben"] and report.second_opinion == differences
    shared = build_team_report(
        catalogue, planned, years=3, start_year=2027, second_opinion=(differences, from_manager), min_group=2
    )
    assert shared.manager_view is None and shared.second_opinion is None


def test_cli_reads_ratings_and_shows_where_views_differ(tmp_path: Path) -> None:
    team = tmp_path / "team.csv"
    team.write_text("id,name,level,gaps\np1,Ana,2,reporting:1\np2,Ben,2,\n", encoding="utf-8")
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("Person,Skill,Rating\np1,reporting,0\np2,benefits,1\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["team", "plan", str(team), "--start", "2027", "--years", "2", "--ratings", str(ratings), "-f", "markdown"]
    )
    assert result.exit_code == 0, result.stderr
    gap = load_catalogue().level(3).expected["reporting"]
    assert "## Self and manager: 2 or more points apart" in result.stdout
    assert f"| Ana (p1) | Reporting and insight analysis | 1 | {gap} |" in result.stdout
    assert "- Planned from the manager's ratings: Ana (p1), Ben (p2)." in result.stdout


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("p9,reporting,0\n", "ratings.csv:2: person: 'p9' is not in the team"),
        ("p1,reportng,2\n", "ratings.csv:2: skill: unknown skill 'reportng' (did you mean 'reporting'?)"),
        ("p1,reporting,six\n", "ratings.csv:2: rating: expected a rating from 0 to 5, got 'six'"),
        ("p1,reporting,2\np1,reporting,3\n", "ratings.csv:3: skill: p1 is rated on reporting twice"),
        ("", "ratings.csv:1: no ratings in the file, only a header"),
    ],
)
def test_bad_ratings_files_are_one_line_errors(
    tmp_path: Path, rows: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("team.csv").write_text("id,level\np1,2\n", encoding="utf-8")
    Path("ratings.csv").write_text("person,skill,rating\n" + rows, encoding="utf-8")
    result = CliRunner().invoke(app, ["team", "plan", "team.csv", "--ratings", "ratings.csv", "-o", "out.md"])
    assert result.exit_code == 1
    assert result.stderr == f"pmoplan: error: {expected}\n"
    assert not Path("out.md").exists()


def test_ratings_in_a_workbook_name_the_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("team.csv").write_text("id,level\np1,2\n", encoding="utf-8")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Ratings"
    for row in (["person", "skill", "rating"], ["p1", "reporting", 2], ["p1", "planning", 7]):
        sheet.append(row)
    save_workbook(book, tmp_path / "ratings.xlsx")
    result = CliRunner().invoke(app, ["team", "plan", "team.csv", "--ratings", "ratings.xlsx"])
    assert result.exit_code == 1
    assert result.stderr == "pmoplan: error: ratings.xlsx: Ratings!C3: rating: expected a rating from 0 to 5, got '7'\n"

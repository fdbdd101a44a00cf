"""A manager's second opinion: ratings file in, plans from the manager's view, and where self and manager differ."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from typer.testing import CliRunner

from pmoplan.catalogue import Catalogue
from pmoplan.cli import app
from pmoplan.loading import load_catalogue
from pmoplan.render.team_xlsx import save_workbook
from pmoplan.team import TeamMember, build_team_report
from pmoplan.team_opinions import apply_second_opinion, compare_ratings, manager_gaps, merge_ratings


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


_SKILLS = [s.id for s in load_catalogue().skills]
_RATINGS = st.dictionaries(st.sampled_from(_SKILLS), st.integers(0, 5), min_size=1)


@given(own=_RATINGS, theirs=_RATINGS, level=st.integers(1, 4))
def test_every_rating_two_or_more_apart_is_listed_and_nothing_closer_in_both(
    catalogue: Catalogue, own: dict[str, int], theirs: dict[str, int], level: int
) -> None:
    """The rule: listed iff the ratings (where both are known) or the gaps are 2+ points apart."""
    expected = catalogue.level(min(level + 1, 4)).expected
    own_gaps = tuple((s, max(0, expected[s] - r)) for s, r in own.items() if expected[s] > r)
    member = TeamMember(id="p", level=level, target_level=min(level + 1, 4), gaps=own_gaps)

    _, differences, planned_so = apply_second_opinion(catalogue, [member], {"p": theirs}, {"p": own})

    listed = {d.skill for d in differences}
    for skill, rating in theirs.items():
        gap_apart = abs(max(0, expected[skill] - rating) - dict(own_gaps).get(skill, 0)) >= 2
        rating_apart = skill in own and abs(rating - own[skill]) >= 2
        assert (skill in listed) == (gap_apart or rating_apart), skill
    assert planned_so == ["p"]
    pairs = compare_ratings(catalogue, own, theirs)
    assert {p.skill for p in pairs if p.marked} == {
        s for s in own.keys() & theirs.keys() if abs(own[s] - theirs[s]) >= 2
    }


@given(
    recorded=st.dictionaries(st.sampled_from(["ana", "ben"]), _RATINGS),
    given_=st.dictionaries(st.sampled_from(["ANA", "cy"]), _RATINGS),
)
def test_a_ratings_file_wins_skill_by_skill_over_recorded_reviews(
    recorded: dict[str, dict[str, int]], given_: dict[str, dict[str, int]]
) -> None:
    merged = merge_ratings(recorded, given_)

    for person, ratings in given_.items():
        key = "ana" if person == "ANA" and "ana" in recorded else person
        assert {s: merged[key][s] for s in ratings} == ratings
        for skill, rating in recorded.get(key, {}).items():
            if skill not in ratings:
                assert merged[key][skill] == rating
    assert set(merged) == set(recorded) | {("ana" if p == "ANA" and "ana" in recorded else p) for p in given_}

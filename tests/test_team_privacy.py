"""``--min-group K`` holds: an attacker who reads every figure of a shared report cannot work out a value of < K people.

The attacker knows what any reader knows: every figure published, and the catalogue (course
lengths and list prices are public). The ground truth, which the attacker does not see, says
which people are behind each hidden figure; every attack below must land on 0 or on K or more
distinct people.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmoplan.catalogue import Catalogue
from pmoplan.cli import app
from pmoplan.plan_models import CompletedCourse
from pmoplan.render.team_html import team_to_html
from pmoplan.render.team_markdown import team_to_markdown
from pmoplan.team import SeatCell, Suppression, TeamMember, TeamReport, build_team_report

from .test_team import REPO, catalogue, mixed_team, priced  # noqa: F401  (fixtures)


def key(cell: SeatCell) -> tuple[int, str, str, str]:
    return (cell.year, cell.kind, cell.course_id, cell.title if cell.kind == "renewal" else "")


def who(full: TeamReport) -> dict[tuple[int, str, str, str], set[str]]:
    """Ground truth: the people behind each seat cell."""
    assert full.people is not None
    people: dict[tuple[int, str, str, str], set[str]] = {}
    for person in full.people:
        for year in person.plan.years:
            for item in year.items:
                cell_key = (year.year, item.kind, item.course_id, item.title if item.kind == "renewal" else "")
                people.setdefault(cell_key, set()).add(person.id)
    return people


def attacks(full: TeamReport, shared: TeamReport) -> Iterator[tuple[str, int]]:
    """(what was recovered, how many distinct people it belongs to) for every residual a reader can compute."""
    behind = who(full)
    for total in shared.totals:
        cells = [c for c in shared.seats if c.year == total.year]
        hidden = [c for c in cells if c.suppressed]
        if total.seats is not None and hidden:
            residual = total.seats - sum(c.seats or 0 for c in cells if not c.suppressed)
            group = set().union(*(behind[key(c)] for c in hidden))
            yield f"{total.year} seats {residual}", len(group) if residual else 0
        if total.costs is not None or total.days is not None:
            # Several equations (days, cost per currency) in the hidden seat counts: never published
            # together with a hidden cell, so the attacker gets nothing to solve.
            yield f"{total.year} amounts with hidden cells", 0 if not hidden else 1
    for lapse in shared.lapse_calendar:
        if lapse.people is None:
            continue
        group_cells = [
            c for c in shared.seats if (c.year, c.kind, c.course_id) == (lapse.year, "renewal", lapse.course_id)
        ]
        hidden = [c for c in group_cells if c.suppressed]
        residual = lapse.people - sum(c.seats or 0 for c in group_cells if not c.suppressed)
        if hidden and residual:
            yield (
                f"{lapse.year} {lapse.course_id} lapses {residual}",
                len(set().union(*(behind[key(c)] for c in hidden))),
            )
    residual = shared.people_count - sum(lv.people or 0 for lv in shared.levels)
    if residual:
        yield f"levels {residual}", residual
    levels = {lv.level: lv.people for lv in shared.levels}
    for heat in shared.heat_map:
        base = levels[heat.level]
        if heat.people_with_gap is not None and base is not None:
            yield f"{heat.skill} L{heat.level} without the gap", base - heat.people_with_gap
    if shared.budget is not None:
        for year in shared.budget.years:
            for outside in year.outside_by_course:
                same = [
                    c
                    for c in shared.seats
                    if (c.year, c.kind, c.course_id) == (year.year, outside.kind, outside.course_id)
                ]
                if outside.seats is not None and same and all(not c.suppressed for c in same):
                    yield (
                        f"{year.year} {outside.course_id} inside the budget",
                        sum(c.seats or 0 for c in same) - outside.seats,
                    )


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("k", [2, 3, 5, 10])
def test_no_figure_gives_back_a_hidden_value_of_fewer_than_k_people(priced: Catalogue, seed: int, k: int) -> None:  # noqa: F811
    members = mixed_team(priced, people=60, seed=seed)
    full = build_team_report(priced, members, years=5, start_year=2026, team_budget_per_year=15000)
    shared = build_team_report(priced, members, years=5, start_year=2026, team_budget_per_year=15000, min_group=k)
    tried = list(attacks(full, shared))
    assert tried, "the attacker found nothing to try: the test would be hollow"
    leaks = [(what, people) for what, people in tried if 0 < people < k]
    assert leaks == []


def test_the_attack_recovers_a_cell_when_only_small_cells_are_hidden(priced: Catalogue) -> None:  # noqa: F811
    """The attacker is not hollow: with primary suppression alone, it recovers one person's cells.

    Ten people with the same inputs share every cell of their plans; an eleventh, who holds a P3O
    Foundation from 2024, adds cells of one seat (their renewal and the courses their plan differs
    in). Hiding only the cells under K leaves the year totals published, and a total minus the
    cells still shown gives back the hidden cells of that one person. With complementary
    suppression (``min_group``) the same attacker finds nothing.
    """
    alike = [TeamMember(id=f"p{n:02d}", level=2, target_level=3) for n in range(10)]
    odd = TeamMember(
        id="odd",
        level=2,
        target_level=3,
        completed=(CompletedCourse(course_id="p3o-foundation", completed_on=date(2024, 5, 14)),),
    )
    members = [*alike, odd]
    full = build_team_report(priced, members, years=5, start_year=2026)
    k = 5
    naive = full.model_copy(
        update={
            "people": None,
            "seats": [
                c.model_copy(update={"seats": None, "days": None, "cost": None, "suppressed": True})
                if 0 < (c.seats or 0) < k
                else c
                for c in full.seats
            ],
            "suppression": Suppression(min_group=k, cells_suppressed=1),
        }
    )
    leaks = [(what, people) for what, people in attacks(full, naive) if 0 < people < k]
    assert any(" seats " in what and people == 1 for what, people in leaks), leaks
    shared = build_team_report(priced, members, years=5, start_year=2026, min_group=k)
    tried = list(attacks(full, shared))
    assert tried
    assert [(what, people) for what, people in tried if 0 < people < k] == []


def test_the_issue_s_example_no_longer_shows_one_person_s_prices(tmp_path: Path) -> None:
    """One person's price, readable in the totals and the seat table, is gone with --min-group 3.

    The issue's example was Director J's price, readable in the year totals and the chart. The
    shipped catalogue has no price for the courses of the example team except the PRINCE2 Foundation
    exam (£555, one person's re-sit in 2026), so a price sheet gives House of PMO Essentials for PMO
    Directors a price no other figure can equal (£2,345); in 2026 only Director J takes it (two
    managers take it in 2030).
    """
    runner = CliRunner()
    sheet = tmp_path / "prices.csv"
    export = runner.invoke(app, ["prices", "export"])
    header = export.stdout.splitlines()[0]
    row = (
        "hop-essentials-directors,House of PMO Essentials for PMO Directors,classroom,Example Provider,2,2345,"
        ",,,,GBP,excluded,2026-12-01,https://example.com/hop"
    )
    sheet.write_text(f"{header}\n{row}\n", encoding="utf-8")
    team = str(REPO / "examples" / "team.csv")
    base = ["--prices", str(sheet), "team", "plan", team, "--start", "2026"]
    formats = ("markdown", "html", "json", "table")
    plain = {fmt: runner.invoke(app, [*base, "--format", fmt]) for fmt in formats}
    # Without --min-group the figure is there, in every format: the check below is not hollow.
    for fmt, result in plain.items():
        assert result.exit_code == 0, result.stderr
        assert "2,345" in result.stdout or "2345" in result.stdout, fmt
    full = json.loads(plain["json"].stdout)
    # 2026: Director J's course and one PRINCE2 Foundation re-sit are the year's only prices.
    assert full["totals"][0]["costs"] == {"GBP": 2345.0 + 555.0}
    directors = [c for c in full["seats"] if c["course_id"] == "hop-essentials-directors" and c["year"] == 2026]
    assert [(c["seats"], c["cost"]) for c in directors] == [(1, 2345.0)]

    shared = {fmt: runner.invoke(app, [*base, "--min-group", "3", "--format", fmt]) for fmt in formats}
    for fmt, result in shared.items():
        assert result.exit_code == 0, result.stderr
        assert "2,345" not in result.stdout and "2345" not in result.stdout, fmt
    document = json.loads(shared["json"].stdout)
    assert all(t["costs"] is None for t in document["totals"] if t["year"] == 2026)
    assert [
        (c["seats"], c["cost"], c["suppressed"])
        for c in document["seats"]
        if c["course_id"] == "hop-essentials-directors" and c["year"] == 2026
    ] == [(None, None, True)]
    # The one re-sit's price is one person's figure too.
    assert [
        (c["seats"], c["cost"], c["suppressed"])
        for c in document["seats"]
        if c["course_id"] == "prince2-foundation" and c["year"] == 2026
    ] == [(None, None, True)]
    # And the report says what it hid.
    assert "figure(s) hidden" in shared["markdown"].stdout


def test_html_chart_hides_the_bars_of_hidden_years(priced: Catalogue) -> None:  # noqa: F811
    members = mixed_team(priced, people=40, seed=2)
    shared = build_team_report(priced, members, years=5, start_year=2026, min_group=5)
    page = team_to_html(shared)
    hidden_years = [t.year for t in shared.totals if t.costs is None]
    assert hidden_years
    for year in hidden_years:
        assert f"<title>{year}: &lt;5</title>" in page
    assert "Days and cost hidden for" in team_to_markdown(shared) or "Totals hidden for" in team_to_markdown(shared)

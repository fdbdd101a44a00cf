"""``--min-group K`` holds: an attacker who reads every figure of a shared report cannot work out a value of < K people.

The attacker knows what any reader knows: every figure published, and the catalogue (course
lengths and list prices are public). The ground truth, which the attacker does not see, says
which people are behind each hidden figure; every attack below must land on 0 or on K or more
distinct people.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from pmoplan.catalogue import Catalogue
from pmoplan.cli import app
from pmoplan.render.team_html import team_to_html
from pmoplan.render.team_markdown import team_to_markdown
from pmoplan.team import SeatCell, Suppression, TeamReport, build_team_report

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
    """The attacker is not hollow: with primary suppression alone, it recovers hidden cells."""
    members = mixed_team(priced, people=60, seed=1)
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
            "suppression": None,
        }
    )
    naive = naive.model_copy(update={"suppression": Suppression(min_group=k, cells_suppressed=1)})
    leaks = [(what, people) for what, people in attacks(full, naive) if 0 < people < k]
    assert any(" seats " in what for what, _ in leaks), "primary suppression alone should leak through the year totals"


def test_the_issue_s_example_no_longer_shows_one_person_s_prices() -> None:
    """Director J's PfMP (US$1,000) and Manager I's MoP Practitioner (£1,205) were readable in totals and the chart."""
    runner = CliRunner()
    team = str(REPO / "examples" / "team.csv")
    base = ["team", "plan", team, "--start", "2026", "--min-group", "3"]
    outputs = {fmt: runner.invoke(app, [*base, "--format", fmt]) for fmt in ("markdown", "html", "json", "table")}
    for fmt, result in outputs.items():
        assert result.exit_code == 0, result.stderr
        assert "1,000" not in result.stdout and "1,205" not in result.stdout, fmt
    document = json.loads(outputs["json"].stdout)
    amounts = [v for t in document["totals"] if t["costs"] for v in t["costs"].values()]
    assert 1000 not in amounts and 1205 not in amounts
    assert document["suppression"]["complementary"] >= 0
    # And the report says what it hid.
    assert "figure(s) hidden" in outputs["markdown"].stdout
    plain = runner.invoke(app, ["team", "plan", team, "--start", "2026", "--format", "markdown"])
    assert "US$1,000" in plain.stdout  # without --min-group the figure is there: the check above is not hollow


def test_html_chart_hides_the_bars_of_hidden_years(priced: Catalogue) -> None:  # noqa: F811
    members = mixed_team(priced, people=40, seed=2)
    shared = build_team_report(priced, members, years=5, start_year=2026, min_group=5)
    page = team_to_html(shared)
    hidden_years = [t.year for t in shared.totals if t.costs is None]
    assert hidden_years
    for year in hidden_years:
        assert f"<title>{year}: &lt;5</title>" in page
    assert "Days and cost hidden for" in team_to_markdown(shared) or "Totals hidden for" in team_to_markdown(shared)

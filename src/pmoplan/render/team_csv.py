"""A team report as CSV: one row per person per plan item.

Excel-safe (UTF-8 with BOM; every text cell that starts with ``= + - @``, a tab, CR or LF gets a
leading ``'``). It lists people, so it is refused with ``--min-group`` (the CLI says so).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmoplan.render.csv_out import neutralise_text, to_csv
from pmoplan.render.reason_text import item_text, item_title
from pmoplan.team import TeamReport

if TYPE_CHECKING:
    from pmoplan.plan_models import Plan

TEAM_CSV_COLUMNS = [
    "person_id",
    "name",
    "year",
    "level",
    "course_id",
    "title",
    "kind",
    "days",
    "cost",
    "currency",
    "renew_by",
    "team_budget",
    "why",
]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


_PlanRow = tuple[int, str, str | None, list[str], list[str]]


def _plan_rows(plan: Plan) -> list[_PlanRow]:
    """Per item: year, key, currency it counts in, the cells before ``team_budget`` and after it."""
    rows: list[_PlanRow] = []
    for year in plan.years:
        for item in year.items:
            before = [
                str(year.year),
                str(year.level),
                neutralise_text(item.course_id),
                neutralise_text(item_title(item)),
                item.kind,
                _number(item.days),
                _number(item.cost) if item.cost is not None else "",
                item.currency or "",
                item.renew_by.isoformat() if item.renew_by else "",
            ]
            # Every known price counts, converted to the plan's (the team's) currency.
            counts_in = plan.currency if item.budget_cost is not None else None
            rows.append(
                (year.year, item.course_id + "/" + item.kind, counts_in, before, [neutralise_text(item_text(item))])
            )
    return rows


def team_to_csv(report: TeamReport) -> str:
    """One row per person per plan item.

    With a team budget, ``team_budget`` is ``outside`` for items that fall outside it, ``within``
    for the other priced items (in any currency, converted), and empty for unpriced items.
    """
    if report.people is None:
        raise ValueError("a report without people (min_group) has no per-person CSV")
    outside: set[tuple[str, int, str]] = set()
    if report.budget is not None:
        for budget_year in report.budget.years:
            for item in budget_year.outside or []:
                outside.add((item.person_id, item.year, item.course_id + "/" + item.kind))
    budgeted = report.currency if report.budget is not None else None
    cache: dict[int, list[_PlanRow]] = {}
    rows: list[list[str]] = []
    for person in report.people:
        plan_rows = cache.get(id(person.plan))
        if plan_rows is None:
            plan_rows = cache[id(person.plan)] = _plan_rows(person.plan)
        who = [neutralise_text(person.id), neutralise_text(person.name or "")]
        for year, key, counts_in, before, after in plan_rows:
            status = ""
            if budgeted is not None and counts_in == budgeted:
                status = "outside" if (person.id, year, key) in outside else "within"
            rows.append([*who, *before, status, *after])
    return to_csv(TEAM_CSV_COLUMNS, rows)

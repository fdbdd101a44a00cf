"""The sections of a team report, built once as format-neutral listings and drawn by each renderer.

Totals per year, seats per course and year, the certificate-lapse calendar, the skill-gap heat
map and what falls outside the team budget. A cell hidden by ``--min-group K`` is shown as ``<K``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from pmoplan.render.listing import Listing, days, money
from pmoplan.team import TeamReport

if TYPE_CHECKING:
    from pmoplan.models import Currency

PRICE_NOTE = "Prices are indicative list prices; check them with the provider before booking."

# --- shared cells -------------------------------------------------------------------------


def hidden(report: TeamReport) -> str:
    """How a suppressed cell is shown: ``<K``."""
    k = report.suppression.min_group if report.suppression is not None else 0
    return f"<{k}"


def count(value: int | None, report: TeamReport) -> str:
    """A count, or ``<K`` when it is suppressed."""
    return hidden(report) if value is None else str(value)


def costs_cell(costs: Mapping[Currency, float] | None, report: TeamReport) -> str:
    """Costs per currency joined with ``+``; ``<K`` when suppressed, ``-`` when none."""
    if costs is None:
        return hidden(report)
    return " + ".join(money(amount, currency) for currency, amount in sorted(costs.items())) or "-"


def horizon(report: TeamReport) -> str:
    """``2026-2031`` (or one year)."""
    last = report.start_year + report.years - 1
    return str(report.start_year) if last == report.start_year else f"{report.start_year}-{last}"


def heading(report: TeamReport) -> str:
    """One line: how many people, which years, and the team budget."""
    people = f"{report.people_count} {'person' if report.people_count == 1 else 'people'}"
    budget = ""
    if report.budget is not None:
        budget = f", team budget {money(report.budget.budget_per_year, report.budget.currency)}/year"
    shared = f", groups under {report.suppression.min_group} hidden" if report.suppression is not None else ""
    return f"Team development plan {horizon(report)}: {people}{budget}{shared}"


# --- the sections as listings -------------------------------------------------------------


def totals_listing(report: TeamReport) -> Listing:
    """Totals per year: people with an item, seats, days, cost, and the team budget."""
    columns = ["Year", "People", "Seats", "Days", "Cost", "Unpriced"]
    with_budget = report.budget is not None
    if with_budget:
        columns += ["Budget", "Over budget"]
    rows = []
    for total in report.totals:
        row = [
            str(total.year),
            count(total.people, report),
            count(total.seats, report),
            hidden(report) if total.days is None else days(total.days),
            costs_cell(total.costs, report),
            count(total.unpriced, report),
        ]
        if with_budget:
            over = total.over_budget
            row += [
                money(total.budget, report.currency),
                hidden(report) if total.suppressed else (money(over, report.currency) if over else "-"),
            ]
        rows.append(row)
    notes = ["People: people with at least one item that year. Seats include renewals."]
    return Listing(title="Totals per year", columns=columns, rows=rows, notes=notes)


def seats_listing(report: TeamReport) -> Listing:
    """Seats, days and cost per course and year."""
    rows = []
    for cell in report.seats:
        cost = hidden(report) if cell.suppressed else money(cell.cost, cell.currency)
        if not cell.suppressed and cell.unpriced:
            cost = f"{cost} + {cell.unpriced} unpriced" if cost else f"{cell.unpriced} unpriced"
        rows.append(
            [
                str(cell.year),
                cell.title,
                cell.kind,
                count(cell.seats, report),
                hidden(report) if cell.days is None else days(cell.days),
                cost or "-",
            ]
        )
    return Listing(
        title="Seats per course and year",
        columns=["Year", "Course", "Kind", "Seats", "Days", "Cost"],
        rows=rows,
        notes=[] if rows else ["No courses planned."],
    )


def lapses_listing(report: TeamReport) -> Listing:
    """The certificate-lapse calendar: renewals due per year and course."""
    rows = [[str(c.year), c.title, count(c.people, report)] for c in report.lapse_calendar]
    return Listing(
        title="Certificate renewals due (lapse calendar)",
        columns=["Year", "Certificate", "People"],
        rows=rows,
        notes=[] if rows else ["No certificate lapses within the plan."],
    )


def heat_listing(report: TeamReport) -> Listing:
    """Skill × current level: how many people have a gap."""
    levels = {lc.level: lc for lc in report.levels}
    columns = ["Skill"] + [f"Level {n} ({count(levels[n].people, report)})" for n in range(1, 5)]
    rows: dict[str, list[str]] = {}
    for cell in report.heat_map:
        row = rows.setdefault(cell.skill, [cell.skill_name])
        row.append(count(cell.people_with_gap, report))
    return Listing(
        title="Skill gaps: people with a gap, by current level",
        columns=columns,
        rows=list(rows.values()),
        notes=["Column headings give the number of people at each level."],
    )


def budget_listing(report: TeamReport) -> Listing | None:
    """Per year and course, what falls outside the team budget."""
    budget = report.budget
    if budget is None:
        return None
    rows = []
    notes = []
    for year in budget.years:
        if year.suppressed:
            notes.append(f"{year.year}: budget figures hidden (fewer than {hidden(report)[1:]} people).")
        elif year.overrun:
            notes.append(
                f"{year.year}: planned {money(year.planned, budget.currency)}, "
                f"{money(year.overrun, budget.currency)} over the budget of {money(year.budget, budget.currency)}."
            )
        for cell in year.outside_by_course:
            rows.append(
                [
                    str(year.year),
                    cell.course_id,
                    cell.kind,
                    count(cell.seats, report),
                    hidden(report) if cell.cost is None else money(cell.cost, budget.currency),
                ]
            )
    if not rows and not notes:
        notes.append("Every year is within the team budget.")
    notes.append(budget.priority)
    return Listing(
        title="Outside the team budget",
        columns=["Year", "Course", "Kind", "Seats", "Cost"],
        rows=rows,
        notes=notes,
    )


def listings(report: TeamReport) -> list[Listing]:
    """Every section of the report, in reading order."""
    sections = [totals_listing(report), seats_listing(report), lapses_listing(report), heat_listing(report)]
    over = budget_listing(report)
    if over is not None:
        sections.append(over)
    return sections


def footnotes(report: TeamReport) -> list[str]:
    """The notes at the foot of every format: prices, and what ``--min-group`` hid."""
    notes = [PRICE_NOTE]
    if report.suppression is not None:
        notes.append(
            f"Shared report: {report.suppression.cells_suppressed} cell(s) hidden. {report.suppression.rule}".replace(
                "<K", f"<{report.suppression.min_group}"
            )
        )
    return notes

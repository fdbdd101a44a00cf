"""The terminal view of a plan: a year strip, the yearly table, milestones, totals, gaps left."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from pmoplan.catalogue import Catalogue
from pmoplan.models import Currency
from pmoplan.plan_models import Plan, PlanYear
from pmoplan.render.listing import days, money
from pmoplan.render.reason_text import item_text, milestone_text, unscheduled_text, warning_text
from pmoplan.render.table import NARROW, bullets

if TYPE_CHECKING:
    from rich.console import RenderableType

MARKS = {
    True: {"certification": "C", "specialist": "s", "renewal": "R"},
    False: {"certification": "◆", "specialist": "●", "renewal": "↻"},
}


def costs_text(
    costs: Mapping[Currency, float], unpriced: int, converted: float | None = None, currency: str | None = None
) -> str:
    """``£245 + 3 unpriced`` / ``US$1,000 (£735)`` / ``-``."""
    parts = [money(amount, code) for code, amount in sorted(costs.items())]
    if parts and converted is not None and currency is not None:
        from pmoplan.render.budget_text import converted_suffix

        parts = [" + ".join(parts) + converted_suffix(costs, converted, currency)]
    if unpriced:
        parts.append(f"{unpriced} unpriced")
    return " + ".join(parts) or "-"


def plan_heading(plan: Plan, catalogue: Catalogue) -> str:
    """One line saying whose plan this is: levels, horizon and limits."""
    request = plan.request
    last = request.start_year + request.years - 1
    from pmoplan.render.budget_text import plan_budget_text

    budget = f", {plan_budget_text(plan)}" if request.budget_per_year is not None else ""
    return (
        f"Development plan {request.start_year}-{last}: level {request.current_level} "
        f"({catalogue.level(request.current_level).name}) towards level {request.target_level}, "
        f"{days(request.days_per_year)} training days/year{budget}"
    )


def plan_renderables(plan: Plan, catalogue: Catalogue, *, plain: bool, width: int = NARROW) -> list[RenderableType]:
    """Everything ``pmoplan plan`` prints in table format, top to bottom.

    Below 100 columns, and wherever the yearly table's columns would not hold the longest course ids
    whole, it puts every course of a year in one column, marked by kind, so that course ids are not
    broken across lines.
    """
    from rich.text import Text

    parts: list[RenderableType] = [Text(plan_heading(plan, catalogue), style="bold"), Text("")]
    if plan.warnings:
        # What the person must act on comes first, urgent renewals at the very top.
        marker = "  !" if plain else "  ⚠"
        parts.append(Text("Warnings", style="bold"))
        parts.append(
            bullets([(marker if w.urgent else "  -" if plain else "  •", warning_text(w)) for w in plan.warnings])
        )
        parts.append(Text(""))
    parts.append(_strip(plan, plain=plain))
    parts.append(Text(""))
    wide = width >= NARROW and _year_table_width(plan) <= width
    parts.append(_year_table(plan, plain=plain) if wide else _compact_year_table(plan, plain=plain))
    parts.extend(_sections(plan, plain=plain))
    return parts


def _strip(plan: Plan, *, plain: bool) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    marks = MARKS[plain]
    strip = Table(box=None, show_header=True, pad_edge=False, padding=(0, 1, 0, 0))
    strip.add_column(Text(""), no_wrap=True, min_width=len("Certification"))
    short = len(plan.years) > 8  # 'YY headers keep a 20-year strip within 100 columns
    for year in plan.years:
        label = f"'{year.year % 100:02d}" if short else str(year.year)
        strip.add_column(Text(label), justify="center", no_wrap=True)
    tracks = [("Certification", "certification"), ("Specialist", "specialist"), ("Renewal", "renewal")]
    for label, kind in tracks:
        row = [Text(label)]
        for year in plan.years:
            count = sum(1 for item in year.items if item.kind == kind)
            row.append(Text(marks[kind] * count or ("." if plain else "·")))
        strip.add_row(*row)
    strip.add_row(Text("Level"), *(Text(str(year.level)) for year in plan.years))
    return strip


def _names(year: PlanYear, kind: str) -> str:
    return "\n".join(item.course_id for item in year.items if item.kind == kind) or "-"


YEAR_COLUMNS = ("Year", "Level", "Certification", "Specialist", "Renewals", "Days", "Cost")


def _year_cells(plan: Plan, year: PlanYear) -> list[str]:
    return [
        str(year.year),
        str(year.level),
        _names(year, "certification"),
        _names(year, "specialist"),
        _names(year, "renewal"),
        days(year.days),
        costs_text(year.costs, year.unpriced_items, year.budget_cost, plan.currency),
    ]


def _year_table_width(plan: Plan) -> int:
    """The yearly table's width with every cell on its natural lines: content, padding and borders.

    Only at this width or more is nothing wrapped; narrower, rich would fold the longest ids.
    """
    rows = [list(YEAR_COLUMNS), *(_year_cells(plan, year) for year in plan.years)]
    widths = [max(len(line) for row in rows for line in row[i].splitlines() or [""]) for i in range(len(YEAR_COLUMNS))]
    return sum(widths) + 3 * len(widths) + 1


def _year_table(plan: Plan, *, plain: bool) -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.ASCII if plain else box.ROUNDED, title=None, show_lines=True, highlight=False)
    options: dict[str, dict[str, object]] = {"Year": {"no_wrap": True}, "Level": {"justify": "center"}}
    options["Days"] = {"justify": "right"}
    for name in YEAR_COLUMNS:
        table.add_column(Text(name), overflow="fold", **options.get(name, {}))  # type: ignore[arg-type]
    for year in plan.years:
        table.add_row(*(Text(cell) for cell in _year_cells(plan, year)))
    return table


def _compact_year_table(plan: Plan, *, plain: bool) -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    marks = MARKS[plain]
    table = Table(box=box.ASCII if plain else box.ROUNDED, show_lines=True, highlight=False)
    table.add_column(Text("Year"), no_wrap=True)
    table.add_column(Text("Lvl"), justify="center", no_wrap=True)
    table.add_column(Text("Courses (" + ", ".join(f"{marks[k]} {k}" for k in marks) + ")"), overflow="fold")
    table.add_column(Text("Days"), justify="right", no_wrap=True)
    table.add_column(Text("Cost"), overflow="fold")
    for year in plan.years:
        courses = "\n".join(f"{marks[item.kind]} {item.course_id}" for item in year.items) or "-"
        table.add_row(
            Text(str(year.year)),
            Text(str(year.level)),
            Text(courses),
            Text(days(year.days)),
            Text(costs_text(year.costs, year.unpriced_items, year.budget_cost, plan.currency)),
        )
    return table


def _sections(plan: Plan, *, plain: bool) -> list[RenderableType]:
    from rich.text import Text

    parts: list[RenderableType] = []

    def section(title: str, lines: list[str]) -> None:
        parts.append(Text(""))
        parts.append(Text(title, style="bold"))
        parts.append(bullets([("  -" if plain else "  •", line) for line in lines]))

    section(
        "Reasons",
        [f"{item.course_id} ({year.year}): {item_text(item)}" for year in plan.years for item in year.items]
        or ["none"],
    )
    section("Milestones", [f"{m.year}: {milestone_text(m)}" for m in plan.milestones] or ["none"])
    totals = plan.totals
    section(
        "Totals",
        [
            f"{totals.certifications} certification(s), {totals.specialist} specialist course(s), "
            f"{totals.renewals} renewal(s); {days(totals.days)} training days; "
            f"cost {costs_text(totals.costs, totals.unpriced_items, totals.budget_cost, plan.currency)}",
            "Prices are indicative; 'unpriced' items have no published price in the catalogue.",
        ],
    )
    section(
        "Not scheduled",
        [_unscheduled_line(u.year, u.course_id, unscheduled_text(u)) for u in plan.unscheduled] or ["nothing"],
    )
    return parts


def _unscheduled_line(year: int | None, course_id: str | None, reason: str) -> str:
    prefix = f"{year}: " if year is not None else ""
    return f"{prefix}{course_id + ': ' if course_id else ''}{reason}"

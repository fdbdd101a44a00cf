"""The terminal view of a plan: a year strip, the yearly table, milestones, totals, gaps left."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from pmoplan.catalogue import Catalogue
from pmoplan.models import Currency
from pmoplan.plan_models import Plan, PlanYear
from pmoplan.render.listing import days, money
from pmoplan.render.plain_layout import Justify
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


WARNINGS_TITLE = "Warnings"


def warning_rows(plan: Plan, *, plain: bool) -> list[tuple[str, str]]:
    """The Warnings section's (marker, text) rows; urgent renewals are marked apart."""
    urgent, other = ("  !", "  -") if plain else ("  ⚠", "  •")
    return [(urgent if w.urgent else other, warning_text(w)) for w in plan.warnings]


def strip_rows(
    plan: Plan, *, plain: bool, years: Sequence[PlanYear] | None = None
) -> tuple[list[str], list[list[str]]]:
    """The year strip's header (an empty first cell, then the years) and its rows of marks.

    ``years``: the block of the plan's years to show (default: all of them; see :func:`strip_blocks`).
    """
    marks = MARKS[plain]
    shown = plan.years if years is None else years
    short = len(plan.years) > 8  # 'YY headers keep a 20-year strip within 100 columns
    header = ["", *(f"'{year.year % 100:02d}" if short else str(year.year) for year in shown)]
    tracks = [("Certification", "certification"), ("Specialist", "specialist"), ("Renewal", "renewal")]
    rows = [
        [
            label,
            *(marks[kind] * sum(1 for i in year.items if i.kind == kind) or ("." if plain else "·") for year in shown),
        ]
        for label, kind in tracks
    ]
    rows.append(["Level", *(str(year.level) for year in shown)])
    return header, rows


def strip_blocks(plan: Plan, width: int) -> list[Sequence[PlanYear]]:
    """The plan's years cut into as few blocks of equal length as keep each block's strip within ``width``.

    A 20-year plan fits 100 columns in one strip; at 80 columns it is shown as two strips of 10 years,
    rather than squeezed until its year labels are cut.
    """
    years = plan.years
    for count in range(1, len(years) + 1):
        size = -(-len(years) // count)  # ceiling: the last block may be a year shorter
        blocks: list[Sequence[PlanYear]] = [years[start : start + size] for start in range(0, len(years), size)]
        if all(_strip_width(plan, block) <= width for block in blocks):
            return blocks
    return [[year] for year in years] or [years]  # one year a strip at the narrowest; an empty plan's labels


def _strip_width(plan: Plan, block: Sequence[PlanYear]) -> int:
    """The width of a strip of ``block``: the label column, then each year's column and a space before it."""
    header, rows = strip_rows(plan, plain=True, years=block)
    widths = [max(len(header[index]), *(len(row[index]) for row in rows)) for index in range(1, len(header))]
    return STRIP_LABEL_WIDTH + sum(width + 1 for width in widths)


def uses_wide_table(plan: Plan, width: int) -> bool:
    """Whether the yearly table has a column per kind at ``width`` (else the compact table)."""
    return width >= NARROW and _year_table_width(plan) <= width


def plan_renderables(plan: Plan, catalogue: Catalogue, *, plain: bool, width: int = NARROW) -> list[RenderableType]:
    """Everything ``pmoplan plan`` prints in table format, top to bottom.

    Below 100 columns, and wherever the yearly table's columns would not hold the longest course ids
    whole, it puts every course of a year in one column, marked by kind, so that course ids are not
    broken across lines. :mod:`pmoplan.render.plain_plan` writes the same plain text without rich.
    """
    from rich.text import Text

    parts: list[RenderableType] = [Text(plan_heading(plan, catalogue), style="bold"), Text("")]
    if plan.warnings:
        # What the person must act on comes first, urgent renewals at the very top.
        parts.append(Text(WARNINGS_TITLE, style="bold"))
        parts.append(bullets(warning_rows(plan, plain=plain)))
        parts.append(Text(""))
    for block in strip_blocks(plan, width):
        parts.append(_strip(plan, block, plain=plain))
        parts.append(Text(""))
    wide = uses_wide_table(plan, width)
    parts.append(_year_table(plan, plain=plain) if wide else _compact_year_table(plan, plain=plain))
    parts.extend(_sections(plan, plain=plain))
    return parts


STRIP_LABEL_WIDTH = len("Certification")  # the label column is as wide with any plan


def _strip(plan: Plan, block: Sequence[PlanYear], *, plain: bool) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    header, rows = strip_rows(plan, plain=plain, years=block)
    strip = Table(box=None, show_header=True, pad_edge=False, padding=(0, 1, 0, 0))
    strip.add_column(Text(header[0]), no_wrap=True, min_width=STRIP_LABEL_WIDTH)
    for label in header[1:]:
        strip.add_column(Text(label), justify="center", no_wrap=True)
    for row in rows:
        strip.add_row(*(Text(cell) for cell in row))
    return strip


def _names(year: PlanYear, kind: str) -> str:
    return "\n".join(item.course_id for item in year.items if item.kind == kind) or "-"


YEAR_COLUMNS = ("Year", "Level", "Certification", "Specialist", "Renewals", "Days", "Cost")
# (justify, no_wrap) of the yearly tables' columns; every other column wraps, folding long words.
YEAR_COLUMN_OPTIONS: dict[str, tuple[Justify, bool]] = {
    "Year": ("left", True),
    "Level": ("center", False),
    "Days": ("right", False),
}
COMPACT_COLUMN_OPTIONS: list[tuple[Justify, bool]] = [
    ("left", True),
    ("center", True),
    ("left", False),
    ("right", True),
    ("left", False),
]


def year_cells(plan: Plan, year: PlanYear) -> list[str]:
    """One row of the wide yearly table: a column per kind, course ids one per line."""
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
    rows = [list(YEAR_COLUMNS), *(year_cells(plan, year) for year in plan.years)]
    widths = [max(len(line) for row in rows for line in row[i].splitlines() or [""]) for i in range(len(YEAR_COLUMNS))]
    return sum(widths) + 3 * len(widths) + 1


def _year_table(plan: Plan, *, plain: bool) -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.ASCII if plain else box.ROUNDED, title=None, show_lines=True, highlight=False)
    for name in YEAR_COLUMNS:
        justify, no_wrap = YEAR_COLUMN_OPTIONS.get(name, ("left", False))
        table.add_column(Text(name), overflow="fold", justify=justify, no_wrap=no_wrap)
    for year in plan.years:
        table.add_row(*(Text(cell) for cell in year_cells(plan, year)))
    return table


def compact_header(*, plain: bool) -> list[str]:
    """The compact yearly table's column headers; the courses column names the kinds' marks."""
    marks = MARKS[plain]
    return ["Year", "Lvl", "Courses (" + ", ".join(f"{marks[k]} {k}" for k in marks) + ")", "Days", "Cost"]


def compact_rows(plan: Plan, *, plain: bool) -> list[list[str]]:
    """The compact yearly table's rows: every course of a year in one column, marked by kind."""
    marks = MARKS[plain]
    return [
        [
            str(year.year),
            str(year.level),
            "\n".join(f"{marks[item.kind]} {item.course_id}" for item in year.items) or "-",
            days(year.days),
            costs_text(year.costs, year.unpriced_items, year.budget_cost, plan.currency),
        ]
        for year in plan.years
    ]


def _compact_year_table(plan: Plan, *, plain: bool) -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.ASCII if plain else box.ROUNDED, show_lines=True, highlight=False)
    for name, (justify, no_wrap) in zip(compact_header(plain=plain), COMPACT_COLUMN_OPTIONS, strict=True):
        if no_wrap:
            table.add_column(Text(name), justify=justify, no_wrap=True)
        else:
            table.add_column(Text(name), justify=justify, overflow="fold")
    for row in compact_rows(plan, plain=plain):
        table.add_row(*(Text(cell) for cell in row))
    return table


def section_lines(plan: Plan) -> list[tuple[str, list[str]]]:
    """The sections under the yearly table, each a title and its bulleted lines."""
    totals = plan.totals
    return [
        (
            "Reasons",
            [f"{item.course_id} ({year.year}): {item_text(item)}" for year in plan.years for item in year.items]
            or ["none"],
        ),
        ("Milestones", [f"{m.year}: {milestone_text(m)}" for m in plan.milestones] or ["none"]),
        (
            "Totals",
            [
                f"{totals.certifications} certification(s), {totals.specialist} specialist course(s), "
                f"{totals.renewals} renewal(s); {days(totals.days)} training days; "
                f"cost {costs_text(totals.costs, totals.unpriced_items, totals.budget_cost, plan.currency)}",
                "Prices are indicative; 'unpriced' items have no published price in the catalogue.",
            ],
        ),
        (
            "Not scheduled",
            [_unscheduled_line(u.year, u.course_id, unscheduled_text(u)) for u in plan.unscheduled] or ["nothing"],
        ),
    ]


def section_marker(*, plain: bool) -> str:
    """The bullet in front of each section line."""
    return "  -" if plain else "  •"


def _sections(plan: Plan, *, plain: bool) -> list[RenderableType]:
    from rich.text import Text

    parts: list[RenderableType] = []
    marker = section_marker(plain=plain)
    for title, lines in section_lines(plan):
        parts.append(Text(""))
        parts.append(Text(title, style="bold"))
        parts.append(bullets([(marker, line) for line in lines]))
    return parts


def _unscheduled_line(year: int | None, course_id: str | None, reason: str) -> str:
    prefix = f"{year}: " if year is not None else ""
    return f"{prefix}{course_id + ': ' if course_id else ''}{reason}"

"""A team report as an Excel workbook (``--format xlsx``), for the L&D team that works in spreadsheets.

Sheets: **Summary** (what the workbook holds, the notes), **People** (one row per person per plan
item), **Seats** (per course and year), **Budget per year** (the yearly totals against the team
budget), **Lapses** (renew-by dates per person; with ``--min-group`` the counts per course and
year), **Heat map** (skill gaps by level, shaded by conditional formatting) and, when a manager's
ratings were used, **Self and manager** (the skills 2 or more points apart, then whose plans follow
a manager's review older than their latest self-assessment). Every table has a frozen header
row, a filter, fitted column widths, and number formats for money, days and dates.

Text is always stored as text: a title such as ``=HYPERLINK(...)`` is a string cell, never a
formula, whatever a spreadsheet program makes of it. With ``--min-group`` the People sheet is left
out and hidden cells read ``<K``.
"""

from __future__ import annotations

import io
import warnings
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pmoplan.render.reason_text import item_text, item_title
from pmoplan.render.team_sections import STALE_TITLE, footnotes, heading
from pmoplan.team import TeamReport

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from pmoplan.team_models import StaleReview

Cell = str | float | int | date | None

SHEETS = ("Summary", "People", "Seats", "Budget per year", "Lapses", "Heat map")
OPINIONS_SHEET = "Self and manager"  # only with a manager's ratings and per-person data
STALE_COUNT = "Plans from a manager's review older than the self-assessment"
DAYS_FORMAT = "0.##"
DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMATS = {"GBP": '"£"#,##0.00', "USD": '"US$"#,##0.00', "EUR": '"€"#,##0.00'}
MAX_WIDTH = 60


def _money_format(currency: str | None) -> str:
    return MONEY_FORMATS.get(currency or "", "#,##0.00")


def _table(sheet: Worksheet, columns: list[str], rows: list[list[Cell]], formats: dict[str, str] | None = None) -> None:
    """Write a header and rows: text as text, frozen header, filter, widths, number formats by column."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    formats = formats or {}
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE5EE")
    widths = [len(column) for column in columns]
    for c, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=c)
        _put(cell, column)
        cell.font, cell.fill = bold, fill
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            _put(cell, value)
            shown = columns[c - 1]
            if shown in formats and not isinstance(value, str):
                cell.number_format = formats[shown]
            widths[c - 1] = max(widths[c - 1], len(str(value)) if value is not None else 0)
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(MAX_WIDTH, width + 2)
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"


def _put(cell: object, value: Cell) -> None:
    """Store ``value``; a string stays a string (openpyxl would take ``=...`` for a formula)."""
    cell.value = value  # type: ignore[attr-defined]
    if isinstance(value, str):
        cell.data_type = "s"  # type: ignore[attr-defined]


def _hidden(report: TeamReport) -> str:
    return f"<{report.suppression.min_group}" if report.suppression is not None else ""


def _summary(sheet: Worksheet, report: TeamReport) -> None:
    from openpyxl.styles import Font

    lines: list[list[Cell]] = [
        [heading(report)],
        [],
        ["People", report.people_count],
        ["First year", report.start_year],
        ["Years", report.years],
        ["Currency", report.currency],
    ]
    if report.budget is not None:
        lines.append(["Team budget per year", report.budget.budget_per_year])
    if report.stale_reviews is not None and report.stale_reviews.count:  # hidden (None) or 0: no line
        lines.append([STALE_COUNT, report.stale_reviews.count])
    lines.append([])
    lines.append(["Sheets"])
    present = [name for name in SHEETS if name != "People" or report.people is not None]
    if report.manager_view:
        present.append(OPINIONS_SHEET)
    lines.extend([[name] for name in present])
    lines.append([])
    lines.extend([[note] for note in footnotes(report)])
    if report.manager_view:
        lines.append([f"Planned from the manager's ratings: {', '.join(report.manager_view)}."])
    if report.budget is not None:
        lines.append([report.budget.priority])
    for r, line in enumerate(lines, start=1):
        for c, value in enumerate(line, start=1):
            cell = sheet.cell(row=r, column=c)
            _put(cell, value)
            if r == 1:
                cell.font = Font(bold=True, size=14)
    if report.budget is not None:
        row = next(r for r, line in enumerate(lines, start=1) if line and line[0] == "Team budget per year")
        sheet.cell(row=row, column=2).number_format = _money_format(report.currency)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 16


def _people(sheet: Worksheet, report: TeamReport) -> None:
    outside: set[tuple[str, int, str, str]] = set()
    if report.budget is not None:
        for year in report.budget.years:
            for over in year.outside or []:
                outside.add((over.person_id, over.year, over.course_id, over.kind))
    rows: list[list[Cell]] = []
    for person in report.people or []:
        for plan_year in person.plan.years:
            for item in plan_year.items:
                status: str | None = None
                if report.budget is not None and item.cost is not None and item.currency == report.currency:
                    key = (person.id, plan_year.year, item.course_id, item.kind)
                    status = "outside" if key in outside else "within"
                rows.append(
                    [
                        person.id,
                        person.name,
                        plan_year.year,
                        plan_year.level,
                        item.course_id,
                        item_title(item),
                        item.kind,
                        item.days,
                        item.cost,
                        item.currency,
                        item.renew_by,
                        status,
                        item_text(item),
                    ]
                )
    columns = ["Person id", "Name", "Year", "Level", "Course id", "Course", "Kind", "Days", "Cost", "Currency"]
    columns += ["Renew by", "Team budget", "Why"]
    _table(sheet, columns, rows, {"Days": DAYS_FORMAT, "Cost": "#,##0.00", "Renew by": DATE_FORMAT})


def _seats(sheet: Worksheet, report: TeamReport) -> None:
    hidden = _hidden(report)
    rows: list[list[Cell]] = []
    for cell in report.seats:
        rows.append(
            [
                cell.year,
                cell.course_id,
                cell.title,
                cell.kind,
                hidden if cell.suppressed else cell.seats,
                hidden if cell.suppressed else cell.days,
                hidden if cell.suppressed else cell.cost,
                cell.currency,
                hidden if cell.suppressed else cell.unpriced,
            ]
        )
    columns = ["Year", "Course id", "Course", "Kind", "Seats", "Days", "Cost", "Currency", "Unpriced seats"]
    _table(sheet, columns, rows, {"Days": DAYS_FORMAT, "Cost": "#,##0.00"})


def _budget(sheet: Worksheet, report: TeamReport) -> None:
    hidden = _hidden(report)
    money = _money_format(report.currency)
    rows: list[list[Cell]] = []
    for total in report.totals:
        if total.costs is None:
            shown = [total.people, total.seats, total.days, None, None, total.unpriced]
            cells: list[Cell] = [hidden if value is None else value for value in shown]
            rows.append([total.year, *cells, total.budget, hidden])
            continue
        costs = total.costs
        others = "; ".join(
            f"{currency} {amount:,.2f}" for currency, amount in sorted(costs.items()) if currency != report.currency
        )
        rows.append(
            [
                total.year,
                total.people,
                total.seats,
                total.days,
                costs.get(report.currency, 0.0),
                others or None,
                total.unpriced,
                total.budget,
                total.over_budget,
            ]
        )
    columns = ["Year", "People", "Seats", "Days", f"Cost ({report.currency})", "Other currencies", "Unpriced"]
    columns += ["Budget", "Over budget"]
    formats = {"Days": DAYS_FORMAT, f"Cost ({report.currency})": money, "Budget": money, "Over budget": money}
    if report.budget is not None:
        # The cost column is at list prices; the budget counts in-house classes where they are cheaper.
        columns.append("In-house saving")
        formats["In-house saving"] = money
        for row, year in zip(rows, report.budget.years, strict=True):
            row.append(hidden if year.in_house_saving is None else year.in_house_saving)
    _table(sheet, columns, rows, formats)


def _lapses(sheet: Worksheet, report: TeamReport) -> None:
    """Per person: already lapsed, then renew within 6 months, then the renewals planned, by date."""
    if report.lapses is not None:
        rows: list[list[Cell]] = [
            [status, urgent.person_id, urgent.course_id, urgent.title, urgent.renew_by.year, urgent.renew_by, None]
            for status, urgents in (
                ("already lapsed", report.already_lapsed or []),
                ("renew within 6 months", report.renew_within_6_months or []),
            )
            for urgent in urgents
        ]
        rows += [
            ["planned renewal", lapse.person_id, lapse.course_id, lapse.title, lapse.year, lapse.renew_by, lapse.route]
            for lapse in report.lapses
        ]
        columns = ["Status", "Person id", "Course id", "Certificate", "Year", "Renew by", "Route"]
        _table(sheet, columns, rows, {"Renew by": DATE_FORMAT})
        return
    hidden = _hidden(report)
    rows = [
        [cell.year, cell.course_id, cell.title, hidden if cell.suppressed else cell.people]
        for cell in report.lapse_calendar
    ]
    _table(sheet, ["Year", "Course id", "Certificate", "People"], rows)


def _heat(sheet: Worksheet, report: TeamReport) -> None:
    from openpyxl.formatting.rule import ColorScaleRule

    hidden = _hidden(report)
    levels = {count.level: count for count in report.levels}
    columns = ["Skill"] + [
        f"Level {n} ({hidden if levels[n].suppressed else levels[n].people} people)" for n in range(1, 5)
    ]
    rows: dict[str, list[Cell]] = {}
    for cell in report.heat_map:
        row = rows.setdefault(cell.skill, [cell.skill_name])
        row.append(hidden if cell.suppressed else cell.people_with_gap)
    _table(sheet, columns, list(rows.values()))
    if rows:
        area = f"B2:E{len(rows) + 1}"
        rule = ColorScaleRule(  # type: ignore[no-untyped-call]
            start_type="num", start_value=0, start_color="FFFFFF", end_type="max", end_color="D1432B"
        )
        sheet.conditional_formatting.add(area, rule)


def _opinions(sheet: Worksheet, report: TeamReport) -> None:
    """Each skill where a person's own view and their manager's are 2 or more points apart."""
    skills = {cell.skill: cell.skill_name for cell in report.heat_map}
    columns = ["Person", "Skill", "Own gap", "Manager's gap", "Own rating", "Manager's rating"]
    rows: list[list[Cell]] = [
        [d.person_id, skills.get(d.skill, d.skill), d.self_gap, d.manager_gap, d.self_rating, d.manager_rating]
        for d in report.second_opinion or []
    ]
    _table(sheet, columns, rows)
    if report.stale_reviews is not None and report.stale_reviews.people:
        _stale_block(sheet, len(rows) + 3, report.stale_reviews.people)


def _stale_block(sheet: Worksheet, top: int, people: list[StaleReview]) -> None:
    """From row ``top``: a title, then each person whose plan follows a review older than their self-assessment."""
    from openpyxl.styles import Font

    bold = Font(bold=True)
    _put(sheet.cell(row=top, column=1), STALE_TITLE)
    sheet.cell(row=top, column=1).font = bold
    for c, column in enumerate(["Person", "Manager's review", "Self-assessment"], start=1):
        _put(sheet.cell(row=top + 1, column=c), column)
        sheet.cell(row=top + 1, column=c).font = bold
    for r, stale in enumerate(people, start=top + 2):
        _put(sheet.cell(row=r, column=1), stale.person_id)
        for c, day in ((2, stale.manager_taken_on), (3, stale.self_taken_on)):
            _put(sheet.cell(row=r, column=c), day)
            sheet.cell(row=r, column=c).number_format = DATE_FORMAT
    for letter in "BC":  # a date needs 10 characters; the table above may have sized these for less
        dimension = sheet.column_dimensions[letter]
        dimension.width = max(dimension.width or 0, len("Manager's review") + 2)


def team_to_xlsx(report: TeamReport) -> bytes:
    """The report as an ``.xlsx`` workbook (see the module docstring for the sheets)."""
    from openpyxl import Workbook

    book: Workbook = Workbook()
    summary = book.active
    assert summary is not None  # a new workbook always has one sheet
    summary.title = "Summary"
    _summary(summary, report)
    if report.people is not None:
        _people(book.create_sheet("People"), report)
    _seats(book.create_sheet("Seats"), report)
    _budget(book.create_sheet("Budget per year"), report)
    _lapses(book.create_sheet("Lapses"), report)
    _heat(book.create_sheet("Heat map"), report)
    if report.manager_view:
        _opinions(book.create_sheet(OPINIONS_SHEET), report)
    buffer = io.BytesIO()
    save_workbook(book, buffer)
    return buffer.getvalue()


def save_workbook(book: Workbook, target: io.BytesIO | Path) -> None:
    """``book.save(target)``, quiet about openpyxl's one text-mode ``open`` without an encoding.

    openpyxl creates each sheet's temporary file with ``NamedTemporaryFile(mode="w+")`` and closes
    it unwritten (the XML is then written to it in binary), so the EncodingWarning it raises under
    ``-X warn_default_encoding`` is harmless; left alone it would abort the save half-way.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EncodingWarning)
        book.save(target)

"""Team files as Excel workbooks: read as strictly as CSV, every problem named by sheet and cell."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from pmoplan.cli import app
from pmoplan.loading import load_catalogue
from pmoplan.render.team_xlsx import save_workbook
from pmoplan.team_files import read_team
from pmoplan.team_xlsx_input import cell_text

from .test_team_input import run_bad

HEADER = ["id", "name", "level", "completed", "days_per_year"]
ROWS: list[list[object]] = [
    ["p001", "Ana", 2, "p3o-foundation@2024-05-14", 8],
    ["p002", "Ben", 1.0, None, 5.5],
    ["p003", "Cleo", "3", "pmi-pmp", None],
]


def workbook(
    rows: list[list[object]] = ROWS, *, sheet: str = "Staff", title_rows: int = 0, column: int = 1
) -> Workbook:
    """A workbook with the people on ``sheet`` (after a second, decoy sheet if the name is not first)."""
    book = Workbook()
    staff = book.active
    assert staff is not None
    staff.title = sheet
    for index in range(title_rows):
        staff.cell(row=index + 1, column=1, value=f"Team list, title row {index + 1}")
    table: list[list[object]] = [list(HEADER), *rows]
    for r, row in enumerate(table, start=title_rows + 1):
        for c, value in enumerate(row, start=column):
            staff.cell(row=r, column=c, value=value)  # type: ignore[call-overload]
    return book


def test_a_workbook_reads_like_the_same_csv(tmp_path: Path) -> None:
    catalogue = load_catalogue()
    book = workbook(title_rows=2, column=2)  # a title above the header, the table starting in column B
    path = tmp_path / "team.xlsx"
    save_workbook(book, path)
    csv = tmp_path / "team.csv"
    csv.write_text(
        "id,name,level,completed,days_per_year\n"
        "p001,Ana,2,p3o-foundation@2024-05-14,8\np002,Ben,1,,5.5\np003,Cleo,3,pmi-pmp,\n",
        encoding="utf-8",
    )
    assert read_team(path, catalogue) == read_team(csv, catalogue)


def test_sheet_option_picks_the_sheet_and_an_unknown_sheet_is_named(tmp_path: Path) -> None:
    book = workbook()
    notes = book.create_sheet("Notes", 0)  # the first sheet is not the team
    notes["A1"] = "read me"
    save_workbook(book, tmp_path / "team.xlsx")
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        good = runner.invoke(app, ["team", "plan", "team.xlsx", "--sheet", "Staff", "--format", "json"])
        first = runner.invoke(app, ["team", "plan", "team.xlsx"])
        wrong = runner.invoke(app, ["team", "plan", "team.xlsx", "--sheet", "staf"])
    finally:
        os.chdir(cwd)
    assert good.exit_code == 0, good.stderr
    assert '"people_count": 3' in good.stdout
    assert first.exit_code == 1
    assert first.stderr == (
        "pmoplan: error: team.xlsx: Notes: no header row with 'id' and 'level' in the first 20 rows (columns: "
        "id, level, name, target_level, completed, focus, gaps, days_per_year, budget_per_year, experience_years)\n"
    )
    assert wrong.exit_code == 1
    assert (
        wrong.stderr == "pmoplan: error: team.xlsx: no sheet 'staf' (did you mean 'Staff'?); sheets: 'Notes', 'Staff'\n"
    )


def _saved(book: Workbook) -> bytes:
    import io

    buffer = io.BytesIO()
    save_workbook(book, buffer)
    return buffer.getvalue()


def _with(change: str) -> bytes:
    rows: list[list[object]] = [[f"p{i:03d}", f"Person {i}", 2, None, 8] for i in range(1, 14)]
    book = workbook(rows)
    staff = book["Staff"]
    if change == "level":
        staff["C14"] = "five"
    elif change == "formula":
        staff["E9"] = "=4+4"
    elif change == "merged":
        staff.merge_cells("C5:C7")
    elif change == "hidden":
        staff.row_dimensions[6].hidden = True
    elif change == "duplicate-column":
        staff["E1"] = "Level"
    elif change == "duplicate-person":
        staff["A12"] = "P003"
    elif change == "course":
        staff["D3"] = "p3o-fundation"
    elif change == "beyond":
        staff["G4"] = "note"
    elif change == "spaced-sheet":
        staff.title = "Staff 2026"
        staff["C14"] = 0
    return _saved(book)


XLSX_CASES = [
    ("level", "team.xlsx: Staff!C14: level: expected a level from 1 to 4, got 'five'"),
    ("spaced-sheet", "team.xlsx: 'Staff 2026'!C14: level: expected a level from 1 to 4, got '0'"),
    (
        "formula",
        "team.xlsx: Staff!E9: days_per_year: a formula (=4+4): formulas are not read; paste the column as values",
    ),
    ("merged", "team.xlsx: Staff!C5:C7: merged cells C5:C7: unmerge them and type the value in every cell"),
    ("hidden", "team.xlsx: Staff!6:6: hidden row: unhide or delete it (pmoplan will not guess)"),
    ("duplicate-column", "team.xlsx: Staff!1:1: duplicate column 'level' (columns 3 and 5)"),
    ("duplicate-person", "team.xlsx: Staff!A12: id: duplicate person 'P003' (first at row 4)"),
    ("course", "team.xlsx: Staff!D3: completed: unknown course 'p3o-fundation' (did you mean 'p3o-foundation'?)"),
    ("beyond", "team.xlsx: Staff!4:4: a value beyond the last named column, in G4"),
]


@pytest.mark.parametrize(("change", "expected"), XLSX_CASES, ids=[c[0] for c in XLSX_CASES])
def test_bad_workbooks_name_the_sheet_and_cell(tmp_path: Path, change: str, expected: str) -> None:
    message, _ = run_bad(CliRunner(), tmp_path, "team.xlsx", _with(change))
    assert message == expected


def test_files_that_are_not_workbooks(tmp_path: Path) -> None:
    runner = CliRunner()
    message, _ = run_bad(runner, tmp_path, "team.xlsx", b"id,level\np1,2\n")
    assert message == "team.xlsx: not an .xlsx workbook (an old .xls or a CSV renamed? save it as .xlsx)"
    message, _ = run_bad(runner, tmp_path, "old.xls", b"\xd0\xcf\x11\xe0 not really")
    assert message == "old.xls: an old Excel 97-2003 workbook; save it as .xlsx (Excel Workbook)"


def test_cell_values_read_as_a_csv_export_would_hold_them() -> None:
    assert cell_text(None) == ""
    assert cell_text(2.0) == "2" and cell_text(5.5) == "5.5" and cell_text(3) == "3"
    assert cell_text(datetime(2024, 5, 14)) == "2024-05-14"
    assert cell_text(True) == "TRUE"

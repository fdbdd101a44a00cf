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


# --- zip bombs (docs/bad-inputs.md B17): refused from the archive's directory, before openpyxl ---


def _workbook_bytes(tmp_path: Path) -> bytes:
    path = tmp_path / "real.xlsx"
    save_workbook(workbook(), path)
    data = path.read_bytes()
    path.unlink()
    return data


def _with_part(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook ``data`` with one more part, deflated (zeros compress about 1,000 to 1)."""
    import io
    import zipfile

    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


def _declaring(data: bytes, sizes: dict[str, tuple[int, int]]) -> bytes:
    """``data`` with the central directory declaring other (uncompressed, compressed) sizes for parts.

    The check reads only those declared sizes; Python's zipfile stops reading a part at its
    declared size, so a lie can only make a workbook fail its CRC check, never unpack more.
    """
    import struct

    patched = bytearray(data)
    for name, (unpacked, packed) in sizes.items():
        entry = -1
        start = 0
        while (start := patched.find(b"PK\x01\x02", start)) != -1:
            length = struct.unpack_from("<H", patched, start + 28)[0]
            if patched[start + 46 : start + 46 + length] == name.encode():
                entry = start
                break
            start += 4
        assert entry != -1, name
        struct.pack_into("<II", patched, entry + 20, packed, unpacked)
    return bytes(patched)


def test_a_part_compressed_like_a_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    bomb = _with_part(_workbook_bytes(tmp_path), "xl/worksheets/sheet9.xml", bytes(20 * 1024 * 1024))
    assert len(bomb) < 100_000  # 20 MB of sheet XML in a file smaller than a photo

    message, _ = run_bad(CliRunner(), tmp_path, "team.xlsx", bomb)

    assert message.startswith("team.xlsx: part 'xl/worksheets/sheet9.xml' is compressed ")
    assert message.endswith(" to 1, over 100 to 1; refused before unpacking (a zip bomb?)")


def test_a_sheet_declared_larger_than_200_mb_is_refused(tmp_path: Path) -> None:
    data = _declaring(_workbook_bytes(tmp_path), {"xl/worksheets/sheet1.xml": (300 * 1024 * 1024, 30 * 1024 * 1024)})

    message, _ = run_bad(CliRunner(), tmp_path, "team.xlsx", data)

    assert message == (
        "team.xlsx: part 'xl/worksheets/sheet1.xml' unpacks to 300 MB, over 200 MB; "
        "refused before unpacking (a zip bomb?)"
    )


def test_parts_that_unpack_to_more_than_200_mb_together_are_refused(tmp_path: Path) -> None:
    mb = 1024 * 1024
    data = _declaring(
        _workbook_bytes(tmp_path),
        {"xl/worksheets/sheet1.xml": (150 * mb, 15 * mb), "xl/styles.xml": (60 * mb, 6 * mb)},
    )

    message, _ = run_bad(CliRunner(), tmp_path, "team.xlsx", data)

    assert message == "team.xlsx: unpacks to 210 MB, over 200 MB; refused before unpacking (a zip bomb?)"


def test_the_ratings_file_is_checked_as_well(tmp_path: Path) -> None:
    team = tmp_path / "team.csv"
    team.write_text("id,level\np001,2\n", encoding="utf-8")
    bomb = _with_part(_workbook_bytes(tmp_path), "xl/worksheets/sheet9.xml", bytes(20 * 1024 * 1024))
    (tmp_path / "ratings.xlsx").write_bytes(bomb)

    result = CliRunner().invoke(app, ["team", "plan", str(team), "--ratings", str(tmp_path / "ratings.xlsx")])

    assert result.exit_code == 1 and result.stdout == ""
    assert "ratings.xlsx: part 'xl/worksheets/sheet9.xml' is compressed " in result.stderr
    assert "refused before unpacking (a zip bomb?)" in result.stderr


def test_a_real_workbook_is_far_inside_the_limits(tmp_path: Path) -> None:
    import zipfile

    from pmoplan.team_xlsx_input import MAX_RATIO, check_archive

    path = tmp_path / "big.xlsx"
    rows: list[list[object]] = [[f"p{n:05}", f"Person {n}", 1 + n % 4, None, 8] for n in range(8_000)]
    save_workbook(workbook(rows), path)
    check_archive(path, "big.xlsx")  # no error
    with zipfile.ZipFile(path) as archive:
        ratios = [p.file_size / max(p.compress_size, 1) for p in archive.infolist() if p.file_size > 1024 * 1024]
    assert ratios and max(ratios) < MAX_RATIO / 3  # a real sheet of 8,000 people: well under the cap

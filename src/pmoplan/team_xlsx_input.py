"""Reading a team from an Excel workbook (``.xlsx``), as strictly as a CSV file.

The people are read from the first sheet, or the sheet named by ``--sheet``. The header row is
the first row, among the first :data:`HEADER_SEARCH_ROWS`, that has both an ``id`` and a
``level`` column (rows above it, such as a title, are ignored); the columns and every check are
those of a team CSV (see :mod:`pmoplan.team_input`). Problems name the sheet and the cell:
``team.xlsx: Staff!C14: level: expected a level from 1 to 4, got 'five'``.

How workbook features are read:

* **Formulas are refused**, naming the cell: a workbook saved by a program that does not
  calculate (a script, a converter) has no cached value to read, and a stale one would be read
  silently. Paste the column as values.
* **Merged cells** in the header or below it are refused with the range: a merged ``level``
  over three rows is three people with one level typed once, and pmoplan will not guess that.
* **Hidden rows** below the header are refused with the row: a hidden row is often a leaver or a
  filter, and pmoplan will not guess whether that person is in the team. Unhide or delete them.
* **Dates** in a cell are read as ``YYYY-MM-DD``; whole numbers (``2.0``) as ``2``.

**Why full mode, not read-only mode.** The issue asked for openpyxl's read-only mode, which
streams a sheet row by row. In that mode openpyxl reports no merged ranges (``merged_cells`` is
not available) and no row dimensions (``hidden`` is not available), so a merged ``level`` over
three people or a hidden leaver would be read silently, against the rules above. The workbook is
therefore opened in full mode, which holds the whole workbook in memory; two limits keep that
bounded before openpyxl sees a byte:

* the file itself: at most :data:`MAX_XLSX_BYTES` (compressed);
* what it unpacks to (:func:`check_archive`): an ``.xlsx`` is a zip archive, and a small one can
  expand to gigabytes (a "zip bomb"). The sizes the archive declares are read first, and a
  workbook is refused when the whole unpacks to more than :data:`MAX_UNPACKED_BYTES`, when any
  one part (a sheet's XML) does, when a part over :data:`RATIO_FLOOR_BYTES` is compressed more
  than :data:`MAX_RATIO` to 1 (real sheets compress about 10 to 1; Apache POI refuses the same
  ratio), or when it holds more than :data:`MAX_PARTS` parts. The declared sizes can be trusted
  as a bound: Python's ``zipfile`` stops at a part's declared size and fails its CRC check if the
  data goes on, which is reported as "not an .xlsx workbook".
"""

from __future__ import annotations

import warnings
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmoplan.errors import InputError, Problem, suggest
from pmoplan.team_input import COLUMNS, _check_header, _CsvPeople, _normalise

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from pmoplan.catalogue import Catalogue
    from pmoplan.team import TeamMember

HEADER_SEARCH_ROWS = 20
MAX_XLSX_BYTES = 50 * 1024 * 1024  # compressed; a workbook of 100,000 people is about 3 MB
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # the whole archive unpacked, and any one part of it
MAX_RATIO = 100  # uncompressed / compressed size of one part; real sheet XML is about 10
RATIO_FLOOR_BYTES = 1024 * 1024  # tiny parts (styles, a blank sheet) may compress far better
MAX_PARTS = 10_000  # a workbook has a few dozen parts; thousands of sheets or images is not a team
_NOT_A_WORKBOOK = "not an .xlsx workbook (an old .xls or a CSV renamed? save it as .xlsx)"


def cell_text(value: object) -> str:
    """A cell's value as the text a CSV export would hold (dates as ISO dates, ``2.0`` as ``2``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_team_xlsx(
    path: Path, catalogue: Catalogue, *, sheet: str | None = None, display: str | None = None
) -> list[TeamMember]:
    """Read a team from an ``.xlsx`` workbook (see the module docstring).

    Raises:
        InputError: The first problem, naming the sheet and the cell where there is one.
    """
    name = display or str(path)
    worksheet = _open_sheet(path, name, sheet)
    header_row, first_column, header = _find_header(worksheet, name)
    return _XlsxPeople(name, worksheet.title, catalogue, header_row, first_column, header).read_sheet(worksheet)


def _open_sheet(path: Path, display: str, sheet: str | None) -> Worksheet:
    from openpyxl import load_workbook

    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError([Problem(display, "no such file")]) from None
    except OSError as error:
        raise InputError([Problem(display, error.strerror or str(error))]) from None
    if size > MAX_XLSX_BYTES:
        raise InputError([Problem(display, f"{size / 1024 / 1024:.1f} MB exceeds the limit of 50 MB")])
    check_archive(path, display)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (data validation, extensions): harmless here.
            warnings.simplefilter("ignore")
            workbook = load_workbook(path, read_only=False, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        reason = _NOT_A_WORKBOOK
        if isinstance(error, PermissionError):
            reason = "permission denied"
        raise InputError([Problem(display, reason)]) from None
    names = workbook.sheetnames
    if sheet is None:
        return workbook.worksheets[0]
    if sheet not in names:
        listed = ", ".join(repr(n) for n in names)
        raise InputError([Problem(display, f"no sheet {sheet!r}{suggest(sheet, names)}; sheets: {listed}")])
    return workbook[sheet]


def check_archive(path: Path, display: str) -> None:
    """Refuse a workbook whose parts would unpack to too much (see the module docstring).

    Reads only the archive's directory, never a part. Raises :class:`InputError` naming the file.
    """

    def refuse(message: str) -> InputError:
        return InputError([Problem(display, f"{message}; refused before unpacking (a zip bomb?)")])

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise InputError([Problem(display, _NOT_A_WORKBOOK)]) from None
    except OSError as error:
        reason = "permission denied" if isinstance(error, PermissionError) else error.strerror or str(error)
        raise InputError([Problem(display, reason)]) from None
    limit = f"{MAX_UNPACKED_BYTES // 1024 // 1024} MB"
    if len(parts) > MAX_PARTS:
        raise refuse(f"holds {len(parts):,} parts, over the {MAX_PARTS:,} of any real workbook")
    total = 0
    for part in parts:
        total += part.file_size
        if part.file_size > MAX_UNPACKED_BYTES:
            raise refuse(f"part {part.filename!r} unpacks to {_megabytes(part.file_size)}, over {limit}")
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            raise refuse(f"part {part.filename!r} is compressed {ratio:,.0f} to 1, over {MAX_RATIO} to 1")
    if total > MAX_UNPACKED_BYTES:
        raise refuse(f"unpacks to {_megabytes(total)}, over {limit}")


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB"


def _find_header(worksheet: Worksheet, display: str) -> tuple[int, int, list[str]]:
    """(row number, first column number, column names) of the header row."""
    for row in worksheet.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS):
        texts = [cell_text(cell.value).strip() for cell in row]
        names = {_normalise(text) for text in texts}
        if {"id", "level"} <= names:
            first = next(index for index, text in enumerate(texts) if text)
            last = max(index for index, text in enumerate(texts) if text)
            return row[0].row or 1, row[first].column or 1, texts[first : last + 1]
    expected = ", ".join(COLUMNS)
    raise InputError(
        [
            Problem(
                display,
                f"{worksheet.title}: no header row with 'id' and 'level' in the first {HEADER_SEARCH_ROWS} rows "
                f"(columns: {expected})",
            )
        ]
    )


def _quoted(sheet: str) -> str:
    """A sheet name as a spreadsheet reference writes it: ``Staff``, ``'Staff 2026'``."""
    return f"'{sheet}'" if any(not c.isalnum() and c != "_" for c in sheet) else sheet


class _XlsxPeople(_CsvPeople):
    """The CSV reader's checks, with problems located by sheet and cell instead of line."""

    place = "row"

    def __init__(
        self, display: str, sheet: str, catalogue: Catalogue, header_row: int, first_column: int, header: list[str]
    ) -> None:
        try:
            columns = _check_header(header, header_row, display, ",")
        except InputError as error:  # re-located: the header row of the sheet, not a line
            where = f"{_quoted(sheet)}!{header_row}:{header_row}"
            raise InputError([Problem(display, error.problems[0].message, None, None, where)]) from None
        super().__init__(display, catalogue, columns, len(header))
        self.sheet = sheet
        self.header_row = header_row
        self.first_column = first_column

    def _cell(self, field: str | None) -> str:
        from openpyxl.utils import get_column_letter

        quoted = _quoted(self.sheet)
        if field is None or field not in self.columns:
            return f"{quoted}!{self.line}:{self.line}"
        return f"{quoted}!{get_column_letter(self.first_column + self.columns[field])}{self.line}"

    def _report(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.display, message, None, None, f"{self._cell(field)}: {field}"))

    def _report_plain(self, message: str) -> None:
        self.problems.append(Problem(self.display, message, None, None, self._cell(None)))

    def read_sheet(self, worksheet: Worksheet) -> list[TeamMember]:
        """Check merged cells, formulas and hidden rows, then read every person below the header."""
        self._refuse_merged(worksheet)
        return self.read(self._rows(worksheet), self.header_row)

    def _refuse_merged(self, worksheet: Worksheet) -> None:
        for merged in worksheet.merged_cells.ranges:
            if merged.max_row >= self.header_row:
                self.line = merged.min_row
                raise InputError(
                    [
                        Problem(
                            self.display,
                            f"merged cells {merged.coord}: unmerge them and type the value in every cell",
                            None,
                            None,
                            f"{_quoted(self.sheet)}!{merged.coord}",
                        )
                    ]
                )

    def _rows(self, worksheet: Worksheet) -> Any:
        """Yield ``(row number, cell texts)`` for every non-empty row below the header."""
        last = self.first_column + self.width - 1
        for row in worksheet.iter_rows(min_row=self.header_row + 1):
            values = [cell.value for cell in row]
            if all(value is None or (isinstance(value, str) and not value.strip()) for value in values):
                continue
            number = row[0].row or 0
            self.line = number
            dimension = worksheet.row_dimensions.get(number)
            if dimension is not None and dimension.hidden:
                raise InputError(
                    [
                        Problem(
                            self.display,
                            "hidden row: unhide or delete it (pmoplan will not guess)",
                            None,
                            None,
                            self._cell(None),
                        )
                    ]
                )
            for cell in row:
                if cell.data_type == "f":
                    raise self._formula(cell)
            beyond = [cell for cell in row if (cell.column or 0) > last and cell.value is not None]
            if beyond:
                self._report_plain(f"a value beyond the last named column, in {beyond[0].coordinate}")
                continue
            yield (
                number,
                [cell_text(row[c - 1].value) if c - 1 < len(row) else "" for c in range(self.first_column, last + 1)],
            )

    def _formula(self, cell: Any) -> InputError:
        field = next((name for name, index in self.columns.items() if self.first_column + index == cell.column), None)
        where = f"{_quoted(self.sheet)}!{cell.coordinate}" + (f": {field}" if field else "")
        formula = str(cell.value)
        shown = formula if len(formula) <= 40 else formula[:37] + "..."
        return InputError(
            [
                Problem(
                    self.display,
                    f"a formula ({shown}): formulas are not read; paste the column as values",
                    None,
                    None,
                    where,
                )
            ]
        )

"""Reading a manager's ratings: a CSV or ``.xlsx`` file of ``person, skill, rating`` rows.

``rating`` is 0-5 on the assessment's scale. The file is read as strictly as a team file: the
header must name the three columns (compared after trimming and case-folding), every row is
checked, and the first problem is reported with its line (CSV) or sheet and cell (xlsx): an
unknown skill (with a suggestion), a rating outside 0-5, the same person and skill twice, a
person who is not in the team.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pmoplan.errors import InputError, Problem, suggest
from pmoplan.strict_yaml import read_text

if TYPE_CHECKING:
    from pmoplan.catalogue import Catalogue

RATING_COLUMNS = ("person", "skill", "rating")


def _csv_rows(path: Path, display: str) -> Iterator[tuple[int, list[str]]]:
    text = read_text(path, display)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                yield reader.line_num, row
    except csv.Error as error:
        raise InputError([Problem(display, f"malformed CSV: {error}", reader.line_num)]) from None


def _xlsx_rows(path: Path, display: str, sheet: str | None) -> tuple[str, Iterator[tuple[int, list[str]]]]:
    from pmoplan.team_xlsx_input import _open_sheet, _quoted, cell_text

    worksheet = _open_sheet(path, display, sheet)

    def rows() -> Iterator[tuple[int, list[str]]]:
        for row in worksheet.iter_rows():
            texts = [cell_text(cell.value).strip() for cell in row]
            if any(texts):
                yield row[0].row or 0, texts

    return _quoted(worksheet.title), rows()


def read_ratings(
    path: Path, catalogue: Catalogue, team_ids: set[str], *, sheet: str | None = None
) -> dict[str, dict[str, int]]:
    """Person id → skill → rating, checked against the catalogue's skills and the team's ids."""
    display = str(path)
    sheet_name = None
    if path.suffix.casefold() in {".xlsx", ".xlsm"}:
        sheet_name, rows = _xlsx_rows(path, display, sheet)
    else:
        rows = _csv_rows(path, display)

    def fail(line: int, column: int | None, field: str, message: str) -> InputError:
        if sheet_name is None:
            return InputError([Problem(display, message, line, None, field)])
        from openpyxl.utils import get_column_letter

        cell = f"{get_column_letter(column + 1)}{line}" if column is not None else f"{line}:{line}"
        return InputError(
            [Problem(display, message, None, None, f"{sheet_name}!{cell}" + (f": {field}" if field else ""))]
        )

    header_line, header = next(rows, (0, []))
    names = [cell.strip().casefold() for cell in header]
    missing = [column for column in RATING_COLUMNS if column not in names]
    if missing:
        raise fail(
            header_line or 1, None, "", f"missing column {missing[0]!r}; expected columns: person, skill, rating"
        )
    at = {column: names.index(column) for column in RATING_COLUMNS}
    skills = {area.id for area in catalogue.skills}
    known = {person.casefold(): person for person in team_ids}
    ratings: dict[str, dict[str, int]] = {}
    for line, row in rows:
        cells = [row[at[c]].strip() if at[c] < len(row) else "" for c in RATING_COLUMNS]
        person, skill, rating = cells
        if person.casefold() not in known:
            raise fail(line, at["person"], "person", f"{person!r} is not in the team")
        if skill not in skills:
            raise fail(line, at["skill"], "skill", f"unknown skill {skill!r}{suggest(skill, skills)}")
        if rating not in {"0", "1", "2", "3", "4", "5"}:
            raise fail(line, at["rating"], "rating", f"expected a rating from 0 to 5, got {rating!r}")
        given = ratings.setdefault(known[person.casefold()], {})
        if skill in given:
            raise fail(line, at["skill"], "skill", f"{person} is rated on {skill} twice")
        given[skill] = int(rating)
    if not ratings:
        raise InputError([Problem(display, "no ratings in the file, only a header", header_line or 1)])
    return ratings

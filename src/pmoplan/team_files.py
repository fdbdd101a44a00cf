"""Which reader a team file needs: CSV, YAML, an Excel workbook or a folder of profiles.

The dispatcher lives apart from the readers so that the workbook reader, which reuses the CSV
reader's column checks, and the CSV reader never import each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmoplan.errors import InputError, Problem
from pmoplan.strict_yaml import missing_reason
from pmoplan.team_input import display_path, read_team_csv, read_team_folder, read_team_yaml

if TYPE_CHECKING:
    from pathlib import Path

    from pmoplan.catalogue import Catalogue
    from pmoplan.team_models import TeamMember
    from pmoplan.team_opinions import FolderViews


def read_team(
    path: Path,
    catalogue: Catalogue,
    *,
    delimiter: str | None = None,
    sheet: str | None = None,
    views: FolderViews | None = None,
) -> list[TeamMember]:
    """Read a team from a CSV, YAML or Excel file or a folder of profiles (chosen by what ``path`` is).

    Args:
        path: A ``.csv``/``.tsv``/``.txt`` file, a ``.yaml``/``.yml`` file, an ``.xlsx`` workbook,
            or a folder of profiles.
        catalogue: The catalogue that course and skill ids are checked against.
        delimiter: The CSV delimiter (one character), if not a comma.
        sheet: The workbook sheet to read (default: the first).
        views: Filled, for a folder of profiles, with the own and manager's ratings of every
            person a manager rated (see :class:`pmoplan.team_opinions.FolderViews`).

    Returns:
        The people, in file order.

    Raises:
        InputError: The first problem (and how many more there are), with the line where known.
    """
    display = display_path(path)
    if path.is_dir():
        return read_team_folder(path, catalogue, views=views)
    suffix = path.suffix.casefold()
    if suffix in {".yaml", ".yml"}:
        return read_team_yaml(path, catalogue)
    if suffix in {".xlsx", ".xlsm"}:
        from pmoplan.team_xlsx_input import read_team_xlsx

        return read_team_xlsx(path, catalogue, sheet=sheet, display=display)
    if suffix == ".xls":
        raise InputError([Problem(display, "an old Excel 97-2003 workbook; save it as .xlsx (Excel Workbook)")])
    if suffix in {".csv", ".tsv", ".txt"}:
        if delimiter is None and suffix == ".tsv":
            delimiter = "\t"
        return read_team_csv(path, catalogue, delimiter=delimiter)
    if not path.exists():
        raise InputError([Problem(display, missing_reason(path, "no such file or folder"))])
    raise InputError(
        [Problem(display, "unknown kind of team file; give a .csv, .yaml, .yml or .xlsx file, or a folder of profiles")]
    )

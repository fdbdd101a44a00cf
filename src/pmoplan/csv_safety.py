"""Excel-safe CSV: UTF-8 with a BOM, CRLF rows, formula-like text neutralised (OWASP).

Shared by the engine's price sheet and the renderers.

It lives at the bottom of the engine because the price sheet (engine) writes CSV that it also reads
back, and the engine may not import ``render/``; :mod:`pmoplan.render.csv_out` builds on it.
"""

from __future__ import annotations

import csv
import io
import re

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
BOM = "\ufeff"


def neutralise(cell: str) -> str:
    """Prefix ``'`` to text that a spreadsheet would treat as a formula; numbers pass unchanged."""
    if cell.startswith(FORMULA_TRIGGERS) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def neutralise_text(cell: str) -> str:
    """Prefix ``'`` to a text cell that starts with a formula trigger, even one that looks like a number.

    For columns that hold text (titles, reasons): a title ``-1`` must stay text in a spreadsheet.
    """
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell


def to_csv(columns: list[str], rows: list[list[str]]) -> str:
    """CSV text (with a leading BOM for Excel) of ``columns`` and ``rows``."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in columns])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return BOM + buffer.getvalue()

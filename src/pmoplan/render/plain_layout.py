"""Rich's layout of simple plain tables and text, written as text without importing rich's console.

:mod:`pmoplan.render.plain_table` does this for a listing's fixed-width table; this module does it
for tables whose column widths rich measures itself: an ASCII-bordered table (``box.ASCII``), a
borderless table with a header row, and a grid (``Table.grid``), each with left, centred or right
columns that either wrap (folding words longer than the column) or never wrap. It follows rich's own
steps: measure each column, shrink the widest wrapping columns until the table fits
(``Table._collapse_widths`` with ``rich._ratio.ratio_reduce``), wrap each cell with
``rich._wrap.divide_line`` and justify it as ``rich.containers.Lines.justify`` does. Whenever rich
would do something else (a column that cannot wrap is too wide, the table still does not fit, a
line is wider than the console, text with control, bidi or line-separator characters; a line break
in a table cell is fine, rich splits the cell there too), it raises :class:`NotSimple` and the
caller lets rich lay it out. ``tests/test_plain_plan.py`` compares the result with rich's for any
cells, columns and width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, NamedTuple

from pmoplan.render.plain_table import NOT_SIMPLE, rich_pieces

# The line separators rich's measuring (str.splitlines) splits on but its wrapping does not; every
# other character rich or pmoplan's sanitiser treat specially is plain_table's.
_LINE_SEPARATORS = ("\u2028", "\u2029")

Justify = Literal["left", "center", "right"]


class NotSimple(Exception):
    """Raised inside a layout when rich would lay the text out in a way this module does not copy."""


class PlainColumn(NamedTuple):
    """One column as ``Table.add_column`` gets it: header, justification, no wrapping, minimum width."""

    header: str = ""
    justify: Justify = "left"
    no_wrap: bool = False
    min_width: int | None = None


class PlainTable(NamedTuple):
    """A table's shape: ASCII borders or none, header, lines between rows, and rich's padding rules.

    ``padding`` is (right, left) as in rich's ``(top, right, bottom, left)`` with no top or bottom.
    Wrapping columns fold words longer than the column (``overflow="fold"``).
    """

    columns: Sequence[PlainColumn]
    rows: Sequence[Sequence[str]]
    boxed: bool = True
    show_header: bool = True
    show_lines: bool = False
    padding: tuple[int, int] = (1, 1)
    pad_edge: bool = True
    collapse_padding: bool = False

    @classmethod
    def grid(cls, columns: Sequence[PlainColumn], rows: Sequence[Sequence[str]], right: int = 0) -> PlainTable:
        """``Table.grid(padding=(0, right, 0, 0))``: no borders, no header, no padding at the edges."""
        return cls(
            columns, rows, boxed=False, show_header=False, padding=(right, 0), pad_edge=False, collapse_padding=True
        )


def is_simple(text: str) -> bool:
    """Whether rich lays ``text`` out as this module does (no control, bidi or line-separator characters)."""
    return NOT_SIMPLE.search(text) is None and not any(separator in text for separator in _LINE_SEPARATORS)


def text_lines(text: str, width: int) -> list[str]:
    """A ``Text`` printed on its own at ``width`` columns: wrapped, folded, not padded.

    Raises :class:`NotSimple` for text rich would treat specially.
    """
    if not is_simple(text):
        raise NotSimple(text)
    from rich.cells import cell_len, set_cell_size

    return [set_cell_size(piece, width) if cell_len(piece) > width else piece for piece in rich_pieces(text, width)]


def table_lines(table: PlainTable, width: int) -> list[str]:
    """The table's lines as rich prints it on a console ``width`` columns wide.

    Raises :class:`NotSimple` wherever rich would lay it out differently from this module.
    """
    texts = [cell for row in table.rows for cell in row]
    if table.show_header:
        texts += [column.header for column in table.columns]
    if not all(is_simple(text.replace("\n", " ")) for text in texts):
        raise NotSimple("text rich treats specially")
    pads = [_cell_padding(table, index) for index in range(len(table.columns))]
    extra = (2 + len(table.columns) - 1) if table.boxed else 0
    widths = _column_widths(table, pads, width - extra)
    lines = _top(table, widths)
    if table.show_header:
        lines += _row([c.header for c in table.columns], table, widths, pads, header=True)
        if table.boxed:
            lines.append("|" + "+".join("-" * w for w in widths) + "|")
    for index, row in enumerate(table.rows):
        if index and table.show_lines and table.boxed:
            lines.append("|" + "+".join("-" * w for w in widths) + "|")
        lines += _row(row, table, widths, pads, header=False)
    lines += _top(table, widths)
    from rich.cells import cell_len

    if any(cell_len(line) > width for line in lines):
        raise NotSimple("wider than the console: rich would crop it")
    return lines


def _top(table: PlainTable, widths: list[int]) -> list[str]:
    """The top or bottom border of ``box.ASCII`` (dashes only), or nothing without a box."""
    return ["+" + "-" * (sum(widths) + len(widths) - 1) + "+"] if table.boxed else []


def _cell_padding(table: PlainTable, index: int) -> tuple[int, int]:
    """(left, right) padding of the column's cells, as ``Table._get_cells`` decides it."""
    right, left = table.padding
    if table.collapse_padding and index > 0:
        left = max(0, left - right)
    if not table.pad_edge:
        left = 0 if index == 0 else left
        right = 0 if index == len(table.columns) - 1 else right
    return left, right


def _padding_width(table: PlainTable, index: int) -> int:
    """``Table._get_padding_width``: the padding rich adds to a column's ``min_width``.

    Rich's own rule, kept as it is: with collapsed padding it counts the right padding only.
    """
    right, left = table.padding
    if table.collapse_padding:
        left = 0
    if not table.pad_edge:
        left = 0 if index == 0 else left
        right = 0 if index == len(table.columns) - 1 else right
    return left + right


def _column_widths(table: PlainTable, pads: list[tuple[int, int]], max_width: int) -> list[int]:
    """Each column's width, padding included: measured, then the widest wrapping columns shrunk to fit.

    As ``Table._calculate_column_widths``: a column's width is its longest line plus padding (at most
    the table's room, at least its ``min_width``); if the table is too wide, ``_collapse_widths``
    shrinks the widest wrapping columns, and each column is measured again at its new width.
    """
    from rich._ratio import ratio_reduce
    from rich.cells import cell_len

    longest = []  # each column's longest line plus padding: rich's measure before any limit
    least = []  # each column's min_width plus padding (0 without one)
    for index, column in enumerate(table.columns):
        cells = [row[index] for row in table.rows] + ([column.header] if table.show_header else [])
        if not cells:
            raise NotSimple("a column with no cells: rich gives it the whole width")
        left, right = pads[index]
        longest.append(
            max(max((cell_len(line) for line in cell.splitlines()), default=0) + left + right for cell in cells)
        )
        least.append(0 if column.min_width is None else column.min_width + _padding_width(table, index))
    widths = [max(min(width, max_width), floor) or 1 for width, floor in zip(longest, least, strict=True)]
    if sum(widths) > max_width:
        widths = _collapsed(widths, [not column.no_wrap for column in table.columns], max_width, ratio_reduce)
        if sum(widths) > max_width:
            raise NotSimple("rich would shrink every column")
        widths = [max(min(width, limit), floor) for width, limit, floor in zip(longest, widths, least, strict=True)]
    if any(w - left - right < 1 for w, (left, right) in zip(widths, pads, strict=True)):
        raise NotSimple("a column too narrow for its padding")
    return widths


def _collapsed(widths: list[int], wrapable: list[bool], max_width: int, ratio_reduce: Any) -> list[int]:
    """``Table._collapse_widths``: the widest wrapping columns shrunk, in steps, towards ``max_width``."""
    excess = sum(widths) - max_width
    while excess > 0 and any(wrapable):
        widest = max(w for w, wraps in zip(widths, wrapable, strict=True) if wraps)
        second = max(w if wraps and w != widest else 0 for w, wraps in zip(widths, wrapable, strict=True))
        if not widest - second:
            break
        ratios = [1 if wraps and w == widest else 0 for w, wraps in zip(widths, wrapable, strict=True)]
        widths = ratio_reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
        excess = sum(widths) - max_width
    return widths


def _row(
    cells: Sequence[str], table: PlainTable, widths: list[int], pads: list[tuple[int, int]], *, header: bool
) -> list[str]:
    """One row's lines: each cell laid out in its column, shorter cells filled with blank lines."""
    laid = []
    for cell, column, width, (left, right) in zip(cells, table.columns, widths, pads, strict=True):
        laid.append([" " * left + line + " " * right for line in _cell(cell, column, width - left - right)])
    height = max(len(lines) for lines in laid)
    for lines, width in zip(laid, widths, strict=True):
        blank = [" " * width] * (height - len(lines))
        lines[:] = [*blank, *lines] if header else [*lines, *blank]  # rich aligns a header at the bottom
    side = "|" if table.boxed else ""
    return [side + side.join(lines[i] for lines in laid) + side for i in range(height)]


def _cell(text: str, column: PlainColumn, width: int) -> list[str]:
    """A cell's lines as ``Text.wrap`` makes them with the column's justification, each ``width`` cells."""
    from rich.cells import cell_len, set_cell_size

    lines = []
    for line in text.split("\n"):
        if column.no_wrap:
            if cell_len(line) > width:
                raise NotSimple("a column that does not wrap is too narrow: rich would crop it")
            pieces = [line]
        else:
            pieces = rich_pieces(line, width)
        for piece in pieces:
            if column.justify != "left":
                piece = piece.rstrip()
            if cell_len(piece) > width:
                piece = set_cell_size(piece, width)
            room = width - cell_len(piece)
            before = 0 if column.justify == "left" else room // 2 if column.justify == "center" else room
            lines.append(" " * before + piece + " " * (room - before))
    return lines

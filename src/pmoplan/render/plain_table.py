"""A listing's plain table (ASCII borders, no colour) written as text, byte for byte as rich lays it out.

Rich stays the one renderer for the terminal; but a plain listing (piped, ``NO_COLOR``, written to
a file) has fixed column widths (:mod:`pmoplan.render.table` decides them), so laying it out is
only wrapping each cell and drawing ASCII borders. Importing rich's console and letting it measure
and pad every cell costs about as much as the rest of ``pmoplan courses`` together, so this module
writes the same text with rich's own word-wrapping rules (``rich._wrap.divide_line`` and
``rich.cells``, which import nothing heavy). It answers ``None`` whenever a listing is not the
simple case (stacked for a narrow screen, text with control, bidi or line-break characters), and
the caller lets rich do it. ``tests/test_plain_table.py`` compares the two for any listing and
width.
"""

from __future__ import annotations

import re

from pmoplan.render.listing import Listing
from pmoplan.render.table import NARROW, _column_widths, _minimum_widths, _needed, _shown

_TRAILING_SPACE = re.compile(r"\s+$")
# Control characters (line breaks and tabs too), lone surrogates and bidi controls: rich's layout
# and pmoplan's sanitiser treat them specially, so such text is left to rich.
NOT_SIMPLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain_listing_text(listing: Listing, width: int, console_width: int) -> str | None:
    """The listing's plain table and notes as rich would print them, or None if rich must do it.

    ``width`` is the width the table is laid out for (as :func:`pmoplan.render.table.listing_table`);
    ``console_width`` the width the notes are wrapped at (the console's).
    """
    shown = _shown(listing, width)
    minimums = _minimum_widths(shown)
    if _needed(minimums, width) > width:
        return None  # the stacked layout: rich's
    texts = [listing.title, *listing.columns, *(cell for row in listing.rows for cell in row), *listing.notes]
    if any(NOT_SIMPLE.search(text) for text in texts):
        return None
    widths = _column_widths(shown, minimums, width - (_needed(minimums, width) - sum(minimums)))
    edge = width >= NARROW
    if sum(widths) + 3 * len(widths) - 1 + (2 if edge else 0) > console_width:
        return None  # wider than the console: rich would shrink it
    lines = _table_lines(shown, widths, edge=edge)
    for note in listing.notes:
        lines += _wrapped(note, console_width, pad=False)
    return "\n".join(lines) + "\n"


def _table_lines(listing: Listing, widths: list[int], *, edge: bool) -> list[str]:
    """Title, header, rows and borders of a ``box.ASCII`` table with one space of padding per side."""
    table_width = sum(widths) + 3 * len(widths) - 1 + (2 if edge else 0)
    side = "|" if edge else ""
    lines = _wrapped(listing.title, table_width, pad=True) if listing.title else []  # rich skips an empty title
    if edge:
        lines.append("+" + "-" * (table_width - 2) + "+")
    lines += _row(listing.columns, listing, widths, side, header=True)
    lines.append(side + "+".join("-" * (w + 2) for w in widths) + side)
    for row in listing.rows:
        lines += _row(row, listing, widths, side, header=False)
    if edge:
        lines.append("+" + "-" * (table_width - 2) + "+")
    return lines


def _row(cells: list[str], listing: Listing, widths: list[int], side: str, *, header: bool) -> list[str]:
    """One table row: each cell wrapped in its column; shorter cells get blank lines below (above in the header)."""
    wrapped = [
        _cell(cell, width, no_wrap=column in listing.no_wrap)
        for cell, width, column in zip(cells, widths, listing.columns, strict=True)
    ]
    height = max(len(lines) for lines in wrapped)
    for lines, width in zip(wrapped, widths, strict=True):
        blank = [" " * width] * (height - len(lines))
        lines[:] = [*blank, *lines] if header else [*lines, *blank]
    return [side + "|".join(f" {lines[i]} " for lines in wrapped) + side for i in range(height)]


def _cell(text: str, width: int, *, no_wrap: bool) -> list[str]:
    """A cell's lines, each exactly ``width`` cells: rich's wrap, folded, left-justified and padded."""
    from rich.cells import cell_len, set_cell_size

    pieces = [text] if no_wrap else rich_pieces(text, width)
    lines = []
    for piece in pieces:
        size = cell_len(piece)
        lines.append(set_cell_size(piece, width) if size > width else piece + " " * (width - size))
    return lines


def _wrapped(text: str, width: int, *, pad: bool) -> list[str]:
    """Free text wrapped at ``width`` as rich prints it: padded to the width (a title) or not (a note)."""
    return [fitted(piece, width, pad=pad) for piece in rich_pieces(text, width)]


def fitted(piece: str, width: int, *, pad: bool) -> str:
    """A wrapped piece as rich prints it: cut to ``width`` cells when wider, else padded to it if ``pad``."""
    from rich.cells import cell_len, set_cell_size

    size = cell_len(piece)
    if size > width:
        return set_cell_size(piece, width)
    return piece + " " * (width - size) if pad else piece


def rich_pieces(text: str, width: int) -> list[str]:
    """``text`` cut where rich breaks it (``divide_line`` with folding), each piece's excess space dropped."""
    from rich._wrap import divide_line

    offsets = [0, *divide_line(text, width, fold=True), len(text)]
    return [_rstrip_end(text[start:end], width) for start, end in zip(offsets, offsets[1:], strict=False)]


def _rstrip_end(piece: str, width: int) -> str:
    """Rich's ``Text.rstrip_end``: trailing whitespace beyond ``width`` characters is dropped."""
    excess = len(piece) - width
    if excess <= 0:
        return piece
    trailing = _TRAILING_SPACE.search(piece)
    if trailing is None:
        return piece
    return piece[: len(piece) - min(len(trailing.group(0)), excess)]

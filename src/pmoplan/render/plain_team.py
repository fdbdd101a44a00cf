"""The plain team report (piped, ``NO_COLOR``, written to a file) streamed as text without rich.

Rich lays a team report out in seconds for a thousand people, most of it wrapping and padding
cells whose widths :mod:`pmoplan.render.table` has already fixed. This module writes the same
bytes line by line with rich's own wrapping rules (``rich._wrap.divide_line`` and ``rich.cells``,
which import nothing heavy), so a report for 100,000 people is never one string nor a list of rich
objects. A section it cannot match (text with control or bidi characters, which rich's sanitiser
must see) is handed to rich on its own; the bytes are the same either way.
``tests/test_plain_team.py`` compares the two for generated teams and widths.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmoplan.render.listing import Listing
from pmoplan.render.plain_table import fitted, rich_pieces
from pmoplan.render.table import NARROW, _column_widths, _minimum_widths, _needed, _shown
from pmoplan.render.team_sections import footnotes, heading, listings

if TYPE_CHECKING:
    from rich.console import RenderableType

    from pmoplan.team import TeamReport

# Control characters other than the line break, lone surrogates and bidi controls: the sanitiser's.
_NOT_SIMPLE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MIN_PLAIN_WIDTH = 10  # below this, rich's corner cases (a padding wider than the line) are left to rich
CHUNK_LINES = 2000  # lines per piece written: few writes, little held in memory
SEEN_CELLS = 4096  # wrapped cells remembered per table


def plain_team_chunks(report: TeamReport, width: int) -> Iterator[str]:
    """The plain team report at ``width`` columns, in pieces of whole lines, exactly as rich prints it."""
    batch: list[str] = []
    for line in plain_team_lines(report, width):
        batch.append(line)
        if len(batch) >= CHUNK_LINES:
            yield "\n".join(batch) + "\n"
            batch.clear()
    if batch:
        yield "\n".join(batch) + "\n"


def plain_team_lines(report: TeamReport, width: int) -> Iterator[str]:
    """Each line of the plain team report at ``width`` columns, without its line break."""
    yield from _free(heading(report), width)
    for listing in listings(report, narrow=True):
        if not listing.rows:
            yield from _free(listing.title, width)
        else:
            yield from _listing_lines(listing, width)
        for note in listing.notes:
            yield from _free(note, width)
    for note in footnotes(report):
        yield from _free(note, width)


def _listing_lines(listing: Listing, width: int) -> Iterator[str]:
    """A section's table (or its stacked form when the table cannot fit), as :func:`listing_table` draws it."""
    texts = [listing.title, *listing.columns, *(cell for row in listing.rows for cell in row)]
    if width < MIN_PLAIN_WIDTH or any(_NOT_SIMPLE.search(text) for text in texts):
        from pmoplan.render.table import listing_table

        yield from _rich_lines(listing_table(listing, plain=True, width=width), width)
        return
    shown = _shown(listing, width)
    minimums = _minimum_widths(shown)
    if _needed(minimums, width) > width:
        yield from _stacked_lines(listing, width)
        return
    widths = _column_widths(shown, minimums, width - (_needed(minimums, width) - sum(minimums)))
    yield from _table_lines(shown, widths, edge=width >= NARROW)


def _table_lines(listing: Listing, widths: list[int], *, edge: bool) -> Iterator[str]:
    """Title, header, rows and borders of a ``box.ASCII`` table with one space of padding per side."""
    table_width = sum(widths) + 3 * len(widths) - 1 + (2 if edge else 0)
    side = "|" if edge else ""
    if listing.title:  # rich draws no empty title
        yield from _wrapped(listing.title, table_width, pad=True)
    if edge:
        yield "+" + "-" * (table_width - 2) + "+"
    wrap = [column not in listing.no_wrap for column in listing.columns]
    seen: dict[tuple[str, int, bool], list[str]] = {}  # titles, dates and counts repeat row after row
    yield from _row(listing.columns, widths, wrap, side, seen, header=True)
    yield side + "+".join("-" * (w + 2) for w in widths) + side
    for row in listing.rows:
        yield from _row(row, widths, wrap, side, seen, header=False)
    if edge:
        yield "+" + "-" * (table_width - 2) + "+"


def _row(
    cells: list[str],
    widths: list[int],
    wrap: list[bool],
    side: str,
    seen: dict[tuple[str, int, bool], list[str]],
    *,
    header: bool,
) -> list[str]:
    """One table row: each cell wrapped in its column; shorter cells get blank lines below (above in the header).

    ``seen`` holds the cells already wrapped (read only here: each row pads copies).
    """
    columns = []
    for cell, width, w in zip(cells, widths, wrap, strict=True):
        lines = seen.get((cell, width, w))
        if lines is None:
            if len(seen) >= SEEN_CELLS:  # names are mostly unique: keep the memo small, not every cell
                seen.clear()
            lines = seen[cell, width, w] = _wrapped(cell, width, pad=True, wrap=w)
        columns.append(lines)
    height = max(map(len, columns))
    if height > 1:
        columns = [
            [*([" " * width] * (height - len(lines))), *lines]
            if header
            else [*lines, *([" " * width] * (height - len(lines)))]
            for lines, width in zip(columns, widths, strict=True)
        ]
    return [side + "|".join(f" {lines[i]} " for lines in columns) + side for i in range(height)]


def _stacked_lines(listing: Listing, width: int) -> Iterator[str]:
    """:func:`pmoplan.render.table.stacked`: each field's name on a line and its value indented below."""
    yield from _free(listing.title, width)
    yield ""
    pairs = len(listing.columns) == 2  # a field/value listing: each row is one labelled value
    for row in listing.rows:
        for label, value in zip(listing.columns, row, strict=True) if not pairs else [row]:
            yield from _free(f"{label}:", width)
            yield from ("  " + line for line in _wrapped(value or "-", width - 2, pad=True))
        if not pairs:
            yield ""


def _free(text: str, width: int) -> list[str]:
    """A line of free text (heading, title, note) as the console prints it: wrapped, not padded."""
    if _NOT_SIMPLE.search(text) or width < MIN_PLAIN_WIDTH:
        from rich.text import Text

        return _rich_lines(Text(text), width)
    return _wrapped(text, width, pad=False)


def _wrapped(text: str, width: int, *, pad: bool, wrap: bool = True) -> list[str]:
    """``text`` as rich's ``Text.wrap`` cuts it (folding words longer than ``width``), line by line.

    ``pad``: each line filled with spaces to ``width`` (a cell, a title); ``wrap`` False: each line
    kept whole and cut at ``width`` (a column of ids).
    """
    from rich.cells import cell_len

    lines = []
    for line in text.split("\n"):
        size = len(line) if line.isascii() else cell_len(line)
        if size <= width and len(line) <= width:  # the common case: nothing to cut (nor to strip)
            lines.append(line + " " * (width - size) if pad else line)
            continue
        lines += [fitted(piece, width, pad=pad) for piece in (rich_pieces(line, width) if wrap else [line])]
    return lines


def _rich_lines(renderable: RenderableType, width: int) -> list[str]:
    """What rich prints for ``renderable`` on a plain console ``width`` columns wide (the sanitiser's cases)."""
    from io import StringIO

    from pmoplan.safe_console import safe_console

    buffer = StringIO()
    console = safe_console(
        file=buffer, width=width, color_system=None, markup=False, highlight=False, emoji=False, soft_wrap=False
    )
    console.print(renderable)
    return buffer.getvalue().removesuffix("\n").split("\n")

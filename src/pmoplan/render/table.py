"""Rich tables for the terminal. Catalogue text is never interpreted as markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmoplan.render.listing import Listing

if TYPE_CHECKING:
    from rich.console import RenderableType


NARROW = 100


def listing_table(listing: Listing, *, plain: bool, width: int = NARROW) -> RenderableType:
    """A rich Table of ``listing``; ASCII borders when ``plain`` (screen readers, logs, pipes).

    On a terminal narrower than 100 columns the listing's optional columns are left out, so the
    rest stays readable instead of being folded a few characters at a time. Each column is at least
    as wide as its longest word, so no word or id is split; when that cannot fit, the rows are
    stacked instead (see :func:`stacked`).
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    shown = _shown(listing, width)
    minimums = _minimum_widths(shown)
    if _needed(minimums, width) > width:
        return stacked(listing, width)
    table = Table(
        title=Text(shown.title),
        box=box.ASCII if plain else box.ROUNDED,
        show_lines=False,
        title_justify="left",
        highlight=False,
        show_edge=width >= NARROW,  # below 100 columns the outer border's two columns go to the content
    )
    widths = _column_widths(shown, minimums, width - (_needed(minimums, width) - sum(minimums)))
    for column, column_width in zip(shown.columns, widths, strict=True):
        # Fixed widths, never below a column's longest word: rich's own sharing can squeeze a column
        # below it, and then crops or splits a word.
        table.add_column(Text(column), width=column_width, overflow="fold", no_wrap=column in shown.no_wrap)
    for row in shown.rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def _shown(listing: Listing, width: int) -> Listing:
    """The listing as the table shows it at ``width``.

    Optional columns are left out below 100 columns, and at any width where the whole table would
    have to split a word.
    """
    if not listing.optional:
        return listing
    if width >= NARROW and _needed(_minimum_widths(listing), width) <= width:
        return listing
    keep = [i for i, column in enumerate(listing.columns) if column not in listing.optional]
    return Listing(
        listing.title,
        [listing.columns[i] for i in keep],
        [[row[i] for i in keep] for row in listing.rows],
        listing.notes,
        listing.no_wrap,
    )


def _minimum_widths(listing: Listing) -> list[int]:
    """Each column's narrowest width that splits nothing: its longest word (whole cell for ids)."""
    widths = []
    for index, column in enumerate(listing.columns):
        cells = [column, *(row[index] for row in listing.rows)]
        if column in listing.no_wrap:
            widths.append(max(_longest_line(cell) for cell in cells))
        else:
            # A web address is the one word that may fold: it can be longer than any terminal.
            words = [len(word) for cell in cells for word in cell.split() if "://" not in word]
            widths.append(max(words, default=1))
    return widths


def _longest_line(cell: str) -> int:
    """A cell's width on screen: its longest line (a cell of course ids has one per line)."""
    return max(map(len, cell.split("\n"))) if "\n" in cell else len(cell)


def _needed(minimums: list[int], width: int) -> int:
    """The table's narrowest total width: content, two spaces of padding per column, the borders."""
    borders = len(minimums) - 1 + (2 if width >= NARROW else 0)  # outer borders only from 100 columns
    return sum(minimums) + 2 * len(minimums) + borders


def _column_widths(listing: Listing, minimums: list[int], room: int) -> list[int]:
    """Content widths: each column's longest cell if all fit in ``room``, else its minimum plus a fair share."""
    wanted = [
        max(minimum, *(_longest_line(cell) for cell in [column, *(row[i] for row in listing.rows)]))
        for i, (column, minimum) in enumerate(zip(listing.columns, minimums, strict=True))
    ]
    if sum(wanted) <= room:
        return wanted
    # Share the spare room fairly: columns that want little get all they want, the rest split what
    # is left (so a short price column is never wrapped to give a long title a few more characters).
    widths = list(minimums)
    spare = room - sum(minimums)
    waiting = sorted(range(len(widths)), key=lambda i: wanted[i] - minimums[i])
    while waiting:
        index = waiting.pop(0)
        give = min(wanted[index] - widths[index], spare // (len(waiting) + 1))
        widths[index] += give
        spare -= give
    return widths


def fits(listing: Listing, width: int) -> bool:
    """Whether the listing's table fits in ``width`` columns without splitting a word or an id."""
    return _needed(_minimum_widths(_shown(listing, width)), width) <= width


def stacked(listing: Listing, width: int) -> RenderableType:
    """The narrow layout: one block per row, each field's name on a line and its value indented below.

    Words wrap whole; only a single word longer than the whole line (a long web address) is folded.
    """
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    parts: list[RenderableType] = [Text(listing.title, style="bold"), Text("")]
    if len(listing.columns) == 2:  # a field/value listing: each row is already one labelled value
        for label, value in listing.rows:
            parts += [Text(f"{label}:", style="bold"), Padding(Text(value or "-", overflow="fold"), (0, 0, 0, 2))]
        return Group(*parts)
    for row in listing.rows:
        for column, cell in zip(listing.columns, row, strict=True):
            parts += [Text(f"{column}:", style="bold"), Padding(Text(cell or "-", overflow="fold"), (0, 0, 0, 2))]
        parts.append(Text(""))
    return Group(*parts)


def listing_renderables(listing: Listing, *, plain: bool, width: int = NARROW) -> list[RenderableType]:
    """The listing's table followed by its notes (dimmed)."""
    from rich.text import Text

    return [listing_table(listing, plain=plain, width=width), *(Text(note, style="dim") for note in listing.notes)]


def bullets(rows: list[tuple[str, str]]) -> RenderableType:
    """A two-column grid of (marker, text), so that wrapped text stays indented under its marker."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for marker, text in rows:
        grid.add_row(Text(marker), Text(text))
    return grid

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
    rest stays readable instead of being folded a few characters at a time.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if width < NARROW and listing.optional:
        keep = [i for i, column in enumerate(listing.columns) if column not in listing.optional]
        listing = Listing(
            listing.title,
            [listing.columns[i] for i in keep],
            [[row[i] for i in keep] for row in listing.rows],
            listing.notes,
            listing.no_wrap,
        )

    table = Table(
        title=Text(listing.title),
        box=box.ASCII if plain else box.ROUNDED,
        show_lines=False,
        title_justify="left",
        highlight=False,
    )
    for column in listing.columns:
        if column in listing.no_wrap:
            table.add_column(Text(column), no_wrap=True)
        else:
            table.add_column(Text(column), overflow="fold")
    for row in listing.rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


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

"""Rich tables for the terminal. Catalogue text is never interpreted as markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmoplan.render.listing import Listing

if TYPE_CHECKING:
    from rich.console import RenderableType


def listing_table(listing: Listing, *, plain: bool) -> RenderableType:
    """A rich Table of ``listing``; ASCII borders when ``plain`` (screen readers, logs, pipes)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=Text(listing.title),
        box=box.ASCII if plain else box.ROUNDED,
        show_lines=False,
        title_justify="left",
        highlight=False,
    )
    for column in listing.columns:
        table.add_column(Text(column), overflow="fold")
    for row in listing.rows:
        table.add_row(*(Text(cell) for cell in row))
    return table

"""A team report on the terminal: rich tables, with a shaded heat map unless plain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmoplan.render.listing import Listing
from pmoplan.render.table import NARROW, _column_widths, _minimum_widths, _needed, listing_table
from pmoplan.render.team_sections import HEAT_TITLE, footnotes, heading, listings
from pmoplan.team import TeamReport

if TYPE_CHECKING:
    from rich.console import RenderableType


def team_renderables(report: TeamReport, *, plain: bool, width: int = NARROW) -> list[RenderableType]:
    """Rich renderables for the terminal laid out for ``width`` columns: heading, the section tables, notes.

    Each table keeps every number, year and id whole; a table that cannot fit is stacked instead
    (see :func:`pmoplan.render.table.listing_table`).
    """
    from rich.text import Text

    parts: list[RenderableType] = [Text(heading(report), style="" if plain else "bold")]
    for listing in listings(report, narrow=True):
        if not listing.rows:
            parts.append(Text(listing.title, style="" if plain else "italic"))
        else:
            table = _heat_table(report, listing, plain, width) if listing.title == HEAT_TITLE else None
            parts.append(table if table is not None else listing_table(listing, plain=plain, width=width))
        parts.extend(Text(note, style="" if plain else "dim") for note in listing.notes)
    parts.extend(Text(note, style="" if plain else "dim") for note in footnotes(report))
    return parts


_SHADES = ("", "on grey23", "on dark_orange3", "on red3", "on red1")


def _heat_table(report: TeamReport, listing: Listing, plain: bool, width: int) -> RenderableType | None:
    """The heat map with shaded cells, columns sized as every listing's (plain: no colour, the numbers say it all).

    None when plain, or when the map cannot fit ``width`` whole (then it is stacked like any listing).
    """
    minimums = _minimum_widths(listing)
    if plain or _needed(minimums, width) > width:
        return None
    from rich import box
    from rich.table import Table
    from rich.text import Text

    peak = max((c.people_with_gap or 0 for c in report.heat_map), default=0)
    table = Table(
        title=Text(listing.title),
        box=box.ROUNDED,
        title_justify="left",
        highlight=False,
        show_edge=width >= NARROW,
    )
    widths = _column_widths(listing, minimums, width - (_needed(minimums, width) - sum(minimums)))
    for index, (column, column_width) in enumerate(zip(listing.columns, widths, strict=True)):
        table.add_column(Text(column), justify="left" if index == 0 else "right", width=column_width, overflow="fold")
    by_skill: dict[str, list[int | None]] = {}
    for cell in report.heat_map:
        by_skill.setdefault(cell.skill, []).append(cell.people_with_gap)
    for row, counts in zip(listing.rows, by_skill.values(), strict=True):
        cells = [Text(row[0])]
        for text, count in zip(row[1:], counts, strict=True):
            shade = _SHADES[min(4, -(-4 * count // peak))] if count and peak else ""
            cells.append(Text(text, style=shade))
        table.add_row(*cells)
    return table

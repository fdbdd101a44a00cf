"""A team report on the terminal: rich tables, with a shaded heat map unless plain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmoplan.render.listing import Listing
from pmoplan.render.team_sections import HEAT_TITLE, footnotes, heading, listings
from pmoplan.team import TeamReport

if TYPE_CHECKING:
    from rich.console import RenderableType


def team_renderables(report: TeamReport, *, plain: bool) -> list[RenderableType]:
    """Rich renderables for the terminal: heading, the section tables, notes."""
    from rich.text import Text

    from pmoplan.render.table import listing_table

    parts: list[RenderableType] = [Text(heading(report), style="" if plain else "bold")]
    for listing in listings(report, narrow=True):
        if not listing.rows:
            parts.append(Text(listing.title, style="" if plain else "italic"))
        else:
            table = _heat_table(report, listing, plain) if listing.title == HEAT_TITLE else None
            parts.append(table if table is not None else listing_table(listing, plain=plain))
        parts.extend(Text(note, style="" if plain else "dim") for note in listing.notes)
    parts.extend(Text(note, style="" if plain else "dim") for note in footnotes(report))
    return parts


_SHADES = ("", "on grey23", "on dark_orange3", "on red3", "on red1")


def _heat_table(report: TeamReport, listing: Listing, plain: bool) -> RenderableType | None:
    """The heat map with shaded cells (plain: no colour, the numbers say it all)."""
    if plain:
        return None
    from rich import box
    from rich.table import Table
    from rich.text import Text

    peak = max((c.people_with_gap or 0 for c in report.heat_map), default=0)
    table = Table(title=Text(listing.title), box=box.ROUNDED, title_justify="left", highlight=False)
    for index, column in enumerate(listing.columns):
        table.add_column(Text(column), justify="left" if index == 0 else "right")
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

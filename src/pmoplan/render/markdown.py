"""GitHub-flavoured Markdown tables that paste cleanly into review documents."""

from __future__ import annotations

from pmoplan.render.listing import Listing


def escape_cell(text: str) -> str:
    """Escape a table cell: pipes, backslashes and line breaks would break the row."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")


def markdown_table(columns: list[str], rows: list[list[str]]) -> str:
    """A Markdown table of ``columns`` and ``rows``."""
    lines = ["| " + " | ".join(escape_cell(c) for c in columns) + " |"]
    lines.append("|" + "|".join(" --- " for _ in columns) + "|")
    lines.extend("| " + " | ".join(escape_cell(cell) for cell in row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def listing_markdown(listing: Listing) -> str:
    """A Markdown section: heading, table and notes."""
    parts = [f"## {escape_cell(listing.title)}\n", markdown_table(listing.columns, listing.rows)]
    if listing.notes:
        parts.append("\n" + "\n".join(f"- {escape_cell(n)}" for n in listing.notes) + "\n")
    return "\n".join(parts)

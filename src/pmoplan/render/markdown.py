"""GitHub-flavoured Markdown tables that paste cleanly into review documents."""

from __future__ import annotations

import re

from pmoplan.render.listing import Listing
from pmoplan.safe_text import terminal_safe

# Backslash, code spans, emphasis, link and image brackets, table pipes: escaped with a backslash,
# so '[x](javascript:…)', '![x](http://tracker)' and '*bold*' from data stay literal text.
_INLINE = re.compile(r"[\\`*_\[\]|]")
# Raw HTML ('<script>', '<img onerror=…>', '<br>', autolinks '<javascript:…>') and entities.
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def _escape(match: re.Match[str]) -> str:
    char, text, at = match.group(), match.string, match.start()
    # An underscore inside a word (M_o_R) never starts emphasis in GFM: left as written.
    if char == "_" and 0 < at < len(text) - 1 and text[at - 1].isalnum() and text[at + 1].isalnum():
        return char
    return "\\" + char


def escape_cell(text: str) -> str:
    """Data text as literal Markdown for a table cell, heading or list item.

    Control characters become visible escapes; backslashes, code, emphasis, link and image
    syntax and pipes are backslash-escaped; raw HTML and entities are neutralised; line breaks
    become ``<br>`` so that a table row stays one line.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INLINE.sub(_escape, terminal_safe(text))
    return _TAG_START.sub("&lt;", _ENTITY.sub("&amp;", text)).replace("\n", "<br>")


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

"""A format-neutral table of text cells, shared by the table, CSV and Markdown renderers."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Listing:
    """A titled table: column names and rows of text cells (same length as ``columns``)."""

    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    no_wrap: tuple[str, ...] = ()  # columns never broken mid-word (ids people copy into commands)
    optional: tuple[str, ...] = ()  # columns left out of tables on terminals narrower than 100 columns


def money(amount: float | None, currency: str | None) -> str:
    """``£1,205`` / ``US$300`` / ``€2,463``; an empty string when there is no price."""
    if amount is None:
        return ""
    symbol = {"GBP": "£", "USD": "US$", "EUR": "€"}.get(currency or "", f"{currency} ")
    shown = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    return f"{symbol}{shown}"


def days(value: float) -> str:
    """``3`` or ``0.5``: days without a needless ``.0``."""
    return f"{value:g}"

"""A development plan as Excel-safe CSV: one row per plan item.

UTF-8 with a BOM, CRLF rows (see :mod:`pmoplan.render.csv_out`). Every text cell that begins
with ``=``, ``+``, ``-``, ``@``, a tab, CR or LF gets a leading ``'`` so that a spreadsheet shows
it as text instead of running it as a formula; unlike the generic writer this also applies to
text that looks like a number (a title ``-1`` stays text). Numeric columns (year, level, days,
cost) are written as plain numbers and never need it.
"""

from __future__ import annotations

from pmoplan.catalogue import Catalogue
from pmoplan.plan_models import Plan, PlanItem
from pmoplan.render.csv_out import neutralise_text, to_csv
from pmoplan.render.reason_text import item_text, item_title

PLAN_CSV_COLUMNS: list[str] = [
    "year",
    "level",
    "course_id",
    "title",
    "kind",
    "days",
    "cost",
    "currency",
    "why",
    "renew_by",
]


def plain_number(value: float) -> str:
    """``1205`` / ``1205.5``: a number a spreadsheet reads back exactly, never in e-notation."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _row(year: int, level: int, item: PlanItem) -> list[str]:
    return [
        str(year),
        str(level),
        neutralise_text(item.course_id),
        neutralise_text(item_title(item)),
        neutralise_text(item.kind),
        plain_number(item.days),
        plain_number(item.cost) if item.cost is not None else "",
        item.currency or "",
        neutralise_text(item_text(item)),
        item.renew_by.isoformat() if item.renew_by else "",
    ]


def plan_rows(plan: Plan) -> list[list[str]]:
    """The CSV rows (without the header), already neutralised."""
    return [_row(year.year, year.level, item) for year in plan.years for item in year.items]


def plan_to_csv(plan: Plan, catalogue: Catalogue) -> str:
    """The plan as CSV text with a BOM, columns :data:`PLAN_CSV_COLUMNS`.

    Args:
        plan: The plan to render.
        catalogue: The catalogue the plan was made from (unused: the plan carries its own titles).

    Returns:
        CSV text starting with a UTF-8 byte order mark.
    """
    del catalogue  # same signature as the other plan renderers
    return to_csv(PLAN_CSV_COLUMNS, plan_rows(plan))

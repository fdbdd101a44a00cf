"""The plan's plain terminal view (piped, ``NO_COLOR``, a table written to a file) without rich.

:func:`pmoplan.render.plan_table.plan_renderables` builds the view from rich tables and texts;
importing rich's console and tables and letting them measure every cell costs about as much as
planning. This module writes the same bytes from the same rows (``plan_table``'s row functions)
with :mod:`pmoplan.render.plain_layout`, which follows rich's layout rules for these simple shapes.
It answers None wherever rich would do something it does not copy, and the caller lets rich print.
``tests/test_plain_plan.py`` compares the two for generated plans at any width.
"""

from __future__ import annotations

from collections.abc import Sequence

from pmoplan.catalogue import Catalogue
from pmoplan.plan_models import Plan, PlanYear
from pmoplan.render import plan_table as view
from pmoplan.render.plain_layout import NotSimple, PlainColumn, PlainTable, table_lines, text_lines


def plain_plan_text(plan: Plan, catalogue: Catalogue, width: int) -> str | None:
    """The plan's plain view at ``width`` columns, byte for byte as rich prints it, or None if rich must.

    The same as printing ``plan_renderables(plan, catalogue, plain=True, width=width)`` on a plain
    console ``width`` columns wide.
    """
    try:
        lines = _lines(plan, catalogue, width)
    except NotSimple:
        return None
    return "\n".join(lines) + "\n"


def _lines(plan: Plan, catalogue: Catalogue, width: int) -> list[str]:
    lines = [*text_lines(view.plan_heading(plan, catalogue), width), ""]
    if plan.warnings:
        lines += [*text_lines(view.WARNINGS_TITLE, width), *_bullets(view.warning_rows(plan, plain=True), width), ""]
    for block in view.strip_blocks(plan, width):
        lines += [*_strip(plan, block, width), ""]
    lines += _year_table(plan, width)
    marker = view.section_marker(plain=True)
    for title, section in view.section_lines(plan):
        lines += ["", *text_lines(title, width), *_bullets([(marker, line) for line in section], width)]
    return lines


def _bullets(rows: list[tuple[str, str]], width: int) -> list[str]:
    """:func:`pmoplan.render.table.bullets`: a marker that never wraps, then text folded under it."""
    columns = [PlainColumn(no_wrap=True), PlainColumn()]
    return table_lines(PlainTable.grid(columns, [list(row) for row in rows], right=1), width)


def _strip(plan: Plan, block: Sequence[PlanYear], width: int) -> list[str]:
    header, rows = view.strip_rows(plan, plain=True, years=block)
    columns = [PlainColumn(header[0], no_wrap=True, min_width=view.STRIP_LABEL_WIDTH)]
    columns += [PlainColumn(label, justify="center", no_wrap=True) for label in header[1:]]
    table = PlainTable(columns, rows, boxed=False, padding=(1, 0), pad_edge=False)
    return table_lines(table, width)


def _year_table(plan: Plan, width: int) -> list[str]:
    if view.uses_wide_table(plan, width):
        options = [view.YEAR_COLUMN_OPTIONS.get(name, ("left", False)) for name in view.YEAR_COLUMNS]
        headers: list[str] = list(view.YEAR_COLUMNS)
        rows = [view.year_cells(plan, year) for year in plan.years]
    else:
        options = view.COMPACT_COLUMN_OPTIONS
        headers = view.compact_header(plain=True)
        rows = view.compact_rows(plan, plain=True)
    columns = [PlainColumn(name, justify, no_wrap) for name, (justify, no_wrap) in zip(headers, options, strict=True)]
    return table_lines(PlainTable(columns, rows, show_lines=True), width)

"""The plan's plain view written without rich (``render/plain_plan.py``) is byte for byte what rich prints.

For generated plans (any level, horizon, limits and completed courses over the shipped catalogue,
and plans whose ids and reasons are awkward text: long words, web addresses, wide and accented
characters) at widths 20-200, the fast path either declines (None, and rich prints it) or gives
exactly rich's text. The README's example plans are written without rich at 80 and 100 columns (so
the fast path cannot pass by always declining), and ``pmoplan plan`` piped imports neither rich's
console nor its tables.
"""

from __future__ import annotations

import io
import shlex
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmoplan.catalogue import Catalogue
from pmoplan.cli.output import TerminalView
from pmoplan.plan_models import Plan
from pmoplan.planner import build_plan
from pmoplan.render.plain_layout import PlainColumn, PlainTable, table_lines
from pmoplan.render.plain_plan import plain_plan_text
from pmoplan.render.plan_table import plan_renderables
from pmoplan.safe_console import safe_console
from tests.test_plain_table import TEXT
from tests.test_planner_properties import CATALOGUE, plan_requests
from tests.test_startup_guards import built_by, heavy_in


def rich_text(plan: Plan, catalogue: Catalogue, width: int) -> str:
    """What ``pmoplan plan`` prints through rich on a plain console ``width`` columns wide."""
    buffer = io.StringIO()
    console = safe_console(
        file=buffer, width=width, color_system=None, markup=False, highlight=False, emoji=False, soft_wrap=False
    )
    with console:
        for renderable in plan_renderables(plan, catalogue, plain=True, width=width):
            console.print(renderable)
    return buffer.getvalue()


WIDTHS = st.integers(min_value=20, max_value=200)  # 20: the narrowest width pmoplan lays out for


@settings(max_examples=300, deadline=None)
@given(request=plan_requests(), width=WIDTHS)
def test_a_plan_s_plain_view_is_rich_s_or_declines(request: Any, width: int) -> None:
    plan = build_plan(CATALOGUE, request)
    text = plain_plan_text(plan, CATALOGUE, width)
    if text is not None:
        assert text == rich_text(plan, CATALOGUE, width)


# Line breaks inside a table cell are laid out as rich does (a cell's lines), so they are generated too.
BROKEN = st.sampled_from(["line\nbreak", "a\n\nb", "x\n", "\nlead", "w" * 90 + "\n" + "v" * 10])
IDS = st.sampled_from(["p3o-foundation", "a" * 45, "日本語の研修", "café-e\u0301", "x"]) | TEXT | BROKEN


@st.composite
def awkward_plans(draw: st.DrawFn) -> Plan:
    """A planned person whose course ids, reasons and warnings are replaced by awkward text."""
    plan = build_plan(CATALOGUE, draw(plan_requests()))
    years = [
        year.model_copy(
            update={
                "items": [
                    item.model_copy(update={"reasons": [], "why": draw(TEXT | BROKEN), "course_id": draw(IDS)})
                    for item in year.items
                ]
            }
        )
        for year in plan.years
    ]
    warnings = [w.model_copy(update={"reasons": [], "text": draw(TEXT), "code": "x"}) for w in plan.warnings]
    return plan.model_copy(update={"years": years, "warnings": warnings})


@settings(max_examples=300, deadline=None)
@given(plan=awkward_plans(), width=WIDTHS)
def test_awkward_text_is_laid_out_as_rich_does_or_left_to_rich(plan: Plan, width: int) -> None:
    text = plain_plan_text(plan, CATALOGUE, width)
    if text is not None:
        assert text == rich_text(plan, CATALOGUE, width)


@pytest.mark.parametrize(
    "text", ["a\x1b[31mred", "tab\there", "\u202eevil", "bad \udcff byte", "para\u2029graph", "cr\r\nlf"]
)
def test_text_the_sanitiser_or_rich_treats_specially_is_left_to_rich(text: str) -> None:
    """Control (other than a line break), bidi and line-separator characters in a reason: the writer declines."""
    from pmoplan.plan_models import PlanRequest

    plan = build_plan(CATALOGUE, PlanRequest(current_level=2, target_level=3, years=3, start_year=2026))
    assert plain_plan_text(plan, CATALOGUE, 100) is not None
    first = plan.years[0]
    item = first.items[0].model_copy(update={"reasons": [], "why": text})
    changed = plan.model_copy(update={"years": [first.model_copy(update={"items": [item]}), *plan.years[1:]]})
    assert plain_plan_text(changed, CATALOGUE, 100) is None


CELL = st.sampled_from(["", "a", "ab cd", "日本語", "e\u0301e\u0301", "a" * 30, "x\ny z", "  lead", "trail  "]) | TEXT


@settings(max_examples=400, deadline=None)
@given(
    rows=st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=1, max_size=4),
    headers=st.lists(CELL, min_size=3, max_size=3),
    justify=st.lists(st.sampled_from(["left", "center", "right"]), min_size=3, max_size=3),
    no_wrap=st.lists(st.booleans(), min_size=3, max_size=3),
    least=st.lists(st.none() | st.integers(min_value=0, max_value=20), min_size=3, max_size=3),
    shape=st.sampled_from(["boxed", "lines", "strip", "grid"]),
    width=st.integers(min_value=20, max_value=120),
)
def test_the_layout_of_any_simple_table_is_rich_s_or_declines(
    rows: list[list[str]],
    headers: list[str],
    justify: list[Any],
    no_wrap: list[bool],
    least: list[int | None],
    shape: str,
    width: int,
) -> None:
    """``plain_layout`` for the table shapes it copies, against rich, for any cells, columns and width."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    columns = [PlainColumn(*options) for options in zip(headers, justify, no_wrap, least, strict=True)]
    if shape == "grid":
        plain = PlainTable.grid(columns, rows, right=1)
        table = Table.grid(padding=(0, 1, 0, 0))
    elif shape == "strip":
        plain = PlainTable(columns, rows, boxed=False, padding=(1, 0), pad_edge=False)
        table = Table(box=None, show_header=True, pad_edge=False, padding=(0, 1, 0, 0))
    else:
        plain = PlainTable(columns, rows, show_lines=shape == "lines")
        table = Table(box=box.ASCII, show_lines=shape == "lines", highlight=False)
    for column in columns:
        if column.no_wrap:
            table.add_column(Text(column.header), justify=column.justify, no_wrap=True, min_width=column.min_width)
        else:
            table.add_column(Text(column.header), justify=column.justify, overflow="fold", min_width=column.min_width)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    try:
        ours: str | None = "\n".join(table_lines(plain, width)) + "\n"
    except Exception as declined:  # NotSimple: rich lays it out
        assert type(declined).__name__ == "NotSimple"
        ours = None
    buffer = io.StringIO()
    console = safe_console(file=buffer, width=width, color_system=None, markup=False, highlight=False, emoji=False)
    console.print(table)
    if ours is not None:
        assert ours == buffer.getvalue()


README_PLANS = [
    "pmoplan plan --level 2 --years 6 --start 2026",
    "pmoplan plan --level 1 --years 6 --start 2026",
    "pmoplan plan --level 2 --years 6 --start 2026 --completed p3o-foundation@2025-05-14",
    "pmoplan plan --level 3 --years 6 --start 2026 --budget-per-year 1500",
    "pmoplan plan --level 4 --years 6 --start 2026 --completed mop-combined@2024-06-10 "
    "--completed p3o-practitioner@2023-11-15",
]


@pytest.mark.parametrize("command", README_PLANS)
def test_the_readme_plans_are_written_without_rich_at_80_and_100_columns(
    command: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The everyday plans take the fast path (it does not pass by declining), and match rich there."""
    from typer.testing import CliRunner

    from pmoplan.cli import app, plan_commands

    views: list[object] = []
    render = plan_commands.render_plan

    def keep(*args: Any, **kwargs: Any) -> Any:
        document = render(*args, **kwargs)
        views.append(document)
        return document

    monkeypatch.setattr(plan_commands, "render_plan", keep)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
    (view,) = views
    assert isinstance(view, TerminalView)
    assert view.plain_text is not None
    for width in (80, 100):
        text = view.plain_text(width)
        assert text is not None, f"{command} at {width} columns was left to rich"
        buffer = io.StringIO()
        console = safe_console(file=buffer, width=width, color_system=None, markup=False, highlight=False, emoji=False)
        for renderable in view.build(True, width):
            console.print(renderable)
        assert text == buffer.getvalue()


def test_a_piped_plan_imports_neither_rich_s_console_nor_its_tables(tmp_path: Path) -> None:
    """Piped, the plan is written by render/plain_plan.py: rich's console, tables and text are never imported."""
    result = built_by(["plan", "--level", "2", "--years", "6"], tmp_path)
    assert heavy_in(result["modules"], ("rich.console", "rich.table", "rich.text")) == []


def test_a_plan_written_to_a_file_imports_neither_rich_s_console_nor_its_tables(tmp_path: Path) -> None:
    """``-o plan.txt``: the table is written without rich, and so is the notice on stderr."""
    target = tmp_path / "plan.txt"
    result = built_by(["plan", "--level", "2", "--years", "6", "-o", str(target)], tmp_path)
    assert target.read_text(encoding="utf-8").startswith("Development plan")
    assert heavy_in(result["modules"], ("rich.console", "rich.table", "rich.text")) == []


@settings(max_examples=300, deadline=None)
@given(name=st.text(max_size=40) | st.sampled_from(["plan.txt", "a b/ü 日本.txt", "x" * 300, "t\tab", "[bold]x"]))
@pytest.mark.parametrize("terminal", [False, True])
def test_the_written_notice_is_what_rich_prints(name: str, terminal: bool) -> None:
    """For any file name, the notice written without rich is rich's line (on a terminal or not), or rich prints it."""
    from pmoplan.cli import output
    from pmoplan.cli.options import notice

    message = f"plan written to {name}"
    printed = []
    with pytest.MonkeyPatch.context() as patch:
        if terminal:
            patch.setenv("FORCE_COLOR", "1")
        else:
            patch.delenv("FORCE_COLOR", raising=False)
        for write in (notice, output.written_notice):
            stream = io.StringIO()
            patch.setattr("sys.stderr", stream)
            write(message)
            printed.append(stream.getvalue())
    assert printed[1] == printed[0]


def test_an_ordinary_notice_does_not_go_through_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """So the comparison above cannot pass by always handing the notice to rich."""
    from pmoplan.cli import output

    def through_rich(message: str) -> None:
        raise AssertionError(f"rich was asked to print {message!r}")

    monkeypatch.setattr(output, "notice", through_rich)
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    output.written_notice("plan written to plans/ü 2026.txt")
    assert stream.getvalue() == "plan written to plans/ü 2026.txt\n"


@pytest.mark.parametrize(("width", "strips"), [(80, 2), (60, 2), (40, 4), (100, 1)])
def test_a_twenty_year_plan_s_strip_is_cut_into_blocks_rather_than_squeezed(width: int, strips: int) -> None:
    """At 80 columns a 20-year strip does not fit: it is shown as two strips of 10 years, every year
    label whole ('27 ... '46), not squeezed until rich cuts the labels to an ellipsis."""
    from datetime import date

    from pmoplan.plan_models import PlanRequest

    request = PlanRequest(current_level=2, target_level=3, years=20, start_year=2027, today=date(2026, 12, 1))
    plan = build_plan(CATALOGUE, request)
    for text in (rich_text(plan, CATALOGUE, width), plain_plan_text(plan, CATALOGUE, width)):
        assert text is not None
        assert "…" not in text
        assert max(len(line) for line in text.splitlines()) <= width
        headers = [line.split() for line in text.splitlines() if line.startswith(" " * 14 + "'")]
        assert len(headers) == strips
        assert [label for header in headers for label in header] == [f"'{year % 100:02d}" for year in range(2027, 2047)]
    assert plain_plan_text(plan, CATALOGUE, width) == rich_text(plan, CATALOGUE, width)

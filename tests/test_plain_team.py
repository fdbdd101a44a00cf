"""The team report on a terminal or in a pipe: legible at any width, and streamed without rich when plain.

* Every table is laid out for the console's width: a number, a year, an id or an amount is never
  broken across lines at 40 to 200 columns; a table that cannot fit is stacked (checked word by word
  against the report's cells, for the plain view, the coloured view and the streamed writer).
* The plain report written without rich (``render/plain_team.py``) is byte for byte what rich prints,
  for generated teams (names with accents, wide characters, control and bidi characters) at any
  width, and for any listing (multi-line id cells, stacked layouts).
* Snapshots of the example team at 60, 80, 100 and 120 columns live in tests/snapshots/.
"""

from __future__ import annotations

import io
import random
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from typer.testing import CliRunner

from pmoplan.cli import app, plan_commands
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import CompletedCourse
from pmoplan.render import plain_team
from pmoplan.render.listing import Listing
from pmoplan.render.plain_team import _listing_lines, plain_team_chunks
from pmoplan.render.table import listing_table
from pmoplan.render.team_sections import listings
from pmoplan.render.team_table import team_renderables
from pmoplan.safe_console import safe_console
from pmoplan.safe_text import has_unsafe
from pmoplan.team import TeamMember, TeamReport, build_team_report
from tests.conftest import Snapshot

TODAY = date(2026, 1, 5)
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "team.csv"
CATALOGUE = load_catalogue()
CERTIFICATIONS = ("p3o-foundation", "prince2-foundation", "msp-foundation", "pmi-capm", "pmi-pmp", "mop-foundation")
NAMES = (
    "Ana Silva",
    "José Müller-Lüdenscheidt",
    "李小龙",
    "Bartholomew Fitzwilliam-Montgomery",
    "",
    "O'Brien",
    "Eve\x1b[31m Red",  # a control character: that section is left to rich's sanitiser
    "\u202eevil",
)


def team(people: int, seed: int) -> list[TeamMember]:
    """People with dated certificates (some lapsed, some due soon), budgets, days and focus skills."""
    draw = random.Random(seed)
    members = []
    for index in range(people):
        level = draw.choice((1, 1, 2, 2, 3, 4))
        done = draw.sample(CERTIFICATIONS, k=draw.randint(0, 3))
        members.append(
            TeamMember(
                id=f"p{seed:02d}{index:04d}",
                name=draw.choice(NAMES[:6] if seed % 2 else NAMES),
                level=level,
                target_level=min(4, level + draw.choice((0, 1))),
                completed=tuple(
                    CompletedCourse(course_id=c, completed_on=date(draw.randint(2019, 2025), draw.randint(1, 12), 1))
                    for c in done
                ),
                focus=("benefits",) if draw.random() < 0.2 else (),
                days_per_year=draw.choice((8.0, 8.0, 5.0, 12.0)),
                budget_per_year=draw.choice((None, None, 2500.0)),
            )
        )
    return members


def _report(people: int, seed: int, *, budget: float | None = None, min_group: int | None = None) -> TeamReport:
    return build_team_report(
        CATALOGUE,
        team(people, seed),
        years=3 + seed % 4,
        start_year=2026,
        today=TODAY,
        as_of=TODAY,
        team_budget_per_year=budget,
        min_group=min_group,
    )


REPORTS = [
    _report(6, 1),
    _report(9, 2, budget=20000.0),
    _report(12, 3, min_group=3),
    _report(8, 4, budget=1500.0),
]


def rich_text(report: TeamReport, width: int, *, plain: bool = True) -> str:
    """What rich prints for the team report on a console ``width`` columns wide, without colour."""
    buffer = io.StringIO()
    console = safe_console(
        file=buffer, width=width, color_system=None, markup=False, highlight=False, emoji=False, soft_wrap=False
    )
    with console:
        for renderable in team_renderables(report, plain=plain, width=width):
            console.print(renderable)
    return buffer.getvalue()


def streamed(report: TeamReport, width: int) -> str:
    return "".join(plain_team_chunks(report, width))


# --- byte for byte as rich ------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(index=st.integers(min_value=0, max_value=len(REPORTS) - 1), width=st.integers(min_value=20, max_value=200))
def test_the_streamed_report_is_what_rich_prints(index: int, width: int) -> None:
    assert streamed(REPORTS[index], width) == rich_text(REPORTS[index], width)


WORDS = st.sampled_from(
    [
        "p3o-foundation",
        "hop-essentials-administrators",
        "(renewal)",
        "2026",
        "£1,205",
        "US$2,945",
        "(£3,434)",
        "+",
        "unpriced",
        "Qualität",
        "e\u0301",
        "日本語の研修",
        "a" * 45,
        "",
    ]
)
TEXT = st.lists(WORDS, max_size=6).map(" ".join) | st.lists(WORDS, min_size=1, max_size=4).map("\n".join)


@st.composite
def any_listing(draw: st.DrawFn) -> Listing:
    count = draw(st.integers(min_value=1, max_value=7))
    columns = draw(
        st.lists(
            st.sampled_from(["Year", "Person", "Courses", "Seats", "Days", "Cost", "Over budget", "Level 1 (12)"]),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    return Listing(
        title=draw(TEXT),
        columns=columns,
        rows=draw(st.lists(st.lists(TEXT, min_size=count, max_size=count), min_size=1, max_size=5)),
        no_wrap=tuple(draw(st.sets(st.sampled_from(columns)))),
    )


@settings(max_examples=300, deadline=None)
@given(listing=any_listing(), width=st.integers(min_value=20, max_value=200))
def test_any_listing_is_written_as_rich_draws_it(listing: Listing, width: int) -> None:
    buffer = io.StringIO()
    console = safe_console(
        file=buffer, width=width, color_system=None, markup=False, highlight=False, emoji=False, soft_wrap=False
    )
    console.print(listing_table(listing, plain=True, width=width))
    assert "".join(f"{line}\n" for line in _listing_lines(listing, width)) == buffer.getvalue()


def test_the_report_comes_in_pieces_of_whole_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small pieces and a memo of wrapped cells that is often emptied: the same text."""
    monkeypatch.setattr(plain_team, "CHUNK_LINES", 7)
    monkeypatch.setattr(plain_team, "SEEN_CELLS", 3)
    chunks = list(plain_team_chunks(REPORTS[1], 80))
    assert len(chunks) > 3
    assert all(chunk.endswith("\n") and chunk.count("\n") <= 7 for chunk in chunks)
    assert "".join(chunks) == rich_text(REPORTS[1], 80)


def test_a_simple_report_is_written_without_rich_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich is the fallback for the sanitiser's cases only: a report of plain names never builds a rich table."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("rich asked to lay out a simple section")

    monkeypatch.setattr(plain_team, "_rich_lines", refuse)
    simple = _report(10, 5, budget=20000.0)
    for width in (40, 60, 80, 100, 120):
        assert streamed(simple, width)


def test_names_with_control_characters_are_left_to_the_sanitiser() -> None:
    report = next(r for r in REPORTS if any(p.name == "Eve\x1b[31m Red" for p in r.people or []))
    text = streamed(report, 100)
    assert "\x1b" not in text
    assert text == rich_text(report, 100)


# --- legible at any width ---------------------------------------------------------------------

ATOM = re.compile(r"\d|^[a-z0-9]+(-[a-z0-9]+)+$")  # numbers, years, amounts, dates and course ids


def atoms(report: TeamReport) -> Counter[str]:
    """Every word of the report's table cells and headings that holds a digit, or is an id.

    A cell with control or bidi characters is left out: the sanitiser rewrites it after layout.
    """
    found: Counter[str] = Counter()
    for listing in listings(report, narrow=True):
        for text in [*listing.columns, *(cell for row in listing.rows for cell in row)]:
            if has_unsafe(text):
                continue
            found.update(word for word in text.split() if ATOM.search(word))
    return found


@settings(max_examples=40, deadline=None)
@given(index=st.integers(min_value=0, max_value=len(REPORTS) - 1), width=st.integers(min_value=40, max_value=200))
def test_no_number_year_or_id_is_broken_at_any_width(index: int, width: int) -> None:
    report = REPORTS[index]
    wanted = atoms(report)
    for name, text in (
        ("plain", rich_text(report, width)),
        ("coloured", rich_text(report, width, plain=False)),
        ("streamed", streamed(report, width)),
    ):
        # The sanitiser shows a control character as an escape after layout: such a line may be wider.
        laid_out = [line for line in text.splitlines() if "\\x" not in line]
        assert all(cell_len(line) <= width for line in laid_out), f"{name}: wider than {width} columns"
        printed = Counter(word.removesuffix(":") for word in text.split())  # stacked rows print "Level 1 (3):"
        broken = {word: n for word, n in wanted.items() if printed[word] < n}
        assert broken == {}, f"{name} at {width} columns breaks {sorted(broken)[:5]}"


def test_the_check_catches_a_broken_year() -> None:
    squeezed = "| 2 | MoP Foundation | 32 |\n| 0 |                | 3  |\n| 2 |\n| 6 |"
    assert Counter(squeezed.split())["2026"] == 0


@pytest.mark.parametrize("width", [60, 80, 100, 120])
def test_the_team_report_at_common_widths(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, snapshot: Snapshot, width: int
) -> None:
    monkeypatch.setattr(plan_commands, "today_for_plans", lambda: TODAY)
    monkeypatch.setenv("COLUMNS", str(width))
    args = ["team", "plan", str(EXAMPLE), "--start", "2026", "--years", "4", "--budget-per-year", "20000"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert all(len(line) <= width for line in result.stdout.splitlines())
    assert "Seats per course and year" in result.stdout
    snapshot.check(f"team-plan-{width}", result.stdout)


def test_a_table_that_cannot_fit_is_stacked_not_squeezed() -> None:
    report = REPORTS[1]  # with a team budget: the totals have eight columns
    narrow = streamed(report, 40)
    assert "Totals per year\n\nYear:\n  2026" in narrow
    assert "| Year |" in streamed(report, 100)


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_the_command_writes_what_rich_would(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, to_file: bool
) -> None:
    """``team plan`` piped or written to a file: the streamed text, and the same bytes as through rich."""
    from pmoplan.cli import team_commands

    monkeypatch.setattr(plan_commands, "today_for_plans", lambda: TODAY)
    monkeypatch.setenv("COLUMNS", "80")
    texts = []
    for fast in (True, False):
        if not fast:  # rich lays out the terminal view, as before the streamed writer
            monkeypatch.setattr(team_commands, "_plain_width", lambda output, plain: None)
        target = tmp_path / f"{fast}.txt"
        args = ["team", "plan", str(EXAMPLE), "--start", "2026", *(["--output", str(target)] if to_file else [])]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.stderr
        texts.append(target.read_text(encoding="utf-8") if to_file else result.stdout)
    assert texts[0] == texts[1]
    edges = any(line.startswith("+-") for line in texts[0].splitlines())
    assert edges == to_file  # a file is laid out for 100 columns (outer borders), the pipe for COLUMNS=80

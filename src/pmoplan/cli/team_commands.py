"""Commands ``team plan``: development plans for a whole team or organisation."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmoplan.cli.options import (
    ForceOption,
    OutputFormat,
    OutputPathOption,
    PlainOption,
    catalogue,
    is_plain,
    print_renderables,
    require_format,
    write_text,
)
from pmoplan.errors import UsageProblem

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pmoplan.team import TeamReport

TEAM_FORMATS = (
    OutputFormat.table,
    OutputFormat.json,
    OutputFormat.csv,
    OutputFormat.markdown,
    OutputFormat.html,
    OutputFormat.ics,
    OutputFormat.xlsx,
)
PER_PERSON_FORMATS = (OutputFormat.csv, OutputFormat.ics)  # nothing in them but per-person rows
PROGRESS_THRESHOLD = 500  # people; smaller teams plan in a blink

team_app = typer.Typer(
    help="Plans for a whole team or organisation: seats, budget, certificate lapses, skill gaps.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def plan(
    ctx: typer.Context,
    team: Annotated[
        Path,
        typer.Argument(
            help="The team: a CSV file, an .xlsx workbook, a YAML list of people, or a folder of profiles "
            "written by 'pmoplan assess'.",
            show_default=False,
        ),
    ],
    years: Annotated[int, typer.Option("--years", min=1, max=20, help="Years to plan (1-20).")] = 6,
    start: Annotated[
        int | None, typer.Option("--start", min=2000, max=2100, help="First year (default: this year).")
    ] = None,
    budget_per_year: Annotated[
        float | None,
        typer.Option(
            "--budget-per-year",
            min=0,
            help="The team's yearly training budget (catalogue currency); the report says what falls outside it.",
        ),
    ] = None,
    min_group: Annotated[
        int | None,
        typer.Option(
            "--min-group",
            min=1,
            metavar="K",
            help="For reports shared beyond the team: hide every cell built from fewer than K people "
            "and leave out per-person data.",
        ),
    ] = None,
    delimiter: Annotated[
        str | None, typer.Option("--delimiter", help="CSV delimiter: ',' (default), ';', '|' or 'tab'.")
    ] = None,
    ratings: Annotated[
        Path | None,
        typer.Option(
            "--ratings",
            metavar="FILE",
            help="A manager's ratings (CSV or .xlsx: person, skill, rating 0-5): plans use the manager's view, "
            "and the report lists where it differs from the person's own by 2 or more points.",
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", metavar="NAME", help="The sheet of an .xlsx team file to read (default: the first)."),
    ] = None,
    fmt: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="table, json, csv, markdown, html, ics (one calendar for the team) or xlsx (a workbook).",
            case_sensitive=False,
        ),
    ] = OutputFormat.table,
    output: OutputPathOption = None,
    force: ForceOption = False,
    plain: PlainOption = False,
) -> None:
    """Plan a whole team: seats per course and year, budget per year, certificate lapses, skill-gap heat map.

    Example: pmoplan team plan examples/team.csv --years 4 --budget-per-year 20000
    """
    require_format(fmt, TEAM_FORMATS, "team plan")
    if fmt is OutputFormat.xlsx and output is None and sys.stdout.isatty():
        raise UsageProblem("--format xlsx writes a binary workbook; add --output FILE.xlsx (or redirect stdout)")
    if fmt in PER_PERSON_FORMATS and min_group is not None:
        raise UsageProblem(
            f"--format {fmt.value} lists people, so it cannot be shared with --min-group; use markdown or html"
        )
    from pmoplan.team import build_team_report
    from pmoplan.team_input import parse_delimiter, read_team

    try:
        sep = parse_delimiter(delimiter)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="'--delimiter'") from None
    cat = catalogue(ctx)
    members = read_team(team, cat, delimiter=sep, sheet=sheet)
    opinion = None
    if ratings is not None:
        from pmoplan.team_opinions import apply_second_opinion
        from pmoplan.team_ratings import read_ratings

        rated = read_ratings(ratings, cat, {member.id for member in members})
        members, differences, from_manager = apply_second_opinion(cat, members, rated)
        opinion = (differences, from_manager)
    today = date.today()
    first_year = start if start is not None else today.year
    with _progress(len(members)) as advance:
        report = build_team_report(
            cat,
            members,
            years=years,
            start_year=first_year,
            # Lapsed and due-soon lists: as of today, or of the first day of a plan that starts later.
            as_of=max(today, date(first_year, 1, 1)),
            second_opinion=opinion,
            team_budget_per_year=budget_per_year,
            min_group=min_group,
            progress=advance,
        )
    if fmt is OutputFormat.ics:
        from pmoplan.render.team_ics import team_to_ics

        _emit_bytes(team_to_ics(report, cat), output=output, force=force, team=team)
        return
    if fmt is OutputFormat.xlsx:
        from pmoplan.render.team_xlsx import team_to_xlsx

        _emit_bytes(team_to_xlsx(report), output=output, force=force, team=team)
        return
    _emit(report, fmt, output=output, force=force, plain=plain or is_plain(), team=team)


@contextmanager
def _progress(people: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for large teams, only when stderr is a terminal (never in piped output)."""
    if people <= PROGRESS_THRESHOLD or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    from pmoplan.cli.options import stderr_console

    with Progress(console=stderr_console(), transient=True) as progress:
        task = progress.add_task("Planning", total=people)

        def advance(done: int) -> None:
            progress.update(task, completed=done)

        yield advance


def _chunks(report: TeamReport, fmt: OutputFormat) -> Iterator[str] | None:
    """The report as text pieces; None for the table view, which is printed directly."""
    if fmt is OutputFormat.json:
        from pmoplan.render.team_json import team_json_chunks

        return team_json_chunks(report)
    if fmt is OutputFormat.csv:
        from pmoplan.render.team_csv import team_to_csv

        return iter([team_to_csv(report)])
    if fmt is OutputFormat.markdown:
        from pmoplan.render.team_markdown import team_to_markdown

        return iter([team_to_markdown(report)])
    if fmt is OutputFormat.html:
        from pmoplan.render.team_html import team_to_html

        return iter([team_to_html(report)])
    return None


def table_as_text(report: TeamReport, width: int = 100) -> str:
    """The table view rendered to plain text (for ``--output`` with ``--format table``)."""
    from io import StringIO

    from rich.console import Console

    from pmoplan.render.team_table import team_renderables

    buffer = StringIO()
    console = Console(file=buffer, width=width, color_system=None, markup=False, highlight=False, emoji=False)
    for renderable in team_renderables(report, plain=True):
        console.print(renderable)
    return buffer.getvalue()


def _emit(report: TeamReport, fmt: OutputFormat, *, output: Path | None, force: bool, plain: bool, team: Path) -> None:
    chunks = _chunks(report, fmt)
    if output is None:
        if chunks is None:
            from pmoplan.render.team_table import team_renderables

            print_renderables(*team_renderables(report, plain=plain))
            return
        for chunk in chunks:  # streamed: a team of 100,000 is never one string in memory
            sys.stdout.write(chunk)
        write_text("")
        return
    from pmoplan.atomic import write_output
    from pmoplan.cli.options import notice

    data = "".join(chunks) if chunks is not None else table_as_text(report)
    write_output(output, data, force=force, inputs=_inputs(team))
    notice(f"team plan written to {output}")


def _inputs(team: Path) -> tuple[Path, ...]:
    return tuple(team.iterdir()) if team.is_dir() else (team,)


def _emit_bytes(data: bytes, *, output: Path | None, force: bool, team: Path) -> None:
    """Write a binary format (calendar, workbook) to ``output`` atomically, or to stdout."""
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from pmoplan.atomic import write_output
    from pmoplan.cli.options import notice

    write_output(output, data, force=force, inputs=_inputs(team))
    notice(f"team plan written to {output}")


def register(app: typer.Typer) -> None:
    """Add the ``team`` command group to the application."""
    team_app.command("plan")(plan)
    app.add_typer(team_app, name="team")

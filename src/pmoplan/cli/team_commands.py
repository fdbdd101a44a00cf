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
from pmoplan.cli.plan_commands import budget_currency
from pmoplan.errors import UsageProblem

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pmoplan.team import TeamReport

TEAM_FORMATS = (OutputFormat.table, OutputFormat.json, OutputFormat.csv, OutputFormat.markdown, OutputFormat.html)
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
            help="The team: a CSV file, a YAML list of people, or a folder of profiles written by 'pmoplan assess'.",
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
            help="The team's yearly training budget, in --currency; the report says what falls outside it.",
        ),
    ] = None,
    currency: Annotated[
        str | None,
        typer.Option(
            "--currency",
            metavar="CODE",
            help="Currency of the budgets and converted prices, e.g. GBP, USD, EUR (default: the catalogue's).",
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
    fmt: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="table, json, csv, markdown or html.", case_sensitive=False),
    ] = OutputFormat.table,
    output: OutputPathOption = None,
    force: ForceOption = False,
    plain: PlainOption = False,
) -> None:
    """Plan a whole team: seats per course and year, budget per year, certificate lapses, skill-gap heat map.

    Example: pmoplan team plan examples/team.csv --years 4 --budget-per-year 20000
    """
    require_format(fmt, TEAM_FORMATS, "team plan")
    if fmt is OutputFormat.csv and min_group is not None:
        raise UsageProblem("--format csv lists people, so it cannot be shared with --min-group; use markdown or html")
    from pmoplan.team import build_team_report
    from pmoplan.team_input import parse_delimiter, read_team

    try:
        sep = parse_delimiter(delimiter)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="'--delimiter'") from None
    cat = catalogue(ctx)
    code = budget_currency(cat, currency)
    if code is not None and code != cat.currency:
        from dataclasses import replace

        # The team report and every member's plan count costs in the catalogue's currency.
        cat = replace(cat, currency=code, currencies=tuple(dict.fromkeys((*cat.currencies, code))))
    members = read_team(team, cat, delimiter=sep)
    with _progress(len(members)) as advance:
        report = build_team_report(
            cat,
            members,
            years=years,
            start_year=start if start is not None else date.today().year,
            team_budget_per_year=budget_per_year,
            min_group=min_group,
            progress=advance,
        )
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
        from pmoplan.render.team_render import team_json_chunks

        return team_json_chunks(report)
    if fmt is OutputFormat.csv:
        from pmoplan.render.team_render import team_to_csv

        return iter([team_to_csv(report)])
    if fmt is OutputFormat.markdown:
        from pmoplan.render.team_render import team_to_markdown

        return iter([team_to_markdown(report)])
    if fmt is OutputFormat.html:
        from pmoplan.render.team_render import team_to_html

        return iter([team_to_html(report)])
    return None


def table_as_text(report: TeamReport, width: int = 100) -> str:
    """The table view rendered to plain text (for ``--output`` with ``--format table``)."""
    from io import StringIO

    from rich.console import Console

    from pmoplan.render.team_render import team_renderables

    buffer = StringIO()
    console = Console(file=buffer, width=width, color_system=None, markup=False, highlight=False, emoji=False)
    for renderable in team_renderables(report, plain=True):
        console.print(renderable)
    return buffer.getvalue()


def _emit(report: TeamReport, fmt: OutputFormat, *, output: Path | None, force: bool, plain: bool, team: Path) -> None:
    chunks = _chunks(report, fmt)
    if output is None:
        if chunks is None:
            from pmoplan.render.team_render import team_renderables

            print_renderables(*team_renderables(report, plain=plain))
            return
        for chunk in chunks:  # streamed: a team of 100,000 is never one string in memory
            sys.stdout.write(chunk)
        write_text("")
        return
    from pmoplan.atomic import write_output
    from pmoplan.cli.options import notice

    data = "".join(chunks) if chunks is not None else table_as_text(report)
    inputs = tuple(team.iterdir()) if team.is_dir() else (team,)
    write_output(output, data, force=force, inputs=inputs)
    notice(f"team plan written to {output}")


def register(app: typer.Typer) -> None:
    """Add the ``team`` command group to the application."""
    team_app.command("plan")(plan)
    app.add_typer(team_app, name="team")

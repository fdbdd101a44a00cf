"""Commands ``team plan``: development plans for a whole team or organisation."""

from __future__ import annotations

import gc
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
    TitleOption,
    catalogue,
    finite,
    report_header,
)
from pmoplan.cli.output import choose_format, emit
from pmoplan.cli.plan_commands import budget_currency
from pmoplan.errors import UsageProblem

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pmoplan.catalogue import Catalogue
    from pmoplan.cli.output import Document
    from pmoplan.render.report_header import ReportHeader
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
            metavar="TEAM",
            help="The team: a CSV file, an .xlsx workbook, a YAML list of people, or a folder of profiles "
            "written by 'pmoplan assess'.",
            show_default=False,
        ),
    ],
    years: Annotated[int, typer.Option("--years", min=1, max=20, help="Years to plan (1-20).")] = 6,
    start: Annotated[
        int | None, typer.Option("--start", metavar="YEAR", min=2000, max=2100, help="First year (default: this year).")
    ] = None,
    budget_per_year: Annotated[
        float | None,
        typer.Option(
            "--budget-per-year",
            metavar="AMOUNT",
            min=0,
            callback=finite,
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
        str | None, typer.Option("--delimiter", metavar="D", help="CSV delimiter: ',' (default), ';', '|' or 'tab'.")
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
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="table, json, csv, markdown, html, ics (one calendar for the team) or xlsx (a workbook); "
            "default: from the --output extension, else table.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    title: TitleOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            max=256,
            metavar="N",
            help="Processes to plan on (default: the usable cores); the report is the same for any number.",
        ),
    ] = None,
    output: OutputPathOption = None,
    force: ForceOption = False,
    plain: PlainOption = False,
) -> None:
    """Plan a whole team: seats per course and year, budget per year, certificate lapses, skill-gap heat map.

    Example: pmoplan team plan examples/team.csv --years 4 --budget-per-year 20000
    """
    # The console script runs with the cycle collector off (pmoplan.console); a team file may hold
    # 100,000 people, so this work runs with it on. What start-up made lives as long as the process:
    # frozen first, the collector never walks it again.
    gc.freeze()
    gc.enable()
    chosen = choose_format(fmt, output, TEAM_FORMATS, "team plan")
    if chosen is OutputFormat.xlsx and (output is None or str(output) == "-") and sys.stdout.isatty():
        raise UsageProblem("--format xlsx writes a binary workbook; add --output FILE.xlsx (or redirect stdout)")
    if chosen in PER_PERSON_FORMATS and min_group is not None:
        raise UsageProblem(
            f"--format {chosen.value} lists people, so it cannot be shared with --min-group; use markdown or html"
        )
    from pmoplan.team import build_team_report
    from pmoplan.team_files import read_team
    from pmoplan.team_input import parse_delimiter
    from pmoplan.team_workers import usable_cores

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
    from pmoplan.team_opinions import FolderViews

    views = FolderViews()  # a folder of profiles: the ratings managers recorded with 'assess --by manager'
    members = read_team(team, cat, delimiter=sep, sheet=sheet, views=views)
    opinion = stale = None
    if ratings is not None or views.manager:
        from pmoplan.team_opinions import apply_second_opinion, merge_ratings, stale_reviews

        rated, given = views.manager, None
        if ratings is not None:
            from pmoplan.team_ratings import read_ratings

            given = read_ratings(ratings, cat, {member.id for member in members})
            rated = merge_ratings(rated, given)
        members, differences, from_manager = apply_second_opinion(cat, members, rated, views.own)
        opinion = (differences, from_manager)
        stale = stale_reviews(views, from_manager, given)
    from pmoplan.cli.plan_commands import today_for_plans
    from pmoplan.planner import default_start_year

    today = today_for_plans()
    # As for a single plan: once this year's sitting month (March) has passed, plans start next year.
    first_year = start if start is not None else default_start_year(today, 3)
    with _collector_paused(), _progress(len(members)) as advance:
        report = build_team_report(
            cat,
            members,
            years=years,
            start_year=first_year,
            # Lapsed and due-soon lists: as of today, or of the first day of a plan that starts later.
            as_of=max(today, date(first_year, 1, 1)),
            second_opinion=opinion,
            today=today,
            team_budget_per_year=budget_per_year,
            min_group=min_group,
            progress=advance,
            workers=workers if workers is not None else usable_cores(),
        )
    if stale is not None:
        from pmoplan.team_opinions import with_stale_reviews

        report = with_stale_reviews(report, stale, min_group)
    header = None
    if chosen in (OutputFormat.html, OutputFormat.markdown):
        # The team is named by --title, else by its file or folder name.
        header = report_header(
            ctx, cat, today, title=title if title is not None else (team.name or team.resolve().name)
        )
    # The report lives until it is written: the collector need not rescan it meanwhile.
    gc.freeze()
    try:
        document = render_team(report, chosen, cat, header, plain_width=_plain_width(output, plain))
        emit(document, output=output, force=force, plain=plain, what="team plan")
    finally:
        gc.unfreeze()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cycle collector off within the block, and what the block made frozen before it is turned on again.

    The plans and the report all stay alive until the report is written, and hold no garbage cycles:
    turned on with them still young, the collector's next pass would walk every one of them (a
    tenth of a second per 10,000 people) to free nothing.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


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


def _plain_width(output: Path | None, plain: bool) -> int | None:
    """The width of a plain table written as text (a file, a pipe, ``NO_COLOR``); None where rich decides."""
    from pmoplan.cli.options import is_plain
    from pmoplan.cli.output import FILE_WIDTH, plain_stdout_width, to_stdout

    if not to_stdout(output):
        return FILE_WIDTH
    return plain_stdout_width() if plain or is_plain() else None


def render_team(
    report: TeamReport,
    fmt: OutputFormat,
    cat: Catalogue,
    header: ReportHeader | None = None,
    *,
    plain_width: int | None = None,
) -> Document:
    """The report in ``fmt``: text pieces (JSON streams), bytes (calendar, workbook), or the terminal view.

    ``header`` (the team's name, the date of issue, the catalogue's dates) heads HTML and Markdown.
    ``plain_width``: the table is plain text of that width (see :func:`_plain_width`), streamed
    without rich (:mod:`pmoplan.render.plain_team`).
    """
    from pmoplan.cli.output import TerminalView

    if fmt is OutputFormat.json:
        from pmoplan.render.team_json import team_json_chunks

        return iter(team_json_chunks(report))
    if fmt is OutputFormat.csv:
        from pmoplan.render.team_csv import team_to_csv

        return team_to_csv(report)
    if fmt is OutputFormat.markdown:
        from pmoplan.render.team_markdown import team_to_markdown

        return team_to_markdown(report, header)
    if fmt is OutputFormat.html:
        from pmoplan.render.team_html import team_to_html

        return team_to_html(report, header)
    if fmt is OutputFormat.ics:
        from pmoplan.render.team_ics import team_to_ics

        return team_to_ics(report, cat)
    if fmt is OutputFormat.xlsx:
        from pmoplan.render.team_xlsx import team_to_xlsx

        return team_to_xlsx(report)
    if plain_width is not None:
        from pmoplan.render.plain_team import plain_team_chunks

        return plain_team_chunks(report, plain_width)
    from pmoplan.render.team_table import team_renderables

    return TerminalView(lambda plain, width: team_renderables(report, plain=plain, width=width))


def register(app: typer.Typer) -> None:
    """Add the ``team`` command group to the application."""
    team_app.command("plan")(plan)
    app.add_typer(team_app, name="team")

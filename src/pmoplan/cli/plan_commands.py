"""The ``plan`` command: one person's multi-year development plan."""

from __future__ import annotations

import re
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
    require_format,
    write_text,
)
from pmoplan.errors import UsageProblem

if TYPE_CHECKING:
    from pmoplan.catalogue import Catalogue
    from pmoplan.plan_models import CompletedCourse, CpdEntry, Plan

PLAN_FORMATS = tuple(OutputFormat)
_COMPLETED = re.compile(r"^(?P<id>[a-z0-9][a-z0-9-]*)(?:@(?P<date>\d{4}-\d{2}-\d{2}))?$")


def parse_completed(values: list[str]) -> list[CompletedCourse]:
    """Parse ``ID`` or ``ID@YYYY-MM-DD`` values of ``--completed`` (a bad value is a usage error)."""
    from pmoplan.plan_models import CompletedCourse

    parsed = []
    for value in values:
        match = _COMPLETED.match(value.strip())
        if match is None:
            raise typer.BadParameter(f"{value!r} is not ID or ID@YYYY-MM-DD", param_hint="'--completed'")
        try:
            on = date.fromisoformat(match["date"]) if match["date"] else None
        except ValueError:
            raise typer.BadParameter(f"{value!r} has an impossible date", param_hint="'--completed'") from None
        parsed.append(CompletedCourse(course_id=match["id"], completed_on=on))
    return parsed


def render_plan(plan: Plan, cat: Catalogue, fmt: OutputFormat, *, month: int) -> str | bytes | None:
    """The plan in ``fmt`` as text or bytes; None for the table, which is printed directly."""
    if fmt is OutputFormat.json:
        from pmoplan.render.json_out import to_json
        from pmoplan.render.reason_text import plan_json_data

        return to_json(plan_json_data(plan))
    if fmt is OutputFormat.markdown:
        from pmoplan.render.plan_markdown import plan_to_markdown

        return plan_to_markdown(plan, cat)
    if fmt is OutputFormat.csv:
        from pmoplan.render.plan_csv import plan_to_csv

        return plan_to_csv(plan, cat)
    if fmt is OutputFormat.ics:
        from pmoplan.render.ics import plan_to_ics

        return plan_to_ics(plan, cat, month=month)
    if fmt is OutputFormat.html:
        from pmoplan.render.html_report import plan_to_html

        return plan_to_html(plan, cat)
    return None


def table_as_text(plan: Plan, cat: Catalogue, width: int = 100) -> str:
    """The table view rendered to plain text (for ``--output`` with ``--format table``)."""
    from io import StringIO

    from rich.console import Console

    from pmoplan.render.plan_table import plan_renderables

    buffer = StringIO()
    console = Console(file=buffer, width=width, color_system=None, markup=False, highlight=False, emoji=False)
    for renderable in plan_renderables(plan, cat, plain=True):
        console.print(renderable)
    return buffer.getvalue()


def plan(
    ctx: typer.Context,
    level: Annotated[int | None, typer.Option("--level", min=1, max=4, help="Current level (1-4).")] = None,
    profile: Annotated[
        Path | None, typer.Option("--profile", help="Take level, gaps and completed courses from this profile.")
    ] = None,
    years: Annotated[int, typer.Option("--years", min=1, max=20, help="Years to plan (1-20).")] = 6,
    start: Annotated[
        int | None, typer.Option("--start", min=2000, max=2100, help="First year (default: this year).")
    ] = None,
    target_level: Annotated[
        int | None, typer.Option("--target-level", min=1, max=4, help="Level to work towards (default: one above).")
    ] = None,
    days_per_year: Annotated[
        float, typer.Option("--days-per-year", min=0, max=100, help="Training days available each year.")
    ] = 8,
    budget_per_year: Annotated[
        float | None,
        typer.Option("--budget-per-year", min=0, help="Yearly training budget in the catalogue's currency."),
    ] = None,
    completed: Annotated[
        list[str] | None,
        typer.Option("--completed", metavar="ID[@YYYY-MM-DD]", help="A course already done (repeatable)."),
    ] = None,
    focus: Annotated[
        list[str] | None, typer.Option("--focus", metavar="SKILL", help="Skill to develop first (repeatable).")
    ] = None,
    cert_every: Annotated[
        int | None, typer.Option("--cert-every", min=2, max=3, help="Years between certifications: 2 or 3.")
    ] = None,
    provider: Annotated[
        str | None, typer.Option("--provider", help="Only certifications from this provider (e.g. AXELOS, PMI).")
    ] = None,
    month: Annotated[int, typer.Option("--month", min=1, max=12, help="Month courses are taken in (exports).")] = 3,
    fmt: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="table, json, csv, markdown, ics or html.", case_sensitive=False),
    ] = OutputFormat.table,
    output: OutputPathOption = None,
    force: ForceOption = False,
    plain: PlainOption = False,
) -> None:
    """A multi-year development plan: certifications, specialist courses, renewals, milestones.

    Example: pmoplan plan --level 2 --years 6 --completed p3o-foundation@2025-05-14
    """
    require_format(fmt, PLAN_FORMATS, "plan")
    from pmoplan.plan_models import PlanRequest
    from pmoplan.planner import build_plan

    if level is not None and profile is not None:
        raise UsageProblem("give either --level or --profile, not both")
    cat = catalogue(ctx)
    current, gaps, done, cpd_log = _person(level, profile, parse_completed(completed or []))
    target = target_level if target_level is not None else min(current + 1, 4)
    if target < current:
        raise UsageProblem(f"--target-level {target} is below the current level {current}")
    for course_done in done:
        cat.course(course_done.course_id)
    for skill in focus or []:
        cat.skill(skill)
    # Every field is checked above (option ranges by the parser, ids against the catalogue, the
    # profile by its loader), so the request is built without a second validation pass, whose
    # validator alone would cost about 20 ms of start-up.
    request = PlanRequest.model_construct(
        current_level=current,
        target_level=target,
        years=years,
        start_year=start if start is not None else date.today().year,
        days_per_year=float(days_per_year),
        budget_per_year=float(budget_per_year) if budget_per_year is not None else None,
        completed=done,
        focus=focus or [],
        gaps=gaps,
        cert_every=None if cert_every is None else (2 if cert_every == 2 else 3),  # the parser allows 2-3
        provider=provider,
        month=month,
        cpd_log=cpd_log,
    )
    result = build_plan(cat, request)
    _emit(result, cat, fmt, output=output, force=force, month=month, plain=plain or is_plain(), profile=profile)


def _person(
    level: int | None, profile_path: Path | None, completed: list[CompletedCourse]
) -> tuple[int, dict[str, int], list[CompletedCourse], list[CpdEntry]]:
    """Current level, gaps, completed courses and the CPD log from the options or a profile."""
    if level is not None:
        return level, {}, completed, []
    from pmoplan.profile import default_profile_path, load_profile, plan_inputs

    path = profile_path or default_profile_path()
    loaded = load_profile(path)
    if loaded is None:
        if profile_path is None:
            raise UsageProblem("give --level N, or --profile PATH, or run 'pmoplan assess' first")
        raise UsageProblem(f"{profile_path}: no such profile")
    current, gaps, done = plan_inputs(loaded)
    return current, gaps, [*done, *completed], list(loaded.cpd)


def _emit(
    result: Plan,
    cat: Catalogue,
    fmt: OutputFormat,
    *,
    output: Path | None,
    force: bool,
    month: int,
    plain: bool,
    profile: Path | None,
) -> None:
    data = render_plan(result, cat, fmt, month=month)
    if output is None:
        if data is None:
            from pmoplan.cli.options import stdout_console
            from pmoplan.render.plan_table import plan_renderables

            console = stdout_console()
            for renderable in plan_renderables(result, cat, plain=plain, width=console.width):
                console.print(renderable)
        elif isinstance(data, bytes):
            import sys

            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            write_text(data)
        return
    from pmoplan.atomic import write_output
    from pmoplan.cli.options import notice

    write_output(output, data if data is not None else table_as_text(result, cat), force=force, inputs=_inputs(profile))
    notice(f"plan written to {output}")


def _inputs(profile: Path | None) -> tuple[Path, ...]:
    from pmoplan.loading import shipped_data_dir

    shipped = shipped_data_dir()
    files = tuple(shipped / name for name in ("levels.yaml", "courses.yaml", "assessment.yaml"))
    return (*files, profile) if profile is not None else files


def register(app: typer.Typer) -> None:
    """Add the command to the application."""
    app.command()(plan)

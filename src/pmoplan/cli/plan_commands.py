"""The ``plan`` command: one person's multi-year development plan."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pmoplan.cli import completion
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
from pmoplan.errors import UsageProblem

if TYPE_CHECKING:
    from pmoplan.catalogue import Catalogue
    from pmoplan.cli.output import Document
    from pmoplan.plan_models import CompletedCourse, ExperienceMonths, Plan
    from pmoplan.profile import Profile
    from pmoplan.render.report_header import ReportHeader

PLAN_FORMATS = tuple(f for f in OutputFormat if f is not OutputFormat.xlsx)  # a workbook is for teams
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


def render_plan(
    plan: Plan, cat: Catalogue, fmt: OutputFormat, *, month: int, header: ReportHeader | None = None
) -> Document:
    """The plan in ``fmt``: text, bytes, or the terminal view for the table (``header`` for HTML and Markdown)."""
    from pmoplan.cli.output import TerminalView

    if fmt is OutputFormat.json:
        from pmoplan.render.json_out import to_json
        from pmoplan.render.reason_text import plan_json_data

        return to_json(plan_json_data(plan))
    if fmt is OutputFormat.markdown:
        from pmoplan.render.plan_markdown import plan_to_markdown

        return plan_to_markdown(plan, cat, header)
    if fmt is OutputFormat.csv:
        from pmoplan.render.plan_csv import plan_to_csv

        return plan_to_csv(plan, cat)
    if fmt is OutputFormat.ics:
        from pmoplan.render.ics import plan_to_ics

        return plan_to_ics(plan, cat, month=month)
    if fmt is OutputFormat.html:
        from pmoplan.render.html_report import plan_to_html

        return plan_to_html(plan, cat, header)
    from pmoplan.render.plain_plan import plain_plan_text
    from pmoplan.render.plan_table import plan_renderables

    return TerminalView(
        lambda plain, width: plan_renderables(plan, cat, plain=plain, width=width),
        plain_text=lambda width: plain_plan_text(plan, cat, width),
    )


def plan(
    ctx: typer.Context,
    level: Annotated[
        int | None, typer.Option("--level", min=1, max=4, help="Current level (1-4).", autocompletion=completion.levels)
    ] = None,
    profile: Annotated[
        Path | None, typer.Option("--profile", help="Take level, gaps and completed courses from this profile.")
    ] = None,
    years: Annotated[int, typer.Option("--years", min=1, max=20, help="Years to plan (1-20).")] = 6,
    start: Annotated[
        int | None,
        typer.Option(
            "--start",
            metavar="YEAR",
            min=2000,
            max=2100,
            help="First year (default: this year, or next once --month has passed).",
        ),
    ] = None,
    target_level: Annotated[
        int | None,
        typer.Option(
            "--target-level",
            min=1,
            max=4,
            help="Level to work towards (default: one above).",
            autocompletion=completion.levels,
        ),
    ] = None,
    days_per_year: Annotated[
        float,
        typer.Option(
            "--days-per-year",
            metavar="DAYS",
            min=0,
            max=100,
            callback=finite,
            help="Training days available each year.",
        ),
    ] = 8,
    budget_per_year: Annotated[
        float | None,
        typer.Option(
            "--budget-per-year",
            metavar="AMOUNT",
            min=0,
            callback=finite,
            help="Yearly training budget, in --currency.",
        ),
    ] = None,
    currency: Annotated[
        str | None,
        typer.Option(
            "--currency",
            metavar="CODE",
            help="Currency of the budget and of converted prices, e.g. GBP, USD, EUR (default: the catalogue's).",
        ),
    ] = None,
    completed: Annotated[
        list[str] | None,
        typer.Option(
            "--completed",
            metavar="ID[@YYYY-MM-DD]",
            help="A course already done (repeatable).",
            autocompletion=completion.course_ids,
        ),
    ] = None,
    focus: Annotated[
        list[str] | None,
        typer.Option(
            "--focus",
            metavar="SKILL",
            help="Skill to develop first, id or name (repeatable).",
            autocompletion=completion.skill_ids,
        ),
    ] = None,
    cert_every: Annotated[
        int | None,
        typer.Option("--cert-every", metavar="2|3", min=2, max=3, help="Years between certifications: 2 or 3."),
    ] = None,
    provider: Annotated[
        str | None,
        typer.Option(
            "--provider",
            metavar="PROVIDER",
            help="Only certifications from this provider: full name or short name (AXELOS, PMI, APM).",
            autocompletion=completion.providers,
        ),
    ] = None,
    experience_years: Annotated[
        float | None,
        typer.Option(
            "--experience-years",
            metavar="YEARS",
            min=0,
            max=50,
            callback=finite,
            help="Years in project or PMO roles so far (checks PMP, PMI-PMOCP and other experience rules; "
            "default: from your profile's latest assessment).",
        ),
    ] = None,
    no_profile: Annotated[
        bool, typer.Option("--no-profile", help="With --level: ignore the courses recorded in the profile.")
    ] = False,
    view: Annotated[
        str | None,
        typer.Option(
            "--view",
            metavar="self|manager",
            help="Whose skill ratings the plan follows: the manager's where the profile holds them (default), "
            "or your own (self).",
            show_default=False,
        ),
    ] = None,
    month: Annotated[
        int, typer.Option("--month", metavar="MONTH", min=1, max=12, help="Month courses are taken in (exports).")
    ] = 3,
    fmt: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="table, json, csv, markdown, ics or html (default: from the --output extension, else table).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    title: TitleOption = None,
    output: OutputPathOption = None,
    force: ForceOption = False,
    plain: PlainOption = False,
) -> None:
    """A multi-year development plan: certifications, specialist courses, renewals, milestones.

    Example: pmoplan plan --level 2 --years 6 --completed p3o-foundation@2025-05-14
    """
    chosen = choose_format(fmt, output, PLAN_FORMATS, "plan")
    from pmoplan.plan_models import PlanRequest
    from pmoplan.planner import build_plan, default_start_year

    if level is not None and profile is not None:
        raise UsageProblem("give either --level or --profile, not both")
    if view is not None and (view not in ("self", "manager") or level is not None):
        raise UsageProblem(f"--view {view}: use self or manager, with a profile (not --level)")
    cat = catalogue(ctx)
    current, gaps, done, loaded = _person(level, profile, parse_completed(completed or []), no_profile=no_profile)
    if loaded is not None and level is None:
        from pmoplan.cli.manager_review import planning_view_gaps

        gaps = planning_view_gaps(cat, loaded, view)
    target = target_level if target_level is not None else min(current + 1, 4)
    if target < current:
        raise UsageProblem(f"--target-level {target} is below the current level {current}")
    for course_done in done:
        cat.course(course_done.course_id)
    focus_ids = [cat.skill(skill).id for skill in focus or []]  # a skill's name is accepted for its id
    if provider is not None:
        _check_provider(cat, provider)
    today = today_for_plans()
    experience = _experience(experience_years) if experience_years is not None else _profile_experience(loaded, today)
    # Every field is checked above (option ranges by the parser, ids against the catalogue, the
    # profile by its loader), so the request is built without a second validation pass, whose
    # validator alone would cost about 20 ms of start-up.
    request = PlanRequest.model_construct(
        current_level=current,
        target_level=target,
        years=years,
        start_year=start if start is not None else default_start_year(today, month),
        days_per_year=float(days_per_year),
        budget_per_year=float(budget_per_year) if budget_per_year is not None else None,
        completed=done,
        focus=focus_ids,
        gaps=gaps,
        cert_every=None if cert_every is None else (2 if cert_every == 2 else 3),  # the parser allows 2-3
        provider=provider,
        month=month,
        experience=experience,
        today=today,
        currency=budget_currency(cat, currency),
        cpd_log=list(loaded.cpd) if loaded is not None else [],
    )
    result = build_plan(cat, request)
    header = None
    if chosen in (OutputFormat.html, OutputFormat.markdown):
        header = report_header(ctx, cat, today, title=title, **_made_from(level, profile, loaded))
    rendered = render_plan(result, cat, chosen, month=month, header=header)
    emit(rendered, output=output, force=force, plain=plain, what="plan")


def _made_from(level: int | None, profile: Path | None, loaded: Profile | None) -> dict[str, Any]:
    """The profile a plan was made from (its file name only: a shared report need not show folders) and its date."""
    if loaded is None:
        return {}
    from pmoplan.profile import default_profile_path, latest_snapshot

    name = (profile or default_profile_path()).name
    if level is not None:  # --level: the default profile gave only the courses it records
        return {"profile": name, "stated_level": True} if loaded.completed else {}
    latest = latest_snapshot(loaded)
    return {"profile": name, "assessed_on": latest.taken_on if latest is not None else None}


def today_for_plans() -> date:
    """Today, as the plan engine is told it (the engine reads no clock; tests replace this)."""
    return date.today()


def _check_provider(cat: Catalogue, provider: str) -> None:
    """``--provider`` must name a provider of the catalogue exactly (full or short name, any case)."""
    from pmoplan.eligibility import provider_names
    from pmoplan.errors import UnknownIdError

    names = {name for full in cat.providers() for name in provider_names(full)}
    if provider.casefold() not in names:
        raise UnknownIdError("provider", provider, cat.providers())


def _experience(years: float) -> ExperienceMonths:
    from pmoplan.plan_models import ExperienceMonths

    return ExperienceMonths(project_months=round(years * 12))


def _profile_experience(loaded: Profile | None, today: date) -> ExperienceMonths | None:
    """The experience of the profile's latest assessment, aged to today.

    The months since the assessment are added to project months (PMO roles count as project work):
    someone who reported 30 months a year ago has about 42 now. Programme and portfolio months are
    kept as reported, since the person's role since then is not known.
    """
    if loaded is None:
        return None
    from pmoplan.plan_models import ExperienceMonths
    from pmoplan.profile import latest_experience

    found = latest_experience(loaded)
    if found is None:
        return None
    reported, on = found
    elapsed = max(0, (today.year - on.year) * 12 + today.month - on.month)
    return ExperienceMonths(
        project_months=min(reported.project_months + elapsed, 1200),
        programme_months=reported.programme_months,
        portfolio_months=reported.portfolio_months,
    )


def budget_currency(cat: Catalogue, currency: str | None) -> str | None:
    """The ``--currency`` code upper-cased, refused (usage error) when the rate table cannot convert to it."""
    if currency is None:
        return None
    from pmoplan.pricing import MissingRateError, check_currency

    code = currency.strip().upper()
    try:
        check_currency(code, cat.rates)
    except MissingRateError:
        known = sorted({*(cat.rates.rates if cat.rates else {}), *([cat.rates.base] if cat.rates else [])})
        raise UsageProblem(
            f"--currency {currency}: no exchange rate for it; choose one of: {', '.join(known)}"
        ) from None
    return code


def _recorded_profile(path: Path) -> Profile | None:
    """The profile at ``path``, if there is one; the profile module is imported only when there is."""
    import os

    if not os.path.lexists(path):
        from pmoplan import inputs

        inputs.record(path)  # as load_profile does: the run's own profile is never an output
        return None
    from pmoplan.profile import load_profile

    return load_profile(path)


def _person(
    level: int | None, profile_path: Path | None, completed: list[CompletedCourse], *, no_profile: bool = False
) -> tuple[int, dict[str, int], list[CompletedCourse], Profile | None]:
    """Current level, gaps, completed courses and the profile read, from the options or a profile.

    With ``--level``, the courses recorded in the default profile still count (unless
    ``--no-profile``): a course done is never planned again.
    """
    from pmoplan.profile_path import default_profile_path

    if level is not None:
        recorded = None if no_profile else _recorded_profile(default_profile_path())
        return level, {}, [*(recorded.completed if recorded is not None else []), *completed], recorded

    from pmoplan.profile import assessed_gaps, load_profile, plan_inputs

    path = profile_path or default_profile_path()
    loaded = load_profile(path)
    if loaded is None:
        if profile_path is None:
            raise UsageProblem("give --level N, or --profile PATH, or run 'pmoplan assess' first")
        raise UsageProblem(f"{profile_path}: no such profile")
    current, _, done = plan_inputs(loaded)
    # Every assessed skill, zeros included: the profile's gaps are complete, none are invented.
    return current, assessed_gaps(loaded), [*done, *completed], loaded


def register(app: typer.Typer) -> None:
    """Add the command to the application."""
    app.command()(plan)

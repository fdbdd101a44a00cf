"""Commands ``cpd log`` (record learning in the profile) and ``renewals`` (every certificate's status)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmoplan.cli.options import ForceOption, OutputFormat, OutputPathOption, catalogue, notice
from pmoplan.cli.output import choose_format, emit
from pmoplan.errors import PmoplanError, UnknownIdError, UsageProblem

if TYPE_CHECKING:
    from pmoplan.catalogue import Catalogue
    from pmoplan.cli.output import Document
    from pmoplan.models import RenewalScheme
    from pmoplan.profile import Profile
    from pmoplan.renewals import CpdEntry, PlannedCourse, RenewalReport

RENEWAL_FORMATS = (OutputFormat.table, OutputFormat.json, OutputFormat.csv)

FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table, json or csv (default: from the --output extension, else table).",
        case_sensitive=False,
        show_default=False,
    ),
]
LogFormatOption = Annotated[
    OutputFormat | None,
    typer.Option("--format", "-f", metavar="FORMAT", help="table, json or csv (default: table).", case_sensitive=False),
]
ProfileOption = Annotated[
    Path | None,
    typer.Option(
        "--profile",
        metavar="PATH",
        help="Profile file (default: profile.yaml in your user data folder).",
        show_default=False,
    ),
]

cpd_app = typer.Typer(
    help="Record continuing professional development (CPD points, PDUs, hours).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _profile_path(profile: Path | None) -> Path:
    from pmoplan.profile import default_profile_path

    return profile if profile is not None else default_profile_path()


def _parse_day(value: str | None, option: str) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageProblem(f"{option} expects a date like 2026-03-01, got '{value}'") from None


def _scheme(cat: Catalogue, scheme_id: str) -> RenewalScheme:
    found = cat.renewal_scheme(scheme_id)
    if found is None or found.credits is None:
        choices = [s.id for s in cat.renewal_schemes if s.credits is not None]
        raise UnknownIdError("renewal scheme", scheme_id, choices)
    return found


def _check_entry(scheme: RenewalScheme, amount: float, category: str | None, on: date) -> None:
    """Refuse what the scheme would refuse: a category it lacks, an amount outside one activity's bounds."""
    rules = scheme.credits
    assert rules is not None
    if on > date.today():
        raise UsageProblem(f"--date {on.isoformat()} is in the future; log learning once it is done")
    if not 0 < amount <= 1000:
        raise UsageProblem(f"HOURS must be more than 0 and at most 1000, got {amount:g}")
    low, high = rules.activity_min, rules.activity_max
    if (low is not None and amount < low) or (high is not None and amount > high):
        raise UsageProblem(f"{scheme.id} counts {low:g} to {high:g} {rules.unit}s per activity, got {amount:g}")
    categories = sorted({c.id for r in rules.requirements for c in r.categories} | set(rules.skill_categories.values()))
    if category is not None and category not in categories:
        raise UnknownIdError(f"{scheme.id} category", category, categories)


@cpd_app.command("log")
def cpd_log(
    ctx: typer.Context,
    hours: Annotated[
        float, typer.Argument(metavar="HOURS", help="Hours, CPD points or PDUs (1 hour = 1 point = 1 PDU).")
    ],
    scheme: Annotated[str, typer.Option("--scheme", "-s", help="Renewal scheme: peoplecert-ppm, pmi-ccr or apm-cpd.")],
    on: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="When (default: today).", show_default=False)
    ] = None,
    category: Annotated[
        str | None, typer.Option("--category", "-c", help="Category, e.g. professional-experience, power-skills.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="What you did (kept in the profile).")] = None,
    profile: ProfileOption = None,
    fmt: LogFormatOption = None,
) -> None:
    """Record learning in your profile's CPD log, then show the log.

    Example: pmoplan cpd log 3 --date 2026-11-20 --scheme peoplecert-ppm --category professional-experience
    """
    chosen = choose_format(fmt, None, RENEWAL_FORMATS, "cpd log")
    from pmoplan.profile import load_profile, log_cpd, save_profile
    from pmoplan.renewals import CpdEntry

    when = _parse_day(on, "--date")
    cat = catalogue(ctx)
    found = _scheme(cat, scheme)
    _check_entry(found, hours, category, when)
    if note is not None and (not 0 < len(note) <= 200 or any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in note)):
        raise UsageProblem("--note must be one line of 1 to 200 characters without control characters")
    path = _profile_path(profile)
    existing = load_profile(path)
    entry = CpdEntry(on=when, scheme=found.id, amount=hours, category=category, note=note)
    updated = log_cpd(existing, entry)
    save_profile(path, updated, previous=existing)
    unit = found.credits.unit if found.credits else "hour"
    notice(f"logged {hours:g} {unit}(s) under {found.id} on {when.isoformat()} in {path}")
    _emit_log(updated.cpd, chosen)


def _emit_log(entries: list[CpdEntry], fmt: OutputFormat) -> None:
    columns = ["date", "scheme", "amount", "category", "course_id", "note"]
    rows = [
        [e.on.isoformat(), e.scheme, f"{e.amount:g}", e.category or "", e.course_id or "", e.note or ""]
        for e in entries
    ]
    if fmt is OutputFormat.json:
        from pmoplan.render.json_out import to_json
        from pmoplan.renewals import CpdLog

        emit(to_json(CpdLog(cpd=entries).model_dump(mode="json")), output=None, what="CPD log")
        return
    from pmoplan.cli.catalogue_commands import listing_document
    from pmoplan.render.listing import Listing

    emit(
        listing_document(Listing("CPD log", [c.replace("_", " ").capitalize() for c in columns], rows), fmt),
        output=None,
        what="CPD log",
    )


def _parse_planned(values: list[str]) -> list[PlannedCourse]:
    from pmoplan.cli.plan_commands import parse_completed
    from pmoplan.renewals import PlannedCourse

    planned = []
    for item in parse_completed(values):
        if item.completed_on is None:
            raise UsageProblem(f"--planned {item.course_id} needs a date: ID@YYYY-MM-DD")
        planned.append(PlannedCourse(item.course_id, item.completed_on))
    return planned


def renewals(
    ctx: typer.Context,
    profile: ProfileOption = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", metavar="YYYY-MM-DD", help="Report as on this day (default: today).", show_default=False
        ),
    ] = None,
    planned: Annotated[
        list[str] | None,
        typer.Option(
            "--planned",
            metavar="ID@YYYY-MM-DD",
            help="A course you plan to take (repeat); counts its credits and suite exam.",
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputPathOption = None,
    force: ForceOption = False,
) -> None:
    """Every certificate's renew-by date, days left, credits and next action, urgent first.

    Example: pmoplan renewals --planned p3o-foundation@2027-03-01 --format json
    """
    chosen = choose_format(fmt, output, RENEWAL_FORMATS, "renewals")
    from pmoplan.profile import load_profile
    from pmoplan.renewals import renewal_report

    day = _parse_day(as_of, "--as-of")
    plans = _parse_planned(planned or [])
    cat = catalogue(ctx)
    for item in plans:
        cat.course(item.course_id)  # an unknown id is an error that suggests the closest
    path = _profile_path(profile)
    found: Profile | None = load_profile(path)
    if found is None:
        raise PmoplanError(f"{path}: no profile yet; record a certificate with 'pmoplan done ID --date YYYY-MM-DD'")
    report = renewal_report(cat, list(found.completed), list(found.cpd), day, plans)
    emit(_report_document(report, cat, chosen), output=output, force=force, what="renewals")


def _report_document(report: RenewalReport, cat: Catalogue, fmt: OutputFormat) -> Document:
    from pmoplan.render.renewals_render import CSV_COLUMNS, renewals_csv_rows, renewals_listing

    if fmt is OutputFormat.json:
        from pmoplan.render.json_out import to_json

        # "kept" only when there is one, so reports of people without such a certificate are unchanged.
        return to_json(report.model_dump(mode="json", exclude=None if report.kept else {"kept"}))
    if fmt is OutputFormat.csv:
        from pmoplan.render.csv_out import to_csv

        return to_csv(CSV_COLUMNS, renewals_csv_rows(report, cat))
    from pmoplan.cli.catalogue_commands import listing_document

    return listing_document(renewals_listing(report, cat), fmt)


def register(app: typer.Typer) -> None:
    """Add these commands to the application."""
    app.add_typer(cpd_app, name="cpd")
    app.command()(renewals)

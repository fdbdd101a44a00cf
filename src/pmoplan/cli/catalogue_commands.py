"""Commands that read the catalogue: ``levels``, ``courses``, ``course``, ``validate``, ``schema``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from pmoplan.cli.options import OutputFormat, catalogue, is_plain, require_format, write_text
from pmoplan.errors import ExitCode, UsageProblem

if TYPE_CHECKING:
    from pmoplan.render.listing import Listing

LISTING_FORMATS = (OutputFormat.table, OutputFormat.json, OutputFormat.csv, OutputFormat.markdown)

FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output format: table, json, csv or markdown.", case_sensitive=False),
]


def emit_listing(listing: Listing, fmt: OutputFormat) -> None:
    """Print a listing as a table, CSV or Markdown (JSON is command-specific)."""
    if fmt is OutputFormat.csv:
        from pmoplan.render.csv_out import listing_csv

        write_text(listing_csv(listing))
    elif fmt is OutputFormat.markdown:
        from pmoplan.render.markdown import listing_markdown

        write_text(listing_markdown(listing))
    else:
        from rich.text import Text

        from pmoplan.cli.options import stdout_console
        from pmoplan.render.table import listing_table

        console = stdout_console()
        with console:  # one write at the end: an unencodable character fails before any output
            console.print(listing_table(listing, plain=is_plain(), width=console.width))
            for note in listing.notes:
                console.print(Text(note, style="dim"))


def levels(
    ctx: typer.Context,
    level: Annotated[int | None, typer.Argument(min=1, max=4, help="Show one level in detail.")] = None,
    compare: Annotated[
        tuple[int, int] | None,
        typer.Option("--compare", metavar="A B", help="What changes between level A and level B."),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The four PMO career levels; one level in detail; or what changes between two.

    Example: pmoplan levels 2 --compare 2 3
    """
    require_format(fmt, LISTING_FORMATS, "levels")
    from pmoplan import catalogue_views as views

    if level is not None and compare is not None:
        raise UsageProblem("give a LEVEL or --compare A B, not both")
    cat = catalogue(ctx)
    if compare is not None:
        first, second = compare
        for number in compare:
            if not 1 <= number <= 4:
                raise UsageProblem(f"--compare takes two levels from 1 to 4, got {number}")
        listing = views.compare_listing(cat, cat.level(first), cat.level(second))
        if fmt is OutputFormat.json:
            _write_json(views.comparison_document(cat, cat.level(first), cat.level(second)))
            return
    elif level is not None:
        listing = views.level_listing(cat, cat.level(level))
        if fmt is OutputFormat.json:
            from pmoplan.models import LevelDetail

            _write_json(LevelDetail(level=cat.level(level)).model_dump(mode="json"))
            return
    else:
        listing = views.ladder_listing(cat)
        if fmt is OutputFormat.json:
            from pmoplan.models import LevelListing

            document = LevelListing(skills=list(cat.skills), levels=list(cat.levels))
            _write_json(document.model_dump(mode="json"))
            return
    emit_listing(listing, fmt)


def courses(
    ctx: typer.Context,
    certification: Annotated[bool, typer.Option("--certification", help="Only certification courses.")] = False,
    specialist: Annotated[bool, typer.Option("--specialist", help="Only specialist (non-certified) courses.")] = False,
    level: Annotated[
        int | None, typer.Option("--level", min=1, max=4, help="Only courses suited to this level.")
    ] = None,
    skill: Annotated[str | None, typer.Option("--skill", help="Only courses that develop this skill id.")] = None,
    provider: Annotated[str | None, typer.Option("--provider", help="Provider name contains this text.")] = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Id, title, provider or notes contain this text.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List courses, filtered by kind, level, skill, provider or text.

    Example: pmoplan courses --specialist --skill benefits
    """
    require_format(fmt, LISTING_FORMATS, "courses")
    if certification and specialist:
        raise UsageProblem("--certification and --specialist cannot be used together")
    from pmoplan.catalogue import CourseFilter, filter_courses

    kind: Literal["certification", "specialist"] | None = (
        "certification" if certification else "specialist" if specialist else None
    )
    cat = catalogue(ctx)
    found = filter_courses(cat, CourseFilter(kind=kind, level=level, skill=skill, provider=provider, search=search))
    if fmt is OutputFormat.json:
        from pmoplan.models import CourseListing

        _write_json(CourseListing(courses=found).model_dump(mode="json"))
    elif fmt is OutputFormat.csv:
        from pmoplan.catalogue_views import COURSE_CSV_COLUMNS, courses_csv_rows
        from pmoplan.render.csv_out import to_csv

        write_text(to_csv(COURSE_CSV_COLUMNS, courses_csv_rows(found)))
    else:
        from pmoplan.catalogue_views import courses_listing

        title = f"{kind.capitalize()} courses" if kind else "Courses"
        emit_listing(courses_listing(found, f"{title} ({len(found)})", show_kind=kind is None), fmt)


def course(
    ctx: typer.Context,
    course_id: Annotated[str, typer.Argument(metavar="ID", help="Course id, as listed by 'pmoplan courses'.")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """One course: facts, prerequisites, what it leads to, renewal.

    Example: pmoplan course p3o-practitioner
    """
    require_format(fmt, LISTING_FORMATS, "course")
    from pmoplan import catalogue_views as views

    cat = catalogue(ctx)
    found = cat.course(course_id)
    if fmt is OutputFormat.json:
        _write_json(views.course_document(cat, found))
    else:
        emit_listing(views.course_listing(cat, found), fmt)


def validate(
    ctx: typer.Context,
    folder: Annotated[
        Path | None,
        typer.Argument(metavar="[DIR]", help="Catalogue folder to check (default: --data-dir or the shipped data)."),
    ] = None,
) -> None:
    """Check a catalogue folder and report every problem (exit 1 if there are any).

    Example: pmoplan validate ./our-catalogue
    """
    from pmoplan.cli import report
    from pmoplan.cli.options import data_dir
    from pmoplan.loading import validate_folder

    target = folder if folder is not None else data_dir(ctx)
    problems = validate_folder(target)
    for problem in problems:
        report(str(problem))
    if problems:
        raise typer.Exit(ExitCode.INPUT_ERROR)
    _warn_unsafe_text(target)
    write_text(f"{target or 'shipped catalogue'}: ok\n")


def _warn_unsafe_text(target: Path | None) -> None:
    """Warn about bidi and control characters in catalogue text (shown escaped or isolated when printed)."""
    from pmoplan.cli.options import notice
    from pmoplan.loading import load_catalogue_from_yaml
    from pmoplan.safe_text import find_unsafe

    cat = load_catalogue_from_yaml(target)
    parts = {"skills": cat.skills, "levels": cat.levels, "courses": cat.courses, "renewal_schemes": cat.renewal_schemes}
    document = {name: [item.model_dump(mode="json") for item in items] for name, items in parts.items()}
    for where, characters in find_unsafe(document):
        notice(
            f"warning: {where}: holds {', '.join(characters)} (control or text-direction characters); "
            "pmoplan shows them escaped or isolated, but other tools may not"
        )


def schema(
    name: Annotated[str | None, typer.Argument(metavar="NAME", help="Schema name; omit to list them.")] = None,
) -> None:
    """Print the JSON Schema of a data file or a JSON output.

    Example: pmoplan schema plan
    """
    from pmoplan.schemas import SCHEMAS, json_schema

    if name is None:
        width = max(len(key) for key in SCHEMAS) + 2
        write_text("".join(f"{key:{width}}{description}\n" for key, (description, _) in SCHEMAS.items()))
        return
    _write_json(json_schema(name))


def _write_json(document: dict[str, object]) -> None:
    from pmoplan.render.json_out import to_json

    write_text(to_json(document))


def register(app: typer.Typer) -> None:
    """Add these commands to the application."""
    app.command()(levels)
    app.command()(courses)
    app.command()(course)
    app.command()(validate)
    app.command()(schema)

"""Commands that read the catalogue: ``levels``, ``courses``, ``course``, ``validate``, ``schema``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from pmoplan.cli import completion
from pmoplan.cli.options import ForceOption, OutputFormat, OutputPathOption, catalogue, write_text
from pmoplan.cli.output import choose_format, emit
from pmoplan.errors import ExitCode, UsageProblem

if TYPE_CHECKING:
    from pmoplan.catalogue import Catalogue
    from pmoplan.cli.output import Document
    from pmoplan.render.listing import Listing

READ_FILES = "levels.yaml, courses.yaml and assessment.yaml"
LISTING_FORMATS = (OutputFormat.table, OutputFormat.json, OutputFormat.csv, OutputFormat.markdown)

FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table, json, csv or markdown (default: from the --output extension, else table).",
        case_sensitive=False,
        show_default=False,
    ),
]


def listing_document(listing: Listing, fmt: OutputFormat) -> Document:
    """A listing as CSV or Markdown text, or as the terminal view for the table (JSON is per command)."""
    if fmt is OutputFormat.csv:
        from pmoplan.render.csv_out import listing_csv

        return listing_csv(listing)
    if fmt is OutputFormat.markdown:
        from pmoplan.render.markdown import listing_markdown

        return listing_markdown(listing)
    from pmoplan.cli.output import TerminalView
    from pmoplan.render.plain_table import plain_listing_text
    from pmoplan.render.table import listing_renderables

    return TerminalView(
        lambda plain, width: listing_renderables(listing, plain=plain, width=width),
        plain_text=lambda width: plain_listing_text(listing, width, width),
    )


def levels(
    ctx: typer.Context,
    level: Annotated[
        int | None,
        typer.Argument(
            min=1, max=4, metavar="LEVEL", help="Show one level in detail.", autocompletion=completion.levels
        ),
    ] = None,
    compare: Annotated[
        tuple[int, int] | None,
        typer.Option("--compare", metavar="A B", help="What changes between level A and level B."),
    ] = None,
    fmt: FormatOption = None,
    output: OutputPathOption = None,
    force: ForceOption = False,
) -> None:
    """The four PMO career levels; one level in detail; or what changes between two.

    Example: pmoplan levels --compare 2 3
    """
    chosen = choose_format(fmt, output, LISTING_FORMATS, "levels")
    if level is not None and compare is not None:
        raise UsageProblem("give a LEVEL or --compare A B, not both")
    cat = catalogue(ctx)
    if compare is not None:
        for number in compare:
            if not 1 <= number <= 4:
                raise UsageProblem(f"--compare takes two levels from 1 to 4, got {number}")
    document = _levels_document(cat, level, compare, chosen)
    emit(document, output=output, force=force, what="levels")


def _levels_document(cat: Catalogue, level: int | None, compare: tuple[int, int] | None, fmt: OutputFormat) -> Document:
    from pmoplan.render import catalogue_views as views

    if compare is not None:
        first, second = (cat.level(number) for number in compare)
        if fmt is OutputFormat.json:
            return _json(views.comparison_document(cat, first, second))
        return listing_document(views.compare_listing(cat, first, second), fmt)
    if level is not None:
        if fmt is OutputFormat.json:
            from pmoplan.catalogue_documents import LevelDetail

            return _json(LevelDetail(level=cat.level(level)).model_dump(mode="json"))
        return listing_document(views.level_listing(cat, cat.level(level)), fmt)
    if fmt is OutputFormat.json:
        from pmoplan.catalogue_documents import LevelListing

        return _json(LevelListing(skills=list(cat.skills), levels=list(cat.levels)).model_dump(mode="json"))
    return listing_document(views.ladder_listing(cat), fmt)


def courses(
    ctx: typer.Context,
    certification: Annotated[bool, typer.Option("--certification", help="Only certification courses.")] = False,
    specialist: Annotated[bool, typer.Option("--specialist", help="Only specialist (non-certified) courses.")] = False,
    level: Annotated[
        int | None,
        typer.Option(
            "--level", min=1, max=4, help="Only courses suited to this level.", autocompletion=completion.levels
        ),
    ] = None,
    skill: Annotated[
        str | None,
        typer.Option(
            "--skill",
            metavar="SKILL",
            help="Only courses that develop this skill (id or name).",
            autocompletion=completion.skill_ids,
        ),
    ] = None,
    provider: Annotated[
        str | None,
        typer.Option(
            "--provider",
            metavar="PROVIDER",
            help="Only this provider: full name or short name (AXELOS, PMI, APM), any case.",
            autocompletion=completion.providers,
        ),
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Id, title, provider or notes contain this text.")
    ] = None,
    fmt: FormatOption = None,
    output: OutputPathOption = None,
    force: ForceOption = False,
) -> None:
    """List courses, filtered by kind, level, skill, provider or text.

    Example: pmoplan courses --specialist --skill benefits
    """
    chosen = choose_format(fmt, output, LISTING_FORMATS, "courses")
    if certification and specialist:
        raise UsageProblem("--certification and --specialist cannot be used together")
    from pmoplan.catalogue import CourseFilter, filter_courses

    kind: Literal["certification", "specialist"] | None = (
        "certification" if certification else "specialist" if specialist else None
    )
    cat = catalogue(ctx)
    found = filter_courses(cat, CourseFilter(kind=kind, level=level, skill=skill, provider=provider, search=search))
    document: Document
    if chosen is OutputFormat.json:
        from pmoplan.catalogue_documents import CourseListing
        from pmoplan.render.json_out import model_data

        # The courses are validated models already (the snapshot's or the loader's): no second pass.
        document = _json(model_data(CourseListing.model_construct(courses=found)))
    elif chosen is OutputFormat.csv:
        from pmoplan.render.catalogue_views import COURSE_CSV_COLUMNS, courses_csv_rows
        from pmoplan.render.csv_out import to_csv

        document = to_csv(COURSE_CSV_COLUMNS, courses_csv_rows(found))
    else:
        from pmoplan.render.catalogue_views import courses_listing

        title = f"{kind.capitalize()} courses" if kind else "Courses"
        document = listing_document(courses_listing(found, f"{title} ({len(found)})", show_kind=kind is None), chosen)
    emit(document, output=output, force=force, what="courses")


def course(
    ctx: typer.Context,
    course_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="Course id, as listed by 'pmoplan courses'.", autocompletion=completion.course_ids
        ),
    ],
    fmt: FormatOption = None,
    output: OutputPathOption = None,
    force: ForceOption = False,
) -> None:
    """One course: facts, prerequisites, what it leads to, renewal.

    Example: pmoplan course p3o-practitioner
    """
    chosen = choose_format(fmt, output, LISTING_FORMATS, "course")
    from pmoplan.render import catalogue_views as views

    cat = catalogue(ctx)
    found = cat.course(course_id)
    if chosen is OutputFormat.json:
        document: Document = _json(views.course_document(cat, found))
    else:
        document = listing_document(views.course_listing(cat, found), chosen)
    emit(document, output=output, force=force, what="course")


def skills(
    ctx: typer.Context,
    fmt: FormatOption = None,
    output: OutputPathOption = None,
    force: ForceOption = False,
) -> None:
    """The skill areas: id, name, description and the rating each level expects.

    Example: pmoplan skills --format csv
    """
    chosen = choose_format(fmt, output, LISTING_FORMATS, "skills")
    from pmoplan.render import catalogue_views as views

    cat = catalogue(ctx)
    if chosen is OutputFormat.json:
        document: Document = _json(views.skills_document(cat))
    else:
        document = listing_document(views.skills_listing(cat), chosen)
    emit(document, output=output, force=force, what="skills")


def validate(
    ctx: typer.Context,
    folder: Annotated[
        Path | None,
        typer.Argument(metavar="DIR", help="Catalogue folder to check (default: --data-dir or the shipped data)."),
    ] = None,
) -> None:
    """Check a catalogue folder and report every problem (exit 1 if there are any).

    Example: pmoplan validate ./our-catalogue
    """
    from pmoplan.cli.options import data_dir, notice, report
    from pmoplan.loading import unread_files, validate_folder

    target = folder if folder is not None else data_dir(ctx)
    problems = validate_folder(target)
    for unread in unread_files(target):
        meant = f"; did you mean {unread.meant}?" if unread.meant else ""
        notice(f"pmoplan: warning: {unread.path}: not read (pmoplan reads {READ_FILES}){meant}")
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
    emit(_json(json_schema(name)), output=None, what="schema")


def _json(document: dict[str, object]) -> str:
    from pmoplan.render.json_out import to_json

    return to_json(document)


def register(app: typer.Typer) -> None:
    """Add these commands to the application."""
    app.command()(levels)
    app.command()(courses)
    app.command()(course)
    app.command()(skills)
    app.command()(validate)
    app.command()(schema)

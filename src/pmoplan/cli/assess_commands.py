"""Commands ``assess``, ``done`` and ``profile show|history``.

The interactive questionnaire writes its questions to stdout (to stderr with ``--format json``,
so that stdout stays valid JSON) and reads answers from stdin one line at a time. Nothing is
saved to the profile until every question is answered and scored and, when the placement is
uncertain, the person has confirmed or picked their level. A stopped run keeps its answers in
a private draft next to the profile, which the next run offers to resume.
"""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pmoplan.cli import completion
from pmoplan.cli.options import (
    OutputFormat,
    catalogue,
    data_dir,
    is_plain,
    notice,
    print_renderables,
    require_format,
    write_text,
)
from pmoplan.errors import PmoplanError, UsageProblem

if TYPE_CHECKING:
    from collections.abc import Callable

    from pmoplan.assessment import Answer, AssessmentResult, Question
    from pmoplan.catalogue import Catalogue
    from pmoplan.catalogue_files import QuestionBank
    from pmoplan.profile import Profile

ASSESS_FORMATS = (OutputFormat.table, OutputFormat.json)
MANAGER_NOT_A_TERMINAL = (
    "stdin is not a terminal; use --answers FILE (see 'pmoplan assess --by manager --print-questions --format json')"
)
NOT_A_TERMINAL = "stdin is not a terminal; use --answers FILE (see 'pmoplan assess --print-questions --format json')"

FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", metavar="FORMAT", help="Output format: table or json.", case_sensitive=False),
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
DateOption = Annotated[
    str | None,
    typer.Option("--date", metavar="YYYY-MM-DD", help="Date to record (default: today).", show_default=False),
]


def _stdin_is_terminal() -> bool:
    """Whether stdin is an interactive terminal (a seam: tests drive the prompt through it)."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except ValueError:  # stdin closed
        return False


def _read_line() -> str:
    """One line from stdin without its newline; :class:`EOFError` at end of input.

    Reads through click's prompt function (``input`` on a terminal), the same one that
    ``typer.prompt`` uses, so a test runner's input is echoed into the transcript.
    """
    from typer._click import termui

    return termui.visible_prompt_func("").rstrip("\r\n")


def _writer(stream_is_stderr: bool) -> Callable[[str], None]:
    def write(text: str) -> None:
        stream = sys.stderr if stream_is_stderr else sys.stdout
        stream.write(text)
        stream.flush()

    return write


def _parse_date(value: str | None, option: str = "--date") -> date:
    """The date of ``option`` (default today); a date after today is refused.

    A profile is never given a date that has not happened yet: a course "completed" in 9999
    would make every later plan from the profile fail, and an assessment dated 9999 would stay
    the latest one for ever.
    """
    today = date.today()
    if value is None:
        return today
    try:
        parsed = date.fromisoformat(value.strip())
    except ValueError:
        raise UsageProblem(f"{option} expects a date like 2026-03-01, got '{value}'") from None
    if parsed > today:
        raise UsageProblem(
            f"{option} {parsed.isoformat()} is after today ({today.isoformat()}); record it once it has happened"
        )
    return parsed


def _profile_path(profile: Path | None) -> Path:
    from pmoplan.profile import default_profile_path

    return profile if profile is not None else default_profile_path()


# --- assess ------------------------------------------------------------------------------


class Rater(StrEnum):
    """Whose ratings an assessment records: the person's own, or their manager's of them."""

    self = "self"
    manager = "manager"


def assess(
    ctx: typer.Context,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="YAML or JSON file mapping question id to answer; no prompts.",
            show_default=False,
        ),
    ] = None,
    profile: ProfileOption = None,
    no_save: Annotated[bool, typer.Option("--no-save", help="Do not save the result to the profile.")] = False,
    print_questions: Annotated[
        bool, typer.Option("--print-questions", help="Print the question bank and exit (use with --format json).")
    ] = False,
    fmt: FormatOption = OutputFormat.table,
    taken_on: DateOption = None,
    level: Annotated[
        int | None,
        typer.Option(
            "--level",
            min=1,
            max=4,
            help="Your level (1-4), to confirm or correct the placement; needed to save an uncertain one "
            "from --answers.",
            show_default=False,
        ),
    ] = None,
    person: Annotated[
        str | None,
        typer.Option(
            "--for",
            metavar="ID",
            help="With --by manager: the person you rate (their profile's file name in --team DIR, without .yaml).",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        Rater,
        typer.Option(
            "--by",
            metavar="self|manager",
            help="self (default): assess yourself. manager: rate the skills of the person --for names; "
            "plans use your ratings, and both views are shown.",
            case_sensitive=False,
        ),
    ] = Rater.self,
    team: Annotated[
        Path | None,
        typer.Option(
            "--team",
            metavar="DIR",
            help="With --by manager: the folder of profiles ('pmoplan team plan DIR' reads it).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Place yourself on the PMO ladder and find your skill gaps; saves a dated snapshot.

    With --by manager, a manager rates a person's skills instead; the ratings are kept in the
    person's profile beside their own assessment, and plans use them.

    Example: pmoplan assess --answers my-answers.yaml --format json
    """
    require_format(fmt, ASSESS_FORMATS, "assess")
    if not print_questions:  # the questions a manager answers can be printed without naming anyone
        _check_rater(by, person, team, profile, level)
    if print_questions and answers is not None:
        raise UsageProblem("--print-questions cannot be combined with --answers")
    if not print_questions and answers is None and not _stdin_is_terminal():
        raise UsageProblem(NOT_A_TERMINAL if by is Rater.self else MANAGER_NOT_A_TERMINAL)
    when = _parse_date(taken_on)
    from pmoplan.assessment import load_answers_file, questions, score
    from pmoplan.loading import load_question_bank
    from pmoplan.profile import load_profile

    cat = catalogue(ctx)
    bank = load_question_bank(cat, data_dir(ctx))
    if print_questions:
        asked = questions(bank, cat)
        _print_questions([q for q in asked if q.kind == "skill"] if by is Rater.manager else asked, fmt)
        return
    if by is Rater.manager:
        assert person is not None and team is not None  # checked by _check_rater
        _rate_as_manager(cat, bank, team, person, answers, no_save, when, fmt)
        return
    path = _profile_path(profile)
    # Read the profile before asking anything: a broken profile should stop the run early.
    if not no_save:
        load_profile(path)
    if answers is not None:
        given = load_answers_file(answers, bank)
        result = score(bank, cat, given, confirmed_level=level)
    else:
        given, result = _interactive(bank, cat, None if no_save else path, level, _writer(fmt is OutputFormat.json))
    saved = not no_save and (result.confirmed or not result.needs_confirmation)

    def show() -> None:
        if fmt is OutputFormat.json:
            write_text(_json(result.model_dump(mode="json")))
        else:
            from pmoplan.render.assessment_screens import result_screen

            print_renderables(*result_screen(result, plain=is_plain()))
        sys.stdout.flush()

    if not saved:
        show()
        if not no_save:
            notice(f"placement needs your confirmation; not saved: run again with --level N (1-4) to save it to {path}")
        return
    # The result is shown just before the profile is replaced, under its lock: a profile that cannot
    # be saved stops the run before any output, and output that cannot be written (closed stdout,
    # full disk) stops it with nothing saved.
    _save(path, bank, result, given, when, before_write=show)
    notice(f"profile saved to {path}")


def _check_rater(by: Rater, person: str | None, team: Path | None, profile: Path | None, level: int | None) -> None:
    """``--for`` and ``--team`` belong to ``--by manager``, and it needs both (usage errors)."""
    if by is Rater.self:
        if person is not None or team is not None:
            given = "--for" if person is not None else "--team"
            raise UsageProblem(f"{given} is for a manager rating someone; add --by manager")
        return
    if person is None:
        raise UsageProblem("--by manager needs --for ID: the person you rate")
    if team is None:
        raise UsageProblem("--by manager needs --team DIR: the folder of profiles that holds the person's")
    if profile is not None:
        raise UsageProblem("--by manager finds the person's profile in --team DIR; leave out --profile")
    if level is not None:
        raise UsageProblem("--level is the person's own placement; a manager rates skills only")


def _rate_as_manager(
    cat: Catalogue,
    bank: QuestionBank,
    team: Path,
    person: str,
    answers: Path | None,
    no_save: bool,
    when: date,
    fmt: OutputFormat,
) -> None:
    """``assess --by manager``: rate ``person`` in ``team``, show both views, save beside their own."""
    from pmoplan.cli.manager_review import check_person_id, rate

    person = check_person_id(person)
    json_output = fmt is OutputFormat.json

    def show(document: dict[str, Any] | None, renderables: list[Any]) -> None:
        if document is not None:
            write_text(_json(document))
        else:
            print_renderables(*renderables)
        sys.stdout.flush()

    saved = rate(
        cat=cat,
        bank=bank,
        team=team,
        person=person,
        answers=answers,
        no_save=no_save,
        when=when,
        json_output=json_output,
        show=show,
        write=_writer(json_output),
        read_line=_read_line,
    )
    if saved is not None:
        notice(f"your ratings of {saved.stem} saved to {saved}")


def _interactive(
    bank: QuestionBank, cat: Catalogue, profile_path: Path | None, level: int | None, write: Callable[[str], None]
) -> tuple[dict[str, Answer], AssessmentResult]:
    """Ask the questions (resuming a draft if the person wants), score, and confirm if uncertain.

    With a profile path (saving), a stop keeps the answers so far in the draft next to it.
    """
    from pmoplan.assessment import ask, confirm_level, questions, score
    from pmoplan.assessment_draft import draft_path, load_draft, offer_resume, remove_draft, save_draft
    from pmoplan.errors import Interrupted, OutputError
    from pmoplan.render.assessment_screens import confirmation_text

    asked = questions(bank, cat)
    draft_file = draft_path(profile_path) if profile_path is not None else None
    given: dict[str, Answer] = {}
    if draft_file is not None:
        draft = load_draft(draft_file, asked)
        if draft is not None:
            if offer_resume(draft, len(asked), _read_line, write):
                given = dict(draft.answers)
            else:
                remove_draft(draft_file)
    try:
        ordered = ask(asked, _read_line, write, given)  # ``given`` keeps the answers if this is stopped
        result = score(bank, cat, ordered, confirmed_level=level)
        if result.needs_confirmation and level is None:
            shown = confirmation_text(result, cat)
            chosen = confirm_level(result.suggested_level, _read_line, write, shown)
            result = score(bank, cat, ordered, confirmed_level=chosen)
    except Interrupted:
        if draft_file is None or not given:
            raise
        try:
            save_draft(draft_file, given, date.today())
        except OutputError as error:
            raise Interrupted(f"assessment cancelled, nothing saved; the answers could not be kept: {error}") from None
        raise Interrupted(
            f"assessment stopped, profile not changed; your {len(given)} answer(s) are kept for "
            "'pmoplan assess' to resume"
        ) from None
    return ordered, result


def _save(
    path: Path,
    bank: QuestionBank,
    result: AssessmentResult,
    given: dict[str, Answer],
    when: date,
    *,
    before_write: Callable[[], None],
) -> None:
    """Append the snapshot to the profile, then remove any draft (the assessment is complete).

    The snapshot is added to the profile as it is at save time (under its lock), so a course
    recorded by another run while the questions were answered is kept.
    """
    from pmoplan.assessment import scored_ids
    from pmoplan.assessment_draft import draft_path, remove_draft
    from pmoplan.profile import add_snapshot, snapshot_from_result, update_profile

    scored = set(scored_ids(bank))
    answered = {qid: value for qid, value in given.items() if qid in scored}
    snapshot = snapshot_from_result(result, answered, when)
    update_profile(path, lambda current: add_snapshot(current, snapshot), before_write=before_write)
    remove_draft(draft_path(path))


def _json(document: dict[str, Any]) -> str:
    from pmoplan.render.json_out import to_json

    return to_json(document)


def _print_questions(asked: list[Question], fmt: OutputFormat) -> None:
    if fmt is OutputFormat.json:
        from pmoplan.assessment import questions_document

        write_text(_json(questions_document(asked)))
        return
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=Text("Assessment questions"), box=box.ASCII if is_plain() else box.ROUNDED, title_justify="left"
    )
    for column in ("#", "Id", "Kind", "Level/skill", "Question"):
        table.add_column(Text(column), overflow="fold")
    for number, question in enumerate(asked, start=1):
        about = str(question.level) if question.kind == "level" else question.skill or ""
        table.add_row(Text(str(number)), Text(question.id), Text(question.kind), Text(about), Text(question.text))
    print_renderables(table)


# --- done --------------------------------------------------------------------------------


def done(
    ctx: typer.Context,
    course_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="Course id, as listed by 'pmoplan courses'.", autocompletion=completion.course_ids
        ),
    ],
    on: DateOption = None,
    profile: ProfileOption = None,
    remove: Annotated[
        bool,
        typer.Option("--remove", help="Remove the course's records instead (only the one on --date, if given)."),
    ] = False,
) -> None:
    """Record a completed course in your profile (a combined course records its parts too).

    A date after today is refused; recording a course again on the same date changes nothing,
    on another date keeps both (a retake). --remove takes records out again.

    Example: pmoplan done p3o-combined --date 2026-03-01
    """
    path = _profile_path(profile)
    if remove:
        _remove_done(course_id, None if on is None else _parse_date(on), path)
        return
    when = _parse_date(on)
    from pmoplan.profile import record_completed, recorded_dates, update_profile

    cat = catalogue(ctx)
    cat.course(course_id)  # an unknown id stops here, before the profile is touched
    earlier: list[date | None] = []

    def record(current: Profile | None) -> Profile:
        earlier[:] = recorded_dates(current, course_id)
        return record_completed(current, cat, course_id, when)

    update_profile(path, record)
    if when in earlier:
        notice(f"warning: {course_id} was already recorded as completed on {when.isoformat()}; nothing was changed")
        return
    parts = cat.course(course_id).includes
    also = f" (and its parts {', '.join(parts)})" if parts else ""
    notice(f"recorded {course_id}{also} as completed on {when.isoformat()} in {path}")
    if earlier:
        shown = ", ".join(d.isoformat() if d else "undated" for d in earlier)
        notice(
            f"warning: {course_id} was already recorded as completed on {shown}; both are kept "
            f"(a retake). To drop one: pmoplan done {course_id} --remove --date YYYY-MM-DD"
        )


def _remove_done(course_id: str, on: date | None, path: Path) -> None:
    from pmoplan.profile import recorded_dates, remove_completed, update_profile

    removed: list[date | None] = []

    def drop(current: Profile | None) -> Profile:
        if current is None:
            raise PmoplanError(f"{path}: no profile yet; nothing was changed")
        before = recorded_dates(current, course_id)
        updated = remove_completed(current, course_id, on)
        removed[:] = [d for d in before if on is None or d == on]
        return updated

    update_profile(path, drop)
    shown = ", ".join(d.isoformat() if d else "undated" for d in removed)
    notice(f"removed {course_id} (completed on {shown}) from {path}")


# --- profile show / history --------------------------------------------------------------

profile_app = typer.Typer(help="Show the saved profile and its history.", no_args_is_help=True, rich_markup_mode=None)


def _load_existing(path: Path) -> Profile:
    from pmoplan.profile import load_profile

    found = load_profile(path)
    if found is None:
        raise PmoplanError(f"{path}: no profile yet; run 'pmoplan assess' first")
    return found


@profile_app.command("show")
def profile_show(ctx: typer.Context, profile: ProfileOption = None, fmt: FormatOption = OutputFormat.table) -> None:
    """The latest assessment, its gaps and the courses completed.

    Example: pmoplan profile show --format json
    """
    require_format(fmt, ASSESS_FORMATS, "profile show")
    path = _profile_path(profile)
    found = _load_existing(path)
    if fmt is OutputFormat.json:
        write_text(_json(_profile_document(found, catalogue(ctx))))
        return
    from pmoplan.render.assessment_screens import profile_screen

    print_renderables(*profile_screen(found, catalogue(ctx), path, plain=is_plain()))


def _profile_document(found: Profile, cat: Catalogue) -> dict[str, Any]:
    """The profile as JSON; with a manager's ratings, ``views`` sets them beside the person's own.

    ``views.comparison`` lists every rated skill with both ratings and whether they are 2 or more
    points apart; ``views.plans_use`` is the view ``plan --profile`` follows by default;
    ``views.review_older_than_self`` says whether the review predates the latest self-assessment.
    """
    from pmoplan.profile import latest_manager_review, latest_snapshot
    from pmoplan.team_opinions import compare_ratings, comparison_document, review_is_stale

    document = found.model_dump(mode="json")
    review = latest_manager_review(found)
    if review is None:
        del document["manager_reviews"]  # as before managers could rate: nothing to compare
        return document
    latest = latest_snapshot(found)
    own = latest.ratings if latest is not None else {}
    document["views"] = {
        "self_taken_on": latest.taken_on.isoformat() if latest is not None else None,
        "manager_taken_on": review.taken_on.isoformat(),
        "plans_use": "manager",
        "review_older_than_self": latest is not None and review_is_stale(review.taken_on, latest.taken_on),
        "comparison": comparison_document(compare_ratings(cat, own, review.ratings)),
    }
    return document


@profile_app.command("history")
def profile_history(ctx: typer.Context, profile: ProfileOption = None, fmt: FormatOption = OutputFormat.table) -> None:
    """How the placement and each skill gap changed between assessments.

    Example: pmoplan profile history
    """
    require_format(fmt, ASSESS_FORMATS, "profile history")
    from pmoplan.profile import history

    path = _profile_path(profile)
    steps = history(_load_existing(path))
    if fmt is OutputFormat.json:
        document = {
            "schema_version": 1,
            "snapshots": [
                {
                    "taken_on": step.taken_on.isoformat(),
                    "level": step.level,
                    "confidence": step.confidence,
                    "level_change": step.level_change,
                    "gaps": step.gaps,
                    "gap_changes": step.gap_changes,
                }
                for step in steps
            ],
        }
        write_text(_json(document))
        return
    from pmoplan.render.assessment_screens import history_screen, no_snapshots

    if not steps:
        print_renderables(no_snapshots())
        return
    print_renderables(*history_screen(steps, catalogue(ctx), plain=is_plain()))


def register(app: typer.Typer) -> None:
    """Add these commands to the application."""
    app.command()(assess)
    app.command()(done)
    app.add_typer(profile_app, name="profile")

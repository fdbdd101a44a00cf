"""``pmoplan assess --for ID --by manager --team DIR``: a manager's ratings of one person.

The manager answers the skill-rating questions only (the level statements describe the
person's own day-to-day work, and their placement stays theirs), interactively or from
``--answers FILE``. The ratings are appended to the person's profile in the team folder
(``DIR/ID.yaml``, the file ``team plan DIR`` reads), beside their self-assessments, with the
same safety as a self-assessment: the profile is read first and an unusable one is never
overwritten; the write happens under the profile's lock and is atomic; Ctrl-C leaves the
profile as it was and keeps the answers so far in a private draft (``ID.yaml.manager-draft.json``)
that the next run offers to resume.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmoplan.errors import InputError, PmoplanError, Problem, UsageProblem

if TYPE_CHECKING:
    from collections.abc import Callable

    from pmoplan.assessment import Answer, Question
    from pmoplan.catalogue import Catalogue
    from pmoplan.catalogue_files import QuestionBank
    from pmoplan.profile import ManagerReview, Profile

PROFILE_SUFFIXES = (".yaml", ".yml")


def check_person_id(person: str) -> str:
    """The id as a file stem (NFC); a usage error for one that could name another path."""
    given = unicodedata.normalize("NFC", person.strip())
    if not given or given.startswith(".") or any(sign in given for sign in ("/", "\\", "\0")):
        raise UsageProblem(f"--for {person!r}: give the person's id, their profile's file name without .yaml")
    if not given.isprintable():
        raise UsageProblem("--for: the id holds control characters")
    return given


def find_profile(team: Path, person: str) -> Path:
    """The profile of ``person`` in the folder ``team``, compared as ``team plan`` compares ids.

    Raises :class:`InputError` when the folder cannot be listed or holds no such profile (with
    the closest id suggested), or holds two files for the one id.
    """
    from pmoplan.errors import suggest
    from pmoplan.team_input import display_path

    shown = display_path(team)
    if not team.is_dir():
        raise InputError([Problem(shown, "not a folder of profiles (the folder 'pmoplan team plan' reads)")])
    try:
        files = sorted(p for p in team.iterdir() if p.suffix.casefold() in PROFILE_SUFFIXES)
    except OSError as error:
        raise InputError([Problem(shown, f"cannot list the folder: {error.strerror or error}")]) from None
    stems = {unicodedata.normalize("NFC", p.stem): p for p in files}
    matches = [path for stem, path in stems.items() if stem.casefold() == person.casefold()]
    if len(matches) > 1:
        listed = " and ".join(p.name for p in matches)
        raise InputError([Problem(shown, f"{listed} are the same person; keep one")])
    if not matches:
        raise InputError([Problem(shown, f"no profile for '{person}'{suggest(person, stems)}")])
    return matches[0]


def rate(
    *,
    cat: Catalogue,
    bank: QuestionBank,
    team: Path,
    person: str,
    answers: Path | None,
    no_save: bool,
    when: date,
    json_output: bool,
    show: Callable[[dict[str, Any] | None, list[Any]], None],
    write: Callable[[str], None],
    read_line: Callable[[], str],
) -> Path | None:
    """Rate ``person``, save the ratings in their profile (unless ``no_save``); the path saved to.

    ``show`` receives the JSON document (for ``--format json``) or the screen's renderables.
    """
    from pmoplan.assessment import load_manager_answers, manager_ratings
    from pmoplan.profile import ManagerReview, add_manager_review, load_profile, update_profile

    path = find_profile(team, person)
    person = unicodedata.normalize("NFC", path.stem)  # as the file names them, the id team plan shows
    current = _self_assessed(path, load_profile(path))  # a broken profile stops the run before any question
    if answers is not None:
        given = load_manager_answers(answers, bank)
    else:
        given = _interactive(bank, cat, person, None if no_save else path, write, read_line)
    review = ManagerReview(taken_on=when, ratings=manager_ratings(bank, given))

    def output() -> None:
        show(*_result(cat, person, current, review, json_output))

    if no_save:
        output()
        return None

    def change(found: Profile | None) -> Profile:
        _self_assessed(path, found)  # replaced since it was read: check again under the lock
        return add_manager_review(found, review)

    update_profile(path, change, before_write=output)
    from pmoplan.assessment_draft import draft_path, remove_draft

    remove_draft(draft_path(path, by_manager=True))
    return path


def _self_assessed(path: Path, found: Profile | None) -> Profile:
    """``found``, which must hold a self-assessment: the manager's view is kept beside one."""
    from pmoplan.profile import NOT_SELF_ASSESSED

    if found is None or not found.snapshots:
        from pmoplan.team_input import display_path

        raise PmoplanError(f"{display_path(path)}: {NOT_SELF_ASSESSED}; nothing was saved")
    return found


def _interactive(
    bank: QuestionBank,
    cat: Catalogue,
    person: str,
    profile_path: Path | None,
    write: Callable[[str], None],
    read_line: Callable[[], str],
) -> dict[str, Answer]:
    """Ask the manager the skill ratings, resuming a draft if they want; a stop keeps a draft."""
    from pmoplan.assessment import ask, manager_questions
    from pmoplan.assessment_draft import draft_path, load_draft, offer_resume, remove_draft, save_draft
    from pmoplan.errors import Interrupted, OutputError
    from pmoplan.render.assessment_screens import manager_intro, manager_prompt, manager_question

    asked: list[Question] = [manager_question(q, person) for q in manager_questions(bank, cat)]
    draft_file = draft_path(profile_path, by_manager=True) if profile_path is not None else None
    given: dict[str, Answer] = {}
    if draft_file is not None:
        draft = load_draft(draft_file, asked)
        if draft is not None:
            if offer_resume(draft, len(asked), read_line, write, what=f"rating {person}"):
                given = dict(draft.answers)
            else:
                remove_draft(draft_file)
    try:
        return ask(
            asked, read_line, write, given, intro=manager_intro(person, len(asked)), prompt=manager_prompt(person)
        )
    except Interrupted:
        if draft_file is None or not given:
            raise Interrupted(f"rating {person} cancelled, the profile was not changed") from None
        try:
            save_draft(draft_file, given, date.today())
        except OutputError as error:
            raise Interrupted(
                f"rating {person} cancelled, nothing saved; the answers could not be kept: {error}"
            ) from None
        raise Interrupted(
            f"rating {person} stopped, profile not changed; your {len(given)} rating(s) are kept for "
            f"'pmoplan assess --for {person} --by manager' to resume"
        ) from None


def _result(
    cat: Catalogue, person: str, profile: Profile, review: ManagerReview, json_output: bool
) -> tuple[dict[str, Any] | None, list[Any]]:
    """(the JSON document, or None and the screen) of a manager's ratings of ``person``."""
    from pmoplan.profile import latest_snapshot
    from pmoplan.team_opinions import compare_ratings, comparison_document, manager_gaps

    latest = latest_snapshot(profile)
    assert latest is not None  # checked by _self_assessed
    pairs = compare_ratings(cat, latest.ratings, review.ratings)
    gaps = manager_gaps(cat, latest.level, review.ratings)
    if json_output:
        document = {
            "schema_version": 1,
            "person": person,
            "taken_on": review.taken_on.isoformat(),
            "level": latest.level,
            "self_assessed_on": latest.taken_on.isoformat(),
            "ratings": dict(review.ratings),
            "gaps": gaps,
            "comparison": comparison_document(pairs),
        }
        return document, []
    from pmoplan.cli.options import is_plain
    from pmoplan.render.assessment_screens import manager_result_screen

    return None, manager_result_screen(person, latest.level, pairs, gaps, cat, plain=is_plain())


def planning_view_gaps(cat: Catalogue, profile: Profile, requested: str | None) -> dict[str, int]:
    """The gaps ``plan --profile`` follows, saying on stderr which view they come from.

    Nothing is said for a profile no manager has rated (and ``--view self`` changes nothing there).
    """
    from pmoplan.cli.options import notice
    from pmoplan.team_opinions import planning_view, review_is_stale

    chosen = planning_view(cat, profile, "manager" if requested == "manager" else "self" if requested else None)
    if chosen.manager_taken_on is None:
        return chosen.gaps
    own = chosen.self_taken_on.isoformat()
    theirs = chosen.manager_taken_on.isoformat()
    if chosen.view == "manager":
        # A review older than the person's latest assessment may predate the growth that one records.
        older = review_is_stale(chosen.manager_taken_on, chosen.self_taken_on)
        stale = "; they are older than your latest assessment, so ask for a fresh review" if older else ""
        notice(
            f"planned from your manager's ratings of {theirs} (your own assessment: {own}){stale}; "
            "--view self plans from your own ratings"
        )
    else:
        notice(f"planned from your own ratings of {own}; your manager's of {theirs} are not used (--view self)")
    return chosen.gaps

"""The profile file: dated assessment snapshots and completed courses, written atomically.

A profile is YAML with a ``schema_version``. Each assessment appends a :class:`Snapshot`;
earlier snapshots are never changed, so ``pmoplan profile history`` can show how the placement
and each gap moved. The file is read with the strict YAML loader and validated like every
other input; a profile that cannot be read, fails validation or was written by a newer
pmoplan is reported and never overwritten. Writes serialise the whole document first, then go
through :func:`pmoplan.atomic.atomic_write` (temp file, fsync, replace; a new file is 0600,
an existing file keeps its mode, a symlink stays a symlink).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field

from pmoplan.assessment import Answer, AssessmentResult, Confidence
from pmoplan.catalogue import Catalogue
from pmoplan.errors import InputError, OutputError, PmoplanError, Problem
from pmoplan.models import Experience, Identifier, LevelNumber, Rating, StrictModel
from pmoplan.plan_models import CompletedCourse
from pmoplan.profile_path import default_profile_path as default_profile_path  # re-exported
from pmoplan.renewals import CpdEntry

SCHEMA_VERSION = 1
NEW_PROFILE_MODE = 0o600  # personal career data: readable by its owner only
NEW_FOLDER_MODE = 0o700
_HEADER = (
    "# pmoplan profile: assessment snapshots (appended, never rewritten) and completed courses.\n"
    "# Written by pmoplan; 'pmoplan schema profile' describes every field.\n"
)


class _ProfileModel(StrictModel):
    """Profile parts: read from a file, so strict and closed like the catalogue models."""


class Snapshot(_ProfileModel):
    """One assessment, as it was on the day it was taken.

    ``gaps`` holds, for each skill with one, the larger of the gap against the placed level
    and against the next level: how far the person must grow to be fully ready for the next
    level. Skills without a gap are left out.

    ``level`` is the placement (the level the person confirmed or picked, when asked);
    ``suggested_level`` what the statements alone suggested. ``experience`` holds the months
    of project, programme and portfolio experience given at this assessment (None when not
    asked or not answered); the planner reads it with :func:`latest_experience`.
    """

    # Dates are written as text; lax parsing turns '2026-03-01' into a date and refuses 2026-02-30.
    taken_on: Annotated[date, Field(strict=False)]
    level: LevelNumber
    confidence: Confidence
    ratings: dict[Identifier, Rating]
    gaps: dict[Identifier, Annotated[int, Field(ge=1, le=5)]]
    answers: dict[Identifier, bool | int]
    suggested_level: LevelNumber | None = None
    confirmed: bool = False
    experience: Experience | None = None


class ManagerReview(_ProfileModel):
    """A manager's ratings of the person's skills (0-5, the assessment's scale) on one day.

    Written by ``pmoplan assess --for ID --by manager`` into the person's own profile, beside
    their self-assessments, so that the person sees both views and ``team plan`` on the folder
    plans from the manager's. Appended like snapshots: earlier reviews are never rewritten.
    """

    taken_on: Annotated[date, Field(strict=False)]
    ratings: dict[Identifier, Rating] = Field(min_length=1)


class Profile(_ProfileModel):
    """The profile file written by ``pmoplan assess`` and ``pmoplan done``."""

    schema_version: Literal[1] = 1
    snapshots: list[Snapshot] = Field(default_factory=list)
    completed: list[CompletedCourse] = Field(default_factory=list)
    cpd: list[CpdEntry] = Field(default_factory=list)
    manager_reviews: list[ManagerReview] = Field(default_factory=list)


class _ProfileError(InputError):
    """A profile that cannot be used; its message promises the file was left alone."""

    def summary(self) -> str:
        """The first problem, how many more there are, and that nothing was changed."""
        first = str(self.problems[0])
        extra = len(self.problems) - 1
        more = f" (and {extra} more problem{'s' if extra > 1 else ''})" if extra else ""
        return f"{first}{more}; the profile was not changed"


class _Unchecked(Enum):
    TOKEN = 0


UNCHECKED = _Unchecked.TOKEN


def _display(path: Path) -> str:
    # abspath, not resolve(): a symlink is named as given (also a broken one), and a loop cannot raise.
    try:
        return str(Path(os.path.abspath(path)).relative_to(os.path.abspath(Path.cwd())))
    except ValueError:
        return str(path)


def load_profile(path: Path) -> Profile | None:
    """Read the profile at ``path``; ``None`` when there is no file there yet.

    Raises :class:`InputError` for a file that cannot be read or validated, and for one
    written by a newer pmoplan (``schema_version`` above 1).
    """
    from pmoplan import inputs
    from pmoplan.strict_yaml import load_yaml_file
    from pmoplan.validation import validate_document

    inputs.record(path)  # even when missing: the run's own profile is never an output
    display = _display(path)
    if not os.path.lexists(path):
        return None  # no file yet
    if path.is_symlink() and not path.exists():
        from pmoplan.strict_yaml import missing_reason

        reason = missing_reason(path, "")
        if reason.startswith("broken symbolic link"):
            return None  # a dangling symlink (dotfiles) is created through on save
        raise _ProfileError([Problem(display, reason or "cannot be read")])
    try:
        document = load_yaml_file(path, display)
        _refuse_newer(document.value, document.position(("schema_version",)), display)
        return validate_document(Profile, document)
    except _ProfileError:
        raise
    except InputError as error:
        raise _ProfileError(error.problems) from None


def _refuse_newer(value: Any, position: tuple[int, int] | None, display: str) -> None:
    if not isinstance(value, dict):
        return
    version = value.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        line, column = position if position else (None, None)
        message = f"schema_version {version}: written by a newer pmoplan; not changed"
        raise _ProfileError([Problem(display, message, line, column)])


def dump_profile(profile: Profile) -> str:
    """The whole profile as YAML text (dates as ``YYYY-MM-DD`` strings)."""
    import yaml

    document = profile.model_dump(mode="json")
    # The CPD log is written only once it has entries, and entries without their empty fields.
    document["cpd"] = [{k: v for k, v in e.items() if v is not None} for e in document["cpd"]]
    if not document["cpd"]:
        del document["cpd"]
    if not document["manager_reviews"]:
        del document["manager_reviews"]  # a profile nobody has reviewed reads as it always did
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    return _HEADER + body


def save_profile(path: Path, profile: Profile, *, previous: Profile | None | _Unchecked = UNCHECKED) -> None:
    """Write ``profile`` to ``path`` atomically, creating the folder (0700) if needed.

    The existing file is read first (under the profile lock) and must be a valid profile of
    this version, so an unreadable, hand-broken or newer profile is never overwritten. With
    ``previous`` (what the caller loaded earlier), a file changed on disk in the meantime is
    not overwritten either. Raises :class:`InputError` or :class:`OutputError`; on error
    nothing changes. Prefer :func:`update_profile`, which cannot lose a concurrent change.
    """

    def replace(current: Profile | None) -> Profile:
        if previous is not UNCHECKED and current != previous:
            raise OutputError(f"{path}: the profile changed on disk since it was read; nothing was saved, run again")
        return profile

    update_profile(path, replace)


def update_profile(
    path: Path, change: Callable[[Profile | None], Profile], *, before_write: Callable[[], None] | None = None
) -> Profile:
    """Apply ``change`` to the profile at ``path`` and save the result; return what was saved.

    The whole read-modify-write runs under the profile's advisory lock, so concurrent writers
    take turns and each sees the others' changes. ``change`` gets the current profile (``None``
    when there is none yet) and must be pure: it may run after another process's update. The
    result is serialised and checked against the reading limits before anything is written.
    If ``change`` returns a profile equal to the one it was given, nothing is written.

    ``before_write`` runs under the lock once everything that can be checked has been (the
    folder, the current file, the new text and its size), just before the file is replaced: a
    command shows its output there, so that output that cannot be written (a closed stdout, a
    full disk) stops the run with nothing saved, and a profile that cannot be saved stops it
    before any output.
    """
    from pmoplan.atomic import atomic_write
    from pmoplan.profile_lock import profile_lock

    load_profile(path)  # an unusable profile is refused before the folder or lock file is created
    _ensure_folder(path)
    with profile_lock(path):
        current = load_profile(path)
        updated = change(current)
        if current is not None and updated == current:
            return updated
        text = dump_profile(updated)  # serialise completely before touching the disk
        _check_readable_size(path, text)
        if before_write is not None:
            before_write()
        atomic_write(path, text, new_file_mode=NEW_PROFILE_MODE, clean_stale=True)
    return updated


def _check_readable_size(path: Path, text: str) -> None:
    """Never save a profile that every later command would refuse to read."""
    from pmoplan.strict_yaml import MAX_FILE_BYTES

    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024 // 1024
        raise OutputError(
            f"{path}: the profile would grow to {size / 1024 / 1024:.1f} MB, over the {limit} MB "
            "that pmoplan reads; nothing was saved"
        )


def _ensure_folder(path: Path) -> None:
    folder = Path(os.path.realpath(path)).parent
    if folder.is_dir():
        return
    try:
        folder.mkdir(parents=True, mode=NEW_FOLDER_MODE)
    except OSError as error:
        raise OutputError(f"{path}: cannot create folder {folder}: {error.strerror or error}") from None


def snapshot_from_result(result: AssessmentResult, answers: dict[str, Answer], taken_on: date) -> Snapshot:
    """The snapshot to store for an assessment taken on ``taken_on``."""
    gaps = {g.skill: max(g.gap, g.next_gap or 0) for g in result.gaps}
    return Snapshot(
        taken_on=taken_on,
        level=result.level,
        confidence=result.confidence,
        ratings=dict(result.ratings),
        gaps={skill: points for skill, points in gaps.items() if points > 0},
        answers=dict(answers),
        suggested_level=result.suggested_level,
        confirmed=result.confirmed,
        experience=result.experience,
    )


def add_snapshot(profile: Profile | None, snapshot: Snapshot) -> Profile:
    """A new profile with ``snapshot`` appended (earlier snapshots are kept as they were)."""
    base = profile if profile is not None else Profile()
    return base.model_copy(update={"snapshots": [*base.snapshots, snapshot]})


def record_completed(profile: Profile | None, catalogue: Catalogue, course_id: str, on: date | None) -> Profile:
    """A new profile with ``course_id`` (and, for a combined course, its parts) completed ``on``.

    An identical record (same course, same date) is not added twice; a different date is a
    retake and is kept as well. A dated course also logs the credits it earns under the
    renewal schemes of the certificates the person holds (PDUs towards a PMP, for example).
    """
    course = catalogue.course(course_id)  # an unknown id is an error that suggests the closest
    base = profile if profile is not None else Profile()
    completed = list(base.completed)
    for done_id in (course.id, *course.includes):
        record = CompletedCourse(course_id=done_id, completed_on=on)
        if record not in completed:
            completed.append(record)
    cpd = list(base.cpd)
    if on is not None:
        from pmoplan.renewals import credits_from_course

        cpd.extend(e for e in credits_from_course(catalogue, course.id, on, completed) if e not in cpd)
    return base.model_copy(update={"completed": completed, "cpd": cpd})


def log_cpd(profile: Profile | None, entry: CpdEntry) -> Profile:
    """A new profile with ``entry`` added to the CPD log (an identical entry is not added twice)."""
    base = profile if profile is not None else Profile()
    if entry in base.cpd:
        return base
    return base.model_copy(update={"cpd": [*base.cpd, entry]})


def recorded_dates(profile: Profile | None, course_id: str) -> list[date | None]:
    """The dates ``course_id`` is recorded as completed on, in file order (``None``: undated)."""
    if profile is None:
        return []
    return [record.completed_on for record in profile.completed if record.course_id == course_id]


def remove_completed(profile: Profile, course_id: str, on: date | None = None) -> Profile:
    """A new profile without the records of ``course_id`` (only the one dated ``on``, if given).

    Raises :class:`PmoplanError` when there is no such record, so a typo changes nothing.
    """
    kept = [r for r in profile.completed if not (r.course_id == course_id and (on is None or r.completed_on == on))]
    if len(kept) == len(profile.completed):
        dated = f" on {on.isoformat()}" if on is not None else ""
        raise PmoplanError(f"{course_id} is not recorded as completed{dated}; nothing was changed")
    return profile.model_copy(update={"completed": kept})


def latest_snapshot(profile: Profile) -> Snapshot | None:
    """The snapshot with the latest date (the last recorded one among equal dates)."""
    if not profile.snapshots:
        return None
    return max(enumerate(profile.snapshots), key=lambda pair: (pair[1].taken_on, pair[0]))[1]


def plan_inputs(profile: Profile) -> tuple[int, dict[str, int], list[CompletedCourse]]:
    """What the planner takes from a profile: level, gaps (skill → points) and completed courses.

    Level and gaps come from the latest snapshot; only positive gaps are returned.
    """
    latest = latest_snapshot(profile)
    if latest is None:
        raise PmoplanError("the profile has no assessment yet; run 'pmoplan assess' first")
    gaps = {skill: points for skill, points in latest.gaps.items() if points > 0}
    return latest.level, gaps, list(profile.completed)


def assessed_gaps(profile: Profile) -> dict[str, int]:
    """Every skill rated in the latest snapshot with its gap, 0 where there is none.

    A zero says "assessed, no gap", so the planner takes the profile's gaps as the whole truth
    and does not invent gaps from the difference between levels.
    """
    latest = latest_snapshot(profile)
    if latest is None:
        return {}
    return {skill: latest.gaps.get(skill, 0) for skill in latest.ratings}


def add_manager_review(profile: Profile | None, review: ManagerReview) -> Profile:
    """A new profile with the manager's ``review`` appended beside the self-assessments.

    Raises :class:`PmoplanError` when there is no self-assessment to put it beside: the
    manager's view is a second opinion, and the person's level comes from their own assessment.
    """
    if profile is None or not profile.snapshots:
        raise PmoplanError(NOT_SELF_ASSESSED)
    return profile.model_copy(update={"manager_reviews": [*profile.manager_reviews, review]})


NOT_SELF_ASSESSED = (
    "no self-assessment yet; the manager's ratings are kept beside the person's own, so they assess first"
)


def latest_manager_review(profile: Profile) -> ManagerReview | None:
    """The manager's review with the latest date (the last recorded one among equal dates)."""
    if not profile.manager_reviews:
        return None
    return max(enumerate(profile.manager_reviews), key=lambda pair: (pair[1].taken_on, pair[0]))[1]


def latest_experience(profile: Profile) -> tuple[Experience, date] | None:
    """The experience from the latest snapshot that has it, and the date it was given."""
    dated = [s for s in profile.snapshots if s.experience is not None]
    if not dated:
        return None
    latest = max(enumerate(dated), key=lambda pair: (pair[1].taken_on, pair[0]))[1]
    assert latest.experience is not None  # filtered above
    return latest.experience, latest.taken_on


@dataclass(frozen=True)
class HistoryStep:
    """One snapshot and what changed since the one before it (in date order)."""

    taken_on: date
    level: int
    confidence: str
    gaps: dict[str, int]
    level_change: int | None  # None for the first snapshot
    gap_changes: dict[str, int]  # skill → change in points (negative = gap closing); only changes


def history(profile: Profile) -> list[HistoryStep]:
    """The snapshots in date order, each with its change in level and in each gap."""
    ordered = [s for _, s in sorted(enumerate(profile.snapshots), key=lambda pair: (pair[1].taken_on, pair[0]))]
    steps: list[HistoryStep] = []
    previous: Snapshot | None = None
    for snapshot in ordered:
        changes: dict[str, int] = {}
        if previous is not None:
            for skill in sorted(set(previous.gaps) | set(snapshot.gaps)):
                delta = snapshot.gaps.get(skill, 0) - previous.gaps.get(skill, 0)
                if delta:
                    changes[skill] = delta
        steps.append(
            HistoryStep(
                taken_on=snapshot.taken_on,
                level=snapshot.level,
                confidence=snapshot.confidence,
                gaps=dict(snapshot.gaps),
                level_change=None if previous is None else snapshot.level - previous.level,
                gap_changes=changes,
            )
        )
        previous = snapshot
    return steps

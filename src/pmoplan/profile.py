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
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pmoplan.assessment import Answer, AssessmentResult, Confidence
from pmoplan.catalogue import Catalogue
from pmoplan.errors import InputError, OutputError, PmoplanError, Problem
from pmoplan.models import Identifier, LevelNumber, Rating
from pmoplan.plan_models import CompletedCourse
from pmoplan.renewals import CpdEntry

SCHEMA_VERSION = 1
PROFILE_FILE = "profile.yaml"
NEW_PROFILE_MODE = 0o600  # personal career data: readable by its owner only
NEW_FOLDER_MODE = 0o700
_HEADER = (
    "# pmoplan profile: assessment snapshots (appended, never rewritten) and completed courses.\n"
    "# Written by pmoplan; 'pmoplan schema profile' describes every field.\n"
)


class _ProfileModel(BaseModel):
    """Profile parts: read from a file, so strict and closed like the catalogue models."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Snapshot(_ProfileModel):
    """One assessment, as it was on the day it was taken.

    ``gaps`` holds, for each skill with one, the larger of the gap against the placed level
    and against the next level: how far the person must grow to be fully ready for the next
    level. Skills without a gap are left out.
    """

    # Dates are written as text; lax parsing turns '2026-03-01' into a date and refuses 2026-02-30.
    taken_on: Annotated[date, Field(strict=False)]
    level: LevelNumber
    confidence: Confidence
    ratings: dict[Identifier, Rating]
    gaps: dict[Identifier, Annotated[int, Field(ge=1, le=5)]]
    answers: dict[Identifier, bool | int]


class Profile(_ProfileModel):
    """The profile file written by ``pmoplan assess`` and ``pmoplan done``."""

    schema_version: Literal[1] = 1
    snapshots: list[Snapshot] = Field(default_factory=list)
    completed: list[CompletedCourse] = Field(default_factory=list)
    cpd: list[CpdEntry] = Field(default_factory=list)


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


def default_profile_path() -> Path:
    """``profile.yaml`` in the user data folder (``$XDG_DATA_HOME/pmoplan`` on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("pmoplan") / PROFILE_FILE


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_profile(path: Path) -> Profile | None:
    """Read the profile at ``path``; ``None`` when there is no file there yet.

    Raises :class:`InputError` for a file that cannot be read or validated, and for one
    written by a newer pmoplan (``schema_version`` above 1).
    """
    from pmoplan.strict_yaml import load_yaml_file
    from pmoplan.validation import validate_document

    if not os.path.lexists(path) or (path.is_symlink() and not path.exists()):
        return None  # no file yet (a dangling symlink is created through on save)
    display = _display(path)
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
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    return _HEADER + body


def save_profile(path: Path, profile: Profile, *, previous: Profile | None | _Unchecked = UNCHECKED) -> None:
    """Write ``profile`` to ``path`` atomically, creating the folder (0700) if needed.

    The existing file is read first and must be a valid profile of this version, so an
    unreadable, hand-broken or newer profile is never overwritten. With ``previous`` (what
    the caller loaded earlier), a file changed on disk in the meantime is not overwritten
    either. Raises :class:`InputError` or :class:`OutputError`; on error nothing changes.
    """
    from pmoplan.atomic import atomic_write

    text = dump_profile(profile)  # serialise completely before touching the disk
    current = load_profile(path)
    if previous is not UNCHECKED and current != previous:
        raise OutputError(f"{path}: the profile changed on disk since it was read; nothing was saved, run again")
    _ensure_folder(path)
    atomic_write(path, text, new_file_mode=NEW_PROFILE_MODE)


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

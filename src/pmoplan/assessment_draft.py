"""Half-finished questionnaires: the answers so far, in a private draft file next to the profile.

Stopping ``pmoplan assess`` (Ctrl-C or end of input) never changes the profile. The answers
given so far go to ``<profile file name>.assess-draft.json`` in the profile's folder: JSON,
readable by its owner only (0600), written atomically. The next interactive ``assess`` offers
to resume from the first unanswered question; the draft is removed once an assessment is
saved, or when the person declines to resume.

A draft that cannot be read, or that no longer fits the question bank, is never an error: the
answers that still fit are kept and the rest are asked again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pmoplan.assessment import YEARS_MAX, Answer, Question, is_back
from pmoplan.errors import Interrupted, OutputError

DRAFT_SUFFIX = ".assess-draft.json"
MANAGER_DRAFT_SUFFIX = ".manager-draft.json"  # a manager's half-finished ratings of the person
DRAFT_MODE = 0o600  # answers about someone's work: readable by its owner only
FOLDER_MODE = 0o700
SCHEMA_VERSION = 1
MAX_DRAFT_BYTES = 100_000  # a real draft is about 2 kB; anything much larger is not ours


@dataclass(frozen=True)
class Draft:
    """The answers of a half-finished assessment and the day they were given."""

    saved_on: date
    answers: dict[str, Answer]


def draft_path(profile_path: Path, *, by_manager: bool = False) -> Path:
    """Where the draft for the profile at ``profile_path`` lives (the manager's has its own)."""
    return profile_path.with_name(profile_path.name + (MANAGER_DRAFT_SUFFIX if by_manager else DRAFT_SUFFIX))


def save_draft(path: Path, answers: Mapping[str, Answer], today: date) -> None:
    """Write the answers so far to ``path`` atomically (0600, folder 0700 if created)."""
    from pmoplan.atomic import atomic_write

    text = json.dumps(
        {"schema_version": SCHEMA_VERSION, "saved_on": today.isoformat(), "answers": dict(answers)}, indent=1
    )
    folder = Path(os.path.realpath(path)).parent
    if not folder.is_dir():
        try:
            folder.mkdir(parents=True, mode=FOLDER_MODE)
        except OSError as error:
            raise OutputError(f"{path}: cannot create folder {folder}: {error.strerror or error}") from None
    atomic_write(path, text + "\n", new_file_mode=DRAFT_MODE)


def load_draft(path: Path, asked: Sequence[Question]) -> Draft | None:
    """The draft at ``path`` with only the answers that fit ``asked``; None if absent or unusable."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_DRAFT_BYTES + 1)
    except OSError:  # absent, or unreadable: either way there is nothing to resume
        return None
    if len(raw) > MAX_DRAFT_BYTES:
        return None
    try:
        document = json.loads(raw.decode("utf-8"))
        saved_on = date.fromisoformat(document["saved_on"])
        stored = document["answers"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(document, dict) or document.get("schema_version") != SCHEMA_VERSION:
        return None
    if not isinstance(stored, dict):
        return None
    answers = {q.id: stored[q.id] for q in asked if q.id in stored and _fits(q, stored[q.id])}
    return Draft(saved_on=saved_on, answers=answers) if answers else None


def _fits(question: Question, value: object) -> bool:
    """Whether a stored value is a valid answer to ``question`` (booleans, ratings, months)."""
    if question.kind == "level":
        return isinstance(value, bool)
    if isinstance(value, bool) or not isinstance(value, int):
        return False
    low, high = (0, YEARS_MAX * 12) if question.kind == "experience" else question.scale
    return low <= value <= high


def remove_draft(path: Path) -> None:
    """Delete the draft at ``path`` if there is one; raise :class:`OutputError` if it cannot be."""
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except OSError as error:
        raise OutputError(f"{path}: cannot remove the assessment draft: {error.strerror or error}") from None


def offer_resume(
    draft: Draft,
    total: int,
    read_line: Callable[[], str],
    write: Callable[[str], None],
    *,
    what: str = "a self-assessment",
) -> bool:
    """Ask whether to resume the draft of ``what``; Enter or y resumes, n starts again.

    End of input or Ctrl-C raises :class:`Interrupted`; the draft is left as it was.
    """
    count = len(draft.answers)
    write(f"You stopped {what} on {draft.saved_on.isoformat()} after answering {count} of {total} questions.\n")
    try:
        while True:
            write("Resume where you stopped? [Y/n] ")
            typed = read_line().strip().casefold()
            if typed in ("", "y", "yes"):
                return True
            if typed in ("n", "no"):
                return False
            if is_back(typed):
                write("  There is no earlier question.\n")
                continue
            write("  answer y to resume or n to start again.\n")
    except (EOFError, KeyboardInterrupt):
        write("\n")
        raise Interrupted("assessment cancelled; your draft answers are kept") from None

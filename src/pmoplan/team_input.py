"""Reading a team: a CSV file, a YAML list of people, or a folder of profiles.

All three give the same list of :class:`~pmoplan.team.TeamMember`, in file order (a folder: in
file-name order). Nothing is half-read: any problem raises :class:`~pmoplan.errors.InputError`
naming the file and line, and no team is returned.

**CSV** (docs/bad-inputs.md, section B). UTF-8 with or without a BOM, or UTF-16 with a BOM
(Excel's "Unicode Text"); anything else is refused with the line and column of the first bad
byte, never guessed. Comma-separated unless ``--delimiter`` says otherwise; a header of one
column containing ``;``, a tab or ``|`` is refused with the ``--delimiter`` to use. Column names
are compared after trimming, case-folding and turning ``-`` and spaces into ``_``.

=================  ========  ===========================================================
column             required  content
=================  ========  ===========================================================
id                 yes       unique per person (compared case-insensitively)
level              yes       current level, 1-4
name               no        shown in reports; never needed
target_level       no        1-4, not below ``level`` (default: one above, at most 4)
completed          no        ``ID[@YYYY-MM-DD];...`` courses already done
focus              no        ``SKILL;...`` skills to develop first (ids or names)
gaps               no        ``SKILL:POINTS;...`` skill gaps (SKILL: an id or a name)
days_per_year      no        training days per year (default 8)
budget_per_year    no        the person's own yearly budget (default none)
experience_years   no        years in project or PMO roles (checks PMP, PMI-PMOCP...)
=================  ========  ===========================================================

Refused, each with its line number: a duplicate, missing, unnamed or unknown column; a row
with more or fewer fields than the header (the line a record *starts* on, which stays right
after quoted fields with line breaks); an unterminated quote; a field over 128 KiB; control
characters; a level outside 1-4; unknown course or skill ids (with a suggestion); impossible
dates; the same person twice (both lines named). An empty file and a file with a header but
no people are errors too: a team plan of nobody is almost certainly the wrong file. Rows whose
cells are all empty are skipped. Cells that look like spreadsheet formulas are read as text
(exports neutralise them).

**YAML**: a list of mappings with the same fields (``completed``, ``focus`` as lists, ``gaps``
as a mapping), read by the strict loader (:mod:`pmoplan.strict_yaml`, docs/bad-inputs.md section A).

**Folder**: every ``*.yaml`` profile written by ``pmoplan assess``; the file name (without
``.yaml``) is the person's id.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmoplan.errors import InputError, PmoplanError, Problem, UnknownIdError, suggest
from pmoplan.models import DEFAULT_DAYS_PER_YEAR, Experience, TeamRecord
from pmoplan.plan_models import CompletedCourse
from pmoplan.strict_yaml import Located, parse_yaml, read_text
from pmoplan.team import TeamMember

if TYPE_CHECKING:
    from pmoplan.catalogue import Catalogue
    from pmoplan.team_opinions import FolderViews

# A team of 100,000 people is a few MB of CSV; this only stops a wrong file (a disk image).
MAX_TEAM_BYTES = 200 * 1024 * 1024
MAX_PROBLEMS = 1000
DELIMITERS = {",": ",", ";": ";", "|": "|", "tab": "\t", "\\t": "\t", "\t": "\t"}

REQUIRED_COLUMNS = ("id", "level")
OPTIONAL_COLUMNS = (
    "name",
    "target_level",
    "completed",
    "focus",
    "gaps",
    "days_per_year",
    "budget_per_year",
    "experience_years",
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

_COMPLETED = re.compile(r"^(?P<id>[a-z0-9][a-z0-9-]*)(?:@(?P<date>\d{4}-\d{2}-\d{2}))?$")
_GAP = re.compile(r"^(?P<skill>[^:]*[^:\s])\s*:\s*(?P<points>[0-9]{1,2})$")  # a skill id or name
_LINE_BREAKS = re.compile(r"[\r\n\t]")
_DEFAULT_DAYS = DEFAULT_DAYS_PER_YEAR


def parse_delimiter(value: str | None) -> str | None:
    """``,`` ``;`` ``|`` or ``tab``; None for the default comma; ValueError for anything else."""
    if value is None:
        return None
    if value in DELIMITERS:
        return DELIMITERS[value]
    raise ValueError(f"{value!r} is not a delimiter; use ',', ';', '|' or 'tab'")


def display_path(path: Path) -> str:
    """How a team file is named in messages: relative to the working folder where it can be."""
    # abspath, not resolve(): a symlink is named as given (also a broken one), and a loop cannot raise.
    try:
        return str(Path(os.path.abspath(path)).relative_to(os.path.abspath(Path.cwd())))
    except ValueError:
        return str(path)


# --- shared field checks ------------------------------------------------------------------


@dataclass
class _Checker:
    """Turns raw values into checked member fields; every problem goes to ``report``."""

    catalogue: Catalogue
    report: Callable[[str, str], None]  # (field path, message)
    course_ids: dict[str, None]
    skill_ids: dict[str, None]
    # One shared (frozen) record per (course, date): 100,000 people with 50 completed courses
    # each then cost a tuple of pointers per person, not 50 model instances.
    records: dict[tuple[str, date | None], CompletedCourse] = field(default_factory=dict)

    def intern(self, course_id: str, on: date | None) -> CompletedCourse:
        """The shared record for ``course_id`` completed ``on``."""
        key = (course_id, on)
        found = self.records.get(key)
        if found is None:
            found = self.records[key] = CompletedCourse(course_id=sys.intern(course_id), completed_on=on)
        return found

    @classmethod
    def of(cls, catalogue: Catalogue, report: Callable[[str, str], None]) -> _Checker:
        return cls(
            catalogue,
            report,
            dict.fromkeys(c.id for c in catalogue.courses),
            dict.fromkeys(s.id for s in catalogue.skills),
        )

    def completed(self, field: str, values: list[str]) -> list[CompletedCourse]:
        parsed = []
        for value in values:
            match = _COMPLETED.match(value)
            if match is None:
                self.report(field, f"{value!r} is not ID or ID@YYYY-MM-DD")
                continue
            on = None
            if match["date"]:
                try:
                    on = date.fromisoformat(match["date"])
                except ValueError:
                    self.report(field, f"{value!r} has an impossible date")
                    continue
            if match["id"] not in self.course_ids:
                self.report(field, f"unknown course '{match['id']}'{suggest(match['id'], self.course_ids)}")
                continue
            parsed.append(self.intern(match["id"], on))
        return parsed

    def skills(self, field: str, values: list[str]) -> list[str]:
        """The ids of ``values`` (ids or names, any case); each unknown one is reported."""
        known = []
        for skill in values:
            if skill in self.skill_ids:
                known.append(skill)
                continue
            try:
                known.append(self.catalogue.skill(skill).id)
            except UnknownIdError as error:
                self.report(field, str(error))
        return known

    def target(self, level: int, target: int | None) -> int:
        if target is None:
            return min(level + 1, 4)
        if target < level:
            self.report("target_level", f"target level {target} is below the current level {level}")
        return target


def _too_many(problems: list[Problem]) -> bool:
    return len(problems) >= MAX_PROBLEMS


def _raise(problems: list[Problem]) -> None:
    """Raise the first problem (in file order), saying how many more there are."""
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    first = problems[0]
    more = len(problems) - 1
    if more:
        counted = f"{more}+" if len(problems) >= MAX_PROBLEMS else str(more)
        noun = "problem" if more == 1 else "problems"
        first = Problem(
            first.file,
            f"{first.message} (and {counted} more {noun} in this file)",
            first.line,
            first.column,
            first.path,
        )
    raise InputError([first])


# --- CSV ----------------------------------------------------------------------------------


def read_team_csv(
    path: Path, catalogue: Catalogue, *, delimiter: str | None = None, display: str | None = None
) -> list[TeamMember]:
    """Read a team CSV (see the module docstring for the columns and every check)."""
    name = display or display_path(path)
    text = read_text(path, name, max_bytes=MAX_TEAM_BYTES)
    return parse_team_csv(text, name, catalogue, delimiter=delimiter)


def parse_team_csv(text: str, display: str, catalogue: Catalogue, *, delimiter: str | None = None) -> list[TeamMember]:
    """Parse team CSV text; see :func:`read_team_csv`."""
    if not text.strip():
        raise InputError([Problem(display, "empty file (expected a header line: id,level,...)")])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or ",", strict=True)
    rows = _records(reader, display)
    header_line, header = next(rows, (0, []))
    columns = _check_header(header, header_line, display, delimiter)
    return _CsvPeople(display, catalogue, columns, len(header)).read(rows, header_line)


def _records(reader: Any, display: str) -> Any:
    """Yield ``(line the record starts on, fields)`` for every non-blank record."""
    previous = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            start = previous + 1
            message = str(error)
            if "unexpected end of data" in message:
                message = f"unterminated quoted field (record starting at line {start})"
            elif "field larger than field limit" in message:
                message = f"field larger than {csv.field_size_limit() // 1024} KiB (record starting at line {start})"
            else:
                message = f"malformed CSV: {message} (record starting at line {start}, error at line {reader.line_num})"
            raise InputError([Problem(display, message, start)]) from None
        start = previous + 1
        previous = reader.line_num
        if any(cell.strip() for cell in row):
            yield start, row


def _normalise(column: str) -> str:
    return column.strip().casefold().replace("-", "_").replace(" ", "_")


def _check_header(header: list[str], line: int, display: str, delimiter: str | None) -> dict[str, int]:
    def fail(message: str) -> InputError:
        return InputError([Problem(display, message, line or 1)])

    if not header:
        raise InputError([Problem(display, "empty file (only blank lines)")])
    if len(header) == 1:
        for sign, option in ((";", "';'"), ("\t", "tab"), ("|", "'|'"), (",", "','")):
            if sign in header[0] and sign != (delimiter or ","):
                shown = "a tab" if sign == "\t" else f"'{sign}'"
                raise fail(f"header has 1 column and contains {shown}; use --delimiter {option}")
    names = [_normalise(column) for column in header]
    seen: dict[str, int] = {}
    for index, column in enumerate(names, start=1):
        if not column:
            raise fail(f"column {index} has no name")
        if column in seen:
            raise fail(f"duplicate column '{column}' (columns {seen[column]} and {index})")
        seen[column] = index
    expected = f"required: {', '.join(REQUIRED_COLUMNS)}; optional: {', '.join(OPTIONAL_COLUMNS)}"
    unknown = [column for column in names if column not in COLUMNS]
    if unknown:
        hint = suggest(unknown[0], COLUMNS)
        raise fail(f"unknown column '{unknown[0]}'{hint}; found: {', '.join(names)}; {expected}")
    missing = [column for column in REQUIRED_COLUMNS if column not in seen]
    if missing:
        listed = ", ".join(f"'{column}'" for column in missing)
        raise fail(f"missing column {listed}; found: {', '.join(names)}; {expected}")
    return {column: index - 1 for column, index in seen.items()}


class _CsvPeople:
    """The rows of a team CSV turned into members, with caches for the repetitive columns."""

    place = "line"  # what a row's number counts: lines of a file, rows of a sheet

    def __init__(self, display: str, catalogue: Catalogue, columns: dict[str, int], width: int) -> None:
        self.display = display
        self.columns = columns
        self.width = width
        self.problems: list[Problem] = []
        self.line = 0
        self.checker = _Checker.of(catalogue, self._report)
        # Many people share the same completed/focus/gaps cells: parse each distinct text once.
        self.cache: dict[tuple[str, str], tuple[Any, list[tuple[str, str]]]] = {}

    def _report(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.display, message, self.line, None, field))

    def _cached(self, field: str, text: str, parse: Callable[[str], Any]) -> Any:
        key = (field, text)
        hit = self.cache.get(key)
        if hit is None:
            found: list[tuple[str, str]] = []
            report = self.checker.report
            self.checker.report = lambda where, message: found.append((where, message))
            try:
                hit = self.cache[key] = (parse(text), found)
            finally:
                self.checker.report = report
        for where, message in hit[1]:
            self._report(where, message)
        return hit[0]

    def read(self, rows: Any, header_line: int) -> list[TeamMember]:
        members: list[TeamMember] = []
        first_line: dict[str, int] = {}
        col = self.columns
        for line, row in rows:
            self.line = line
            if len(row) != self.width:
                self._report_plain(f"expected {self.width} fields, got {len(row)}")
                if _too_many(self.problems):
                    break
                continue
            member = self._member(row, col)
            if member is None:
                if _too_many(self.problems):
                    break
                continue
            key = member.id.casefold()
            if key in first_line:
                self._report("id", f"duplicate person '{member.id}' (first at {self.place} {first_line[key]})")
            else:
                first_line[key] = line
            members.append(member)
        if self.problems:
            _raise(self.problems)
        if not members:
            raise InputError([Problem(self.display, "no people in the file, only a header", header_line)])
        return members

    def _report_plain(self, message: str) -> None:
        self.problems.append(Problem(self.display, message, self.line))

    def _member(self, row: list[str], col: dict[str, int]) -> TeamMember | None:
        before = len(self.problems)
        person = row[col["id"]].strip()
        if not person:
            self._report("id", "empty id")
        elif len(person) > 200 or _LINE_BREAKS.search(person):
            self._report("id", "an id must be one line of at most 200 characters")
        level = self._level("level", row[col["level"]])
        name = (row[col["name"]].strip() or None) if "name" in col else None
        if name is not None and len(name) > 200:
            self._report("name", "a name must be at most 200 characters")
        target = self._level("target_level", row[col["target_level"]], optional=True) if "target_level" in col else None
        completed = self._list("completed", row, col, self.checker.completed)
        focus = self._list("focus", row, col, self.checker.skills)
        gaps = self._cached("gaps", row[col["gaps"]].strip(), self._gaps) if "gaps" in col else ()
        days = self._number("days_per_year", row, col, high=100)
        budget = self._number("budget_per_year", row, col, high=None)
        experience = self._number("experience_years", row, col, high=60)
        if level is None or len(self.problems) > before:
            return None
        return TeamMember(
            id=person,
            name=name,
            level=level,
            target_level=self.checker.target(level, target),
            completed=completed,
            focus=focus,
            gaps=gaps,
            days_per_year=_DEFAULT_DAYS if days is None else days,
            budget_per_year=budget,
            experience_months=None if experience is None else round(experience * 12),
        )

    def _level(self, field: str, text: str, *, optional: bool = False) -> int | None:
        value = text.strip()
        if optional and not value:
            return None
        if value in {"1", "2", "3", "4"}:
            return int(value)
        self._report(field, f"expected a level from 1 to 4, got {value!r}")
        return None

    def _list(self, field: str, row: list[str], col: dict[str, int], parse: Callable[[str, list[str]], Any]) -> Any:
        if field not in col:
            return ()
        text = row[col[field]].strip()
        if not text:
            return ()
        return self._cached(
            field, text, lambda t: tuple(parse(field, [part.strip() for part in t.split(";") if part.strip()]))
        )

    def _gaps(self, text: str) -> tuple[tuple[str, int], ...]:
        gaps: dict[str, int] = {}
        for part in (p.strip() for p in text.split(";")):
            if not part:
                continue
            match = _GAP.match(part)
            if match is None or int(match["points"]) > 5:
                self.checker.report("gaps", f"{part!r} is not SKILL:POINTS (points 0-5)")
                continue
            for skill_id in self.checker.skills("gaps", [match["skill"]]):
                gaps[skill_id] = int(match["points"])
        return tuple(gaps.items())

    def _number(self, field: str, row: list[str], col: dict[str, int], *, high: float | None) -> float | None:
        if field not in col:
            return None
        text = row[col[field]].strip()
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not (value >= 0 and (high is None or value <= high)) or value == float("inf"):
            limit = f"0 to {high:g}" if high is not None else "0 or more"
            self._report(field, f"expected a number from {limit}, got {text!r}")
            return None
        return value


# --- YAML ---------------------------------------------------------------------------------


def read_team_yaml(path: Path, catalogue: Catalogue, *, display: str | None = None) -> list[TeamMember]:
    """Read a team YAML file: a list of people (see :class:`TeamRecord`)."""
    name = display or display_path(path)
    document = parse_yaml(read_text(path, name, max_bytes=MAX_TEAM_BYTES), name)
    return team_from_document(document, catalogue)


def team_from_document(document: Located, catalogue: Catalogue) -> list[TeamMember]:
    """Validate a parsed team YAML document into members, every problem located."""
    from pydantic import TypeAdapter, ValidationError

    from pmoplan.validation import problems_from_validation

    if document.value is None:
        raise InputError([Problem(document.file, "file is empty (expected a list of people)", 1, 1)])
    if not isinstance(document.value, list):
        found = "a mapping" if isinstance(document.value, dict) else repr(document.value)
        raise InputError([Problem(document.file, f"expected a list of people at the top level, found {found}", 1, 1)])
    if not document.value:
        raise InputError([Problem(document.file, "no people in the file (an empty list)", 1, 1)])
    try:
        records = TypeAdapter(list[TeamRecord]).validate_python(document.value)
    except ValidationError as error:
        _raise(problems_from_validation(error, document, TeamRecord))
        raise AssertionError("unreachable") from None
    problems: list[Problem] = []
    members: list[TeamMember] = []
    first: dict[str, int] = {}
    current = [0]

    def report(field: str, message: str) -> None:
        problems.append(document.problem((current[0], field), message))

    checker = _Checker.of(catalogue, report)
    for index, record in enumerate(records):
        current[0] = index
        completed = checker.completed("completed", record.completed)
        focus = checker.skills("focus", record.focus)
        gaps = {known: points for skill, points in record.gaps.items() for known in checker.skills("gaps", [skill])}
        target = checker.target(record.level, record.target_level)
        key = record.id.casefold()
        if key in first:
            line = (document.position((first[key], "id")) or (0, 0))[0]
            report("id", f"duplicate person '{record.id}' (first at line {line})")
        else:
            first[key] = index
        members.append(
            TeamMember(
                id=record.id,
                name=record.name,
                level=record.level,
                target_level=target,
                completed=tuple(completed),
                focus=tuple(focus),
                gaps=tuple(gaps.items()),
                days_per_year=float(record.days_per_year),
                budget_per_year=record.budget_per_year,
                experience_months=None if record.experience_years is None else round(record.experience_years * 12),
            )
        )
        if _too_many(problems):
            break
    if problems:
        _raise(problems)
    return members


# --- a folder of profiles -----------------------------------------------------------------

PROFILE_SUFFIXES = (".yaml", ".yml")


def read_team_folder(folder: Path, catalogue: Catalogue, *, views: FolderViews | None = None) -> list[TeamMember]:
    """Read every profile in ``folder`` (file-name order); the file name is the person's id.

    With ``views``, each person's own latest ratings, and their manager's latest ratings where a
    manager rated them (``pmoplan assess --by manager``), are collected into it by id.
    """
    from pmoplan.profile import assessed_gaps, latest_experience, latest_manager_review, load_profile, plan_inputs

    display = display_path(folder)
    try:
        # A broken symlink is kept in the list so that it is reported, not silently left out.
        files = sorted(
            p for p in folder.iterdir() if p.suffix.casefold() in PROFILE_SUFFIXES and (p.is_file() or p.is_symlink())
        )
    except OSError as error:
        raise InputError([Problem(display, f"cannot list the folder: {error.strerror or error}")]) from None
    if not files:
        raise InputError([Problem(display, "no profiles (*.yaml) in the folder")])
    members: list[TeamMember] = []
    first: dict[str, str] = {}
    problems: list[Problem] = []
    current = [display]

    def report(field: str, message: str) -> None:
        problems.append(Problem(current[0], message, None, None, field))

    checker = _Checker.of(catalogue, report)
    for file in files:
        shown = current[0] = display_path(file)
        if file.is_symlink() and not file.exists():
            raise InputError([Problem(shown, f"broken symbolic link (to {os.readlink(file)})")])
        profile = load_profile(file)
        if profile is None:
            raise InputError([Problem(shown, "no such profile")])
        try:
            level, gaps, completed = plan_inputs(profile)
            if not gaps:
                # Assessed with no gap at all: say so with every skill at 0, or the planner would fall
                # back to the step between two levels and invent gaps for a senior person.
                gaps = assessed_gaps(profile)
        except PmoplanError as error:  # e.g. a profile without an assessment yet
            raise InputError([Problem(shown, str(error))]) from None
        for course in completed:
            if course.course_id not in checker.course_ids:
                report(
                    "completed", f"unknown course '{course.course_id}'{suggest(course.course_id, checker.course_ids)}"
                )
        known_gaps = {known: points for skill, points in gaps.items() for known in checker.skills("gaps", [skill])}
        person = unicodedata.normalize("NFC", file.stem)
        if not person.isprintable() or any("\udc80" <= char <= "\udcff" for char in person):
            # The file name is the person's id, and ids go into JSON, CSV and tables as text.
            raise InputError(
                [Problem(shown, "file name is not valid UTF-8 text or holds control characters; rename it")]
            )
        if person.casefold() in first:
            report("id", f"duplicate person '{person}' (also {first[person.casefold()]})")
        first[person.casefold()] = shown
        if problems:
            raise InputError([problems[0]])
        if views is not None:
            views.collect(person, profile.snapshots, latest_manager_review(profile), checker.skill_ids)
        name = getattr(profile, "name", None)
        members.append(
            TeamMember(
                id=person,
                name=name if isinstance(name, str) and name else None,
                level=level,
                target_level=checker.target(level, None),
                completed=tuple(checker.intern(c.course_id, c.completed_on) for c in completed),
                gaps=tuple(known_gaps.items()),
                experience_months=_reported_months(latest_experience(profile)),
            )
        )
    return members


def _reported_months(found: tuple[Experience, date] | None) -> int | None:
    """Months in project-related roles as the profile's latest assessment reported them."""
    return None if found is None else found[0].project_months

"""Price sheets: every course offering as CSV for an L&D team to fill in, and applying it back (pure).

``pmoplan prices export`` writes one row per offering with its current price. A course without
offerings gets one row with an empty ``mode`` showing its headline price (course, else exam); such
a row is read-only: to price that course, fill in a row with a mode.

Applying a sheet (``--prices FILE``, or ``prices.csv`` in ``--data-dir``): a row with a mode is a
whole offering, validated like one in ``courses.yaml``. It replaces the course's offering with the
same mode and provider, or is added. Offerings the sheet does not mention stay as they are.
Every bad cell is reported with its line and column name; nothing is applied if any row is bad.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from pmoplan.catalogue import Catalogue
from pmoplan.errors import InputError, Problem, suggest
from pmoplan.models import Course, Offering

COLUMNS = (
    "course_id",
    "title",
    "mode",
    "provider",
    "days",
    "price",
    "price_high",
    "member_price",
    "member_price_high",
    "member_of",
    "currency",
    "vat",
    "seen",
    "source",
)
REQUIRED = ("course_id", "mode", "price", "currency", "seen", "source")
_NUMBER_COLUMNS = ("days", "price", "price_high", "member_price", "member_price_high")
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")
MAX_SHEET_BYTES = 20 * 1024 * 1024


def _plain(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _headline(course: Course) -> float | None:
    return course.cost if course.cost is not None else course.exam_cost


def sheet_rows(catalogue: Catalogue) -> list[list[str]]:
    """The rows of ``pmoplan prices export``: one per offering, or one headline row per course without."""
    rows = []
    for course in catalogue.courses:
        if not course.offerings:
            price = _headline(course)
            currency = course.currency if price is not None else ""
            rows.append(
                [course.id, course.title, "", "", "", _plain(price), "", "", "", "", currency or "", "", "", ""]
            )
            continue
        for o in course.offerings:
            rows.append(
                [
                    course.id,
                    course.title,
                    o.mode,
                    o.provider or "",
                    _plain(o.days),
                    _plain(o.price),
                    _plain(o.price_high),
                    _plain(o.member_price),
                    _plain(o.member_price_high),
                    o.member_of or "",
                    o.currency or "",
                    o.vat,
                    o.seen,
                    o.source,
                ]
            )
    return rows


def export_sheet(catalogue: Catalogue) -> str:
    """The price sheet as Excel-safe CSV text."""
    from pmoplan.csv_safety import to_csv

    return to_csv(list(COLUMNS), sheet_rows(catalogue))


def read_sheet(path: Path, display: str, catalogue: Catalogue) -> Catalogue:
    """Apply the price sheet at ``path`` to ``catalogue``; raises :class:`InputError` for any bad row."""
    from pmoplan.strict_yaml import read_text

    return apply_sheet(read_text(path, display, max_bytes=MAX_SHEET_BYTES), display, catalogue)


def apply_sheet(text: str, display: str, catalogue: Catalogue) -> Catalogue:
    """Apply price-sheet CSV ``text`` to ``catalogue`` (see the module docstring)."""
    records = _records(text.removeprefix("\ufeff"), display)
    if not records:
        raise InputError([Problem(display, "empty price sheet (expected a header line: " + ",".join(COLUMNS) + ")")])
    header_line, header = records[0]
    columns = _columns(header, header_line, display)
    problems: list[Problem] = []
    changes: dict[str, list[tuple[int, Offering]]] = {}
    seen_keys: dict[tuple[str, str, str], int] = {}
    for line, cells in records[1:]:
        row = {name: cells[index].strip() if index < len(cells) else "" for name, index in columns.items()}
        if len(cells) > len(header):
            problems.append(Problem(display, f"{len(cells)} cells, the header has {len(header)}", line))
            continue
        found = _row(row, line, display, catalogue, problems)
        if found is None:
            continue
        key = (row["course_id"], found.mode, found.provider or "")
        if key in seen_keys:
            message = (
                f"duplicate row for {key[0]} {key[1]}{' ' + key[2] if key[2] else ''} (first at line {seen_keys[key]})"
            )
            problems.append(Problem(display, message, line))
            continue
        seen_keys[key] = line
        changes.setdefault(row["course_id"], []).append((line, found))
    if problems:
        raise InputError(sorted(problems, key=lambda p: p.line or 0))
    courses = [_applied(course, [o for _, o in changes.get(course.id, [])]) for course in catalogue.courses]
    return replace(catalogue, courses=tuple(courses))


def _records(text: str, display: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records = []
    previous = 0
    try:
        for row in reader:
            start, previous = previous + 1, reader.line_num
            if any(cell.strip() for cell in row):
                records.append((start, row))
    except csv.Error as error:
        raise InputError([Problem(display, f"malformed CSV: {error}", previous + 1)]) from None
    return records


def _columns(header: list[str], line: int, display: str) -> dict[str, int]:
    names = [cell.strip().casefold() for cell in header]
    problems = []
    for name in names:
        if name not in COLUMNS:
            problems.append(Problem(display, f"unknown column '{name}'{suggest(name, COLUMNS)}", line))
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        problems.append(Problem(display, f"duplicate column '{duplicates[0]}'", line))
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        problems.append(Problem(display, f"missing column(s): {', '.join(missing)}", line))
    if problems:
        raise InputError(problems)
    return {name: index for index, name in enumerate(names)}


def _row(
    row: dict[str, str], line: int, display: str, catalogue: Catalogue, problems: list[Problem]
) -> Offering | None:
    """The offering a row describes, or None (a headline row left unchanged, or a bad row)."""

    def bad(column: str, message: str) -> None:
        problems.append(Problem(display, message, line, None, column))

    course_id = row.get("course_id", "")
    if not catalogue.has_course(course_id):
        ids = [c.id for c in catalogue.courses]
        bad("course_id", f"unknown course '{course_id}'{suggest(course_id, ids)}" if course_id else "empty course_id")
        return None
    course = catalogue.course(course_id)
    if not row.get("mode"):
        _check_headline_row(row, course, bad)
        return None
    fields: dict[str, Any] = {}
    for name in COLUMNS[2:]:
        value = row.get(name, "")
        if value == "":
            continue
        fields[name] = float(value) if name in _NUMBER_COLUMNS and _NUMBER.fullmatch(value) else value
    offering = _validated(fields, course, bad)
    if offering is not None and offering.currency is not None and offering.currency not in catalogue.currencies:
        declared = catalogue.currencies
        message = (
            f"currency '{offering.currency}' is not declared{suggest(offering.currency, declared)}; "
            f"declared: {', '.join(declared)}"
        )
        bad("currency", message)
        return None
    return offering


def _check_headline_row(row: dict[str, str], course: Course, bad: Any) -> None:
    price = _headline(course)
    unchanged = row.get("price", "") == _plain(price) and row.get("currency", "") == (
        course.currency if price is not None else ""
    )
    others = [n for n in COLUMNS[3:] if n not in ("price", "currency") and row.get(n)]
    if not unchanged or others:
        bad("mode", "give the mode of this price (classroom, virtual, blended, distance, elearning or exam-only)")


def _validated(fields: dict[str, Any], course: Course, bad: Any) -> Offering | None:
    from pydantic import ValidationError

    existing = next(
        (o for o in course.offerings if (o.mode, o.provider or "") == (fields.get("mode"), fields.get("provider", ""))),
        None,
    )
    if existing is not None:
        # Fields the sheet does not carry (notes, includes_exam, verified) stay as they were.
        kept = existing.model_dump(include={"includes_exam", "verified", "notes"})
        fields = {**kept, **fields}
    try:
        return Offering.model_validate(fields)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            column = str(detail["loc"][0]) if detail["loc"] else "row"
            value = detail.get("input")
            message = detail["msg"]
            if column in _NUMBER_COLUMNS and isinstance(value, str):
                message = f"expected a plain number such as 1205 or 1205.50, got '{value}'"
            elif detail["type"] != "value_error" and column in fields:
                message = f"{message} (got '{fields[column]}')"
            bad(column, message.removeprefix("Value error, "))
        return None


def _applied(course: Course, rows: list[Offering]) -> Course:
    if not rows:
        return course
    offerings = list(course.offerings)
    for row in rows:
        key = (row.mode, row.provider or "")
        index = next((i for i, o in enumerate(offerings) if (o.mode, o.provider or "") == key), None)
        if index is None:
            offerings.append(row)
        else:
            offerings[index] = row
    return course.model_copy(update={"offerings": offerings})

"""Pure views of the catalogue for the ``levels``, ``courses`` and ``course`` commands.

Each function turns catalogue models into a :class:`~pmoplan.render.listing.Listing` (for the
table, CSV and Markdown renderers) or a JSON-ready dict; no printing here.
"""

from __future__ import annotations

import re
from typing import Any

from pmoplan.catalogue import Catalogue
from pmoplan.models import Course, Exam, Level, Offering, SkillArea
from pmoplan.pricing import TAUGHT_MODES
from pmoplan.render.listing import Listing, days, money


def join_sentences(parts: list[str], separator: str = "; ") -> str:
    """Join phrases that may end in a full stop without producing ``.;``."""
    return separator.join(part.rstrip().rstrip(".") for part in parts)


def level_range(levels: list[int]) -> str:
    """``1-3`` for consecutive levels, ``1, 3`` otherwise."""
    ordered = sorted(set(levels))
    if len(ordered) > 1 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{ordered[0]}-{ordered[-1]}"
    return ", ".join(str(n) for n in ordered)


def prerequisite_text(course: Course) -> str:
    """``p3o-foundation; and (a or b)``: every group must be met, one alternative per group."""
    groups = [g[0] if len(g) == 1 else "(" + " or ".join(g) + ")" for g in course.prerequisites]
    return " and ".join(groups)


def cost_text(course: Course) -> str:
    """The indicative price, else the first priced taught offering's, else an exam price, else ``-``.

    Many courses are priced only through their offerings (a CSM course sold at a range of prices):
    the listing must show what the planner will count, not ``-``.
    """
    if course.cost is not None:
        return money(course.cost, course.currency)
    taught = next((o for o in course.offerings if o.mode in TAUGHT_MODES and o.price is not None), None)
    if taught is not None and taught.price is not None:
        # A range reads "from" its low end here (the course page gives the range; budgets count the high end).
        amount = money(taught.price, taught.currency)
        return f"from {amount}" if taught.price_high not in (None, taught.price) else amount
    if course.exam_cost is not None:
        return f"{money(course.exam_cost, course.currency)} (exam)"
    exam = next((o for o in course.offerings if o.mode == "exam-only" and o.price is not None), None)
    if exam is not None:
        return f"{price_range_text(exam.price, exam.price_high, exam.currency)} (exam)"
    return "-"


def skill_label(skill: SkillArea) -> str:
    """``Benefits management (benefits)``: the name people read and the id commands take."""
    return f"{skill.name} ({skill.id})"


def skills_listing(catalogue: Catalogue) -> Listing:
    """Every skill area: id, name, description and the rating each level expects."""
    columns = ["ID", "Name", "Description", *(f"L{level.number}" for level in catalogue.levels)]
    rows = [
        [skill.id, skill.name, skill.description, *(str(level.expected[skill.id]) for level in catalogue.levels)]
        for skill in catalogue.skills
    ]
    notes = [
        "L1-L4: the rating (0-5) each level expects. Use the id or the name wherever a skill is asked for "
        "(--focus, courses --skill, a team file's focus and gaps)."
    ]
    return Listing(f"Skill areas ({len(rows)})", columns, rows, notes, no_wrap=("ID",), optional=("Description",))


def skills_document(catalogue: Catalogue) -> dict[str, Any]:
    """The JSON document of ``pmoplan skills --format json``."""
    return {
        "schema_version": 1,
        "skills": [
            {
                "id": skill.id,
                "name": skill.name,
                "description": skill.description,
                "expected": {str(level.number): level.expected[skill.id] for level in catalogue.levels},
            }
            for skill in catalogue.skills
        ],
    }


def price_range_text(low: float | None, high: float | None, currency: str | None) -> str:
    """``£900-£1,200`` for a range, ``£245`` for a figure, ``unknown`` when there is no price."""
    if low is None:
        return "unknown"
    if high is None or high == low:
        return money(low, currency)
    return f"{money(low, currency)}-{money(high, currency)}"


_VAT = {"included": "incl. VAT", "excluded": "+ VAT", "not-applicable": "no VAT", "unknown": "VAT not stated"}


def offering_text(offering: Offering, course_days: float) -> str:
    """``exam-only, 0 days: £245 (VAT not stated), seen 2026-12-01 at https://...``."""
    spent = offering.days if offering.days is not None else course_days
    head = f"{offering.mode}{', ' + offering.provider if offering.provider else ''}, {days(spent)} days"
    price = price_range_text(offering.price, offering.price_high, offering.currency)
    if offering.price is not None:
        price += f" ({_VAT[offering.vat]})"
    if offering.member_price is not None:
        member = price_range_text(offering.member_price, offering.member_price_high, offering.currency)
        price += f"; {offering.member_of} members {member}"
    checked = "" if offering.verified else ", unverified"
    return f"{head}: {price}; seen {offering.seen} at {offering.source}{checked}"


def ladder_listing(catalogue: Catalogue) -> Listing:
    """The four levels side by side."""
    rows = [
        [
            str(level.number),
            level.name,
            level.pmo_type,
            ", ".join(level.job_titles[:3]),
            str(level.typical_years) if level.typical_years else "-",
        ]
        for level in catalogue.levels
    ]
    return Listing(
        "PMO career levels",
        ["Level", "Name", "PMO type", "Typical job titles", "Typical years"],
        rows,
        notes=["Typical years and expected skill ratings are guidance, not sourced facts (marked unverified)."],
    )


def level_listing(catalogue: Catalogue, level: Level) -> Listing:
    """One level: summary facts, then the expected rating of every skill."""
    rows = [
        ["Name", level.name],
        ["Summary", level.summary],
        ["PMO type", level.pmo_type],
        ["Job titles", ", ".join(level.job_titles)],
        ["Responsibilities", join_sentences(level.responsibilities)],
        ["Typical years", str(level.typical_years) if level.typical_years else "-"],
        [
            "Source",
            level.source + ("" if level.verified else " (partly unverified: " + ", ".join(level.unverified) + ")"),
        ],
    ]
    recommended = [c for c in level.recommended_courses if catalogue.has_course(c)]
    certifications = [
        c.id
        for c in catalogue.courses
        if c.kind == "certification" and level.number in c.levels and c.id not in recommended
    ]
    # The source's recommendations come first: they are the answer to "what should I take?".
    rows.append(["Recommended for this level", ", ".join(recommended) or "-"])
    rows.append(["Other certifications for this level", ", ".join(certifications) or "-"])
    for skill in catalogue.skills:
        rating = level.expected[skill.id]
        rows.append([f"Expected: {skill_label(skill)}", f"{rating}/5 {'#' * rating}"])
    return Listing(f"Level {level.number}: {level.name}", ["Field", "Value"], rows)


def compare_listing(catalogue: Catalogue, first: Level, second: Level) -> Listing:
    """What changes between two levels: expected ratings, then courses new at the second."""
    rows = []
    for skill in catalogue.skills:
        a, b = first.expected[skill.id], second.expected[skill.id]
        change = f"+{b - a}" if b > a else (str(b - a) if b < a else "=")
        rows.append([skill_label(skill), str(a), str(b), change])
    new_courses = [
        c.id
        for c in catalogue.courses
        if second.number in c.levels and first.number not in c.levels and c.kind == "certification"
    ]
    listed = ", ".join(new_courses) or "none"
    notes = [f"Certifications suited to level {second.number} but not level {first.number}: {listed}"]
    return Listing(
        f"Level {first.number} -> level {second.number}",
        ["Skill", f"Level {first.number}", f"Level {second.number}", "Change"],
        rows,
        notes,
    )


def courses_listing(courses: list[Course], title: str = "Courses", *, show_kind: bool = True) -> Listing:
    """One row per course; the kind column is left out when the listing is of one kind."""
    columns = ["ID", "Title", *(["Kind"] if show_kind else []), "Provider", "Levels", "Days", "Cost", "Verified"]
    rows = [
        [
            c.id,
            f"{c.title} (withdrawn)" if c.withdrawn and "withdrawn" not in c.title.lower() else c.title,
            *([c.kind] if show_kind else []),
            c.provider,
            level_range(c.levels),
            days(c.days),
            cost_text(c),
            "yes" if c.verified else "no",
        ]
        for c in courses
    ]
    notes = ["Prices are indicative; check with the provider. 'Verified: no' marks facts from secondary or no sources."]
    return Listing(title, columns, rows, notes, no_wrap=("ID",), optional=("Kind", "Provider", "Verified"))


COURSE_CSV_COLUMNS = [
    "id",
    "title",
    "kind",
    "provider",
    "levels",
    "days",
    "skills",
    "prerequisites",
    "includes",
    "validity_years",
    "renewal_scheme",
    "cost",
    "exam_cost",
    "currency",
    "cost_note",
    "source",
    "verified",
    "unverified",
]


def courses_csv_rows(courses: list[Course]) -> list[list[str]]:
    """Every field of every course, flattened for a spreadsheet (lists joined with ``;``)."""

    def cell(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list):
            return ";".join("|".join(v) if isinstance(v, list) else str(v) for v in value)
        if isinstance(value, float):
            return f"{value:.2f}".rstrip("0").rstrip(".")  # 12345.67, 1000000, 0.5: never 1e+06
        return str(value)

    return [[cell(getattr(c, column)) for column in COURSE_CSV_COLUMNS] for c in courses]


def course_listing(catalogue: Catalogue, course: Course) -> Listing:
    """Everything known about one course, including what it unlocks and how it is renewed."""
    rows = [
        ["Title", course.title],
        ["Kind", course.kind],
        ["Provider", course.provider],
        ["Levels", level_range(course.levels)],
        ["Days", days(course.days)],
        ["Skills", ", ".join(skill_label(catalogue.skill(s)) for s in course.skills)],
        ["Prerequisites", prerequisite_text(course) or "none"],
    ]
    if course.prerequisite_note:
        rows.append(["Prerequisite note", course.prerequisite_note])
    if course.includes:
        rows.append(["Includes", ", ".join(course.includes)])
    if course.exam:
        rows.append(["Exam", exam_text(course.exam)])
    rows.append(["Renewal", renewal_text(catalogue, course)])
    rows.append(["Cost", cost_text(course) + (f" ({course.cost_note})" if course.cost_note else "")])
    for offering in course.offerings:
        rows.append(["Offering", offering_text(offering, course.days)])
    unlocks = catalogue.unlocks(course.id)
    rows.append(["Leads to", ", ".join(c.id for c in unlocks) or "-"])
    if course.notes:
        rows.append(["Notes", course.notes])
    rows.append(["Source", course.source])
    verified = (
        "yes"
        if course.verified
        else "no" + (f" (unverified: {', '.join(course.unverified)})" if course.unverified else "")
    )
    rows.append(["Verified", verified])
    return Listing(f"{course.id}: {course.title}", ["Field", "Value"], rows)


def exam_text(exam: Exam) -> str:
    """The exam's description, plus each structured fact it does not already state."""
    said = exam.format.casefold()
    facts = [exam.format]
    if exam.questions and not re.search(rf"\b{exam.questions}\b[^.;]*question", said):
        facts.append(f"{exam.questions} questions")
    if exam.minutes and not re.search(rf"\b{exam.minutes}\s*min", said):
        facts.append(f"{exam.minutes} minutes")
    if exam.pass_mark and exam.pass_mark.casefold() not in said:
        facts.append(f"pass mark {exam.pass_mark}")
    if exam.open_book is not None:
        book = "open book" if exam.open_book else "closed book"
        if book not in said:
            facts.append(book)
    return join_sentences(facts)


def renewal_text(catalogue: Catalogue, course: Course) -> str:
    """How long the certificate lasts and how it is renewed."""
    if course.validity_years is None:
        return course.renewal_note or "no renewal rule"
    text = f"valid {course.validity_years} years"
    scheme = catalogue.renewal_scheme(course.renewal_scheme) if course.renewal_scheme else None
    if scheme is not None:
        text += f"; {scheme.name}: " + join_sentences([r.description for r in scheme.routes], "; or ")
    if course.renewal_note:
        text += f" ({course.renewal_note})"
    return text


def course_document(catalogue: Catalogue, course: Course) -> dict[str, Any]:
    """JSON of one course, with what it unlocks and its renewal scheme (``pmoplan schema course``)."""
    from pmoplan.catalogue_documents import CourseDetail

    scheme = catalogue.renewal_scheme(course.renewal_scheme) if course.renewal_scheme else None
    unlocks = [c.id for c in catalogue.unlocks(course.id)]
    return CourseDetail(course=course, unlocks=unlocks, renewal_scheme=scheme).model_dump(mode="json")


def comparison_document(catalogue: Catalogue, first: Level, second: Level) -> dict[str, Any]:
    """JSON of what changes between two levels (``pmoplan schema level-comparison``)."""
    from pmoplan.catalogue_documents import LevelComparison, SkillChange

    changes = [
        SkillChange(skill=s.id, from_rating=first.expected[s.id], to_rating=second.expected[s.id])
        for s in catalogue.skills
    ]
    document = LevelComparison(from_level=first.number, to_level=second.number, changes=changes)
    return document.model_dump(mode="json")

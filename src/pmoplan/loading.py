"""Reading the catalogue folder: shipped data, an organisation's overlay, and cross-checks.

Files → :mod:`pmoplan.strict_yaml` → pydantic models → :class:`~pmoplan.catalogue.Catalogue`.
Every problem becomes a :class:`~pmoplan.errors.Problem` naming file, line and column.
"""

from __future__ import annotations

import difflib
import itertools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmoplan.catalogue import Catalogue
from pmoplan.errors import InputError, Problem, suggest
from pmoplan.models import Course, CourseRelations, RatesFile, RenewalScheme
from pmoplan.strict_yaml import Located, load_yaml_file, missing_reason
from pmoplan.validation import problems_from_validation, validate_document

if TYPE_CHECKING:
    # The file documents are made only when YAML is read: everyday runs use the snapshot.
    from pmoplan.catalogue_files import CoursesOverlay, LevelsFile, QuestionBank

LEVELS_FILE = "levels.yaml"
COURSES_FILE = "courses.yaml"
ASSESSMENT_FILE = "assessment.yaml"
RATES_FILE = "rates.yaml"
PRICES_FILE = "prices.csv"
SNAPSHOT_FILE = "catalogue.snapshot.json"
CATALOGUE_FILES = (LEVELS_FILE, COURSES_FILE, ASSESSMENT_FILE, RATES_FILE, PRICES_FILE, SNAPSHOT_FILE)


def shipped_data_dir() -> Path:
    """The folder of the shipped catalogue, in a wheel or in a source checkout."""
    # The package's own folder, as importlib.resources.files("pmoplan") gives it for an installed
    # package, without importing importlib.resources (and zipfile) on every run.
    packaged = Path(__file__).parent / "data"
    if (packaged / COURSES_FILE).is_file():
        return packaged
    # Editable install or source checkout: src/pmoplan/ → repository root / data.
    return Path(__file__).resolve().parents[2] / "data"


def _display(path: Path) -> str:
    """A short name for messages: relative to the working folder when inside it."""
    # abspath, not resolve(): a symlink is named as given (also a broken one), and a loop cannot raise.
    try:
        return str(Path(os.path.abspath(path)).relative_to(os.path.abspath(Path.cwd())))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class _CourseOrigin:
    document: Located
    path: tuple[str | int, ...]


def _pick(data_dir: Path | None, name: str) -> Path:
    # lexists: a broken symlink in the folder is an error to report, not a reason to fall back
    # silently to the shipped file.
    if data_dir is not None and os.path.lexists(data_dir / name):
        return data_dir / name
    return shipped_data_dir() / name


def _check_data_dir(data_dir: Path | None) -> None:
    if data_dir is None:
        return
    if not data_dir.exists():
        reason = missing_reason(data_dir, "data folder does not exist")
        raise InputError([Problem(_display(data_dir), reason)])
    if not data_dir.is_dir():
        raise InputError([Problem(_display(data_dir), "is not a folder (--data-dir expects a folder)")])


def load_catalogue(data_dir: Path | None = None, prices: Path | None = None) -> Catalogue:
    """Load levels and courses, applying the overlay in ``data_dir`` when given.

    A price sheet is applied last: ``prices.csv`` in ``data_dir``, then ``prices`` (``--prices``).
    The shipped catalogue comes from its validated snapshot when that matches the YAML byte for
    byte (see :mod:`pmoplan.catalogue_snapshot`). Raises :class:`InputError` listing every problem.
    Every catalogue file of the shipped and the given folder is an input of the run, read or not.
    """
    _record_catalogue_files(data_dir)
    catalogue = None
    if data_dir is None:
        from pmoplan.catalogue_snapshot import load_snapshot

        catalogue = load_snapshot(shipped_data_dir())
    if catalogue is None:
        catalogue = load_catalogue_from_yaml(data_dir)
    return apply_price_sheets(catalogue, data_dir, prices)


def apply_price_sheets(catalogue: Catalogue, data_dir: Path | None, prices: Path | None) -> Catalogue:
    """The catalogue with the organisation's ``prices.csv`` and then the ``--prices`` sheet applied."""
    sheets = [data_dir / PRICES_FILE] if data_dir is not None and (data_dir / PRICES_FILE).exists() else []
    if prices is not None:
        sheets.append(prices)
    if not sheets:
        return catalogue
    from pmoplan.price_sheet import read_sheet

    for sheet in sheets:
        catalogue = read_sheet(sheet, _display(sheet), catalogue)
    return catalogue


def _record_catalogue_files(data_dir: Path | None) -> None:
    """Record the catalogue files of both folders as inputs: no output may replace them."""
    from pmoplan import inputs

    folders = [shipped_data_dir()] if data_dir is None else [shipped_data_dir(), data_dir]
    inputs.record(*(folder / name for folder in folders for name in CATALOGUE_FILES))


def load_catalogue_from_yaml(data_dir: Path | None = None) -> Catalogue:
    """Load the catalogue through the strict YAML loader (never the snapshot)."""
    catalogue, problems = _load(data_dir)
    if problems or catalogue is None:
        raise InputError(problems)
    return catalogue


def validate_folder(data_dir: Path | None) -> list[Problem]:
    """Every problem in the catalogue folder (levels, courses and the question bank), sorted by file and line.

    The question bank is checked on its own when the catalogue is broken, so one run reports the
    problems of every file.
    """
    catalogue, problems = _load(data_dir)
    try:
        if catalogue is not None:
            catalogue = apply_price_sheets(catalogue, data_dir, None)
            load_question_bank(catalogue, data_dir)
        else:
            from pmoplan.catalogue_files import QuestionBank

            path = _pick(data_dir, ASSESSMENT_FILE)
            validate_document(QuestionBank, load_yaml_file(path, _display(path)))
    except InputError as error:
        problems.extend(error.problems)
    return sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.column or 0, p.path, p.message))


@dataclass(frozen=True)
class UnreadFile:
    """A file in a data folder that pmoplan does not read, and the name it probably meant."""

    path: Path
    meant: str | None


def unread_files(data_dir: Path | None) -> list[UnreadFile]:
    """YAML files in ``data_dir`` that are not read (``courses.yml``, ``level.yaml``), with the likely name."""
    if data_dir is None or not data_dir.is_dir():
        return []
    read = (LEVELS_FILE, COURSES_FILE, ASSESSMENT_FILE, RATES_FILE)
    try:
        listed = sorted(data_dir.iterdir())
    except OSError:  # an unlistable folder: the loader reports what it could not read
        return []
    found = []
    for path in listed:
        if path.suffix.casefold() not in (".yaml", ".yml") or path.name in read:
            continue
        by_stem = {Path(name).stem: name for name in read}
        close = difflib.get_close_matches(path.stem.casefold(), list(by_stem), n=1, cutoff=0.7)
        found.append(UnreadFile(path, by_stem[close[0]] if close else None))
    return found


def _load(data_dir: Path | None) -> tuple[Catalogue | None, list[Problem]]:
    from pmoplan.catalogue_files import LevelsFile

    _check_data_dir(data_dir)
    problems: list[Problem] = []
    levels_doc = courses = None
    levels_path = _pick(data_dir, LEVELS_FILE)
    try:
        levels_doc = _read_model(levels_path, LevelsFile)
    except InputError as error:
        problems.extend(error.problems)
    try:
        courses = _read_courses(data_dir)
    except InputError as error:
        problems.extend(error.problems)
    rates_path = _pick(data_dir, RATES_FILE)
    rates_doc = None
    try:
        rates_doc = _read_model(rates_path, RatesFile)
    except InputError as error:
        problems.extend(error.problems)
    if levels_doc is not None:  # checked even when courses.yaml is broken: one run, every problem
        problems.extend(_check_levels(*levels_doc))
    if levels_doc is None or courses is None or rates_doc is None:
        return None, problems
    levels, levels_located = levels_doc
    currency, currencies, schemes, course_list, origins = courses
    skill_ids = {s.id for s in levels.skills}
    problems.extend(_check_courses(course_list, origins, skill_ids, schemes))
    problems.extend(_check_currencies(course_list, origins, currencies))
    rates, rates_located = rates_doc
    problems.extend(_check_rates(rates, rates_located, currencies))
    problems.extend(_check_scheme_credits(schemes, skill_ids))
    course_ids = {c.id for c in course_list}
    if levels_path.resolve() == (shipped_data_dir() / LEVELS_FILE).resolve():
        # The shipped ladder recommends shipped courses; an organisation that excluded some (or
        # started from 'base: none') cannot edit that file, so its recommendations just shrink.
        levels = _without_missing_recommendations(levels, course_ids)
    else:
        problems.extend(_check_recommended(levels, levels_located, course_ids))
    if problems:
        return None, problems
    catalogue = Catalogue(
        skills=tuple(levels.skills),
        levels=tuple(sorted(levels.levels, key=lambda lv: lv.number)),
        courses=tuple(course_list),
        renewal_schemes=tuple(schemes.values()),
        currency=currency,
        currencies=tuple(currencies),
        rates=rates,
    )
    return catalogue, []


def _read_model(path: Path, model: Any) -> tuple[Any, Located]:
    document = load_yaml_file(path, _display(path))
    return validate_document(model, document), document


def _read_courses(
    data_dir: Path | None,
) -> tuple[Any, list[str], dict[str, RenewalScheme], list[Course], dict[str, _CourseOrigin]]:
    from pmoplan.catalogue_files import CoursesFile, CoursesOverlay

    shipped_path = shipped_data_dir() / COURSES_FILE
    overlay_path = data_dir / COURSES_FILE if data_dir is not None else None
    overlay: CoursesOverlay | None = None
    overlay_doc: Located | None = None
    if (
        overlay_path is not None
        and os.path.lexists(overlay_path)
        and os.path.realpath(overlay_path) != os.path.realpath(shipped_path)
    ):
        overlay, overlay_doc = _read_model(overlay_path, CoursesOverlay)
    courses: dict[str, Course] = {}
    origins: dict[str, _CourseOrigin] = {}
    schemes: dict[str, RenewalScheme] = {}
    currency: Any = "GBP"
    currencies: list[str] = []
    problems: list[Problem] = []
    if overlay is None or overlay.base == "shipped":
        shipped, shipped_doc = _read_model(shipped_path, CoursesFile)
        currency = shipped.currency
        currencies.extend(shipped.currencies)
        schemes.update({s.id: s for s in shipped.renewal_schemes})
        problems.extend(_add_courses(shipped.courses, shipped_doc, courses, origins, replace=False))
    if overlay is not None and overlay_doc is not None:
        currency = overlay.currency or currency
        currencies.extend(c for c in overlay.currencies if c not in currencies)
        schemes.update({s.id: s for s in overlay.renewal_schemes})
        problems.extend(_add_courses(overlay.courses, overlay_doc, courses, origins, replace=True))
        problems.extend(_apply_overrides(overlay, overlay_doc, courses))
        problems.extend(_apply_exclusions(overlay, overlay_doc, courses, origins))
    if currency not in currencies:
        # The catalogue's own currency is always a declared one.
        currencies.insert(0, currency)
    if problems:
        raise InputError(problems)
    return currency, currencies, schemes, list(courses.values()), origins


def _add_courses(
    new: list[Course],
    document: Located,
    courses: dict[str, Course],
    origins: dict[str, _CourseOrigin],
    *,
    replace: bool,
) -> list[Problem]:
    problems = []
    seen_here: dict[str, int] = {}
    for index, course in enumerate(new):
        path = ("courses", index, "id")
        if course.id in seen_here:
            first = document.position(("courses", seen_here[course.id], "id"))
            where = f" (first at line {first[0]})" if first else ""
            problems.append(document.problem(path, f"duplicate course id '{course.id}'{where}"))
            continue
        seen_here[course.id] = index
        if course.id in courses and not replace:
            problems.append(document.problem(path, f"duplicate course id '{course.id}'"))
            continue
        courses[course.id] = course
        origins[course.id] = _CourseOrigin(document, ("courses", index))
    return problems


def _apply_overrides(overlay: CoursesOverlay, document: Located, courses: dict[str, Course]) -> list[Problem]:
    from pydantic import ValidationError

    problems = []
    for course_id, changes in overlay.overrides.items():
        path = ("overrides", course_id)
        if course_id not in courses:
            problems.append(
                document.problem(path, f"unknown course '{course_id}'{suggest(course_id, courses)}", key=True)
            )
            continue
        if "id" in changes:
            problems.append(document.problem((*path, "id"), "an override cannot change a course's id", key=True))
            continue
        merged = {**courses[course_id].model_dump(), **changes}
        try:
            courses[course_id] = Course.model_validate(merged)
        except ValidationError as error:
            shifted = Located(value=None, file=document.file)
            shifted.values = {k[len(path) :]: v for k, v in document.values.items() if k[: len(path)] == path}
            shifted.keys = {k[len(path) :]: v for k, v in document.keys.items() if k[: len(path)] == path}
            shifted.values.setdefault((), document.position(path) or (1, 1))
            for problem in problems_from_validation(error, shifted, Course):
                prefix = f"overrides.{course_id}"
                problems.append(
                    Problem(
                        problem.file,
                        problem.message,
                        problem.line,
                        problem.column,
                        f"{prefix}.{problem.path}" if problem.path else prefix,
                    )
                )
    return problems


def _apply_exclusions(
    overlay: CoursesOverlay, document: Located, courses: dict[str, Course], origins: dict[str, _CourseOrigin]
) -> list[Problem]:
    problems = []
    for index, course_id in enumerate(overlay.exclude):
        if course_id not in courses:
            message = f"unknown course '{course_id}'{suggest(course_id, courses)}"
            problems.append(document.problem(("exclude", index), message))
            continue
        del courses[course_id]
        origins.pop(course_id, None)
    excluded = set(overlay.exclude)
    for index, course_id in enumerate(overlay.exclude):
        needed_by = sorted(
            c.id
            for c in courses.values()
            if course_id in c.includes
            or any(course_id in group and set(group) <= excluded for group in c.prerequisites)
        )
        if needed_by:
            message = (
                f"cannot exclude '{course_id}': {', '.join(needed_by)} "
                f"{'needs' if len(needed_by) == 1 else 'need'} it; exclude "
                f"{'it' if len(needed_by) == 1 else 'them'} too, or override the prerequisites"
            )
            problems.append(document.problem(("exclude", index), message))
    if problems:
        return problems
    for course_id, course in list(courses.items()):
        # Drop excluded alternatives from prerequisite groups that still have another option.
        groups = [[o for o in group if o not in excluded] for group in course.prerequisites]
        relations = _without(course.relations, excluded) if course.relations is not None else None
        if groups != course.prerequisites or relations != course.relations:
            courses[course_id] = course.model_copy(update={"prerequisites": groups, "relations": relations})
    return problems


def _check_levels(levels: LevelsFile, document: Located) -> list[Problem]:
    problems = []
    skill_ids: dict[str, int] = {}
    for index, skill in enumerate(levels.skills):
        if skill.id in skill_ids:
            problems.append(document.problem(("skills", index, "id"), f"duplicate skill id '{skill.id}'"))
        skill_ids[skill.id] = index
    numbers = [level.number for level in levels.levels]
    if sorted(numbers) != [1, 2, 3, 4]:
        problems.append(
            document.problem(("levels",), f"levels must be numbered 1, 2, 3 and 4 once each, found {numbers}")
        )
    for index, level in enumerate(levels.levels):
        for skill_id in level.expected:
            if skill_id not in skill_ids:
                problems.append(
                    document.problem(
                        ("levels", index, "expected", skill_id),
                        f"unknown skill '{skill_id}'{suggest(skill_id, skill_ids)}",
                        key=True,
                    )
                )
        missing = [s for s in skill_ids if s not in level.expected]
        if missing:
            problems.append(
                document.problem(
                    ("levels", index, "expected"), f"no expected rating for skill(s): {', '.join(missing)}"
                )
            )
    return problems + _check_rising(levels, document)


def _check_rising(levels: LevelsFile, document: Located) -> list[Problem]:
    """Expected ratings never fall as the level rises, unless the skill says why they may."""
    problems = []
    indexed = sorted(enumerate(levels.levels), key=lambda pair: pair[1].number)
    for skill in levels.skills:
        if skill.expected_may_fall is not None:
            continue
        for (_, lower), (index, higher) in itertools.pairwise(indexed):
            below, here = lower.expected.get(skill.id), higher.expected.get(skill.id)
            if below is not None and here is not None and here < below:
                message = (
                    f"level {higher.number} expects {skill.id} {here}, below level {lower.number}'s {below}: "
                    "expected ratings must not fall as the level rises (or give the skill 'expected_may_fall' "
                    "saying why)"
                )
                problems.append(document.problem(("levels", index, "expected", skill.id), message))
    return problems


def _without_missing_recommendations(levels: LevelsFile, course_ids: set[str]) -> LevelsFile:
    kept = [
        level.model_copy(update={"recommended_courses": [c for c in level.recommended_courses if c in course_ids]})
        for level in levels.levels
    ]
    return levels.model_copy(update={"levels": kept})


def _check_recommended(levels: LevelsFile, document: Located, course_ids: set[str]) -> list[Problem]:
    problems = []
    for index, level in enumerate(levels.levels):
        for i, course_id in enumerate(level.recommended_courses):
            if course_id not in course_ids:
                message = f"unknown course '{course_id}'{suggest(course_id, course_ids)}"
                problems.append(document.problem(("levels", index, "recommended_courses", i), message))
    return problems


def _check_courses(
    courses: list[Course],
    origins: dict[str, _CourseOrigin],
    skill_ids: set[str],
    schemes: dict[str, RenewalScheme],
) -> list[Problem]:
    ids = {c.id for c in courses}
    problems = []
    for course in courses:
        origin = origins[course.id]
        at = origin.document.problem
        for i, skill in enumerate(course.skills):
            if skill not in skill_ids:
                problems.append(at((*origin.path, "skills", i), f"unknown skill '{skill}'{suggest(skill, skill_ids)}"))
        for g, group in enumerate(course.prerequisites):
            for i, other in enumerate(group):
                if other not in ids:
                    message = f"unknown course '{other}'{suggest(other, ids)}"
                    problems.append(at((*origin.path, "prerequisites", g, i), message))
            if not group:
                problems.append(at((*origin.path, "prerequisites", g), "empty prerequisite group"))
        problems.extend(_check_relations(course, origin, ids))
        for i, part in enumerate(course.includes):
            if part not in ids or part == course.id:
                message = (
                    f"unknown course '{part}'{suggest(part, ids)}"
                    if part != course.id
                    else "a course cannot include itself"
                )
                problems.append(at((*origin.path, "includes", i), message))
        for i, successor in enumerate(course.replaced_by):
            if successor not in ids or successor == course.id:
                message = (
                    f"unknown course '{successor}'{suggest(successor, ids)}"
                    if successor != course.id
                    else "a course cannot replace itself"
                )
                problems.append(at((*origin.path, "replaced_by", i), message))
        if course.renewal_scheme is not None and course.renewal_scheme not in schemes:
            message = f"unknown renewal scheme '{course.renewal_scheme}'{suggest(course.renewal_scheme, schemes)}"
            problems.append(at((*origin.path, "renewal_scheme"), message))
        for i, credit in enumerate(course.credits):
            if credit.scheme not in schemes:
                message = f"unknown renewal scheme '{credit.scheme}'{suggest(credit.scheme, schemes)}"
                problems.append(at((*origin.path, "credits", i, "scheme"), message))
        if (course.cost is not None or course.exam_cost is not None) and course.currency is None:
            problems.append(at(origin.path, "a course with a cost needs a currency"))
    problems.extend(_check_cycles(courses, origins))
    return problems


def _check_relations(course: Course, origin: _CourseOrigin, ids: set[str]) -> list[Problem]:
    """Every course a relation names exists; a course is not made redundant by itself.

    A ``focus_only`` skill is one of the course's own skills.
    """
    relations = course.relations
    if relations is None:
        return []
    at = origin.document.problem
    path = (*origin.path, "relations")
    named: list[tuple[tuple[str | int, ...], str]] = [
        (("made_redundant_by", i), other) for i, other in enumerate(relations.made_redundant_by)
    ]
    named += [
        (("experience", o, "courses", i), other)
        for o, option in enumerate(relations.experience)
        for i, other in enumerate(option.courses)
    ]
    problems = []
    for where, other in named:
        if other == course.id:
            problems.append(at((*path, *where), "a course cannot relate to itself"))
        elif other not in ids:
            problems.append(at((*path, *where), f"unknown course '{other}'{suggest(other, ids)}"))
    for i, skill in enumerate(relations.focus_only):
        if skill not in course.skills:
            message = f"'{skill}' is not one of this course's skills{suggest(skill, set(course.skills))}"
            problems.append(at((*path, "focus_only", i), message))
    return problems


def _without(relations: CourseRelations, excluded: set[str]) -> CourseRelations:
    """The relations without courses an overlay excluded (a missing alternative is simply not there)."""
    options = [
        option.model_copy(update={"courses": [c for c in option.courses if c not in excluded]})
        for option in relations.experience
        if not option.courses or set(option.courses) - excluded
    ]
    kept = [c for c in relations.made_redundant_by if c not in excluded]
    return relations.model_copy(update={"made_redundant_by": kept, "experience": options})


def _check_currencies(courses: list[Course], origins: dict[str, _CourseOrigin], currencies: list[str]) -> list[Problem]:
    """Every price's currency must be declared, so a typo is an error rather than a new currency."""
    declared = set(currencies)
    problems = []

    def check(code: str | None, path: tuple[str | int, ...], at: Any) -> None:
        if code is not None and code not in declared:
            message = (
                f"currency '{code}' is not declared{suggest(code, declared)}; declared: {', '.join(currencies)} "
                "(an organisation adds one under 'currencies' in its courses.yaml)"
            )
            problems.append(at(path, message))

    for course in courses:
        origin = origins[course.id]
        check(course.currency, (*origin.path, "currency"), origin.document.problem)
        for index, offering in enumerate(course.offerings):
            check(offering.currency, (*origin.path, "offerings", index, "currency"), origin.document.problem)
    return problems


def _check_rates(rates: RatesFile, document: Located, currencies: list[str]) -> list[Problem]:
    """The rate table must convert every declared currency, so no price escapes a budget."""
    missing = [c for c in currencies if c != rates.base and c not in rates.rates]
    problems = []
    if rates.base in rates.rates:
        problems.append(
            document.problem(("rates", rates.base), f"the base currency {rates.base} needs no rate", key=True)
        )
    if missing:
        message = (
            f"no exchange rate for {', '.join(missing)} (the catalogue declares it); "
            f"give units per 1 {rates.base} under 'rates'"
        )
        problems.append(document.problem(("rates",), message))
    return problems


def _check_scheme_credits(schemes: dict[str, RenewalScheme], skill_ids: set[str]) -> list[Problem]:
    """A scheme's skill-to-category map names known skills and categories the scheme defines."""
    problems = []
    for scheme in schemes.values():
        rules = scheme.credits
        if rules is None:
            continue
        categories = {c.id for r in rules.requirements for c in r.categories}
        where = f"{COURSES_FILE}: renewal scheme '{scheme.id}'"
        for skill, category in rules.skill_categories.items():
            if skill not in skill_ids:
                problems.append(Problem(where, f"unknown skill '{skill}'{suggest(skill, skill_ids)}"))
            if category not in categories:
                problems.append(Problem(where, f"unknown credit category '{category}'{suggest(category, categories)}"))
    return problems


def _check_cycles(courses: list[Course], origins: dict[str, _CourseOrigin]) -> list[Problem]:
    """Report each prerequisite cycle once (depth-first search with colours)."""
    graph = {c.id: [o for g in c.prerequisites for o in g] for c in courses}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    problems = []
    for start in graph:
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = []
        while stack:
            node, next_index = stack.pop()
            if next_index == 0:
                state[node] = 1
                path.append(node)
            edges = graph.get(node, [])
            if next_index < len(edges):
                stack.append((node, next_index + 1))
                child = edges[next_index]
                if state.get(child) == 1:
                    cycle = [*path[path.index(child) :], child]
                    origin = origins[node]
                    message = "prerequisite cycle: " + " -> ".join(reversed(cycle))
                    problems.append(origin.document.problem((*origin.path, "prerequisites"), message))
                elif child in graph and not state.get(child):
                    stack.append((child, 0))
            else:
                state[node] = 2
                path.pop()
    return problems


def load_question_bank(catalogue: Catalogue, data_dir: Path | None = None) -> QuestionBank:
    """Load ``assessment.yaml`` and check it against the catalogue's skills and levels."""
    from pmoplan.catalogue_files import QuestionBank

    path = _pick(data_dir, ASSESSMENT_FILE)
    document = load_yaml_file(path, _display(path))
    bank = validate_document(QuestionBank, document)
    problems = []
    skill_ids = {s.id for s in catalogue.skills}
    seen: dict[str, tuple[str | int, ...]] = {}
    items = [("statements", i, q.id) for i, q in enumerate(bank.statements)]
    items += [("ratings", i, r.id) for i, r in enumerate(bank.ratings)]
    items += [("experience", i, e.id) for i, e in enumerate(bank.experience)]
    for section, index, question_id in items:
        if question_id in seen:
            problems.append(document.problem((section, index, "id"), f"duplicate question id '{question_id}'"))
        seen[question_id] = (section, index)
    rated: set[str] = set()
    for index, rating in enumerate(bank.ratings):
        if rating.skill not in skill_ids:
            message = f"unknown skill '{rating.skill}'{suggest(rating.skill, skill_ids)}"
            problems.append(document.problem(("ratings", index, "skill"), message))
        elif rating.skill in rated:
            problems.append(document.problem(("ratings", index, "skill"), f"skill '{rating.skill}' is rated twice"))
        rated.add(rating.skill)
    missing = sorted(skill_ids - rated)
    if missing:
        problems.append(document.problem(("ratings",), f"no rating question for skill(s): {', '.join(missing)}"))
    asked = [e.months_in for e in bank.experience]
    for index, kind in enumerate(asked):
        if kind in asked[:index]:
            problems.append(document.problem(("experience", index, "months_in"), f"'{kind}' is asked twice"))
    if bank.experience and len(set(asked)) < 3:
        missing_kinds = ", ".join(k for k in ("project", "programme", "portfolio") if k not in asked)
        problems.append(document.problem(("experience",), f"no experience question for: {missing_kinds}"))
    for number in range(1, 5):
        if not any(q.level == number for q in bank.statements):
            problems.append(document.problem(("statements",), f"no statement for level {number}"))
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))
    return bank

"""``pmoplan schema NAME``: the JSON Schema of every data file and JSON output."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _levels_file() -> Any:
    from pmoplan.catalogue_files import LevelsFile

    return LevelsFile


def _courses_file() -> Any:
    from pmoplan.catalogue_files import CoursesFile

    return CoursesFile


def _courses_overlay() -> Any:
    from pmoplan.catalogue_files import CoursesOverlay

    return CoursesOverlay


def _assessment_file() -> Any:
    from pmoplan.catalogue_files import QuestionBank

    return QuestionBank


def _rates_file() -> Any:
    from pmoplan.models import RatesFile

    return RatesFile


def _course_listing() -> Any:
    from pmoplan.catalogue_documents import CourseListing

    return CourseListing


def _level_listing() -> Any:
    from pmoplan.catalogue_documents import LevelListing

    return LevelListing


def _level_detail() -> Any:
    from pmoplan.catalogue_documents import LevelDetail

    return LevelDetail


def _level_comparison() -> Any:
    from pmoplan.catalogue_documents import LevelComparison

    return LevelComparison


def _course_detail() -> Any:
    from pmoplan.catalogue_documents import CourseDetail

    return CourseDetail


def _team_file() -> Any:
    from pmoplan.models import TeamRecord

    return list[TeamRecord]


def _plan() -> Any:
    from pmoplan.plan_models import Plan

    return Plan


def _profile() -> Any:
    from pmoplan.profile import Profile

    return Profile


def _assessment_result() -> Any:
    from pmoplan.assessment import AssessmentResult

    return AssessmentResult


def _team_report() -> Any:
    from pmoplan.team import TeamReport

    return TeamReport


def _renewals() -> Any:
    from pmoplan.renewals import RenewalReport

    return RenewalReport


def _cpd_log() -> Any:
    from pmoplan.renewals import CpdLog

    return CpdLog


# name → (description, model factory). Factories keep pydantic out of start-up.
SCHEMAS: dict[str, tuple[str, Callable[[], Any]]] = {
    "levels": ("data file levels.yaml", _levels_file),
    "courses": ("data file courses.yaml (shipped catalogue)", _courses_file),
    "courses-overlay": ("courses.yaml in a --data-dir folder", _courses_overlay),
    "assessment": ("data file assessment.yaml (question bank)", _assessment_file),
    "rates": ("data file rates.yaml (exchange rates, dated and sourced)", _rates_file),
    "course-list": ("output of 'pmoplan courses --format json'", _course_listing),
    "level-list": ("output of 'pmoplan levels --format json'", _level_listing),
    "level": ("output of 'pmoplan levels N --format json'", _level_detail),
    "level-comparison": ("output of 'pmoplan levels --compare A B --format json'", _level_comparison),
    "course": ("output of 'pmoplan course ID --format json'", _course_detail),
    "plan": ("output of 'pmoplan plan --format json'", _plan),
    "profile": ("the profile file written by 'pmoplan assess'", _profile),
    "assessment-result": ("output of 'pmoplan assess --format json'", _assessment_result),
    "team": ("output of 'pmoplan team plan --format json'", _team_report),
    "team-file": ("a team YAML file for 'pmoplan team plan' (a list of people)", _team_file),
    "renewals": ("output of 'pmoplan renewals --format json'", _renewals),
    "cpd-log": ("output of 'pmoplan cpd log --format json'", _cpd_log),
}


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the named document."""
    from pmoplan.errors import UnknownIdError

    if name not in SCHEMAS:
        raise UnknownIdError("schema", name, SCHEMAS)
    from pydantic import TypeAdapter

    target = SCHEMAS[name][1]()
    if hasattr(target, "model_json_schema"):
        schema: dict[str, Any] = target.model_json_schema(mode="serialization")
    else:  # a plain type such as list[Model]
        schema = TypeAdapter(target).json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema

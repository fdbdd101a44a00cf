"""The streamed team JSON is the pydantic document, byte for byte, and is written in pieces.

:mod:`pmoplan.render.team_json` writes the report field by field and each plan from pieces shared
between plans (:mod:`pmoplan.render.plan_json`); the reference here is pydantic serialising the
whole report at once, each plan with its texts written from its reasons (``plan_with_text``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pmoplan.atomic import atomic_write, temp_pattern
from pmoplan.catalogue import Catalogue
from pmoplan.cli import app
from pmoplan.errors import OutputError
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import CompletedCourse
from pmoplan.render import json_out, plan_json, team_json
from pmoplan.render.json_out import to_json
from pmoplan.render.reason_text import plan_with_text
from pmoplan.render.team_json import team_json_chunks
from pmoplan.team import TeamMember, TeamReport, build_team_report

CATALOGUE = load_catalogue()
SKILLS = [skill.id for skill in CATALOGUE.skills]
CERTIFICATES = ["p3o-foundation", "prince2-foundation", "msp-foundation", "pmi-pmp", "apm-pfq"]
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "team.csv"

# Text as people type it, and as they should not: quotes, backslashes, non-ASCII, line breaks,
# control characters (JSON writes them as escapes), bidi controls, emoji.
ODD_TEXT = st.text(
    alphabet=st.sampled_from(list('aZ9 "\\/\n\r\t\x00\x01\x1f\x7f\x85éß€中😀\u2028\u202e\ufeff')) | st.characters(),
    max_size=12,
).filter(lambda text: not any(0xD800 <= ord(c) <= 0xDFFF for c in text))


def pydantic_document(report: TeamReport) -> str:
    """The report as pydantic writes it in one piece, every plan's texts written from its reasons."""
    people = report.people
    if people:
        with_text = [person.model_copy(update={"plan": plan_with_text(person.plan)}) for person in people]
        report = report.model_copy(update={"people": with_text})
    return report.model_dump_json(indent=2) + "\n"


@st.composite
def members(draw: st.DrawFn) -> TeamMember:
    """A person from a small pool of inputs (so plans are shared), with any id and name."""
    level = draw(st.integers(1, 4))
    completed = draw(
        st.lists(
            st.builds(
                CompletedCourse,
                course_id=st.sampled_from(CERTIFICATES),
                completed_on=st.sampled_from([None, date(2019, 3, 1), date(2024, 6, 30)]),
            ),
            max_size=2,
            unique_by=lambda c: c.course_id,
        )
    )
    return TeamMember(
        id=draw(ODD_TEXT.filter(bool)),
        name=draw(st.none() | ODD_TEXT),
        level=level,
        target_level=draw(st.integers(level, 4)),
        completed=tuple(completed),
        focus=tuple(draw(st.lists(st.sampled_from(SKILLS), max_size=2, unique=True))),
        days_per_year=draw(st.sampled_from([0.0, 3.5, 8.0])),
        budget_per_year=draw(st.sampled_from([None, 0.0, 1500.0, 12345.67])),
    )


@settings(max_examples=40, deadline=None)
@given(
    team=st.lists(members(), max_size=12),
    years=st.integers(1, 6),
    min_group=st.none() | st.integers(2, 4),
    team_budget=st.none() | st.sampled_from([0.0, 2500.0, 1e6]),
)
def test_streamed_json_is_pydantics_document(
    team: list[TeamMember], years: int, min_group: int | None, team_budget: float | None
) -> None:
    report = build_team_report(
        CATALOGUE,
        team,
        years=years,
        start_year=2026,
        min_group=min_group,
        team_budget_per_year=team_budget,
        as_of=date(2026, 1, 1),
        today=date(2026, 1, 1),
    )
    text = "".join(team_json_chunks(report))
    assert text == pydantic_document(report)
    # And the document as json.dumps writes it (the report's own fields are written that way).
    data = report.model_dump(mode="json")
    for person, dumped in zip(report.people or [], data["people"] or [], strict=True):
        dumped["plan"] = plan_with_text(person.plan).model_dump(mode="json")
    assert text == to_json(data)


@pytest.mark.parametrize("min_group", [None, 2])
def test_an_empty_team_is_the_same_document(min_group: int | None) -> None:
    report = build_team_report(CATALOGUE, [], years=3, start_year=2026, min_group=min_group)
    assert "".join(team_json_chunks(report)) == pydantic_document(report)


def shared_team(catalogue: Catalogue, people: int) -> list[TeamMember]:
    """``people`` people with three distinct inputs between them, the sharers far apart in the file."""
    return [TeamMember(id=f"p{index}", name="Ann", level=1 + index % 3, target_level=4) for index in range(people)]


def test_each_distinct_plan_and_entry_is_written_once(monkeypatch: pytest.MonkeyPatch) -> None:
    composed: list[int] = []
    real = plan_json.PlanPieces.pieces

    def counting(self: plan_json.PlanPieces, plan: object) -> list[str]:
        composed.append(id(plan))
        return real(self, plan)  # type: ignore[arg-type]

    monkeypatch.setattr(plan_json.PlanPieces, "pieces", counting)
    report = build_team_report(CATALOGUE, shared_team(CATALOGUE, 60), years=6, start_year=2026)
    assert report.people is not None
    distinct = {id(person.plan) for person in report.people}
    text = "".join(team_json_chunks(report))
    assert len(distinct) == 3
    assert sorted(composed) == sorted(distinct)  # once per distinct plan, not once per person
    assert text == pydantic_document(report)


def test_a_plan_model_that_is_not_plain_fields_goes_through_pydantic_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Were a plan's JSON more than its fields (an alias, a computed field), the plan is not composed."""
    monkeypatch.setattr(json_out, "plain_model", lambda model: False)
    report = build_team_report(CATALOGUE, shared_team(CATALOGUE, 7), years=3, start_year=2026)
    assert report.people is not None
    assert len(plan_json.PlanPieces(3).pieces(report.people[0].plan)) == 1  # the whole plan, as pydantic writes it
    assert "".join(team_json_chunks(report)) == pydantic_document(report)


def test_the_document_is_yielded_in_bounded_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(team_json, "CHUNK_CHARS", 4096)
    report = build_team_report(CATALOGUE, shared_team(CATALOGUE, 60), years=6, start_year=2026)
    chunks = team_json_chunks(report)
    assert iter(chunks) is chunks  # a generator: nothing is built before it is asked for
    sizes = [len(chunk) for chunk in chunks]
    largest_plan = max(len("".join(plan_json.PlanPieces(3).pieces(p.plan))) for p in report.people or [])
    assert len(sizes) > 10
    assert max(sizes) < 4096 + largest_plan  # a piece is never more than a batch and one plan


def run_json(runner: CliRunner, tmp_path: Path, *extra: str) -> tuple[bytes, bytes]:
    """The team's JSON on stdout and written with ``-o``."""
    args = ["team", "plan", str(EXAMPLE), "--start", "2026", "--format", "json", *extra]
    shown = runner.invoke(app, args)
    assert shown.exit_code == 0, shown.output
    target = tmp_path / "team.json"
    written = runner.invoke(app, [*args, "--output", str(target), "--force"])
    assert written.exit_code == 0, written.output
    return shown.stdout_bytes, target.read_bytes()


@pytest.mark.parametrize("extra", [(), ("--min-group", "3")])
def test_stdout_and_file_are_the_same_bytes(runner: CliRunner, tmp_path: Path, extra: tuple[str, ...]) -> None:
    shown, written = run_json(runner, tmp_path, *extra)
    assert shown == written
    assert json.loads(written)["people_count"] > 0


def test_a_streamed_file_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    atomic_write(target, iter(["{\n", '  "a": 1\n', "}\n"]))
    assert target.read_text(encoding="utf-8") == '{\n  "a": 1\n}\n'

    def failing() -> Iterator[str]:
        yield "{\n"
        raise ValueError("a bug while serialising")

    with pytest.raises(ValueError, match="a bug"):
        atomic_write(target, failing())
    assert target.read_text(encoding="utf-8") == '{\n  "a": 1\n}\n'
    assert not [p for p in tmp_path.iterdir() if temp_pattern(target).fullmatch(p.name)]
    with pytest.raises(OutputError):
        atomic_write(tmp_path / "missing" / "report.json", iter(["{}"]))

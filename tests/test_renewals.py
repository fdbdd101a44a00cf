"""The renewal rules (pure): renew-by, status, credits, feasible and cheapest routes, the team lists.

Each example is a person a PMO coach would meet, with the advice a coach would give and why.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from pmoplan.catalogue import Catalogue
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import CompletedCourse
from pmoplan.renewals import (
    CertificateStatus,
    CpdEntry,
    PlannedCourse,
    add_years,
    course_credits,
    credits_from_course,
    lapse_calendar,
    renewal_report,
    route_for,
    sittings_read,
)

CATALOGUE: Catalogue = load_catalogue()
TODAY = date(2026, 12, 1)


def done(course_id: str, on: date) -> CompletedCourse:
    return CompletedCourse(course_id=course_id, completed_on=on)


def only(
    completed: list[CompletedCourse],
    *,
    log: list[CpdEntry] | None = None,
    as_of: date = TODAY,
    planned: list[PlannedCourse] | None = None,
) -> CertificateStatus:
    """The one certificate of ``completed`` (a test fails if there are more or none)."""
    report = renewal_report(CATALOGUE, completed, log or [], as_of, planned or [])
    assert len(report.certificates) == 1
    return report.certificates[0]


# --- the five worked examples of the README ----------------------------------------------------


def test_pmp_holder_sees_the_pdus_planned_courses_earn() -> None:
    # PMP passed 20 May 2024, P3O Foundation planned for March 2027: 3 days x 7 h = 21 PDUs of
    # Ways of Working. A coach would say: 39 PDUs still to find by 20 May 2027, including 8 Power
    # Skills and 8 Business Acumen, which P3O does not give.
    status = only([done("pmi-pmp", date(2024, 5, 20))], planned=[PlannedCourse("p3o-foundation", date(2027, 3, 1))])
    assert (status.renew_by, status.status, status.route) == (date(2027, 5, 20), "urgent", "cpd")
    credits = status.credits
    assert credits is not None
    assert (credits.unit, credits.required, credits.logged, credits.planned, credits.remaining) == (
        "PDU",
        60,
        0,
        21,
        39,
    )
    by_id = {c.category: (c.min, c.planned, c.remaining) for c in credits.categories}
    assert by_id == {
        "education": (35, 21, 14),
        "ways-of-working": (8, 21, 0),
        "power-skills": (8, 0, 8),
        "business-acumen": (8, 0, 8),
        "giving-back": (None, 0, 0),
    }


def test_p3o_foundation_three_months_from_renew_by_gets_an_exam_not_cpd() -> None:
    # Passed 10 March 2024; renew by 10 March 2027, 99 days away. CPD would need 20 points in each
    # of the years to March 2025 and March 2026, which are over and empty: re-sit or another exam.
    status = only([done("p3o-foundation", date(2024, 3, 10))])
    assert (status.renew_by, status.days_left, status.status) == (date(2027, 3, 10), 99, "urgent")
    assert status.route == "re-exam"
    cpd = next(r for r in status.routes if r.kind == "cpd")
    assert not cpd.feasible
    assert [r.values["end"] for r in cpd.reasons if r.code == "cpd-year-missed"] == ["2025-03-10", "2026-03-10"]
    # With an MoP Foundation planned before the date, the suite exam renews it at no extra cost.
    planned = [PlannedCourse("mop-foundation", date(2027, 2, 15))]
    assert only([done("p3o-foundation", date(2024, 3, 10))], planned=planned).route == "suite-exam"


def test_prince2_practitioner_moves_the_planned_p3o_foundation_before_renew_by() -> None:
    status = only(
        [done("prince2-practitioner", date(2025, 4, 1))], planned=[PlannedCourse("p3o-foundation", date(2029, 3, 1))]
    )
    assert (status.renew_by, status.route) == (date(2028, 4, 1), "suite-exam")
    suite = next(r for r in status.routes if r.kind == "suite-exam")
    assert (suite.course_id, suite.on, suite.cost, suite.days) == ("p3o-foundation", date(2028, 4, 1), 0, 0)
    assert suite.reasons[0].code == "move-before-renew-by"
    assert suite.reasons[0].values == {"course_id": "p3o-foundation", "from": "2029-03-01", "to": "2028-04-01"}


def test_pmp_in_suspension_can_still_renew_with_pdus() -> None:
    # Cycle ended 1 August 2026: PMI's one-year suspension, not a re-sit.
    status = only(
        [done("pmi-pmp", date(2023, 8, 1))], log=[CpdEntry(on=date(2026, 10, 1), scheme="pmi-ccr", amount=10)]
    )
    assert (status.status, status.suspended_until, status.route) == ("suspended", date(2027, 8, 1), "cpd")
    assert status.credits is not None and status.credits.logged == 10  # PDUs earned in suspension count
    assert [r.code for r in status.reasons] == ["suspended"]
    assert only([done("pmi-pmp", date(2023, 8, 1))], as_of=date(2027, 8, 2)).status == "lapsed"


def test_2019_certificate_had_until_1_july_2023() -> None:
    status = only([done("mop-foundation", date(2019, 5, 1))], as_of=date(2023, 1, 1))
    assert (status.renew_by, status.status) == (date(2023, 7, 1), "urgent")
    assert status.reasons[0].code == "transition-rule"
    lapsed = only([done("mop-foundation", date(2019, 5, 1))])
    assert (lapsed.status, lapsed.route, lapsed.credits) == ("lapsed", "restore", None)
    # Awarded a day after the cut-off: the ordinary 3 years.
    assert only([done("mop-foundation", date(2020, 7, 1))], as_of=date(2020, 8, 1)).renew_by == date(2023, 7, 1)
    assert only([done("mop-foundation", date(2020, 7, 2))], as_of=date(2020, 8, 1)).renew_by == date(2023, 7, 2)


# --- more rules --------------------------------------------------------------------------------


def test_cpd_is_chosen_when_every_year_so_far_is_logged() -> None:
    # Awarded June 2025; the year to June 2026 holds 20 points: CPD (no exam) is feasible and cheapest.
    log = [
        CpdEntry(on=date(2025, 9, 1), scheme="peoplecert-ppm", amount=15),
        CpdEntry(on=date(2026, 2, 1), scheme="peoplecert-ppm", amount=5, category="professional-experience"),
    ]
    status = only([done("msp-foundation", date(2025, 6, 1))], log=log)
    assert status.route == "cpd"
    periods = status.credits.periods if status.credits else []
    assert [(p.logged, p.ended) for p in periods] == [(20, True), (0, False), (0, False)]


def test_a_later_suite_exam_renews_the_suite() -> None:
    report = renewal_report(
        CATALOGUE, [done("prince2-foundation", date(2024, 1, 10)), done("p3o-foundation", date(2026, 6, 1))], [], TODAY
    )
    assert {s.course_id: s.renew_by for s in report.certificates} == {
        "prince2-foundation": date(2029, 6, 1),
        "p3o-foundation": date(2029, 6, 1),
    }


def test_done_adds_pdus_for_a_pmp_holder_but_no_points_for_the_course_s_own_scheme() -> None:
    completed = [done("pmi-pmp", date(2024, 5, 20)), done("pmo-leadership", date(2026, 10, 1))]
    entries = credits_from_course(CATALOGUE, "pmo-leadership", date(2026, 10, 1), completed)
    assert entries == [
        CpdEntry(on=date(2026, 10, 1), scheme="pmi-ccr", amount=14, category="power-skills", course_id="pmo-leadership")
    ]
    assert credits_from_course(CATALOGUE, "pmi-pmp", date(2024, 5, 20), completed[:1]) == []


def test_peoplecert_caps_one_activity_at_15_points() -> None:
    scheme = CATALOGUE.renewal_scheme("peoplecert-ppm")
    assert scheme is not None
    assert course_credits(CATALOGUE, CATALOGUE.course("pmi-pmp"), scheme) == (15, "professional-education", "rule")


def test_team_lists_lapsed_and_due_within_six_months() -> None:
    report = renewal_report(
        CATALOGUE,
        [
            done("pmi-pmp", date(2023, 8, 1)),
            done("mop-foundation", date(2019, 5, 1)),
            done("p3o-foundation", date(2024, 3, 10)),
            done("pmi-capm", date(2025, 1, 15)),
        ],
        [],
        TODAY,
    )
    # The 2024 P3O exam did not renew the MoP Foundation: that one had lapsed in July 2023 already.
    lapsed, soon = lapse_calendar(report)
    assert [s.course_id for s in lapsed] == ["mop-foundation", "pmi-pmp"]
    assert [s.course_id for s in soon] == ["p3o-foundation"]
    assert [s.status for s in report.certificates] == ["suspended", "urgent", "current", "lapsed"]


# --- properties --------------------------------------------------------------------------------

TRACKED = sorted(c.id for c in CATALOGUE.courses if c.renewal_scheme and c.validity_years)
SCHEMES = ["peoplecert-ppm", "pmi-ccr"]
days_2018_2030 = st.integers(min_value=0, max_value=(date(2030, 12, 31) - date(2018, 1, 1)).days).map(
    lambda n: date(2018, 1, 1) + timedelta(days=n)
)
logs = st.lists(
    st.builds(
        lambda on, scheme, amount: CpdEntry(on=on, scheme=scheme, amount=amount),
        days_2018_2030,
        st.sampled_from(SCHEMES),
        st.sampled_from([0.5, 5, 10, 15]),
    ),
    max_size=12,
)
planned_courses = st.lists(
    st.builds(PlannedCourse, st.sampled_from(sorted(c.id for c in CATALOGUE.courses)), days_2018_2030), max_size=4
)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(TRACKED), days_2018_2030, days_2018_2030, logs, planned_courses)
def test_cpd_is_never_suggested_unless_logging_could_cover_the_whole_window(
    course_id: str, awarded: date, as_of: date, log: list[CpdEntry], planned: list[PlannedCourse]
) -> None:
    report = renewal_report(CATALOGUE, [done(course_id, awarded)], log, as_of, planned)
    for status in report.certificates:
        if status.route != "cpd":
            continue
        assert status.credits is not None and status.credits.required is not None
        deadline = status.suspended_until or status.renew_by
        assert as_of <= deadline
        scheme = CATALOGUE.renewal_scheme(status.scheme)
        assert scheme is not None and scheme.credits is not None
        for back in range(scheme.credits.consecutive_years or 0, 0, -1):
            start, end = add_years(status.renew_by, -back), add_years(status.renew_by, -back + 1)
            if end <= as_of:  # a year already over must already hold its points
                logged = sum(e.amount for e in log if e.scheme == status.scheme and start <= e.on < end)
                assert logged >= scheme.credits.requirements[0].required


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(TRACKED), days_2018_2030, days_2018_2030, logs, planned_courses)
def test_no_kept_certificate_lapses_without_an_action_before_its_date(
    course_id: str, awarded: date, as_of: date, log: list[CpdEntry], planned: list[PlannedCourse]
) -> None:
    report = renewal_report(CATALOGUE, [done(course_id, awarded)], log, as_of, planned)
    for status in report.certificates:
        if status.status == "lapsed":
            assert status.route == "restore"
            continue
        chosen = next(r for r in status.routes if r.kind == status.route)
        assert chosen.feasible
        deadline = status.suspended_until or status.renew_by
        if chosen.on is not None:
            assert as_of <= chosen.on <= deadline


def test_team_report_lists_lapsed_and_soon_by_person() -> None:
    from pmoplan.team import TeamMember, build_team_report

    members = [
        TeamMember(id="ana", level=2, target_level=3, completed=(done("p3o-foundation", date(2024, 3, 10)),)),
        TeamMember(
            id="ben",
            level=3,
            target_level=3,
            completed=(done("pmi-pmp", date(2023, 8, 1)), done("mop-foundation", date(2019, 5, 1))),
        ),
        TeamMember(id="cal", level=1, target_level=2),
    ]
    report = build_team_report(CATALOGUE, members, years=2, start_year=2027, as_of=TODAY)
    # Ben's MoP Foundation lapsed on 1 July 2023 (the transition rule); his PMP cycle ended on
    # 1 August 2026 and is in PMI's suspension year: both are the most urgent rows, oldest first.
    assert [(r.person_id, r.course_id, r.renew_by) for r in report.already_lapsed or []] == [
        ("ben", "mop-foundation", date(2023, 7, 1)),
        ("ben", "pmi-pmp", date(2026, 8, 1)),
    ]
    # Ana must sit P3O Practitioner (planned for March 2027) before 10 March 2027, or re-sit the Foundation.
    assert [(r.person_id, r.course_id, r.renew_by, r.days_left) for r in report.renew_within_6_months or []] == [
        ("ana", "p3o-foundation", date(2027, 3, 10), 99)
    ]
    # With suppression (a shared report) the per-person lists stay out of the report.
    assert (
        build_team_report(CATALOGUE, members, years=2, start_year=2027, as_of=TODAY, min_group=2).already_lapsed is None
    )


def test_a_suite_exam_under_the_transition_rule_does_not_shorten_the_renew_by_date() -> None:
    # MoP Foundation (January 2020) and Practitioner (June 2020): both had until 1 July 2023.
    report = renewal_report(
        CATALOGUE,
        [done("mop-foundation", date(2020, 1, 1)), done("mop-practitioner", date(2020, 6, 1))],
        [],
        date(2023, 1, 1),
    )
    assert {s.course_id: s.renew_by for s in report.certificates} == {
        "mop-foundation": date(2023, 7, 1),
        "mop-practitioner": date(2023, 7, 1),
    }


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(TRACKED), days_2018_2030, days_2018_2030, logs, planned_courses)
def test_reports_built_without_validation_are_what_validation_would_make(
    course_id: str, awarded: date, as_of: date, log: list[CpdEntry], planned: list[PlannedCourse]
) -> None:
    """The renewal results are built without a validation pass (start-up speed); validating them again
    changes nothing, not even the type of a number (0 and 0.0 are not the same JSON)."""
    from pmoplan.render.json_out import to_json
    from pmoplan.renewals import RenewalReport

    report = renewal_report(CATALOGUE, [done(course_id, awarded)], log, as_of, planned)
    validated = RenewalReport.model_validate(report.model_dump())
    assert validated == report
    assert repr(validated.model_dump()) == repr(report.model_dump())  # repr tells 0 from 0.0
    assert to_json(validated.model_dump(mode="json")) == to_json(report.model_dump(mode="json"))


many_planned = st.lists(
    st.builds(PlannedCourse, st.sampled_from(sorted(c.id for c in CATALOGUE.courses)), days_2018_2030), max_size=10
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(TRACKED), days_2018_2030, st.integers(0, 4 * 365), days_2018_2030, logs, many_planned)
def test_a_route_reads_only_the_sittings_it_is_keyed_by(
    course_id: str,
    awarded: date,
    extra_days: int,
    as_of: date,
    log: list[CpdEntry],
    planned: list[PlannedCourse],
) -> None:
    """The planner memoises routes by ``sittings_read``: the route from those sittings alone is the same.

    Planned courses outside that list (another scheme's, outside the credit window, a later exam of
    the suite) must not change the status, the credits or the route.
    """
    course = CATALOGUE.course(course_id)
    renew_by = add_years(awarded, course.validity_years or 3) + timedelta(days=extra_days)  # as after suite renewals
    read = sittings_read(CATALOGUE, course, awarded, renew_by, planned, as_of)
    kept = [p for p in planned if (p.course_id, p.on) in set(read)]  # every other planned course left out
    assert sittings_read(CATALOGUE, course, awarded, renew_by, kept, as_of) == read  # the same memo key
    full = route_for(CATALOGUE, course, awarded, renew_by, planned, as_of, log)
    alone = route_for(CATALOGUE, course, awarded, renew_by, kept, as_of, log)
    assert full == alone
    assert repr(full) == repr(alone)  # number types too: they are the JSON


def test_the_sittings_read_leave_out_past_courses_and_later_exams() -> None:
    """PRINCE2 Foundation (PeopleCert suite, CPD points): only courses in its window and the next suite exam count."""
    course = CATALOGUE.course("prince2-foundation")
    awarded, renew_by, as_of = date(2024, 3, 1), date(2027, 3, 1), date(2026, 3, 1)
    planned = [
        PlannedCourse("pmi-capm", date(2025, 6, 1)),  # before the plan's start: its points are not planned ones
        PlannedCourse("msp-foundation", date(2026, 3, 1)),  # the suite's next exam, and points in the window
        PlannedCourse("p3o-foundation", date(2028, 3, 1)),  # a later exam of the suite, after the window
    ]
    read = sittings_read(CATALOGUE, course, awarded, renew_by, planned, as_of)
    assert set(read) == {("msp-foundation", date(2026, 3, 1))}

"""The December 2026 price review of the AXELOS/PeopleCert, PMI, Scrum and Microsoft certifications.

These tests hold the shipped catalogue to what the review recorded: where sources disagree the price
is a range and a budget counts its top; a price only a prep site or an undated page gives is marked
unverified; and the prices change what a budget-limited plan can choose, the way a coach would expect.
"""

from __future__ import annotations

import re

from pmoplan.loading import load_catalogue
from pmoplan.pricing import choose_option, course_options, standard_option

CATALOGUE = load_catalogue()
RATES = CATALOGUE.rates
# The offerings this review added or widened; each rests on a secondary or undated page.
REVIEWED = {"pmi-pmp", "prince2-foundation", "mor-practitioner", "csm"}
# The awarding bodies whose certification prices the review covered.
PROVIDERS = re.compile(r"AXELOS|PeopleCert|PMI|Scrum\.org|Scrum Alliance|Scaled Agile|Microsoft")


def test_pmp_fee_is_a_range_because_sources_disagree_and_budgets_count_the_top() -> None:
    pmp = CATALOGUE.course("pmi-pmp")
    (exam,) = pmp.offerings
    assert (exam.mode, exam.price, exam.price_high, exam.member_price, exam.currency) == (
        "exam-only",
        575,
        675,
        405,
        "USD",
    )
    assert exam.source == "https://www.pmp-guide.com/blog/pmp-certification-cost-complete-budget-breakdown"
    assert "disagree" in (exam.notes or "") and not exam.verified
    assert pmp.cost == 675  # the headline is the conservative end
    options = course_options(pmp, "USD", RATES)
    assert {o.mode: o.counted for o in options} == {"course": 675, "exam-only": 675}


def test_a_600_dollar_year_cannot_hold_the_pmp_exam_whichever_fee_is_current() -> None:
    pmp = CATALOGUE.course("pmi-pmp")
    assert choose_option(pmp, "USD", RATES, days_left=8, budget_left=600) is None
    chosen = choose_option(pmp, "USD", RATES, days_left=8, budget_left=700)
    assert chosen is not None and chosen.option.counted == 675


def test_prince2_foundation_exam_is_priced_from_peoplecert_and_a_short_year_takes_it() -> None:
    foundation = CATALOGUE.course("prince2-foundation")
    (exam,) = foundation.offerings
    assert (exam.mode, exam.price, exam.currency, exam.provider) == ("exam-only", 555, "GBP", "PeopleCert")
    assert foundation.exam_cost == 555 and "exam_cost" in foundation.unverified
    # One training day left: the 3-day course does not fit, the exam alone (half a day) does.
    chosen = choose_option(foundation, "GBP", RATES, days_left=1, budget_left=1500)
    assert chosen is not None
    assert (chosen.option.mode, chosen.option.counted, chosen.reason) == ("exam-only", 555, "days")


def test_an_undated_provider_price_says_so() -> None:
    (exam,) = CATALOGUE.course("mor-practitioner").offerings
    assert (exam.mode, exam.price, exam.provider, exam.verified) == ("exam-only", 429, "SPOCE", False)
    assert "undated" in (exam.notes or "")


def test_csm_course_price_is_a_trainer_set_range_and_a_1000_dollar_year_takes_psm_instead() -> None:
    csm = CATALOGUE.course("csm")
    (course,) = csm.offerings
    assert (course.mode, course.days, course.price, course.price_high, course.includes_exam) == (
        "classroom",
        2,
        250,
        2495,
        True,
    )
    assert standard_option(course_options(csm, "USD", RATES)).counted == 2495
    # A coach on a $1,000 yearly budget: the CSM course may cost more than the whole year, so it is
    # not planned on a hope; Scrum.org's PSM I needs no course and its US$200 assessment fits.
    assert choose_option(csm, "USD", RATES, days_left=8, budget_left=1000) is None
    psm = choose_option(CATALOGUE.course("psm-1"), "USD", RATES, days_left=8, budget_left=1000)
    assert psm is not None and psm.option.counted == 200


def test_every_reviewed_price_is_dated_sourced_and_marked_unverified() -> None:
    for course_id in REVIEWED:
        for offering in CATALOGUE.course(course_id).offerings:
            assert offering.seen == "2026-12-01" and offering.source.startswith("https://"), course_id
            assert not offering.verified and offering.notes, course_id


def test_price_coverage_of_the_reviewed_providers_is_what_the_research_reports() -> None:
    owned = [
        c for c in CATALOGUE.courses if c.kind == "certification" and not c.withdrawn and PROVIDERS.search(c.provider)
    ]
    priced = sorted(c.id for c in owned if any(o.price is not None for o in c.offerings))
    # docs/research/prices-2026-12-axelos.md section 5: 16 of 31.
    assert (len(priced), len(owned)) == (16, 31)
    assert {"pmi-pmocp", "safe-lpm", "mov-foundation", "msp-practitioner"}.isdisjoint(priced)

"""Prices in the user's currency and the choice of offering under days or budget pressure.

The rate table is the shipped ECB one unless a test writes an organisation's ``rates.yaml``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmoplan.errors import InputError
from pmoplan.loading import load_catalogue, validate_folder
from pmoplan.models import Course, Offering, RatesFile
from pmoplan.pricing import MissingRateError, choose_option, convert, course_options

RATES = RatesFile(
    base="EUR",
    published="2026-05-08",
    source="https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml",
    seen="2026-12-01",
    rates={"USD": 1.1761, "GBP": 0.86410},
)


def course(*offerings: Offering, days: float = 3, cost: float | None = None, exam_cost: float | None = None) -> Course:
    return Course(
        id="p3o-foundation",
        title="P3O Foundation",
        kind="certification",
        provider="AXELOS / PeopleCert",
        levels=[1, 2],
        days=days,
        skills=["reporting"],
        cost=cost,
        exam_cost=exam_cost,
        currency="GBP" if cost is not None or exam_cost is not None else None,
        offerings=list(offerings),
        source="https://example.com/p3o",
    )


def offer(mode: str, price: float | None, currency: str = "GBP", days: float | None = None, **more: object) -> Offering:
    return Offering.model_validate(
        {
            "mode": mode,
            "price": price,
            "currency": currency if price is not None else None,
            "days": days,
            "seen": "2026-12-01",
            "source": "https://example.com/prices",
            **more,
        }
    )


# --- rates ----------------------------------------------------------------------------------------


def test_the_shipped_rate_table_is_dated_and_sourced() -> None:
    rates = load_catalogue().rates
    assert rates is not None
    assert (rates.base, rates.published, rates.seen) == ("EUR", "2026-05-08", "2026-12-01")
    assert rates.source == "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"
    assert rates.rates["GBP"] == 0.86410 and rates.rates["USD"] == 1.1761


def test_conversion_goes_through_the_base_currency() -> None:
    assert convert(100, "EUR", "GBP", RATES) == pytest.approx(86.410)
    assert convert(300, "USD", "GBP", RATES) == pytest.approx(300 / 1.1761 * 0.86410)  # about £220.41
    assert convert(245, "GBP", "GBP", None) == 245


def test_an_unknown_currency_cannot_be_converted() -> None:
    with pytest.raises(MissingRateError, match="no exchange rate for JPY in the rate table of 2026-05-08"):
        convert(1, "GBP", "JPY", RATES)


@given(
    st.floats(min_value=0, max_value=1_000_000),
    st.sampled_from(["EUR", "USD", "GBP"]),
    st.sampled_from(["EUR", "USD", "GBP"]),
)
def test_conversion_round_trips(amount: float, source: str, target: str) -> None:
    back = convert(convert(amount, source, target, RATES), target, source, RATES)
    assert back == pytest.approx(amount, rel=1e-9, abs=1e-9)


def test_an_organisation_rate_table_replaces_the_shipped_one(tmp_path: Path) -> None:
    (tmp_path / "rates.yaml").write_text(
        'base: GBP\npublished: "2026-11-30"\nsource: https://intranet.example.com/budget-rates\n'
        'seen: "2026-12-01"\nrates:\n  USD: 1.25\n  EUR: 1.15\n',
        encoding="utf-8",
    )
    rates = load_catalogue(tmp_path).rates
    assert rates is not None and rates.base == "GBP"
    assert convert(125, "USD", "GBP", rates) == pytest.approx(100)


def test_a_rate_table_missing_a_declared_currency_is_refused(tmp_path: Path) -> None:
    (tmp_path / "rates.yaml").write_text(
        'base: EUR\npublished: "2026-11-30"\nsource: https://intranet.example.com/r\nseen: "2026-12-01"\n'
        "rates:\n  GBP: 0.86\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_catalogue(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.path) == (6, "rates")  # the table itself
    assert problem.message == "no exchange rate for USD (the catalogue declares it); give units per 1 EUR under 'rates'"
    assert validate_folder(tmp_path) == caught.value.problems


def test_a_zero_rate_is_refused_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "rates.yaml").write_text(
        'base: EUR\npublished: "2026-11-30"\nsource: https://intranet.example.com/r\nseen: "2026-12-01"\n'
        "rates:\n  GBP: 0.86\n  USD: 0\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_catalogue(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.path) == (7, "rates.USD")
    assert "greater than 0" in problem.message


# --- options and choice ---------------------------------------------------------------------------


def test_a_course_without_offerings_has_one_option_from_its_headline_figures() -> None:
    (option,) = course_options(course(exam_cost=245), "USD", RATES)
    assert option.mode == "course" and option.floor
    assert option.original is not None and (option.original.low, option.original.currency) == (245, "GBP")
    assert option.counted == pytest.approx(245 / 0.86410 * 1.1761)


def test_an_unpriced_course_has_an_unknown_price_not_zero() -> None:
    (option,) = course_options(course(), "GBP", RATES)
    assert option.original is None and option.converted is None and option.counted is None


def test_a_range_counts_its_high_end() -> None:
    (option,) = course_options(course(offer("virtual", 900, price_high=1200)), "GBP", RATES)
    assert option.converted is not None and option.converted.is_range
    assert option.counted == 1200


def test_the_taught_offering_is_chosen_when_it_fits() -> None:
    choice = choose_option(course(offer("exam-only", 245, days=0), offer("classroom", 1500)), "GBP", RATES, 8, 2000)
    assert choice is not None
    assert (choice.option.mode, choice.reason) == ("classroom", None)


def test_exam_only_is_chosen_when_the_budget_is_tight() -> None:
    choice = choose_option(course(offer("classroom", 1500), offer("exam-only", 245, days=0)), "GBP", RATES, 8, 500)
    assert choice is not None
    assert (choice.option.mode, choice.option.counted, choice.reason) == ("exam-only", 245, "budget")
    assert choice.standard.mode == "classroom"


def test_elearning_is_chosen_when_the_days_are_tight() -> None:
    options = (offer("classroom", 1500), offer("elearning", 600, days=1), offer("exam-only", 245, days=0))
    choice = choose_option(course(*options), "GBP", RATES, 1, None)
    assert choice is not None
    # Cheapest light option that fits: exam-only (£245) over eLearning (£600).
    assert (choice.option.mode, choice.reason) == ("exam-only", "days")


def test_a_usd_price_is_held_against_a_gbp_budget() -> None:
    """The old planner did not count USD prices against a GBP budget; now they are converted."""
    choice = choose_option(course(offer("virtual", 300, currency="USD")), "GBP", RATES, 8, 200)
    assert choice is None  # US$300 is about £220, over £200
    fits = choose_option(course(offer("virtual", 300, currency="USD")), "GBP", RATES, 8, 221)
    assert fits is not None and fits.option.counted == pytest.approx(220.41, abs=0.01)


def test_an_exam_only_offering_does_not_hide_the_taught_course() -> None:
    """Only an exam price is listed: with room, the course itself (its own days) is planned."""
    options = course_options(course(offer("exam-only", 245, days=0), exam_cost=245), "GBP", RATES)
    assert [(o.mode, o.days, o.counted, o.floor) for o in options] == [
        ("course", 3, 245, True),
        ("exam-only", 0.5, 245, False),
    ]
    tight = choose_option(course(offer("exam-only", 245, days=0), exam_cost=245), "GBP", RATES, 1, None)
    assert tight is not None and (tight.option.mode, tight.reason) == ("exam-only", "days")
    # An exam sitting still takes half a day: with no training days, nothing is planned.
    assert choose_option(course(offer("exam-only", 245, days=0), exam_cost=245), "GBP", RATES, 0.25, None) is None


def test_a_taught_offering_without_a_price_takes_the_course_headline_cost() -> None:
    """An L&D team's negotiated cost (an overlay's ``cost``) must count against its budget even when
    the shipped offering lists a delivery mode with no published price; the price is not dated by
    the offering's source, which never stated it. An offering's own price still wins."""
    (option,) = course_options(course(offer("virtual", None), cost=800), "GBP", RATES)
    assert (option.mode, option.counted, option.seen, option.source) == ("virtual", 800, None, None)
    assert choose_option(course(offer("virtual", None), cost=800), "GBP", RATES, 8, 755) is None
    (own,) = course_options(course(offer("virtual", 900), cost=800), "GBP", RATES)
    assert own.counted == 900 and own.source == "https://example.com/prices"
    # A light offering without a price does not borrow the taught course's cost.
    light = course_options(course(offer("exam-only", None), cost=800), "GBP", RATES)
    assert [(o.mode, o.counted) for o in light] == [("course", 800), ("exam-only", None)]


def test_nothing_fits_returns_none() -> None:
    assert choose_option(course(offer("classroom", 1500)), "GBP", RATES, 8, 1000) is None


@settings(max_examples=200)
@given(
    prices=st.lists(
        st.tuples(
            st.sampled_from(["classroom", "virtual", "elearning", "exam-only"]),
            st.one_of(st.none(), st.integers(0, 5000)),
            st.sampled_from(["GBP", "USD", "EUR"]),
            st.one_of(st.none(), st.integers(0, 5)),
        ),
        min_size=1,
        max_size=4,
    ),
    days_left=st.integers(0, 10),
    budget_left=st.one_of(st.none(), st.integers(0, 5000)),
    target=st.sampled_from(["GBP", "USD", "EUR"]),
)
def test_a_chosen_option_always_fits_in_the_target_currency(
    prices: list[tuple[str, int | None, str, int | None]], days_left: int, budget_left: int | None, target: str
) -> None:
    offerings = [offer(mode, price, currency, days) for mode, price, currency, days in prices]
    choice = choose_option(course(*offerings), target, RATES, days_left, budget_left)
    if choice is None:
        return
    assert choice.option.days <= days_left
    if budget_left is not None and choice.option.original is not None:
        assert choice.option.counted is not None and choice.option.counted <= budget_left
    if choice.reason is not None:
        assert choice.option.mode in ("elearning", "exam-only")

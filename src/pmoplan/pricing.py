"""Prices of course offerings in the user's currency, and the choice of offering under pressure (pure).

A course is bought through one of its offerings (classroom, virtual, eLearning, exam-only...). A
course without a taught offering also has an implicit option, the course itself, built from its
headline figures: ``cost`` (the course with its exam) or, when only ``exam_cost`` is known, that
exam price as a floor. Every
price is converted with the catalogue's dated rate table; the original stays alongside.

A budget counts the *high* end of a price range, so a plan never relies on the cheapest quote.
An unknown price stays unknown (``None``), never zero, and callers count it as unpriced.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pmoplan.errors import PmoplanError
from pmoplan.models import Course, Offering, OfferingMode, RatesFile

# Modes that teach the course; the planner prefers them and falls back to the others only when
# the year's days or budget are tight.
TAUGHT_MODES: tuple[str, ...] = ("classroom", "virtual", "blended", "course")
LIGHT_MODES: tuple[str, ...] = ("exam-only", "elearning", "distance")

ChoiceReason = Literal["days", "budget"]
# An exam sitting takes part of a working day even without a course: an exam-only offering is
# planned as at least half a training day, so a year with no training days plans no exam either.
EXAM_SITTING_DAYS = 0.5


class MissingRateError(PmoplanError):
    """A price (or a budget currency) that the rate table cannot convert (bad input: exit 1)."""


@dataclass(frozen=True)
class Price:
    """An amount, or a low-high range, in one currency."""

    low: float
    high: float
    currency: str

    @property
    def is_range(self) -> bool:
        """Whether the price is a range rather than one figure."""
        return self.high != self.low


@dataclass(frozen=True)
class PricedOption:
    """One way to buy a course, with its price as published and converted to the budget currency.

    ``mode`` is the offering's mode, or ``course`` for a course without offerings. ``floor`` is
    true when only the exam price is known: the course costs at least that much.
    """

    course_id: str
    mode: OfferingMode | Literal["course"]
    days: float
    original: Price | None
    converted: Price | None
    floor: bool = False
    seen: str | None = None
    source: str | None = None

    @property
    def counted(self) -> float | None:
        """The amount held against a budget (the high end), or None when the price is unknown."""
        return self.converted.high if self.converted is not None else None


@dataclass(frozen=True)
class OfferingChoice:
    """The option chosen for a course this year; ``reason`` says why it is not the standard one."""

    option: PricedOption
    standard: PricedOption
    reason: ChoiceReason | None = None


def convert(amount: float, source: str, target: str, rates: RatesFile | None) -> float:
    """``amount`` in ``source`` currency expressed in ``target`` currency, through the rate table.

    Raises :class:`MissingRateError` when the table lacks either currency (the loader refuses a
    catalogue whose declared currencies the table does not cover, so this means a bad ``--currency``).
    """
    if source == target:
        return amount
    if rates is None:
        raise MissingRateError(f"no exchange-rate table to convert {source} to {target}")
    per_base = {rates.base: 1.0, **rates.rates}
    for code in (source, target):
        if code not in per_base:
            raise MissingRateError(f"no exchange rate for {code} in the rate table of {rates.published}")
    return amount / per_base[source] * per_base[target]


def check_currency(currency: str, rates: RatesFile | None) -> None:
    """Raise :class:`MissingRateError` unless prices can be converted to ``currency``."""
    convert(1.0, currency, currency if rates is None else rates.base, rates)


def _price(low: float | None, high: float | None, currency: str | None) -> Price | None:
    if low is None or currency is None:
        return None
    return Price(low, high if high is not None else low, currency)


def _converted(price: Price | None, currency: str, rates: RatesFile | None) -> Price | None:
    if price is None:
        return None
    return Price(
        convert(price.low, price.currency, currency, rates),
        convert(price.high, price.currency, currency, rates),
        currency,
    )


def offering_option(course: Course, offering: Offering, currency: str, rates: RatesFile | None) -> PricedOption:
    """One offering of ``course`` priced in ``currency`` (standard, non-member price).

    A taught offering with no price of its own takes the course's headline ``cost`` where there is
    one: an organisation's negotiated price (an overlay's ``cost``) must count against its budget
    even when the shipped offering lists a delivery mode without a published price.
    """
    original = _price(offering.price, offering.price_high, offering.currency)
    headline = original is None and offering.mode in TAUGHT_MODES and course.cost is not None
    if headline:
        original = _price(course.cost, None, course.currency)
    spent = offering.days if offering.days is not None else course.days
    if offering.mode == "exam-only":
        spent = max(spent, EXAM_SITTING_DAYS)
    return PricedOption(
        course_id=course.id,
        mode=offering.mode,
        days=spent,
        original=original,
        converted=_converted(original, currency, rates),
        # The headline price is not the one seen at the offering's source: do not date it by it.
        seen=None if headline else offering.seen,
        source=None if headline else offering.source,
    )


def _headline_option(course: Course, currency: str, rates: RatesFile | None) -> PricedOption:
    """The course itself (its own days), priced by ``cost``, else by ``exam_cost`` as a floor."""
    amount = course.cost if course.cost is not None else course.exam_cost
    original = _price(amount, None, course.currency)
    return PricedOption(
        course_id=course.id,
        mode="course",
        days=course.days,
        original=original,
        converted=_converted(original, currency, rates),
        floor=course.cost is None and original is not None,
    )


def course_options(course: Course, currency: str, rates: RatesFile | None) -> list[PricedOption]:
    """Every way to buy ``course``, priced in ``currency``: its offerings in catalogue order.

    When no offering teaches the course (only exam-only or eLearning ones are listed), the course
    itself comes first, with its own days and headline price: listing an exam-only price must not
    make the taught course disappear from plans that have room for it.
    """
    offered = [offering_option(course, offering, currency, rates) for offering in course.offerings]
    if any(o.mode in TAUGHT_MODES for o in offered):
        return offered
    return [_headline_option(course, currency, rates), *offered]


def standard_option(options: list[PricedOption]) -> PricedOption:
    """The option a plan uses when nothing is tight: the first taught one, else the first listed."""
    return next((o for o in options if o.mode in TAUGHT_MODES), options[0])


def fits(option: PricedOption, days_left: float, budget_left: float | None) -> bool:
    """Whether ``option`` fits the days and the (converted) budget left; an unknown price fits."""
    if option.days > days_left:
        return False
    return budget_left is None or option.counted is None or option.counted <= budget_left


def choose_option(
    course: Course, currency: str, rates: RatesFile | None, days_left: float, budget_left: float | None
) -> OfferingChoice | None:
    """The option of ``course`` to plan with the days and budget left, or None if none fits.

    The standard (taught) option when it fits; otherwise the cheapest exam-only, eLearning or
    distance option that fits, with the reason (``days`` when the standard option needs more
    days than are left, else ``budget``). A known price is preferred to an unknown one.
    """
    return choose_from(course_options(course, currency, rates), days_left, budget_left)


def choose_from(options: list[PricedOption], days_left: float, budget_left: float | None) -> OfferingChoice | None:
    """:func:`choose_option` over options already priced (the planner prices each course once)."""
    standard = standard_option(options)
    if fits(standard, days_left, budget_left):
        return OfferingChoice(standard, standard)
    light = [o for o in options if o.mode in LIGHT_MODES and o is not standard and fits(o, days_left, budget_left)]
    if not light:
        return None
    best = min(light, key=lambda o: (o.counted is None, o.counted or 0.0, o.days))
    reason: ChoiceReason = "days" if standard.days > days_left else "budget"
    return OfferingChoice(best, standard, reason)

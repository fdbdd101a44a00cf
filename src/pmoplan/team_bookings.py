"""Group bookings (pure): where an in-house course is cheaper than public seats, and by how much.

For each course and year with seats (certification and specialist courses; renewals are exams or
CPD, never classes), and where the catalogue or the organisation's overlay gives the course an
in-house price (``in_house``: per day or per course, with a maximum class size), the team needs:

* the cost at public prices (seats × the course's list price);
* the in-house cost: as many classes as the seats need (``ceil(seats / max_class_size)``), each at
  the per-course price or the per-day price × the course's days;
* the break-even: the fewest seats from which one in-house class costs no more than public seats;
* the cheaper option. Prices in different currencies are not compared (no exchange rate is
  assumed); a course without a public price is compared with nothing and stays public.

The team budget counts the cheaper option (see :func:`in_house_shares`), and the report says so.
"""

from __future__ import annotations

import math

from pmoplan.catalogue import Catalogue
from pmoplan.models import Course
from pmoplan.team_models import GroupBooking, Option, SeatCell


def class_price(course: Course) -> float | None:
    """One in-house class of ``course``: the per-course price, or the per-day price × its days."""
    offer = course.in_house
    if offer is None:
        return None
    if offer.price_per_course is not None:
        return offer.price_per_course
    assert offer.price_per_day is not None  # the model requires one of the two
    return offer.price_per_day * course.days


def _break_even(course: Course, one_class: float) -> int | None:
    """The fewest seats at the public price that cost at least one class; None above the class size."""
    offer = course.in_house
    if offer is None or course.cost is None or course.cost <= 0 or course.currency != offer.currency:
        return None
    seats = max(1, math.ceil(one_class / course.cost - 1e-9))
    return seats if seats <= offer.max_class_size else None


def group_bookings(catalogue: Catalogue, seats: list[SeatCell]) -> list[GroupBooking]:
    """A booking comparison for every seat cell whose course has an in-house price (cells with counts)."""
    bookings = []
    for cell in seats:
        if cell.kind == "renewal" or cell.seats is None or not catalogue.has_course(cell.course_id):
            continue
        course = catalogue.course(cell.course_id)
        one_class = class_price(course)
        if course.in_house is None or one_class is None:
            continue
        classes = math.ceil(cell.seats / course.in_house.max_class_size)
        in_house = classes * one_class
        public = cell.seats * course.cost if course.cost is not None else None
        comparable = public is not None and course.currency == course.in_house.currency and not cell.unpriced
        cheaper: Option | None = None
        if comparable and public is not None:
            cheaper = "in-house" if in_house < public else "public"
        bookings.append(
            GroupBooking(
                year=cell.year,
                course_id=cell.course_id,
                title=course.title,
                seats=cell.seats,
                public_cost=public,
                classes=classes,
                in_house_cost=in_house,
                currency=course.in_house.currency,
                break_even_seats=_break_even(course, one_class),
                cheaper=cheaper,
                saving=(public or 0.0) - in_house if cheaper == "in-house" else 0.0,
                source=course.in_house.source,
            )
        )
    return bookings


def in_house_shares(bookings: list[GroupBooking], currency: str) -> dict[tuple[int, str], float]:
    """Per (year, course) booked in-house in ``currency``: each seat's share of the classes' cost."""
    return {
        (b.year, b.course_id): b.in_house_cost / b.seats
        for b in bookings
        if b.cheaper == "in-house" and b.currency == currency
    }

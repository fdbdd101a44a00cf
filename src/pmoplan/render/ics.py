"""A development plan as an iCalendar file (RFC 5545), built with the ``icalendar`` library.

- One all-day event per plan item (course or renewal), dated by one documented rule: a year's
  items run one after another from the first Monday of the planned month, each starting on the
  Monday after the previous one ends, so no two share a date. An item lasts its days rounded up
  (at least one) on weekdays: a course of more than five days runs on over the weekend, so its
  event spans those two days too. DTEND is exclusive. Course events block the time (OPAQUE);
  deadlines do not. A renewal moves earlier in its year when its slot would end after its
  renew-by date.
- One all-day "renew by" deadline per certificate (and per renewal item) with a renew-by date,
  with display alarms 90, 30 and 7 days before.
- UIDs are stable across re-exports of the same plan item, so calendar apps update events
  instead of duplicating them; they hold plan ids only, never a name or an e-mail address.
- Every event has one UID and one DTSTAMP; ``icalendar`` folds lines at 75 octets with CRLF.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from pmoplan import __version__
from pmoplan.catalogue import Catalogue
from pmoplan.plan_models import Plan, PlanItem
from pmoplan.render.listing import days, money
from pmoplan.render.reason_text import item_text, item_title

if TYPE_CHECKING:
    from icalendar import Calendar, Component, Event

UID_DOMAIN = "pmoplan"
PRODID = f"-//pmoplan//pmoplan {__version__}//EN"
ALARM_DAYS = (90, 30, 7)
PLACEHOLDER_NOTE = "The date is a placeholder in the planned month: book the real sitting with the provider."


def _uid(local: str) -> str:
    return f"{local}@{UID_DOMAIN}"


def _event(uid: str, summary: str, start: date, length_days: int, stamp: datetime, *, busy: bool = False) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", _uid(uid))
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(days=length_days))  # exclusive: the day after the last
    event.add("summary", summary)
    event.add("transp", "OPAQUE" if busy else "TRANSPARENT")  # a course takes the time; a deadline does not
    return event


def _item_description(item: PlanItem, catalogue: Catalogue) -> str:
    cost = money(item.cost, item.currency) or "no listed price"
    lines = [item_text(item), f"Kind: {item.kind}. Days: {days(item.days)}. Cost: {cost} (indicative)."]
    if item.route:
        lines.append(f"Renewal route: {item.route}.")
    if item.renew_by:
        lines.append(f"Renew by: {item.renew_by.isoformat()}.")
    lines.append(PLACEHOLDER_NOTE)
    return "\n".join(lines)


def calendar_days(training_days: float) -> int:
    """Calendar days an item spans from a Monday: its days rounded up, plus each weekend it runs over."""
    weekdays = max(1, math.ceil(training_days))
    return weekdays + 2 * ((weekdays - 1) // 5)


def _next_monday(day: date) -> date:
    """``day`` if it is a Monday, else the Monday after it."""
    return day + timedelta(days=-day.weekday() % 7)


def item_dates(items: list[PlanItem], year: int, month: int) -> list[date]:
    """Start dates of one year's items: one after another from the first Monday of ``month``.

    Each item starts on the Monday after the previous one ends. A renewal whose slot would end
    after its renew-by date moves earlier (not before 1 January) and leaves the sequence as it is.
    """
    cursor = _next_monday(date(year, month, 1))
    starts = []
    for item in items:
        length = calendar_days(item.days)
        start = cursor
        if item.renew_by is not None and start + timedelta(days=length - 1) > item.renew_by:
            starts.append(max(item.renew_by - timedelta(days=length - 1), date(year, 1, 1)))
            continue
        starts.append(start)
        cursor = _next_monday(start + timedelta(days=length))
    return starts


def item_event(item: PlanItem, start: date, catalogue: Catalogue, stamp: datetime) -> Event:
    """One plan item as an all-day event from ``start`` that blocks its days (see :func:`calendar_days`)."""
    length = calendar_days(item.days)
    event = _event(item.uid, item_title(item), start, length, stamp, busy=True)
    event.add("description", _item_description(item, catalogue))
    event.add("categories", ["pmoplan", item.kind])
    if catalogue.has_course(item.course_id):
        event.add("url", catalogue.course(item.course_id).source)
    return event


def deadlines(plan: Plan) -> Iterator[tuple[str, str, date]]:
    """(course id, title, renew-by date) for every certificate and renewal item, without repeats."""
    seen: set[tuple[str, date]] = set()
    pairs = [(c.course_id, c.title, c.renew_by) for c in plan.certificates]
    titles = {c.course_id: c.title for c in plan.certificates}
    pairs += [
        (i.course_id, titles.get(i.course_id, i.title), i.renew_by)
        for y in plan.years
        for i in y.items
        if i.kind == "renewal"
    ]
    for course_id, title, renew_by in pairs:
        if renew_by is not None and (course_id, renew_by) not in seen:
            seen.add((course_id, renew_by))
            yield course_id, title, renew_by


def deadline_event(course_id: str, title: str, renew_by: date, uid: str, stamp: datetime) -> Event:
    """A free all-day "renew by" event on ``renew_by``, with display alarms 90, 30 and 7 days before."""
    from icalendar import Alarm

    event = _event(uid, f"Renew by: {title}", renew_by, 1, stamp)
    event.add("description", f"Last day to renew the {title} certificate ({course_id}).")
    event.add("categories", ["pmoplan", "renew-by"])
    for before in ALARM_DAYS:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", timedelta(days=-before))
        alarm.add("description", f"{title}: renew by {renew_by.isoformat()} ({before} days left).")
        event.add_component(alarm)
    return event


def _deadline_events(plan: Plan, stamp: datetime) -> Iterator[Event]:
    used: set[str] = set()
    for course_id, title, renew_by in deadlines(plan):
        # One deadline per certificate keeps its UID when the date moves; a second deadline for
        # the same certificate (renewed inside the horizon) is told apart by its date.
        uid = f"renew-by-{course_id}"
        if uid in used:
            uid = f"{uid}-{renew_by:%Y%m%d}"
        used.add(uid)
        yield deadline_event(course_id, title, renew_by, uid, stamp)


def _empty_plan_note(plan: Plan, stamp: datetime) -> Component:
    """A journal entry for a plan with nothing to schedule.

    RFC 5545 requires at least one component in a calendar, and an invented event would show up
    in the user's diary; a VJOURNAL is valid and calendar apps do not put it on a day.
    """
    from icalendar import Journal

    first = plan.years[0].year if plan.years else stamp.year
    journal = Journal()
    journal.add("uid", "empty-plan@pmoplan")
    journal.add("dtstamp", stamp)
    journal.add("dtstart", date(first, 1, 1))
    journal.add("summary", "PMO development plan: nothing to schedule")
    journal.add("description", "This plan has no courses and no renewal deadlines in its years.")
    return journal


def new_calendar(name: str, month: int, stamp: datetime | None) -> tuple[Calendar, datetime]:
    """An empty published calendar named ``name``, and the DTSTAMP for its events (UTC, whole seconds).

    Shared by the personal and the team calendar so both carry the same header. ``month`` is
    checked here (1-12) because both place courses in it; a naive ``stamp`` is taken as UTC.
    """
    from icalendar import Calendar

    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1-12, not {month}")
    stamp = (stamp or datetime.now(UTC)).replace(microsecond=0)
    stamp = stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar, stamp


def plan_to_ics(plan: Plan, catalogue: Catalogue, *, month: int = 3, stamp: datetime | None = None) -> bytes:
    """The plan as an iCalendar file.

    Args:
        plan: The plan to render.
        catalogue: The catalogue the plan was made from (for course links).
        month: The month (1-12) in which each year's courses are placed.
        stamp: The DTSTAMP of every event; default now. A naive datetime is taken as UTC.

    Returns:
        The calendar as bytes: UTF-8, CRLF line ends, lines folded at 75 octets.

    Raises:
        ValueError: If ``month`` is not 1-12.
    """
    calendar, stamp = new_calendar("PMO development plan", month, stamp)
    for year in plan.years:
        for item, start in zip(year.items, item_dates(list(year.items), year.year, month), strict=True):
            calendar.add_component(item_event(item, start, catalogue, stamp))
    for event in _deadline_events(plan, stamp):
        calendar.add_component(event)
    if not calendar.subcomponents:
        calendar.add_component(_empty_plan_note(plan, stamp))
    data: bytes = calendar.to_ical()
    return data

"""A development plan as an iCalendar file (RFC 5545), built with the ``icalendar`` library.

- One all-day event per plan item (course or renewal) on the first day of the planned month in
  the item's year, lasting the item's days rounded up (at least one); DTEND is exclusive. A
  renewal moves earlier in its year when that month would be after its renew-by date.
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
    from icalendar import Event

UID_DOMAIN = "pmoplan"
PRODID = f"-//pmoplan//pmoplan {__version__}//EN"
ALARM_DAYS = (90, 30, 7)
PLACEHOLDER_NOTE = "The date is a placeholder in the planned month: book the real sitting with the provider."


def _uid(local: str) -> str:
    return f"{local}@{UID_DOMAIN}"


def _event(uid: str, summary: str, start: date, length_days: int, stamp: datetime) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", _uid(uid))
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(days=length_days))  # exclusive: the day after the last
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")
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


def _item_start(item: PlanItem, year: int, month: int, length: int) -> date:
    """The first of ``month``; a renewal moves earlier (within its year) so it ends by its deadline."""
    start = date(year, month, 1)
    if item.renew_by is not None:
        latest = item.renew_by - timedelta(days=length - 1)
        start = max(min(start, latest), date(year, 1, 1))
    return start


def _item_event(item: PlanItem, year: int, month: int, catalogue: Catalogue, stamp: datetime) -> Event:
    length = max(1, math.ceil(item.days))
    event = _event(item.uid, item_title(item), _item_start(item, year, month, length), length, stamp)
    event.add("description", _item_description(item, catalogue))
    event.add("categories", ["pmoplan", item.kind])
    if catalogue.has_course(item.course_id):
        event.add("url", catalogue.course(item.course_id).source)
    return event


def _deadlines(plan: Plan) -> Iterator[tuple[str, str, date]]:
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


def _deadline_event(course_id: str, title: str, renew_by: date, uid: str, stamp: datetime) -> Event:
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
    for course_id, title, renew_by in _deadlines(plan):
        # One deadline per certificate keeps its UID when the date moves; a second deadline for
        # the same certificate (renewed inside the horizon) is told apart by its date.
        uid = f"renew-by-{course_id}"
        if uid in used:
            uid = f"{uid}-{renew_by:%Y%m%d}"
        used.add(uid)
        yield _deadline_event(course_id, title, renew_by, uid, stamp)


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
    calendar.add("x-wr-calname", "PMO development plan")
    for year in plan.years:
        for item in year.items:
            calendar.add_component(_item_event(item, year.year, month, catalogue, stamp))
    for event in _deadline_events(plan, stamp):
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data

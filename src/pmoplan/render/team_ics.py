"""A team's plans as one iCalendar file (RFC 5545): every person's courses and renew-by deadlines.

One calendar for the whole team, so a manager subscribes once. Each event's summary starts with
the person (name and id, as in the team file); the UID is the plan item's UID prefixed with a
key derived from the person's id (a SHA-256 digest, so no name or e-mail address is in a UID),
which keeps UIDs stable per person and item across re-exports. Renew-by deadlines carry the same
display alarms as a personal calendar (90, 30 and 7 days before).
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import TYPE_CHECKING

from pmoplan.render.ics import deadline_event, deadlines, item_dates, item_event, new_calendar
from pmoplan.render.team_sections import person_label
from pmoplan.team import TeamReport

if TYPE_CHECKING:
    from icalendar import Calendar

    from pmoplan.catalogue import Catalogue
    from pmoplan.team import PersonPlan


def person_key(person_id: str) -> str:
    """A stable, opaque key for a person's UIDs: 16 hex digits of SHA-256 of the case-folded id."""
    return hashlib.sha256(person_id.casefold().encode("utf-8")).hexdigest()[:16]


def _add_person(calendar: Calendar, person: PersonPlan, catalogue: Catalogue, month: int, stamp: datetime) -> None:
    key = person_key(person.id)
    label = person_label(person)
    for year in person.plan.years:
        for item, start in zip(year.items, item_dates(year.items, year.year, month), strict=True):
            event = item_event(item, start, catalogue, stamp)
            event["uid"] = f"{key}-{item.uid}@pmoplan"
            event["summary"] = f"{label}: {event['summary']}"
            calendar.add_component(event)
    used: set[str] = set()
    for course_id, title, renew_by in deadlines(person.plan):
        uid = f"{key}-renew-by-{course_id}"
        if uid in used:
            uid = f"{uid}-{renew_by:%Y%m%d}"
        used.add(uid)
        event = deadline_event(course_id, title, renew_by, uid, stamp)
        event["summary"] = f"{label}: {event['summary']}"
        calendar.add_component(event)


def team_to_ics(report: TeamReport, catalogue: Catalogue, *, month: int = 3, stamp: datetime | None = None) -> bytes:
    """The team's plans as one calendar.

    Args:
        report: A team report with per-person data (not one built with ``min_group``).
        catalogue: The catalogue the plans were made from (for course links).
        month: The month (1-12) in which each year's courses are placed.
        stamp: The DTSTAMP of every event; default now (naive: taken as UTC).

    Returns:
        The calendar as bytes (UTF-8, CRLF, folded lines).

    Raises:
        ValueError: If the report has no per-person data or ``month`` is not 1-12.
    """
    if report.people is None:
        raise ValueError("a report without people (min_group) has no team calendar")
    calendar, stamp = new_calendar("PMO team development plan", month, stamp)
    for person in report.people:
        _add_person(calendar, person, catalogue, month, stamp)
    data: bytes = calendar.to_ical()
    return data

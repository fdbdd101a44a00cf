"""The sections of a team report, built once as format-neutral listings and drawn by each renderer.

Totals per year, seats per course and year, the certificate-lapse calendar, the skill-gap heat
map and what falls outside the team budget. A cell hidden by ``--min-group K`` is shown as ``<K``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from pmoplan.render.listing import Listing, days, money
from pmoplan.render.reason_text import item_title
from pmoplan.team import PersonPlan, TeamReport

if TYPE_CHECKING:
    from pmoplan.models import Currency
    from pmoplan.plan_models import PlanYear

PEOPLE_TITLE = "Who takes what, when"
HEAT_TITLE = "Skill gaps: people with a gap, by current level"
PEOPLE_VIEW_LIMIT = 2000  # rows; beyond this a per-person table helps nobody on a screen or a page

PRICE_NOTE = "Prices are indicative list prices; check them with the provider before booking."

# --- shared cells -------------------------------------------------------------------------


def hidden(report: TeamReport) -> str:
    """How a suppressed cell is shown: ``<K``."""
    k = report.suppression.min_group if report.suppression is not None else 0
    return f"<{k}"


def count(value: int | None, report: TeamReport) -> str:
    """A count, or ``<K`` when it is suppressed."""
    return hidden(report) if value is None else str(value)


def costs_cell(costs: Mapping[Currency, float] | None, report: TeamReport) -> str:
    """Costs per currency joined with ``+``; ``<K`` when suppressed, ``-`` when none."""
    if costs is None:
        return hidden(report)
    return " + ".join(money(amount, currency) for currency, amount in sorted(costs.items())) or "-"


def converted_cell(costs: Mapping[Currency, float] | None, converted: float | None, report: TeamReport) -> str:
    """`` (US$1,417)``: the year's known cost in the team currency, when some of it is in another."""
    if costs is None or converted is None:
        return ""
    from pmoplan.render.budget_text import converted_suffix

    return converted_suffix(costs, converted, report.currency)


def horizon(report: TeamReport) -> str:
    """``2026-2031`` (or one year)."""
    last = report.start_year + report.years - 1
    return str(report.start_year) if last == report.start_year else f"{report.start_year}-{last}"


def heading(report: TeamReport) -> str:
    """One line: how many people, which years, and the team budget."""
    people = f"{report.people_count} {'person' if report.people_count == 1 else 'people'}"
    budget = ""
    if report.budget is not None:
        from pmoplan.render.budget_text import coverage_text

        shown = [t for t in report.totals if not t.suppressed]
        unpriced = sum(t.unpriced or 0 for t in shown)
        priced = sum(t.seats or 0 for t in shown) - unpriced
        coverage = coverage_text(priced, unpriced).removeprefix("budget ").replace("item", "seat")
        budget = f", team budget {money(report.budget.budget_per_year, report.budget.currency)}/year, {coverage}"
    shared = f", groups under {report.suppression.min_group} hidden" if report.suppression is not None else ""
    return f"Team development plan {horizon(report)}: {people}{budget}{shared}"


# --- the sections as listings -------------------------------------------------------------


def totals_listing(report: TeamReport) -> Listing:
    """Totals per year: people with an item, seats, days, cost, and the team budget."""
    columns = ["Year", "People", "Seats", "Days", "Cost", "Unpriced"]
    with_budget = report.budget is not None
    if with_budget:
        columns += ["Budget", "Over budget"]
    rows = []
    for total in report.totals:
        row = [
            str(total.year),
            count(total.people, report),
            count(total.seats, report),
            hidden(report) if total.days is None else days(total.days),
            costs_cell(total.costs, report) + converted_cell(total.costs, total.budget_cost, report),
            count(total.unpriced, report),
        ]
        if with_budget:
            over = total.over_budget
            row += [
                money(total.budget, report.currency),
                hidden(report) if total.suppressed else (money(over, report.currency) if over else "-"),
            ]
        rows.append(row)
    notes = ["People: people with at least one item that year. Seats include renewals."]
    return Listing(title="Totals per year", columns=columns, rows=rows, notes=notes)


def seats_listing(report: TeamReport) -> Listing:
    """Seats, days and cost per course and year."""
    rows = []
    for cell in report.seats:
        cost = hidden(report) if cell.suppressed else money(cell.cost, cell.currency)
        if not cell.suppressed and cell.unpriced:
            cost = f"{cost} + {cell.unpriced} unpriced" if cost else f"{cell.unpriced} unpriced"
        rows.append(
            [
                str(cell.year),
                cell.title,
                cell.kind,
                count(cell.seats, report),
                hidden(report) if cell.days is None else days(cell.days),
                cost or "-",
            ]
        )
    return Listing(
        title="Seats per course and year",
        columns=["Year", "Course", "Kind", "Seats", "Days", "Cost"],
        rows=rows,
        notes=[] if rows else ["No courses planned."],
    )


def urgent_listings(report: TeamReport) -> list[Listing]:
    """The top of the lapse calendar: already lapsed, and renew within 6 months (per person)."""
    if report.already_lapsed is None or report.renew_within_6_months is None or report.as_of is None:
        return []
    names = {person.id: person_label(person) for person in report.people or []}
    as_of = report.as_of.isoformat()
    lapsed = Listing(
        title=f"Already lapsed (as of {as_of})",
        columns=["Person", "Certificate", "Renew-by date", "Lapsed"],
        rows=[
            [names.get(r.person_id, r.person_id), r.title, r.renew_by.isoformat(), f"{-r.days_left} days ago"]
            for r in report.already_lapsed
        ],
        notes=["Renew by retaking the exam (or the awarding body's restore route)."]
        if report.already_lapsed
        else [f"No certificate had lapsed by {as_of}."],
    )
    soon = Listing(
        title=f"Renew within 6 months (from {as_of})",
        columns=["Person", "Certificate", "Renew by", "Days left"],
        rows=[
            [names.get(r.person_id, r.person_id), r.title, r.renew_by.isoformat(), str(r.days_left)]
            for r in report.renew_within_6_months
        ],
        notes=[] if report.renew_within_6_months else ["No certificate must be renewed within 6 months."],
    )
    return [lapsed, soon]


def bookings_listing(report: TeamReport) -> Listing | None:
    """Per course and year with an in-house price: public seats against in-house classes, and the cheaper."""
    if not report.group_bookings:
        return None
    rows = []
    for booking in report.group_bookings:
        public = money(booking.public_cost, booking.currency) if booking.public_cost is not None else "no price"
        classes = f"{booking.classes} class" + ("es" if booking.classes != 1 else "")
        if booking.cheaper == "in-house":
            cheaper = f"in-house (saves {money(booking.saving, booking.currency)})"
        elif booking.cheaper == "public":
            cheaper = "public seats"
        else:
            cheaper = "not compared (no public price in the same currency)"
        even = f"{booking.break_even_seats} seats" if booking.break_even_seats is not None else "-"
        rows.append(
            [
                str(booking.year),
                booking.title,
                str(booking.seats),
                public,
                f"{money(booking.in_house_cost, booking.currency)} ({classes})",
                even,
                cheaper,
            ]
        )
    return Listing(
        title="Group bookings: public seats or an in-house course",
        columns=["Year", "Course", "Seats", "Public seats", "In-house", "Break-even", "Cheaper"],
        rows=rows,
        notes=[
            "Break-even: the fewest seats from which one in-house class costs no more than public seats. "
            "The team budget counts the cheaper option."
        ],
    )


def lapses_listing(report: TeamReport) -> Listing:
    """The certificate-lapse calendar: renewals due per year and course."""
    rows = [[str(c.year), c.title, count(c.people, report)] for c in report.lapse_calendar]
    return Listing(
        title="Certificate renewals due (lapse calendar)",
        columns=["Year", "Certificate", "People"],
        rows=rows,
        notes=[] if rows else ["No certificate lapses within the plan."],
    )


def heat_listing(report: TeamReport) -> Listing:
    """Skill × current level: how many people have a gap."""
    levels = {lc.level: lc for lc in report.levels}
    columns = ["Skill"] + [f"Level {n} ({count(levels[n].people, report)})" for n in range(1, 5)]
    rows: dict[str, list[str]] = {}
    for cell in report.heat_map:
        row = rows.setdefault(cell.skill, [cell.skill_name])
        row.append(count(cell.people_with_gap, report))
    return Listing(
        title=HEAT_TITLE,
        columns=columns,
        rows=list(rows.values()),
        notes=["Column headings give the number of people at each level."],
    )


def budget_listing(report: TeamReport) -> Listing | None:
    """Per year and course, what falls outside the team budget."""
    budget = report.budget
    if budget is None:
        return None
    rows = []
    notes = []
    for year in budget.years:
        if year.suppressed:
            notes.append(f"{year.year}: budget figures hidden (they would reveal a group under {hidden(report)[1:]}).")
        elif year.overrun:
            notes.append(
                f"{year.year}: planned {money(year.planned, budget.currency)}, "
                f"{money(year.overrun, budget.currency)} over the budget of {money(year.budget, budget.currency)}."
            )
        if year.in_house_saving:
            notes.append(
                f"{year.year}: in-house classes counted instead of public seats, saving "
                f"{money(year.in_house_saving, budget.currency)}."
            )
        for cell in year.outside_by_course:
            rows.append(
                [
                    str(year.year),
                    cell.course_id,
                    cell.kind,
                    count(cell.seats, report),
                    hidden(report) if cell.cost is None else money(cell.cost, budget.currency),
                ]
            )
    if not rows and not notes:
        notes.append("Every year is within the team budget.")
    notes.append(budget.priority)
    return Listing(
        title="Outside the team budget",
        columns=["Year", "Course", "Kind", "Seats", "Cost"],
        rows=rows,
        notes=notes,
    )


def person_label(person: PersonPlan) -> str:
    """``Ana Silva (a-001)``, or the id alone when there is no name."""
    return f"{person.name} ({person.id})" if person.name else person.id


def _year_cell(plan_year: PlanYear) -> str:
    """``P3O Foundation; Risk management · 5 d · £1,890`` (items, days, cost); ``-`` when nothing."""
    if not plan_year.items:
        return "-"
    titles = "; ".join(item_title(item) for item in plan_year.items)
    cost = " + ".join(money(amount, currency) for currency, amount in sorted(plan_year.costs.items()))
    unpriced = f" + {plan_year.unpriced_items} unpriced" if plan_year.unpriced_items else ""
    priced = f" · {cost}{unpriced}" if cost else (f" · {plan_year.unpriced_items} unpriced" if unpriced else "")
    return f"{titles} · {days(plan_year.days)} d{priced}"


def people_listing(report: TeamReport) -> Listing | None:
    """Who takes what, when: one row per person, one column per year, then the person's totals.

    None when the report has no per-person data (``--min-group``) or more people than
    :data:`PEOPLE_VIEW_LIMIT` (the CSV, JSON and xlsx outputs list everyone).
    """
    if report.people is None or len(report.people) > PEOPLE_VIEW_LIMIT:
        return None
    years = [str(year) for year in range(report.start_year, report.start_year + report.years)]
    rows = []
    for person in report.people:
        plan = person.plan
        request = plan.request
        level = str(request.current_level)
        if request.target_level != request.current_level:
            level += f" → {request.target_level}"
        total_cost = " + ".join(money(amount, currency) for currency, amount in sorted(plan.totals.costs.items()))
        rows.append(
            [person_label(person), level]
            + [_year_cell(plan_year) for plan_year in plan.years]
            + [days(plan.totals.days), total_cost or "-"]
        )
    return Listing(
        title=PEOPLE_TITLE,
        columns=["Person", "Level → target", *years, "Days", "Cost"],
        rows=rows,
        notes=["Each year: the person's courses and renewals · training days · cost."],
        no_wrap=("Level → target",),
    )


def people_by_year_listing(report: TeamReport) -> Listing | None:
    """The same view, long: one row per person and year with items, for narrow screens (the terminal)."""
    if report.people is None or len(report.people) > PEOPLE_VIEW_LIMIT:
        return None
    rows = []
    for person in report.people:
        label = person_label(person)
        for plan_year in person.plan.years:
            if not plan_year.items:
                continue
            cost = " + ".join(money(amount, currency) for currency, amount in sorted(plan_year.costs.items()))
            if plan_year.unpriced_items:
                cost = (
                    f"{cost} + {plan_year.unpriced_items} unpriced" if cost else f"{plan_year.unpriced_items} unpriced"
                )
            rows.append(
                [
                    label,
                    str(plan_year.year),
                    str(plan_year.level),
                    "\n".join(
                        item.course_id + (" (renewal)" if item.kind == "renewal" else "") for item in plan_year.items
                    ),
                    days(plan_year.days),
                    cost or "-",
                ]
            )
            label = ""
    return Listing(
        title=PEOPLE_TITLE,
        columns=["Person", "Year", "Level", "Courses", "Days", "Cost"],
        rows=rows,
        notes=["Course ids as in 'pmoplan course ID'; years with nothing planned are left out."],
        no_wrap=("Courses",),
    )


def opinions_listing(report: TeamReport) -> Listing | None:
    """Whose plans use a manager's ratings, and the skills where self and manager differ by 2+ points."""
    if not report.manager_view:
        return None
    names = {person.id: person_label(person) for person in report.people or []}
    skills = {cell.skill: cell.skill_name for cell in report.heat_map}
    found = report.second_opinion or []
    with_ratings = any(d.self_rating is not None for d in found)  # a folder of profiles: both ratings known
    rows = []
    for d in found:
        row = [names.get(d.person_id, d.person_id), skills.get(d.skill, d.skill), str(d.self_gap), str(d.manager_gap)]
        if with_ratings:
            row += ["-" if d.self_rating is None else str(d.self_rating), str(d.manager_rating)]
        rows.append(row)
    planned = ", ".join(names.get(person, person) for person in report.manager_view)
    notes = [f"Planned from the manager's ratings: {planned}."]
    if not rows:
        notes.append("Self and manager agree within 1 point wherever both rated.")
    columns = ["Person", "Skill", "Own gap", "Manager's gap"]
    return Listing(
        title="Self and manager: 2 or more points apart",
        columns=columns + (["Own rating", "Manager's rating"] if with_ratings else []),
        rows=rows,
        notes=notes,
    )


STALE_TITLE = "Manager's review older than self-assessment"
STALE_NOTE = (
    "These plans follow a manager's review made before the person's latest self-assessment, which may "
    "record growth since: ask the manager for a fresh review (pmoplan assess --for ID --by manager)."
)


def stale_reviews_listing(report: TeamReport) -> Listing | None:
    """Whose plans follow a manager's review older than their latest self-assessment, with both dates.

    A shared report (``--min-group``) gives the number alone, and nothing when it is hidden or 0;
    a report whose reviews are all current has no such section.
    """
    stale = report.stale_reviews
    if stale is None or not stale.count:
        return None
    if stale.people is None:
        who = "person's plan follows" if stale.count == 1 else "people's plans follow"
        note = (
            f"{stale.count} {who} a manager's review made before their latest self-assessment "
            "(not named: the report is for sharing)."
        )
        return Listing(title=STALE_TITLE, columns=[], notes=[note])
    names = {person.id: person_label(person) for person in report.people or []}
    rows = [
        [names.get(s.person_id, s.person_id), s.manager_taken_on.isoformat(), s.self_taken_on.isoformat()]
        for s in stale.people
    ]
    return Listing(
        title=STALE_TITLE, columns=["Person", "Manager's review", "Self-assessment"], rows=rows, notes=[STALE_NOTE]
    )


def people_note(report: TeamReport) -> str | None:
    """Why the per-person view is missing, when it is."""
    if report.people is None:
        return "Per-person view left out: the report is for sharing (--min-group)."
    if len(report.people) > PEOPLE_VIEW_LIMIT:
        return (
            f"Per-person view left out: {len(report.people):,} people is more than {PEOPLE_VIEW_LIMIT:,}; "
            "--format csv, json or xlsx lists everyone."
        )
    return None


def listings(report: TeamReport, *, narrow: bool = False) -> list[Listing]:
    """Every section of the report, in reading order (``narrow``: the long per-person view)."""
    sections = [
        totals_listing(report),
        seats_listing(report),
        *([bookings] if (bookings := bookings_listing(report)) is not None else []),
        *urgent_listings(report),
        lapses_listing(report),
        heat_listing(report),
    ]
    stale = stale_reviews_listing(report)
    if stale is not None:
        sections.insert(0, stale)
    opinions = opinions_listing(report)
    if opinions is not None:
        sections.insert(0, opinions)
    people = people_by_year_listing(report) if narrow else people_listing(report)
    if people is not None:
        sections.insert(0, people)
    over = budget_listing(report)
    if over is not None:
        sections.append(over)
    return sections


def suppression_note(report: TeamReport) -> str:
    """What ``--min-group`` hid: how many figures, how many only to protect others, which year totals."""
    shared = report.suppression
    if shared is None:
        return ""
    text = f"Shared report: {shared.cells_suppressed} figure(s) hidden"
    if shared.complementary:
        text += f", {shared.complementary} of them only so that no total gives back another"
    text += "."
    if shared.totals_hidden:
        text += f" Totals hidden for {', '.join(map(str, shared.totals_hidden))}."
    if shared.amounts_hidden:
        text += f" Days and cost hidden for {', '.join(map(str, shared.amounts_hidden))}."
    return f"{text} {shared.rule}"


def footnotes(report: TeamReport) -> list[str]:
    """The notes at the foot of every format: prices, and what ``--min-group`` hid."""
    notes = [PRICE_NOTE]
    missing = people_note(report)
    if missing is not None:
        notes.append(missing)
    if report.suppression is not None:
        notes.append(suppression_note(report).replace("<K", f"<{report.suppression.min_group}"))
    return notes

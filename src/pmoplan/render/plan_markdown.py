"""A development plan as Markdown that pastes cleanly into a review document.

Layout: a summary, one table per year, milestones, certificates, the reason for every item and
what could not be scheduled. Table cells go through :func:`pmoplan.render.markdown.escape_cell`;
on top of that, text that a Markdown renderer would read as an HTML tag (``<b``) or entity
(``&amp;``) gets its ``<`` or ``&`` written as an entity, so catalogue text is shown, never run.

The small text helpers here (:func:`level_label`, :func:`costs_text`...) are shared with the HTML
report so that both say the same thing in the same words.
"""

from __future__ import annotations

from collections.abc import Mapping

from pmoplan.catalogue import Catalogue
from pmoplan.models import Currency
from pmoplan.plan_models import Plan, PlanItem, PlanYear
from pmoplan.render.listing import days, money
from pmoplan.render.markdown import escape_cell, markdown_table
from pmoplan.render.reason_text import (
    item_text,
    item_title,
    milestone_text,
    route_name,
    unscheduled_text,
    warning_text,
)
from pmoplan.render.report_header import ReportHeader, header_pairs, subject_text

YEAR_COLUMNS = ["Course", "ID", "Kind", "Days", "Cost", "Renew by"]
CERTIFICATE_COLUMNS = ["Certificate", "ID", "Awarded", "Renew by", "Status"]
NO_PRICE = "no listed price"
PRICE_NOTE = "Prices are indicative list prices; check them with the provider before booking."


def normalise_newlines(text: str) -> str:
    r"""Turn ``\r\n`` and a lone ``\r`` into ``\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def md_text(text: str) -> str:
    """Escape plan text for a Markdown table cell or list item (see :func:`escape_cell`)."""
    return escape_cell(normalise_newlines(text))


def level_label(catalogue: Catalogue, number: int) -> str:
    """``Level 2: Supporting Portfolios, Programmes and Projects``."""
    return f"Level {number}: {catalogue.level(number).name}"


def costs_text(
    costs: Mapping[Currency, float], unpriced: int, converted: float | None = None, currency: str | None = None
) -> str:
    """``£1,205 + US$300 (£1,425)``, and how many items have no listed price."""
    shown = " + ".join(money(amount, code) for code, amount in sorted(costs.items()))
    if shown and converted is not None and currency is not None:
        from pmoplan.render.budget_text import converted_suffix

        shown += converted_suffix(costs, converted, currency)
    items = plural(unpriced, "item")
    if not shown:
        return f"no listed price for {items}" if unpriced else "no cost"
    return f"{shown} (plus {items} with no listed price)" if unpriced else shown


def item_cost(item: PlanItem) -> str:
    """The cost of one item (``US$300 (£220)`` when converted to the plan's currency), or :data:`NO_PRICE`."""
    if item.cost is None:
        return NO_PRICE
    shown = money(item.cost, item.currency)
    if item.cost_high is not None:
        shown += "-" + money(item.cost_high, item.currency)
    converted = next((r for r in item.reasons if r.code == "converted-price"), None)
    if converted is not None:
        shown += f" ({money(round(converted.converted), converted.budget_currency)})"
    return shown


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """``1 renewal`` / ``2 renewals``."""
    return f"{count} {noun if count == 1 else plural_noun or noun + 's'}"


def horizon_text(plan: Plan) -> str:
    """``2026–2031 (6 years)``."""
    first = plan.request.start_year
    last = first + plan.request.years - 1
    span = str(first) if first == last else f"{first}–{last}"
    return f"{span} ({plural(plan.request.years, 'year')})"


def capacity_text(plan: Plan) -> str:
    """``8 training days a year; budget £2,000 a year``."""
    request = plan.request
    from pmoplan.render.budget_text import plan_coverage_text

    budget = (
        f"budget {money(request.budget_per_year, plan.currency)} a year, "
        + plan_coverage_text(plan).removeprefix("budget ")
        if request.budget_per_year is not None
        else "no budget limit"
    )
    return f"{days(request.days_per_year)} training days a year; {budget}"


def totals_text(plan: Plan) -> str:
    """``21 days; £6,100; 2 certifications, 4 specialist courses, 1 renewal``."""
    totals = plan.totals
    counts = ", ".join(
        [
            plural(totals.certifications, "certification"),
            plural(totals.specialist, "specialist course"),
            plural(totals.renewals, "renewal"),
        ]
    )
    cost = costs_text(totals.costs, totals.unpriced_items, totals.budget_cost, plan.currency)
    return f"{days(totals.days)} days; {cost}; {counts}"


def summary_pairs(plan: Plan, catalogue: Catalogue) -> list[tuple[str, str]]:
    """The summary as (label, value) pairs, in reading order."""
    return [
        ("Current level", level_label(catalogue, plan.request.current_level)),
        ("Target level", level_label(catalogue, plan.request.target_level)),
        ("Horizon", horizon_text(plan)),
        ("Capacity", capacity_text(plan)),
        ("Totals", totals_text(plan)),
    ]


def year_rows(year: PlanYear) -> list[list[str]]:
    """The rows of one year's table (columns :data:`YEAR_COLUMNS`), as plain text."""
    return [
        [
            item_title(item),
            item.course_id,
            item.kind,
            days(item.days),
            item_cost(item),
            item.renew_by.isoformat() if item.renew_by else "",
        ]
        for item in year.items
    ]


def item_reason(item: PlanItem) -> str:
    """Why an item is in the plan, naming the renewal route when no renewal reason names it."""
    text = item_text(item)
    if item.route and not any(reason.code == "renewal-due" for reason in item.reasons):
        return f"{text} Route: {route_name(item.route)}."
    return text


def _table(columns: list[str], rows: list[list[str]]) -> str:
    # markdown_table escapes each cell once (escaping here as well showed a pipe as '\|').
    return markdown_table(columns, [[normalise_newlines(cell) for cell in row] for row in rows])


def _summary(plan: Plan, catalogue: Catalogue, header: ReportHeader | None) -> str:
    lines = [f"- **{label}:** {md_text(value)}" for label, value in summary_pairs(plan, catalogue)]
    title = "# Personal development plan"
    if header is not None:
        levels = (plan.request.current_level, plan.request.target_level)
        title += " " + md_text(subject_text(header, *levels))
        issue = [f"{label}: {md_text(text)}" for label, text in header_pairs(header, levels)]
        title += "\n\n" + "  \n".join(issue)  # two spaces: a line break, one header line each
    return title + "\n\n" + "\n".join(lines) + "\n"


def _year(year: PlanYear, catalogue: Catalogue) -> str:
    heading = f"### {year.year}: {md_text(level_label(catalogue, year.level))}\n"
    if not year.items:
        return heading + "\nNo courses planned this year.\n"
    total = f"Year total: {days(year.days)} days; {costs_text(year.costs, year.unpriced_items)}."
    return f"{heading}\n{_table(YEAR_COLUMNS, year_rows(year))}\n{md_text(total)}\n"


def _warnings(plan: Plan) -> str:
    if not plan.warnings:
        return ""
    lines = [f"- {'**' if w.urgent else ''}{md_text(warning_text(w))}{'**' if w.urgent else ''}" for w in plan.warnings]
    return "## Warnings\n\n" + "\n".join(lines) + "\n"


def _milestones(plan: Plan) -> str:
    if not plan.milestones:
        return "## Milestones\n\nNone in this horizon.\n"
    lines = [f"- {m.year}: {md_text(milestone_text(m))}" for m in plan.milestones]
    return "## Milestones\n\n" + "\n".join(lines) + "\n"


def certificate_rows(plan: Plan) -> list[list[str]]:
    """The certificates table (columns :data:`CERTIFICATE_COLUMNS`), as plain text."""
    return [
        [
            c.title,
            c.course_id,
            c.awarded_on.isoformat() if c.awarded_on else "",
            c.renew_by.isoformat() if c.renew_by else "does not expire",
            "planned" if c.planned else "held",
        ]
        for c in plan.certificates
    ]


def _certificates(plan: Plan) -> str:
    if not plan.certificates:
        return ""
    return "## Certificates\n\n" + _table(CERTIFICATE_COLUMNS, certificate_rows(plan))


def _reasons(plan: Plan) -> str:
    lines = [
        f"- {year.year}, {md_text(item_title(item))}: {md_text(item_reason(item))}"
        for year in plan.years
        for item in year.items
    ]
    return "## Reasons\n\n" + ("\n".join(lines) if lines else "No courses planned.") + "\n"


def unscheduled_label(course_id: str | None, skill: str | None, year: int | None) -> str:
    """``pmo-finance (skill finance), 2027``: what could not be placed."""
    label = course_id or (f"skill {skill}" if skill else "plan")
    if course_id and skill:
        label += f" (skill {skill})"
    return f"{label}, {year}" if year is not None else label


def _unscheduled(plan: Plan) -> str:
    if not plan.unscheduled:
        return ""
    lines = [
        f"- {md_text(unscheduled_label(u.course_id, u.skill, u.year))}: {md_text(unscheduled_text(u))}"
        for u in plan.unscheduled
    ]
    return "## Not scheduled\n\n" + "\n".join(lines) + "\n"


def plan_to_markdown(plan: Plan, catalogue: Catalogue, header: ReportHeader | None = None) -> str:
    """The whole plan as one Markdown document.

    Args:
        plan: The plan to render.
        catalogue: The catalogue the plan was made from (for level names).
        header: For whom, the date of issue and the catalogue's date; None leaves them out.

    Returns:
        Markdown text ending in a newline.
    """
    years = "## Plan by year\n\n" + "\n".join(_year(year, catalogue) for year in plan.years)
    parts = [
        _summary(plan, catalogue, header),
        _warnings(plan),
        years,
        _milestones(plan),
        _certificates(plan),
        _reasons(plan),
    ]
    parts += [_unscheduled(plan), f"*{PRICE_NOTE}*\n"]
    return "\n".join(part for part in parts if part)

"""A team report in every format: terminal tables, Markdown, CSV, HTML and (fast, streamed) JSON.

The sections are built once as format-neutral :class:`~pmoplan.render.listing.Listing` tables
(totals per year, seats per course and year, the certificate-lapse calendar, the skill-gap heat
map, what falls outside the team budget) and then drawn by each renderer. A cell hidden by
``--min-group K`` is shown as ``<K``.

CSV is one row per person per plan item, Excel-safe (UTF-8 with BOM; every text cell that starts
with ``= + - @``, a tab, CR or LF gets a leading ``'``). It lists people, so it is refused with
``--min-group`` (the CLI says so).

JSON is exactly ``json.dumps(report.model_dump(mode="json"), indent=2)``, but produced in chunks:
each distinct plan is serialised once and reused for everyone who shares it, so a team of
100,000 is written without building one enormous document in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from html import escape
from typing import TYPE_CHECKING, Any

from pmoplan import __version__
from pmoplan.render.csv_out import neutralise_text, to_csv
from pmoplan.render.html_style import BASE_CSS
from pmoplan.render.listing import Listing, days, money
from pmoplan.render.reason_text import item_text, item_title, plan_json_data
from pmoplan.team import TeamReport

if TYPE_CHECKING:
    from rich.console import RenderableType

    from pmoplan.models import Currency
    from pmoplan.plan_models import Plan

PRICE_NOTE = "Prices are indicative list prices; check them with the provider before booking."

TEAM_CSV_COLUMNS = [
    "person_id",
    "name",
    "year",
    "level",
    "course_id",
    "title",
    "kind",
    "days",
    "cost",
    "currency",
    "renew_by",
    "team_budget",
    "why",
]


# --- shared cells -------------------------------------------------------------------------


def _hidden(report: TeamReport) -> str:
    k = report.suppression.min_group if report.suppression is not None else 0
    return f"<{k}"


def _count(value: int | None, report: TeamReport) -> str:
    return _hidden(report) if value is None else str(value)


def _costs(costs: Mapping[Currency, float] | None, report: TeamReport) -> str:
    if costs is None:
        return _hidden(report)
    return " + ".join(money(amount, currency) for currency, amount in sorted(costs.items())) or "-"


def horizon(report: TeamReport) -> str:
    """``2026-2031`` (or one year)."""
    last = report.start_year + report.years - 1
    return str(report.start_year) if last == report.start_year else f"{report.start_year}-{last}"


def heading(report: TeamReport) -> str:
    """One line: how many people, which years, and the team budget."""
    people = f"{report.people_count} {'person' if report.people_count == 1 else 'people'}"
    budget = ""
    if report.budget is not None:
        budget = f", team budget {money(report.budget.budget_per_year, report.budget.currency)}/year"
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
            _count(total.people, report),
            _count(total.seats, report),
            _hidden(report) if total.days is None else days(total.days),
            _costs(total.costs, report),
            _count(total.unpriced, report),
        ]
        if with_budget:
            over = total.over_budget
            row += [
                money(total.budget, report.currency),
                _hidden(report) if total.suppressed else (money(over, report.currency) if over else "-"),
            ]
        rows.append(row)
    notes = ["People: people with at least one item that year. Seats include renewals."]
    return Listing(title="Totals per year", columns=columns, rows=rows, notes=notes)


def seats_listing(report: TeamReport) -> Listing:
    """Seats, days and cost per course and year."""
    rows = []
    for cell in report.seats:
        cost = _hidden(report) if cell.suppressed else money(cell.cost, cell.currency)
        if not cell.suppressed and cell.unpriced:
            cost = f"{cost} + {cell.unpriced} unpriced" if cost else f"{cell.unpriced} unpriced"
        rows.append(
            [
                str(cell.year),
                cell.title,
                cell.kind,
                _count(cell.seats, report),
                _hidden(report) if cell.days is None else days(cell.days),
                cost or "-",
            ]
        )
    return Listing(
        title="Seats per course and year",
        columns=["Year", "Course", "Kind", "Seats", "Days", "Cost"],
        rows=rows,
        notes=[] if rows else ["No courses planned."],
    )


def lapses_listing(report: TeamReport) -> Listing:
    """The certificate-lapse calendar: renewals due per year and course."""
    rows = [[str(c.year), c.title, _count(c.people, report)] for c in report.lapse_calendar]
    return Listing(
        title="Certificate renewals due (lapse calendar)",
        columns=["Year", "Certificate", "People"],
        rows=rows,
        notes=[] if rows else ["No certificate lapses within the plan."],
    )


def heat_listing(report: TeamReport) -> Listing:
    """Skill × current level: how many people have a gap."""
    levels = {lc.level: lc for lc in report.levels}
    columns = ["Skill"] + [f"Level {n} ({_count(levels[n].people, report)})" for n in range(1, 5)]
    rows: dict[str, list[str]] = {}
    for cell in report.heat_map:
        row = rows.setdefault(cell.skill, [cell.skill_name])
        row.append(_count(cell.people_with_gap, report))
    return Listing(
        title="Skill gaps: people with a gap, by current level",
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
            notes.append(f"{year.year}: budget figures hidden (fewer than {_hidden(report)[1:]} people).")
        elif year.overrun:
            notes.append(
                f"{year.year}: planned {money(year.planned, budget.currency)}, "
                f"{money(year.overrun, budget.currency)} over the budget of {money(year.budget, budget.currency)}."
            )
        for cell in year.outside_by_course:
            rows.append(
                [
                    str(year.year),
                    cell.course_id,
                    cell.kind,
                    _count(cell.seats, report),
                    _hidden(report) if cell.cost is None else money(cell.cost, budget.currency),
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


def listings(report: TeamReport) -> list[Listing]:
    """Every section of the report, in reading order."""
    sections = [totals_listing(report), seats_listing(report), lapses_listing(report), heat_listing(report)]
    over = budget_listing(report)
    if over is not None:
        sections.append(over)
    return sections


def _footnotes(report: TeamReport) -> list[str]:
    notes = [PRICE_NOTE]
    if report.suppression is not None:
        notes.append(
            f"Shared report: {report.suppression.cells_suppressed} cell(s) hidden. {report.suppression.rule}".replace(
                "<K", f"<{report.suppression.min_group}"
            )
        )
    return notes


# --- terminal -----------------------------------------------------------------------------


def team_renderables(report: TeamReport, *, plain: bool) -> list[RenderableType]:
    """Rich renderables for the terminal: heading, the section tables, notes."""
    from rich.text import Text

    from pmoplan.render.table import listing_table

    parts: list[RenderableType] = [Text(heading(report), style="" if plain else "bold")]
    for listing in listings(report):
        if not listing.rows:
            parts.append(Text(listing.title, style="" if plain else "italic"))
        else:
            table = _heat_table(report, listing, plain) if listing.title.startswith("Skill gaps") else None
            parts.append(table if table is not None else listing_table(listing, plain=plain))
        parts.extend(Text(note, style="" if plain else "dim") for note in listing.notes)
    parts.extend(Text(note, style="" if plain else "dim") for note in _footnotes(report))
    return parts


_SHADES = ("", "on grey23", "on dark_orange3", "on red3", "on red1")


def _heat_table(report: TeamReport, listing: Listing, plain: bool) -> RenderableType | None:
    """The heat map with shaded cells (plain: no colour, the numbers say it all)."""
    if plain:
        return None
    from rich import box
    from rich.table import Table
    from rich.text import Text

    peak = max((c.people_with_gap or 0 for c in report.heat_map), default=0)
    table = Table(title=Text(listing.title), box=box.ROUNDED, title_justify="left", highlight=False)
    for index, column in enumerate(listing.columns):
        table.add_column(Text(column), justify="left" if index == 0 else "right")
    by_skill: dict[str, list[int | None]] = {}
    for cell in report.heat_map:
        by_skill.setdefault(cell.skill, []).append(cell.people_with_gap)
    for row, counts in zip(listing.rows, by_skill.values(), strict=True):
        cells = [Text(row[0])]
        for text, count in zip(row[1:], counts, strict=True):
            shade = _SHADES[min(4, -(-4 * count // peak))] if count and peak else ""
            cells.append(Text(text, style=shade))
        table.add_row(*cells)
    return table


# --- Markdown -----------------------------------------------------------------------------


def team_to_markdown(report: TeamReport) -> str:
    """The report as GitHub-flavoured Markdown."""
    from pmoplan.render.markdown import escape_cell, listing_markdown

    parts = [f"# {escape_cell(heading(report))}\n"]
    for listing in listings(report):
        if listing.rows:
            parts.append(listing_markdown(listing))
        else:
            parts.append(
                f"## {escape_cell(listing.title)}\n\n" + "".join(f"- {escape_cell(n)}\n" for n in listing.notes)
            )
    parts.append("\n".join(f"_{escape_cell(note)}_" for note in _footnotes(report)) + "\n")
    return "\n".join(parts)


# --- CSV ----------------------------------------------------------------------------------


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


_PlanRow = tuple[int, str, str | None, list[str], list[str]]


def _plan_rows(plan: Plan) -> list[_PlanRow]:
    """Per item: year, key, currency it counts in, the cells before ``team_budget`` and after it."""
    rows: list[_PlanRow] = []
    for year in plan.years:
        for item in year.items:
            before = [
                str(year.year),
                str(year.level),
                neutralise_text(item.course_id),
                neutralise_text(item_title(item)),
                item.kind,
                _number(item.days),
                _number(item.cost) if item.cost is not None else "",
                item.currency or "",
                item.renew_by.isoformat() if item.renew_by else "",
            ]
            counts_in = item.currency if item.cost is not None else None
            rows.append(
                (year.year, item.course_id + "/" + item.kind, counts_in, before, [neutralise_text(item_text(item))])
            )
    return rows


def team_to_csv(report: TeamReport) -> str:
    """One row per person per plan item.

    With a team budget, ``team_budget`` is ``outside`` for items that fall outside it, ``within``
    for the other items priced in the catalogue currency, and empty for items that do not count
    (unpriced, or priced in another currency).
    """
    if report.people is None:
        raise ValueError("a report without people (min_group) has no per-person CSV")
    outside: set[tuple[str, int, str]] = set()
    if report.budget is not None:
        for budget_year in report.budget.years:
            for item in budget_year.outside or []:
                outside.add((item.person_id, item.year, item.course_id + "/" + item.kind))
    budgeted = report.currency if report.budget is not None else None
    cache: dict[int, list[_PlanRow]] = {}
    rows: list[list[str]] = []
    for person in report.people:
        plan_rows = cache.get(id(person.plan))
        if plan_rows is None:
            plan_rows = cache[id(person.plan)] = _plan_rows(person.plan)
        who = [neutralise_text(person.id), neutralise_text(person.name or "")]
        for year, key, counts_in, before, after in plan_rows:
            status = ""
            if budgeted is not None and counts_in == budgeted:
                status = "outside" if (person.id, year, key) in outside else "within"
            rows.append([*who, *before, status, *after])
    return to_csv(TEAM_CSV_COLUMNS, rows)


# --- JSON ---------------------------------------------------------------------------------


def _dump(value: Any, indent: int) -> str:
    """``json.dumps(value, indent=2)`` as it appears ``indent`` levels deep in a larger document."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return text.replace("\n", "\n" + "  " * indent) if indent else text


def team_json_chunks(report: TeamReport) -> Iterator[str]:
    """The report's JSON in pieces; joined, exactly ``to_json(report.model_dump(mode="json"))``."""
    plans: dict[int, str] = {}
    fields = list(TeamReport.model_fields)
    yield "{\n"
    for position, name in enumerate(fields):
        end = ",\n" if position < len(fields) - 1 else "\n"
        value = getattr(report, name)
        if name == "people" and value:
            yield '  "people": [\n'
            for index, person in enumerate(value):
                text = plans.get(id(person.plan))
                if text is None:
                    dumped = _dump(plan_json_data(person.plan), 3)
                    text = plans[id(person.plan)] = dumped
                yield (
                    f'    {{\n      "id": {json.dumps(person.id, ensure_ascii=False)},\n'
                    f'      "name": {json.dumps(person.name, ensure_ascii=False)},\n'
                    f'      "plan": {text}\n    }}{"," if index < len(value) - 1 else ""}\n'
                )
            yield "  ]" + end
            continue
        if name == "lapses" and value:
            yield '  "lapses": [\n'
            last = len(value) - 1
            for index, lapse in enumerate(value):
                body = lapse.model_dump_json(indent=2).replace("\n", "\n    ")
                yield f"    {body}{',' if index < last else ''}\n"
            yield "  ]" + end
            continue
        dumped = value.model_dump(mode="json") if hasattr(value, "model_dump") else _plain(value)
        yield f"  {json.dumps(name)}: {_dump(dumped, 1)}{end}"
    yield "}\n"


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [item.model_dump(mode="json") if hasattr(item, "model_dump") else item for item in value]
    return value


# --- HTML ---------------------------------------------------------------------------------

_CSS = (
    BASE_CSS
    + """.lede { margin: 4px 0 0; color: var(--muted); }
h2 { font-size: 1.3rem; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
figure { margin: 0; } figure svg { width: 100%; max-width: 900px; height: auto; display: block; }
figcaption, .note { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
thead th { background: var(--panel); }
td.num { text-align: right; white-space: nowrap; }
footer { margin-top: 40px; padding-bottom: 28px; color: var(--muted); font-size: .85rem; }
@media print { header, main, footer { max-width: none; padding: 0; } tr, figure { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""
)

_HEAT = ("#ffffff", "#fde2c8", "#f9b27c", "#ef7b45", "#d1432b")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _numeric(text: str) -> bool:
    return bool(text) and (text[0].isdigit() or text[0] in "£€<-" or text.startswith("US$"))


def _html_table(listing: Listing, *, shades: list[list[str]] | None = None) -> str:
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in listing.columns)
    body = []
    for r, row in enumerate(listing.rows):
        cells = [f'<th scope="row">{_e(row[0])}</th>']
        for c, cell in enumerate(row[1:]):
            style = f' style="background:{shades[r][c]}"' if shades and shades[r][c] else ""
            css = ' class="num"' if _numeric(cell) else ""
            cells.append(f"<td{css}{style}>{_e(cell)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    notes = "".join(f'<p class="note">{_e(n)}</p>' for n in listing.notes)
    if not listing.rows:
        return f"<section><h2>{_e(listing.title)}</h2>{notes}</section>"
    return (
        f"<section><h2>{_e(listing.title)}</h2><table><caption>{_e(listing.title)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{notes}</section>"
    )


def _heat_shades(report: TeamReport) -> list[list[str]]:
    peak = max((c.people_with_gap or 0 for c in report.heat_map), default=0)
    rows: dict[str, list[str]] = {}
    for cell in report.heat_map:
        count = cell.people_with_gap or 0
        rows.setdefault(cell.skill, []).append(_HEAT[min(4, -(-4 * count // peak))] if count and peak else "")
    return list(rows.values())


def cost_chart_svg(report: TeamReport) -> str:
    """An inline SVG bar chart of the planned cost per year (catalogue currency), with the budget line."""
    width, height, left, bottom, top = 720, 260, 70, 40, 20
    years = report.totals
    values = [(t.costs or {}).get(report.currency, 0.0) if not t.suppressed else None for t in years]
    budget = report.budget.budget_per_year if report.budget is not None else None
    peak = max([v or 0.0 for v in values] + [budget or 0.0, 1.0])
    slot = (width - left - 10) / max(1, len(years))
    scale = (height - top - bottom) / peak
    parts = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#57606a"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="11" fill="#57606a">'
        f"{_e(money(peak, report.currency))}</text>",
    ]
    described = []
    for index, (total, value) in enumerate(zip(years, values, strict=True)):
        x = left + index * slot + slot * 0.2
        label = _hidden(report) if value is None else money(value, report.currency)
        described.append(f"{total.year}: {label}")
        bar = (value or 0.0) * scale
        y = height - bottom - bar
        over = budget is not None and value is not None and value > budget
        colour = "#d1432b" if over else "#1f4e79"
        parts.append(
            f"<g><title>{_e(total.year)}: {_e(label)}</title>"
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.6:.1f}" height="{bar:.1f}" fill="{colour}"/></g>'
            f'<text x="{x + slot * 0.3:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="12" '
            f'fill="#1b1f24">{_e(total.year)}</text>'
            f'<text x="{x + slot * 0.3:.1f}" y="{max(top, y - 4):.1f}" text-anchor="middle" font-size="11" '
            f'fill="#1b1f24">{_e(label)}</text>'
        )
    if budget is not None:
        y = height - bottom - budget * scale
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#d1432b" stroke-dasharray="6 4"/>'
            f'<text x="{width - 12}" y="{y - 4:.1f}" text-anchor="end" font-size="11" fill="#d1432b">'
            f"budget {_e(money(budget, report.currency))}</text>"
        )
        described.append(f"team budget {money(budget, report.currency)} per year")
    title = f"Planned cost per year ({report.currency}), {horizon(report)}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="cost-title cost-desc" font-family="system-ui, sans-serif">'
        f'<title id="cost-title">{_e(title)}</title><desc id="cost-desc">{_e("; ".join(described))}.</desc>'
        + "".join(parts)
        + "</svg>"
    )


def team_to_html(report: TeamReport) -> str:
    """The report as one self-contained HTML page: inline CSS, an inline SVG chart, no script."""
    caption = (
        f'Priced items in {report.currency} only; other currencies and unpriced items are counted in "Totals per year".'
    )
    if report.budget is not None:
        caption += " Bars in red are over the team budget."
    sections = [
        "<section><h2>Cost per year</h2><figure>"
        + cost_chart_svg(report)
        + f"<figcaption>{_e(caption)}</figcaption></figure></section>"
    ]
    for listing in listings(report):
        shades = _heat_shades(report) if listing.title.startswith("Skill gaps") else None
        sections.append(_html_table(listing, shades=shades))
    footer = " ".join(_e(n) for n in _footnotes(report))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{_e(heading(report))}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<header><h1>Team development plan</h1><p class="lede">{_e(heading(report))}</p></header>\n<main>\n'
        + "\n".join(sections)
        + f"\n</main>\n<footer><p>Made with pmoplan {_e(__version__)}. {footer}</p></footer>\n</body>\n</html>\n"
    )

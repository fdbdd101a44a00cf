"""A development plan as one self-contained, printable, accessible HTML report.

No network: the CSS is inline, the chart is inline SVG, there is no script, and a
Content-Security-Policy forbids fetching anything. Course titles link to their source pages
(links are not fetched). Every piece of plan or catalogue text goes through :func:`html.escape`.

Accessibility: real headings and landmarks, tables with captions and ``scope``; the timeline
chart is ``role="img"`` labelled by its ``<title>`` and described by its ``<desc>``, and the same
data follows as a table in a ``<details>`` element.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from pmoplan import __version__
from pmoplan.catalogue import Catalogue
from pmoplan.plan_models import Plan, PlanItem, PlanYear
from pmoplan.render.html_style import BASE_CSS
from pmoplan.render.listing import days
from pmoplan.render.plan_markdown import (
    PRICE_NOTE,
    costs_text,
    horizon_text,
    item_cost,
    item_reason,
    level_label,
    summary_pairs,
    unscheduled_label,
)
from pmoplan.render.reason_text import item_title, milestone_text, unscheduled_text

TRACKS = (("certification", "Certifications"), ("specialist", "Specialist courses"), ("renewal", "Renewals"))
KIND_NAMES = {"certification": "certification", "specialist": "specialist course", "renewal": "renewal"}

_CSS = (
    BASE_CSS
    + """.lede { margin: 4px 0 0; color: var(--muted); font-size: 1.05rem; }
h2 { font-size: 1.3rem; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; margin: 0; }
.summary div { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.summary dt { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.summary dd { margin: 2px 0 0; font-weight: 600; }
figure { margin: 0; }
figure svg { width: 100%; height: auto; display: block; }
figcaption, .note { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top;
  white-space: pre-line; overflow-wrap: break-word; }
th[scope="rowgroup"], td.nowrap { white-space: nowrap; }
thead th { background: var(--panel); }
tbody th { background: #fbfcfd; }
td.num { text-align: right; white-space: nowrap; }
tr.subtotal td { background: var(--panel); font-style: italic; }
dl.reasons dt { font-weight: 600; margin-top: 8px; }
dl.reasons dd { margin: 2px 0 0 0; white-space: pre-line; overflow-wrap: break-word; }
li { white-space: pre-line; overflow-wrap: break-word; }
details { margin-top: 8px; }
summary { cursor: pointer; color: var(--accent); }
a { color: var(--accent); }
footer { margin-top: 40px; padding-bottom: 28px; color: var(--muted); font-size: .85rem; }
@media print {
  @page { margin: 14mm; }
  body { font-size: 10pt; }
  header, main, footer { max-width: none; padding: 0; }
  details { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  figure, tr, .summary div { break-inside: avoid; }
  thead { display: table-header-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
)

# Chart geometry (SVG user units) and colours (white text on each fill passes WCAG AA).
_WIDTH, _LEFT, _RIGHT, _HEAD, _BAR, _GAP, _PAD = 960, 150, 12, 48, 26, 6, 8
_FILL = {"certification": "#1f4e79", "specialist": "#2e6b30", "renewal": "#8a4b00", "milestone": "#6f42c1"}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _fit(text: str, width: float, char_width: float = 6.4) -> str:
    """Cut ``text`` to about ``width`` units of 11-pixel text, marking a cut with an ellipsis."""
    room = max(1, int((width - 10) / char_width))
    flat = " ".join(text.split())
    return flat if len(flat) <= room else flat[: max(1, room - 1)].rstrip() + "…"


def _short(title: str) -> str:
    """A chart label: the title without a trailing parenthesis (``P3O Foundation (Portfolio...)``)."""
    head = title.split(" (", 1)[0].strip()
    return head or title


@dataclass(frozen=True)
class _Grid:
    """Where the years sit across the chart."""

    first_year: int
    count: int

    @property
    def column(self) -> float:
        return (_WIDTH - _LEFT - _RIGHT) / self.count

    def x(self, year: int) -> float:
        return _LEFT + (year - self.first_year) * self.column

    def x_of_date(self, day: date) -> float | None:
        if not self.first_year <= day.year < self.first_year + self.count:
            return None
        fraction = (day.timetuple().tm_yday - 1) / (366 if day.year % 4 == 0 else 365)
        return self.x(day.year) + fraction * self.column


def _bar(grid: _Grid, year: int, row: int, top: float, item: PlanItem) -> str:
    x, y, w = grid.x(year) + 3, top + _PAD / 2 + row * (_BAR + _GAP), grid.column - 6
    tip = f"{year}: {item_title(item)} ({KIND_NAMES[item.kind]}, {days(item.days)} days, {item_cost(item)})"
    return (
        f'<g><title>{_e(tip)}</title><rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{_BAR}" rx="4" '
        f'fill="{_FILL[item.kind]}"/><text x="{x + 6:.1f}" y="{y + 17:.1f}" fill="#fff" font-size="11">'
        f"{_e(_fit(_short(item_title(item)), w))}</text></g>"
    )


def _marker(x: float, y: float, colour: str, label: str, tip: str, room: float) -> str:
    diamond = f"{x:.1f},{y:.1f} {x + 7:.1f},{y + 7:.1f} {x:.1f},{y + 14:.1f} {x - 7:.1f},{y + 7:.1f}"
    return (
        f'<g><title>{_e(tip)}</title><polygon points="{diamond}" fill="{colour}"/>'
        f'<text x="{x + 10:.1f}" y="{y + 11:.1f}" fill="#1b1f24" font-size="11">{_e(_fit(label, room))}</text></g>'
    )


def _deadlines(plan: Plan) -> list[tuple[str, date]]:
    """(certificate title, renew-by date) for every certificate and renewal item, in date order."""
    pairs = {(c.title, c.renew_by) for c in plan.certificates if c.renew_by}
    titles = {c.course_id: c.title for c in plan.certificates}
    for year in plan.years:
        pairs |= {(titles.get(i.course_id, i.title), i.renew_by) for i in year.items if i.renew_by}
    return sorted(pairs, key=lambda pair: (pair[1], pair[0]))


def _track(grid: _Grid, plan: Plan, kind: str, top: float) -> tuple[list[str], float]:
    """The bars of one track; returns the SVG parts and the track's height."""
    parts: list[str] = []
    rows = 1
    for year in plan.years:
        items = [item for item in year.items if item.kind == kind]
        rows = max(rows, len(items))
        parts += [_bar(grid, year.year, row, top, item) for row, item in enumerate(items)]
    if kind == "renewal":
        shown = [(t, d, x) for t, d in _deadlines(plan) if (x := grid.x_of_date(d)) is not None]
        y = top + _PAD / 2 + rows * (_BAR + _GAP) + 2
        for title, day, x in shown:
            tip = f"Renew {title} by {day.isoformat()}"
            parts.append(_marker(x, y, _FILL["renewal"], f"renew by {day:%b %Y}", tip, grid.column))
        rows += 1 if shown else 0
    return parts, rows * (_BAR + _GAP) + _PAD


def _milestone_track(grid: _Grid, plan: Plan, top: float) -> tuple[list[str], float]:
    parts: list[str] = []
    per_year: dict[int, int] = {}
    shown = [m for m in plan.milestones if grid.first_year <= m.year < grid.first_year + grid.count]
    years = sorted({m.year for m in shown})
    for milestone in shown:
        row = per_year.get(milestone.year, 0)
        per_year[milestone.year] = row + 1
        x, y = grid.x(milestone.year) + 12, top + _PAD / 2 + row * (_BAR + _GAP) + 5
        later = [year for year in years if year > milestone.year]
        room = (grid.x(later[0]) if later else _WIDTH - _RIGHT) - x - 14  # the label runs to the next marker
        text = milestone_text(milestone)
        tip = f"{milestone.year}: {text}"
        parts.append(_marker(x, y, _FILL["milestone"], text, tip, room))
    rows = max([1, *per_year.values()])
    return parts, rows * (_BAR + _GAP) + _PAD


def _year_header(grid: _Grid, year: PlanYear, height: float) -> str:
    x, column = grid.x(year.year), grid.column
    level = f"Level {year.level}" if column >= 56 else f"L{year.level}"
    shade = "#f6f8fa" if (year.year - grid.first_year) % 2 == 0 else "#ffffff"
    return (
        f'<rect x="{x:.1f}" y="0" width="{column:.1f}" height="{height:.1f}" fill="{shade}"/>'
        f'<text x="{x + column / 2:.1f}" y="20" text-anchor="middle" font-size="13" font-weight="700" '
        f'fill="#1b1f24">{year.year}</text><text x="{x + column / 2:.1f}" y="38" text-anchor="middle" '
        f'font-size="11" fill="#57606a">{level}</text>'
    )


def _track_label(label: str, top: float, height: float) -> str:
    return (
        f'<line x1="0" y1="{top:.1f}" x2="{_WIDTH}" y2="{top:.1f}" stroke="#d0d7de"/>'
        f'<text x="8" y="{top + min(height / 2, 24) + 4:.1f}" font-size="12" font-weight="600" '
        f'fill="#1b1f24">{_e(label)}</text>'
    )


def _level_changes(grid: _Grid, plan: Plan, height: float) -> list[str]:
    """A dashed line where the level the courses fit changes."""
    parts = []
    for before, after in zip(plan.years, plan.years[1:], strict=False):
        if after.level != before.level:
            x = grid.x(after.year)
            parts.append(
                f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height:.1f}" stroke="#6f42c1" '
                'stroke-width="2" stroke-dasharray="5 4"/>'
            )
    return parts


def chart_description(plan: Plan) -> str:
    """A plain-text account of everything the timeline chart shows."""
    first, last = plan.request.start_year, plan.request.start_year + plan.request.years - 1
    sentences = [f"Timeline of the development plan from {first} to {last}."]
    for year in plan.years:
        items = "; ".join(f"{item_title(item)} ({KIND_NAMES[item.kind]})" for item in year.items) or "no courses"
        sentences.append(f"{year.year}, level {year.level}: {items}.")
    sentences += [f"Renew {title} by {day.isoformat()}." for title, day in _deadlines(plan)]
    sentences += [f"Milestone {m.year}: {milestone_text(m)}" for m in plan.milestones]
    return " ".join(sentences)


def timeline_svg(plan: Plan) -> str:
    """The timeline chart: one column per year, one track per kind of item, plus milestones."""
    grid = _Grid(plan.request.start_year, max(1, len(plan.years)))
    body: list[str] = []
    labels: list[str] = []
    top = float(_HEAD)
    for kind, label in TRACKS:
        parts, height = _track(grid, plan, kind, top)
        body += parts
        labels.append(_track_label(label, top, height))
        top += height
    parts, height = _milestone_track(grid, plan, top)
    body += parts
    labels.append(_track_label("Milestones", top, height))
    total = top + height
    background = [_year_header(grid, year, total) for year in plan.years] + _level_changes(grid, plan, total)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {total:.0f}" role="img" '
        f'aria-labelledby="timeline-title timeline-desc" font-family="system-ui, sans-serif">'
        f'<title id="timeline-title">Timeline of the plan, {_e(horizon_text(plan))}</title>'
        f'<desc id="timeline-desc">{_e(chart_description(plan))}</desc>'
        + "".join(background + labels + body)
        + f'<rect x="0.5" y="0.5" width="{_WIDTH - 1}" height="{total - 1:.0f}" fill="none" stroke="#d0d7de"/>'
        "</svg>"
    )


def _timeline_table(plan: Plan) -> str:
    deadlines = _deadlines(plan)
    rows = []
    for year in plan.years:
        cells = ["\n".join(_e(i.title) for i in year.items if i.kind == kind) or "–" for kind, _label in TRACKS]
        due = [f"Renew {_e(t)} by {d.isoformat()}" for t, d in deadlines if d.year == year.year]
        cells[2] = "\n".join(filter(None, [cells[2] if cells[2] != "–" else "", *due])) or "–"
        cells.append("\n".join(_e(milestone_text(m)) for m in plan.milestones if m.year == year.year) or "–")
        rows.append(f'<tr><th scope="row">{year.year}</th>' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f'<th scope="col">{label}</th>' for label in ["Year", *[t[1] for t in TRACKS], "Milestones"])
    return (
        "<details><summary>The timeline as a table</summary><table><caption>Timeline by year</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></details>"
    )


def _summary(plan: Plan, catalogue: Catalogue) -> str:
    cards = "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in summary_pairs(plan, catalogue))
    return f'<section aria-labelledby="summary"><h2 id="summary">Summary</h2><dl class="summary">{cards}</dl></section>'


def _course_link(item: PlanItem, catalogue: Catalogue) -> str:
    if catalogue.has_course(item.course_id):
        return f'<a href="{_e(catalogue.course(item.course_id).source)}">{_e(item_title(item))}</a>'
    return _e(item_title(item))


def _td(content: str, css: str = "", colspan: int = 1) -> str:
    """A table cell around already-escaped ``content``."""
    attributes = (f' class="{css}"' if css else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    return f"<td{attributes}>{content}</td>"


def _item_cells(item: PlanItem, catalogue: Catalogue) -> str:
    return "".join(
        [
            _td(_course_link(item, catalogue)),
            _td(_e(KIND_NAMES[item.kind]), "nowrap"),
            _td(_e(days(item.days)), "num"),
            _td(_e(item_cost(item)), "num"),
            _td(_e(item.renew_by.isoformat() if item.renew_by else ""), "nowrap"),
        ]
    )


def _year_body(year: PlanYear, catalogue: Catalogue) -> str:
    """One ``<tbody>`` per year: a row per item and a year-total row, under one year header."""
    rows = [_item_cells(item, catalogue) for item in year.items]
    if rows:
        total = costs_text(year.costs, year.unpriced_items)
        rows.append(_td("Year total", colspan=2) + _td(_e(days(year.days)), "num") + _td(_e(total), colspan=2))
    else:
        rows.append(_td("No courses planned this year.", colspan=5))
    header = (
        f'<th scope="rowgroup" rowspan="{len(rows)}">{year.year}<br><span class="note">Level {year.level}</span></th>'
    )
    lines = [f"<tr>{header}{rows[0]}</tr>", *(f"<tr>{row}</tr>" for row in rows[1:-1])]
    if len(rows) > 1:
        lines.append(f'<tr class="subtotal">{rows[-1]}</tr>')
    return "<tbody>" + "".join(lines) + "</tbody>"


def _years_table(plan: Plan, catalogue: Catalogue) -> str:
    head = "".join(f'<th scope="col">{c}</th>' for c in ["Year", "Course", "Kind", "Days", "Cost", "Renew by"])
    totals = costs_text(plan.totals.costs, plan.totals.unpriced_items)
    foot = (
        '<tfoot><tr><th scope="row" colspan="3">Plan total</th>'
        f"{_td(_e(days(plan.totals.days)), 'num')}{_td(_e(totals), colspan=2)}</tr></tfoot>"
    )
    bodies = "".join(_year_body(year, catalogue) for year in plan.years)
    return (
        '<section aria-labelledby="by-year"><h2 id="by-year">Plan by year</h2>'
        f"<table><caption>Courses and renewals by year</caption><thead><tr>{head}</tr></thead>"
        f'{bodies}{foot}</table><p class="note">{_e(PRICE_NOTE)}</p></section>'
    )


def _timeline(plan: Plan) -> str:
    return (
        '<section aria-labelledby="timeline"><h2 id="timeline">Timeline</h2><figure>'
        f"{timeline_svg(plan)}<figcaption>Bars are courses and renewals in the year they are planned; "
        "diamonds mark renew-by deadlines and milestones; a dashed line marks a change of level."
        f"</figcaption></figure>{_timeline_table(plan)}</section>"
    )


def _milestones(plan: Plan) -> str:
    items = "".join(f"<li><strong>{m.year}</strong>: {_e(milestone_text(m))}</li>" for m in plan.milestones)
    content = f"<ul>{items}</ul>" if items else "<p>None in this horizon.</p>"
    return f'<section aria-labelledby="milestones"><h2 id="milestones">Milestones</h2>{content}</section>'


def _certificates(plan: Plan) -> str:
    if not plan.certificates:
        return ""
    head = "".join(f'<th scope="col">{c}</th>' for c in ["Certificate", "Awarded", "Renew by", "Status"])
    rows = "".join(
        f'<tr><th scope="row">{_e(c.title)}</th>{_td(_e(c.awarded_on or ""))}'
        f"{_td(_e(c.renew_by or 'does not expire'))}{_td('planned' if c.planned else 'held')}</tr>"
        for c in plan.certificates
    )
    return (
        '<section aria-labelledby="certificates"><h2 id="certificates">Certificates</h2>'
        f"<table><caption>Certificates held or planned</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def _reasons(plan: Plan) -> str:
    entries = "".join(
        f"<dt>{year.year}: {_e(item_title(item))}</dt><dd>{_e(item_reason(item))}</dd>"
        for year in plan.years
        for item in year.items
    )
    content = f'<dl class="reasons">{entries}</dl>' if entries else "<p>No courses planned.</p>"
    return f'<section aria-labelledby="reasons"><h2 id="reasons">Why each course</h2>{content}</section>'


def _unscheduled(plan: Plan) -> str:
    if not plan.unscheduled:
        return ""
    items = "".join(
        f"<li><strong>{_e(unscheduled_label(u.course_id, u.skill, u.year))}</strong>: {_e(unscheduled_text(u))}</li>"
        for u in plan.unscheduled
    )
    return f'<section aria-labelledby="unscheduled"><h2 id="unscheduled">Not scheduled</h2><ul>{items}</ul></section>'


def _head(plan: Plan) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>Personal development plan, {_e(horizon_text(plan))}</title>\n"
        f"<style>{_CSS}</style>\n</head>\n"
    )


def plan_to_html(plan: Plan, catalogue: Catalogue) -> str:
    """The whole plan as one standalone HTML document.

    Args:
        plan: The plan to render.
        catalogue: The catalogue the plan was made from (level names, course links).

    Returns:
        HTML text: inline CSS and SVG, no script, nothing fetched.
    """
    request = plan.request
    lede = (
        f"{level_label(catalogue, request.current_level)} towards {level_label(catalogue, request.target_level)}"
        f", {horizon_text(plan)}"
    )
    sections = [
        _summary(plan, catalogue),
        _timeline(plan),
        _years_table(plan, catalogue),
        _milestones(plan),
        _certificates(plan),
        _reasons(plan),
        _unscheduled(plan),
    ]
    return (
        _head(plan)
        + f'<body>\n<header><h1>Personal development plan</h1><p class="lede">{_e(lede)}</p></header>\n'
        + "<main>\n"
        + "\n".join(s for s in sections if s)
        + f"\n</main>\n<footer><p>Made with pmoplan {_e(__version__)}. {_e(PRICE_NOTE)}</p></footer>\n"
        + "</body>\n</html>\n"
    )

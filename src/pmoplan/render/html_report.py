"""A development plan as one self-contained, printable, accessible HTML report.

No network: the CSS is inline, there is no script, and a Content-Security-Policy forbids
fetching anything. Course titles link to their source pages (links are not fetched). Every
piece of plan or catalogue text goes through :func:`html.escape`.

The header says for whom the plan is (or what it was made from), the date of issue and the
dates the catalogue's prices and facts were seen (:mod:`pmoplan.render.report_header`).

The timeline is HTML, not a drawing: a grid with one column per year and one row per track on
a wide screen, one block per year on a phone (below 640 px). Every label is written in full
and wraps, so none is ever cut off; warnings stay in their own list, apart from milestones.

Accessibility: real headings and landmarks, tables with captions and ``scope``; the timeline
reads year by year, each track named (visually on a phone, for screen readers everywhere).
"""

from __future__ import annotations

from datetime import date
from html import escape

from pmoplan import __version__
from pmoplan.catalogue import Catalogue
from pmoplan.plan_models import Plan, PlanItem, PlanYear
from pmoplan.render.html_style import BASE_CSS, ISSUE_CSS, issue_list
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
from pmoplan.render.reason_text import item_title, milestone_text, unscheduled_text, warning_text
from pmoplan.render.report_header import ReportHeader, header_pairs, subject_text

TRACKS = (("certification", "Certifications"), ("specialist", "Specialist courses"), ("renewal", "Renewals"))
KIND_NAMES = {"certification": "certification", "specialist": "specialist course", "renewal": "renewal"}

_CSS = (
    BASE_CSS
    + ISSUE_CSS
    + """.lede { margin: 4px 0 0; color: var(--muted); font-size: 1.05rem; }
h2 { font-size: 1.3rem; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; margin: 0; }
.summary div { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.summary dt { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.summary dd { margin: 2px 0 0; font-weight: 600; }
figure { margin: 0; }
.scroll { overflow-x: auto; max-width: 100%; }
.tl { display: grid; gap: 0; border: 1px solid var(--line); font-size: .85rem; }
.tl-track { font-weight: 600; padding: 8px; border-top: 1px solid var(--line); }
.tl-year { padding: 6px 8px; text-align: center; background: var(--panel); }
.tl-year span { display: block; color: var(--muted); font-size: .8rem; }
.tl-cell { padding: 4px; border-top: 1px solid var(--line); border-left: 1px solid var(--line); min-width: 0; }
.tl-year, .tl-cell { border-left: 1px solid var(--line); }
.tl .up { border-left: 2px dashed #6f42c1; }
.tl-group { display: contents; }
.tl ul { list-style: none; margin: 0; padding: 0; }
.tl-what { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.tl .none { color: var(--muted); display: block; text-align: center; }
.chip { display: block; margin: 2px 0; padding: 3px 6px; border-radius: 4px; color: #fff; line-height: 1.3;
  white-space: normal; overflow-wrap: anywhere; hyphens: auto; }
.chip.certification { background: #1f4e79; } .chip.specialist { background: #2e6b30; }
.chip.renewal { background: #8a4b00; }
.chip.mark { background: none; color: var(--ink); padding-left: 16px; position: relative; }
.chip.mark::before { content: ""; position: absolute; left: 3px; top: .45em; width: 8px; height: 8px;
  transform: rotate(45deg); background: #8a4b00; }
.chip.milestone::before { background: #6f42c1; }
@media (max-width: 640px) {
  header, main, footer { padding: 0 12px; }
  h1 { font-size: 1.5rem; }
  .tl { display: block; border: 0; }
  .tl-track { display: none; }
  .tl-group { display: block; border: 1px solid var(--line); border-radius: 6px; margin-bottom: 10px; }
  .tl-year { text-align: left; border: 0; }
  .tl-year span { display: inline; margin-left: 6px; }
  .tl-cell { border-left: 0; padding: 4px 8px; }
  .tl-cell.empty { display: none; }
  .tl .up { border-left: 0; }
  .tl-group:has(.up) { border-top: 2px dashed #6f42c1; }
  .tl-what { position: static; width: auto; height: auto; overflow: visible; clip-path: none;
    display: block; color: var(--muted); font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; }
}
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
  figure, tr, .summary div, .tl-cell { break-inside: avoid; }
  .scroll { overflow: visible; }
  thead { display: table-header-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
)


# A box that scrolls sideways on its own, so that a wide table never widens the page on a phone.
_SCROLL = '<div class="scroll" role="region" tabindex="0" aria-label="{label}">'


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _deadlines(plan: Plan) -> list[tuple[str, date]]:
    """(certificate title, renew-by date) for every certificate and renewal item, in date order."""
    pairs = {(c.title, c.renew_by) for c in plan.certificates if c.renew_by}
    titles = {c.course_id: c.title for c in plan.certificates}
    for year in plan.years:
        pairs |= {(titles.get(i.course_id, i.title), i.renew_by) for i in year.items if i.renew_by}
    return sorted(pairs, key=lambda pair: (pair[1], pair[0]))


def _chip(kind: str, text: str, *, marker: bool = False) -> str:
    """One entry of the timeline: a coloured bar (a course) or a diamond-marked note (a date, a milestone)."""
    css = f"chip {kind}" + (" mark" if marker else "")
    return f'<li class="{css}">{_e(text)}</li>'


def _cell_entries(plan: Plan, year: PlanYear, track: str, deadlines: list[tuple[str, date]]) -> list[str]:
    """The chips of one track in one year, every label in full."""
    if track == "milestone":
        return [_chip("milestone", milestone_text(m), marker=True) for m in plan.milestones if m.year == year.year]
    chips = [_chip(track, item_title(item)) for item in year.items if item.kind == track]
    if track == "renewal":
        due = [(t, d) for t, d in deadlines if d.year == year.year]
        chips += [_chip("renewal", f"renew {title} by {day.isoformat()}", marker=True) for title, day in due]
    return chips


_TRACKS = (*TRACKS, ("milestone", "Milestones"))


def _timeline_year(plan: Plan, index: int, deadlines: list[tuple[str, date]]) -> str:
    """One year of the timeline: its heading and one cell per track, placed in the grid by column and row."""
    year = plan.years[index]
    column = index + 2
    changed = index > 0 and plan.years[index - 1].level != year.level
    css = " up" if changed else ""
    parts = [
        f'<div class="tl-year{css}" style="grid-column:{column};grid-row:1"><strong>{year.year}</strong> '
        f"<span>Level {year.level}</span></div>"
    ]
    for row, (track, label) in enumerate(_TRACKS, start=2):
        chips = _cell_entries(plan, year, track, deadlines)
        content = f"<ul>{''.join(chips)}</ul>" if chips else '<span class="none">–</span>'
        empty = "" if chips else " empty"
        parts.append(
            f'<div class="tl-cell{css}{empty}" style="grid-column:{column};grid-row:{row}">'
            f'<span class="tl-what">{_e(label)}</span>{content}</div>'
        )
    return f'<div class="tl-group" role="group" aria-label="{year.year}">{"".join(parts)}</div>'


def timeline_html(plan: Plan) -> str:
    """The timeline: one column per year and one row per track on a wide screen, one block per year on a phone.

    Every label is written in full and wraps; nothing is cut to fit a bar.
    """
    deadlines = _deadlines(plan)
    columns = f"grid-template-columns:minmax(7rem,9rem) repeat({len(plan.years)},minmax(6.5rem,1fr))"
    tracks = "".join(
        f'<div class="tl-track" style="grid-column:1;grid-row:{row}" aria-hidden="true">{_e(label)}</div>'
        for row, (_track, label) in enumerate(_TRACKS, start=2)
    )
    years = "".join(_timeline_year(plan, index, deadlines) for index in range(len(plan.years)))
    return f'<div class="tl" style="{columns}">{tracks}{years}</div>'


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
        f"{_SCROLL.format(label='Courses and renewals by year')}<table><caption>Courses and renewals by year</caption>"
        f'<thead><tr>{head}</tr></thead>{bodies}{foot}</table></div><p class="note">{_e(PRICE_NOTE)}</p></section>'
    )


def _timeline(plan: Plan) -> str:
    return (
        '<section aria-labelledby="timeline"><h2 id="timeline">Timeline</h2><figure>'
        f"{_SCROLL.format(label='Timeline')}{timeline_html(plan)}</div>"
        "<figcaption>Bars are courses and renewals in the year they are planned; diamonds mark renew-by "
        "deadlines and milestones; a dashed line marks a change of level."
        "</figcaption></figure></section>"
    )


def _warnings(plan: Plan) -> str:
    if not plan.warnings:
        return ""
    items = "".join(
        f"<li>{'<strong>' if w.urgent else ''}{_e(warning_text(w))}{'</strong>' if w.urgent else ''}</li>"
        for w in plan.warnings
    )
    return f'<section aria-labelledby="warnings"><h2 id="warnings">Warnings</h2><ul>{items}</ul></section>'


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
        f"{_SCROLL.format(label='Certificates held or planned')}<table><caption>Certificates held or planned</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div></section>"
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


def _head(plan: Plan, header: ReportHeader | None) -> str:
    request = plan.request
    person = f" {subject_text(header, request.current_level, request.target_level)}" if header is not None else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>Personal development plan{_e(person)}, {_e(horizon_text(plan))}</title>\n"
        f"<style>{_CSS}</style>\n</head>\n"
    )


def plan_to_html(plan: Plan, catalogue: Catalogue, header: ReportHeader | None = None) -> str:
    """The whole plan as one standalone HTML document.

    Args:
        plan: The plan to render.
        catalogue: The catalogue the plan was made from (level names, course links).
        header: For whom, the date of issue and the catalogue's date; None leaves them out.

    Returns:
        HTML text: inline CSS, no script, nothing fetched.
    """
    request = plan.request
    lede = (
        f"{level_label(catalogue, request.current_level)} towards {level_label(catalogue, request.target_level)}"
        f", {horizon_text(plan)}"
    )
    heading = "Personal development plan"
    issue = ""
    if header is not None:
        heading += " " + subject_text(header, request.current_level, request.target_level)
        issue = issue_list(header_pairs(header, (request.current_level, request.target_level)))
    sections = [
        _summary(plan, catalogue),
        _warnings(plan),
        _timeline(plan),
        _years_table(plan, catalogue),
        _milestones(plan),
        _certificates(plan),
        _reasons(plan),
        _unscheduled(plan),
    ]
    return (
        _head(plan, header)
        + f'<body>\n<header><h1>{_e(heading)}</h1><p class="lede">{_e(lede)}</p>{issue}</header>\n'
        + "<main>\n"
        + "\n".join(s for s in sections if s)
        + f"\n</main>\n<footer><p>Made with pmoplan {_e(__version__)}. {_e(PRICE_NOTE)}</p></footer>\n"
        + "</body>\n</html>\n"
    )

"""A team report as one self-contained HTML page: inline CSS, an inline SVG chart, one inline script.

The page fetches nothing (its Content-Security-Policy forbids it). The only script sorts the
per-person table when a column heading is clicked (or when the address ends in ``#sort-N`` /
``#sort-N-desc``, so a sorted view can be bookmarked); the policy allows that script by its hash
and nothing else. On a phone every table scrolls inside its own box and the cost chart keeps a
readable width inside a scrolling box, so the page itself never scrolls sideways.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from pmoplan import __version__
from pmoplan.render.html_style import BASE_CSS, ISSUE_CSS, issue_list
from pmoplan.render.listing import Listing, money
from pmoplan.render.report_header import ReportHeader, header_pairs
from pmoplan.render.team_sections import (
    HEAT_TITLE,
    PEOPLE_TITLE,
    footnotes,
    heading,
    hidden,
    horizon,
    listings,
    person_label,
)
from pmoplan.team import TeamReport

_CSS = (
    BASE_CSS
    + ISSUE_CSS
    + """.lede { margin: 4px 0 0; color: var(--muted); }
h2 { font-size: 1.3rem; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
figure { margin: 0; } figure svg { width: 100%; max-width: 900px; height: auto; display: block; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; max-width: 100%; }
.chart svg { min-width: 520px; }
table.sortable th[scope=col] button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0;
  cursor: pointer; color: inherit; text-align: left; }
table.sortable th[aria-sort=ascending] button::after { content: " \\25B2"; }
table.sortable th[aria-sort=descending] button::after { content: " \\25BC"; }
table.people td, table.people th[scope=row] { min-width: 9rem; }
@media (max-width: 600px) { header, main, footer { padding: 0 12px; } h1 { font-size: 1.5rem; }
  table { font-size: .85rem; } }
figcaption, .note { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
thead th { background: var(--panel); }
td.num { text-align: right; white-space: nowrap; }
footer { margin-top: 40px; padding-bottom: 28px; color: var(--muted); font-size: .85rem; }
@media print { header, main, footer { max-width: none; padding: 0; } tr, figure { break-inside: avoid; }
  .scroll { overflow: visible; } thead { display: table-header-group; } tfoot { display: table-row-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""
)

_HEAT = ("#ffffff", "#fde2c8", "#f9b27c", "#ef7b45", "#d1432b")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


# Columns of figures, right-aligned; decided by the column, never by reading the text of a cell.
_FIGURES = frozenset({"People", "Seats", "Days", "Cost", "Unpriced", "Budget", "Over budget", "Days left"})


# Sorts a table.sortable by the clicked column (data-sort, else the text; numbers as numbers).
_SORT_SCRIPT = """(function () {
  function sortBy(table, index, up) {
    var heads = table.tHead.rows[0].cells, body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    for (var h = 0; h < heads.length; h++) { heads[h].removeAttribute("aria-sort"); }
    heads[index].setAttribute("aria-sort", up ? "ascending" : "descending");
    function key(row) {
      var c = row.cells[index], k = c.getAttribute("data-sort");
      return k === null ? c.textContent : k;
    }
    rows.sort(function (a, b) {
      var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
      var d = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return up ? d : -d;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  var tables = document.querySelectorAll("table.sortable");
  Array.prototype.forEach.call(tables, function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        sortBy(table, index, th.getAttribute("aria-sort") !== "ascending");
      });
    });
  });
  var wanted = /^#sort-(\\d+)(-desc)?$/.exec(location.hash);
  if (wanted && tables.length && +wanted[1] < tables[0].tHead.rows[0].cells.length) {
    sortBy(tables[0], +wanted[1], !wanted[2]);
  }
})();"""


def _script_hash() -> str:
    digest = hashlib.sha256(_SORT_SCRIPT.encode()).digest()
    return "sha256-" + base64.b64encode(digest).decode()


def _html_table(
    listing: Listing,
    *,
    shades: list[list[str]] | None = None,
    sort_keys: list[list[str]] | None = None,
    css_class: str = "",
) -> str:
    heat = listing.title == HEAT_TITLE
    figures = {c for c, column in enumerate(listing.columns) if column in _FIGURES or (heat and c > 0)}
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in listing.columns)
    body = []
    for r, row in enumerate(listing.rows):
        cells = []
        for c, cell in enumerate(row):
            style = f' style="background:{shades[r][c - 1]}"' if c and shades and shades[r][c - 1] else ""
            key = f' data-sort="{_e(sort_keys[r][c])}"' if sort_keys else ""
            if c == 0:
                cells.append(f'<th scope="row"{key}>{_e(cell)}</th>')
                continue
            css = ' class="num"' if c in figures else ""
            cells.append(f"<td{css}{style}{key}>{_e(cell)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    notes = "".join(f'<p class="note">{_e(n)}</p>' for n in listing.notes)
    if not listing.rows:
        return f"<section><h2>{_e(listing.title)}</h2>{notes}</section>"
    table_class = f' class="{css_class}"' if css_class else ""
    return (
        f'<section><h2>{_e(listing.title)}</h2><div class="scroll" role="region" tabindex="0" '
        f'aria-label="{_e(listing.title)}"><table{table_class}><caption>{_e(listing.title)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>{notes}</section>"
    )


def _people_sort_keys(report: TeamReport) -> list[list[str]]:
    """Per person: name, level, days per year, total days, total cost in the catalogue currency."""
    keys = []
    for person in report.people or []:
        plan = person.plan
        keys.append(
            [person_label(person).casefold(), f"{plan.request.current_level}.{plan.request.target_level}"]
            + [f"{year.days:g}" for year in plan.years]
            + [f"{plan.totals.days:g}", f"{plan.totals.costs.get(report.currency, 0.0):g}"]
        )
    return keys


def _heat_shades(report: TeamReport) -> list[list[str]]:
    peak = max((c.people_with_gap or 0 for c in report.heat_map), default=0)
    rows: dict[str, list[str]] = {}
    for cell in report.heat_map:
        count = cell.people_with_gap or 0
        rows.setdefault(cell.skill, []).append(_HEAT[min(4, -(-4 * count // peak))] if count and peak else "")
    return list(rows.values())


def cost_chart_svg(report: TeamReport) -> str:
    """An inline SVG bar chart of the planned cost per year (every known price converted), with the budget line."""
    width, height, left, bottom, top = 720, 260, 70, 40, 20
    years = report.totals
    values = [(t.budget_cost or 0.0) if not t.suppressed else None for t in years]
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
        label = hidden(report) if value is None else money(value, report.currency)
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


def team_to_html(report: TeamReport, header: ReportHeader | None = None) -> str:
    """The report as one self-contained HTML page: inline CSS, an inline SVG chart, the sort script.

    ``header`` names the team and gives the date of issue and the catalogue's date; None leaves them out.
    """
    caption = f'Every known price, converted to {report.currency}; unpriced items are counted in "Totals per year".'
    if report.budget is not None:
        caption += " Bars in red are over the team budget."
    sections = [
        '<section><h2>Cost per year</h2><figure><div class="scroll chart" role="region" tabindex="0" '
        'aria-label="Cost per year chart">'
        + cost_chart_svg(report)
        + f"</div><figcaption>{_e(caption)}</figcaption></figure></section>"
    ]
    for listing in listings(report):
        if listing.title == PEOPLE_TITLE:
            sections.append(_html_table(listing, sort_keys=_people_sort_keys(report), css_class="sortable people"))
            continue
        shades = _heat_shades(report) if listing.title == HEAT_TITLE else None
        sections.append(_html_table(listing, shades=shades))
    footer = " ".join(_e(n) for n in footnotes(report))
    sortable = any('class="sortable' in section for section in sections)
    scripts = f"; script-src '{_script_hash()}'" if sortable else ""
    script = f"<script>{_SORT_SCRIPT}</script>\n" if sortable else ""
    title = "Team development plan" + (f": {header.title}" if header is not None and header.title else "")
    issue = issue_list(header_pairs(header)) if header is not None else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'"
        f'{scripts}">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<header><h1>{_e(title)}</h1><p class="lede">{_e(heading(report))}</p>{issue}</header>\n<main>\n'
        + "\n".join(sections)
        + f"\n</main>\n<footer><p>Made with pmoplan {_e(__version__)}. {footer}</p></footer>\n"
        f"{script}</body>\n</html>\n"
    )

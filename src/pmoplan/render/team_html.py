"""A team report as one self-contained HTML page: inline CSS, an inline SVG chart."""

from __future__ import annotations

from html import escape

from pmoplan import __version__
from pmoplan.render.html_style import BASE_CSS
from pmoplan.render.listing import Listing, money
from pmoplan.render.team_sections import footnotes, heading, hidden, horizon, listings
from pmoplan.team import TeamReport

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
    footer = " ".join(_e(n) for n in footnotes(report))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{_e(heading(report))}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<header><h1>Team development plan</h1><p class="lede">{_e(heading(report))}</p></header>\n<main>\n'
        + "\n".join(sections)
        + f"\n</main>\n<footer><p>Made with pmoplan {_e(__version__)}. {footer}</p></footer>\n</body>\n</html>\n"
    )

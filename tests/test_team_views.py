"""The per-person view (who takes what, when) in table, Markdown and HTML; HTML sorting and phone layout."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from datetime import date
from pathlib import Path

import pytest

from pmoplan.catalogue import Catalogue
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import CompletedCourse
from pmoplan.render.reason_text import item_title
from pmoplan.render.report_header import ReportHeader
from pmoplan.render.team_html import team_to_html
from pmoplan.render.team_markdown import team_to_markdown
from pmoplan.render.team_sections import PEOPLE_VIEW_LIMIT, listings
from pmoplan.team import TeamMember, TeamReport, build_team_report


@pytest.fixture(scope="module")
def priced() -> Catalogue:
    """The shipped catalogue with a made-up GBP price per day on every course."""
    catalogue = load_catalogue()
    courses = tuple(c.model_copy(update={"cost": 400.0 * c.days, "currency": "GBP"}) for c in catalogue.courses)
    return Catalogue(
        skills=catalogue.skills,
        levels=catalogue.levels,
        courses=courses,
        renewal_schemes=catalogue.renewal_schemes,
        currency="GBP",
    )


def team(priced: Catalogue, **options: object) -> TeamReport:
    members = [
        TeamMember(id="a-1", name="Ana Silva", level=1, target_level=2),
        TeamMember(
            id="b-2",
            name="Ben Okafor",
            level=3,
            target_level=4,
            completed=(CompletedCourse(course_id="pmi-pmp"),),
            days_per_year=3,
        ),
        TeamMember(id="c-3", level=2, target_level=2, days_per_year=12),
    ]
    return build_team_report(priced, members, years=3, start_year=2027, **options)  # type: ignore[arg-type]


def test_markdown_names_every_person_with_each_year_s_items_days_and_cost(priced: Catalogue) -> None:
    report = team(priced)
    text = team_to_markdown(report)
    assert "## Who takes what, when" in text
    assert "| Person | Level → target | 2027 | 2028 | 2029 | Days | Cost |" in text
    assert report.people is not None
    for person in report.people:
        plan = person.plan
        label = f"{person.name} ({person.id})" if person.name else person.id
        level = f"{plan.request.current_level} → {plan.request.target_level}"
        if plan.request.target_level == plan.request.current_level:
            level = str(plan.request.current_level)
        cells = []
        for year in plan.years:
            if not year.items:
                cells.append("-")
                continue
            cost = sum(item.cost or 0 for item in year.items)
            cells.append(f"{'; '.join(item_title(i) for i in year.items)} · {year.days:g} d · £{cost:,.0f}")
        total = f"£{plan.totals.costs['GBP']:,.0f}" if plan.totals.costs else "-"
        row = f"| {label} | {level} | {' | '.join(cells)} | {plan.totals.days:g} | {total} |"
        assert row in text, row
    # Every person has at least one year with something in it (the test would be hollow otherwise).
    assert all(any(y.items for y in p.plan.years) for p in report.people)


def test_the_terminal_view_is_long_one_row_per_person_and_year(priced: Catalogue) -> None:
    report = team(priced)
    people = listings(report, narrow=True)[0]
    assert people.columns == ["Person", "Year", "Level", "Courses", "Days", "Cost"]
    assert report.people is not None
    expected = [
        (p.id, y.year, "\n".join(i.course_id + (" (renewal)" if i.kind == "renewal" else "") for i in y.items))
        for p in report.people
        for y in p.plan.years
        if y.items
    ]
    assert [(row[1], row[3]) for row in people.rows] == [(str(year), ids) for _, year, ids in expected]
    # The person is named on their first row only.
    assert [row[0] for row in people.rows if row[0]] == ["Ana Silva (a-1)", "Ben Okafor (b-2)", "c-3"]


def test_min_group_leaves_the_per_person_view_out_and_says_so(priced: Catalogue) -> None:
    text = team_to_markdown(team(priced, min_group=2))
    assert "Who takes what" not in text
    assert "Ana Silva" not in text and "a-1" not in text
    assert "Per-person view left out: the report is for sharing (--min-group)." in text


def test_very_large_teams_get_no_per_person_table(priced: Catalogue) -> None:
    members = [TeamMember(id=f"p{i}", level=2, target_level=3) for i in range(PEOPLE_VIEW_LIMIT + 1)]
    report = build_team_report(priced, members, years=1, start_year=2027)
    text = team_to_markdown(report)
    assert "Who takes what" not in text
    assert f"{PEOPLE_VIEW_LIMIT + 1:,} people is more than {PEOPLE_VIEW_LIMIT:,}" in text


# --- HTML in a real browser ----------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt install chromium)")


def chromium(*args: str) -> str:
    assert CHROMIUM is not None
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args],
        capture_output=True,
        encoding="utf-8",
        timeout=120,
        check=True,
    )
    return done.stdout


def test_html_script_is_the_only_one_and_the_policy_allows_it_by_hash(priced: Catalogue) -> None:
    import base64
    import hashlib

    page = team_to_html(team(priced))
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    policy = re.search(r'Content-Security-Policy" content="([^"]*)"', page)
    assert policy is not None
    assert policy.group(1) == f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'"
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "") and "https://" not in page


@needs_chromium
def test_html_people_table_sorts_in_the_browser(priced: Catalogue, tmp_path: Path) -> None:
    report = team(priced)
    page = tmp_path / "team.html"
    page.write_text(team_to_html(report), encoding="utf-8")
    assert report.people is not None
    by_cost = sorted(report.people, key=lambda p: -p.plan.totals.costs.get("GBP", 0.0))
    assert len({p.plan.totals.costs.get("GBP") for p in by_cost}) == 3  # distinct, so the order is a real check
    last = 2 + report.years + 1  # Person, Level, years..., Days, Cost
    dom = chromium("--dump-dom", f"{page.as_uri()}#sort-{last}-desc")
    table = dom[dom.index('class="sortable people"') :]
    table = table[: table.index("</table>")]
    order = re.findall(r'<th scope="row" data-sort="[^"]*">([^<]*)</th>', table)
    assert order == [f"{p.name} ({p.id})" if p.name else p.id for p in by_cost]
    assert 'aria-sort="descending"' in table
    # Unsorted (no fragment): the team file's order.
    dom = chromium("--dump-dom", page.as_uri())
    table = dom[dom.index('class="sortable people"') :]
    assert re.findall(r'<th scope="row" data-sort="[^"]*">([^<]*)</th>', table[: table.index("</table>")]) == [
        "Ana Silva (a-1)",
        "Ben Okafor (b-2)",
        "c-3",
    ]


def _png_size_and_first_pixel(data: bytes) -> tuple[tuple[int, int], tuple[int, int, int]]:
    """Width, height and the top-left pixel of an 8-bit RGB or RGBA PNG (enough for a marker test)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert depth == 8 and colour in (2, 6)
    chunks, at = [], 8
    while at < len(data):
        length = struct.unpack(">I", data[at : at + 4])[0]
        kind = data[at + 4 : at + 8]
        if kind == b"IDAT":
            chunks.append(data[at + 8 : at + 8 + length])
        at += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    # The first scanline: filters None, Sub, Up, Average and Paeth all leave its first pixel as stored.
    pixel = raw[1:4]
    return (width, height), (pixel[0], pixel[1], pixel[2])


MARKER = (
    "<script>var m = document.createElement('div');"
    "m.style.cssText = 'position:fixed;left:0;top:0;width:40px;height:40px;z-index:9;background:' +"
    " (document.documentElement.scrollWidth > window.innerWidth ? '#ff0000' : '#00ff00');"
    "document.body.appendChild(m);</script>"
)


@needs_chromium
@pytest.mark.parametrize("width", [375, 1280])
def test_html_fits_a_phone_and_a_desktop_without_sideways_page_scrolling(
    priced: Catalogue, tmp_path: Path, width: int
) -> None:
    """A marker painted green when the page is no wider than the window, red when it overflows."""
    header = ReportHeader(
        issued=date(2026, 12, 1),
        catalogue_seen=(date(2026, 5, 8), date(2026, 12, 1)),
        data_dir="/srv/learning-and-development/catalogues/portfolio-office-negotiated-prices-2027",
        title="Portfolio-Management-Office-Enterprise-Delivery-Excellence-Team",
    )
    page = team_to_html(team(priced, team_budget_per_year=3000), header)
    assert "Portfolio-Management-Office-Enterprise-Delivery-Excellence-Team" in page
    # The test copy drops the policy so the marker script may run; the page itself is unchanged.
    measured = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page).replace(
        "</body>", MARKER + "</body>"
    )
    source = tmp_path / "team.html"
    source.write_text(measured, encoding="utf-8")
    shot = tmp_path / f"team-{width}.png"
    chromium(f"--window-size={width},1200", f"--screenshot={shot}", source.as_uri())
    size, pixel = _png_size_and_first_pixel(shot.read_bytes())
    assert size == (width, 1200)
    assert pixel == (0, 255, 0), f"page wider than {width}px"


@needs_chromium
def test_the_phone_check_catches_a_page_that_overflows(tmp_path: Path) -> None:
    """The marker check is not hollow: a page with a wide, unboxed table shows red."""
    wide = "<!DOCTYPE html><html><body><table><tr>" + "<td>column&nbsp;text</td>" * 30 + "</tr></table>"
    source = tmp_path / "wide.html"
    source.write_text(wide + MARKER + "</body></html>", encoding="utf-8")
    shot = tmp_path / "wide.png"
    chromium("--window-size=375,600", f"--screenshot={shot}", source.as_uri())
    assert _png_size_and_first_pixel(shot.read_bytes())[1] == (255, 0, 0)


def test_html_tables_scroll_in_their_own_box_and_print_without_repeated_totals(priced: Catalogue) -> None:
    page = team_to_html(team(priced))
    tables = page.count("<table")
    assert tables >= 4  # people, totals, seats, heat map (no lapses in three years here)
    assert page.count('<div class="scroll" role="region" tabindex="0"') == tables
    assert '<div class="scroll chart"' in page
    assert "<tfoot" not in page  # a total row in tfoot is what browsers repeat on every printed page
    assert ".scroll { overflow-x: auto;" in page

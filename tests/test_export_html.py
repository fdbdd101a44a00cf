"""The HTML report: well formed, accessible, self-contained; rendered by Chromium when present."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pmoplan.catalogue import Catalogue
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import Plan, PlanRequest, Totals
from pmoplan.planner import build_plan
from pmoplan.render.html_report import plan_to_html
from pmoplan.render.reason_text import milestone_text, warning_text
from pmoplan.render.report_header import ReportHeader
from tests.export_samples import AWKWARD_WHY, FORMULA_TITLE, sample_plan, small_plan

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
FETCHING = {"script", "link", "img", "iframe", "object", "embed", "video", "audio", "source", "base", "image", "use"}


class Checker(HTMLParser):
    """Records tags, attributes, text and nesting problems of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.starts: list[tuple[str, dict[str, str | None], tuple[str, ...]]] = []
        self.text: list[str] = []
        self.ids: dict[str, tuple[str, tuple[str, ...]]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs)

    def _record(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.starts.append((tag, attributes, tuple(self.stack)))
        if (ident := attributes.get("id")) is not None:
            if ident in self.ids:
                self.problems.append(f"duplicate id {ident}")
            self.ids[ident] = (tag, tuple(self.stack))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [attributes for tag, attributes, _ in self.starts if tag == name]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def check(document: str) -> Checker:
    checker = Checker()
    checker.feed(document)
    checker.close()
    assert checker.problems == []
    assert checker.stack == []
    return checker


@pytest.mark.parametrize("make_plan", [sample_plan, small_plan])
def test_well_formed_with_balanced_tags(catalogue: Catalogue, make_plan: Callable[[], Plan]) -> None:
    document = plan_to_html(make_plan(), catalogue)
    assert document.startswith('<!DOCTYPE html>\n<html lang="en">')
    checker = check(document)
    assert {"section", "table", "h1", "h2", "dl"} <= {tag for tag, _, _ in checker.starts}


def _timeline(document: str) -> str:
    return document.split('<section aria-labelledby="timeline">')[1].split("</section>")[0]


def _chips(document: str) -> list[str]:
    """The text of every timeline entry, unescaped."""
    return [html.unescape(text) for text in re.findall(r'<li class="chip[^"]*">([^<]*)</li>', _timeline(document))]


def test_the_timeline_is_text_that_reads_year_by_year_with_each_track_named(catalogue: Catalogue) -> None:
    plan = sample_plan()
    checker = check(plan_to_html(plan, catalogue))
    groups = [g for g in checker.tags("div") if g.get("role") == "group"]
    assert [g["aria-label"] for g in groups] == [str(year.year) for year in plan.years]
    assert not checker.tags("svg")  # no drawing whose labels could be cut: the timeline is text
    text = "".join(checker.text)
    assert "CertificationsSpecialist coursesRenewalsMilestones" in text  # the track names of a wide screen


def test_timeline_labels_are_full_never_cut(catalogue: Catalogue) -> None:
    """Every item title, renew-by date and milestone appears whole, without an ellipsis."""
    plan = sample_plan()
    document = plan_to_html(plan, catalogue)
    chips = _chips(document)
    for year in plan.years:
        for item in year.items:
            expected = f"Renew {item.title}" if item.kind == "renewal" else item.title
            assert expected in chips
    assert "renew PRINCE2 Foundation (7th edition) by 2026-05-10" in chips
    assert "Ready for level 3: Managing a PMO." in chips
    assert len(chips) == sum(len(year.items) for year in plan.years) + 2  # items, one renew-by date, a milestone


def test_a_long_title_is_shown_whole_in_the_timeline(catalogue: Catalogue) -> None:
    plan = sample_plan()
    first = plan.years[0]
    title = "Managing Successful Programmes Practitioner (Portfolio, Programme and Project Offices) " * 3
    long_item = first.items[0].model_copy(update={"title": title.strip()})
    plan = plan.model_copy(update={"years": [first.model_copy(update={"items": [long_item]}), *plan.years[1:]]})
    assert title.strip() in _chips(plan_to_html(plan, catalogue))


def test_warnings_are_listed_apart_from_milestones(catalogue: Catalogue) -> None:
    """A budget note is a warning: it is in the warnings list, never drawn on the timeline as a milestone."""
    request = PlanRequest(current_level=2, target_level=3, years=6, start_year=2026, budget_per_year=1500)
    plan = build_plan(catalogue, request)
    assert "unpriced-under-budget" in {w.code for w in plan.warnings}
    document = plan_to_html(plan, catalogue)
    timeline = html.unescape(_timeline(document))
    listed = html.unescape(document.split('<h2 id="warnings">')[1].split("</section>")[0])
    for warning in plan.warnings:
        assert warning_text(warning) in listed
        assert warning_text(warning) not in timeline
    milestones = re.findall(r'<li class="chip milestone mark">([^<]*)</li>', _timeline(document))
    assert [html.unescape(m) for m in milestones] == [milestone_text(m) for m in plan.milestones]
    assert [m.kind for m in plan.milestones] == ["ready-for-level", "target-reached"]


def test_nothing_is_fetched(catalogue: Catalogue) -> None:
    document = plan_to_html(sample_plan(), catalogue)
    checker = check(document)
    assert not {tag for tag, _, _ in checker.starts} & FETCHING
    assert "@import" not in document and "url(" not in document
    for tag, attributes, _ in checker.starts:
        for name in ("src", "srcset", "data", "poster", "action", "formaction", "xlink:href", "background"):
            assert name not in attributes, (tag, name)
        if "href" in attributes:
            assert tag == "a", tag
    csp = [m for m in checker.tags("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")


def test_headings_and_table_semantics(catalogue: Catalogue) -> None:
    checker = check(plan_to_html(sample_plan(), catalogue))
    assert len(checker.tags("h1")) == 1
    assert len(checker.tags("h2")) >= 5
    headers = checker.tags("th")
    assert headers and all(h.get("scope") in {"col", "row", "rowgroup"} for h in headers)
    assert len(checker.tags("caption")) == len(checker.tags("table"))


def test_plan_text_is_escaped_not_interpreted(catalogue: Catalogue) -> None:
    checker = check(plan_to_html(sample_plan(), catalogue))
    assert not checker.tags("b")
    text = "".join(checker.text)
    assert AWKWARD_WHY in text
    assert FORMULA_TITLE in text


def test_printable_and_script_free(catalogue: Catalogue) -> None:
    document = plan_to_html(sample_plan(), catalogue)
    assert "@media print" in document
    checker = check(document)
    assert not checker.tags("script")
    assert not [name for _, attributes, _ in checker.starts for name in attributes if name.startswith("on")]
    assert "javascript:" not in document.lower()


def test_an_empty_twenty_year_plan_still_renders(catalogue: Catalogue) -> None:
    base = small_plan()
    request = PlanRequest(current_level=4, target_level=4, years=20, start_year=2030)
    years = [
        base.years[0].model_copy(update={"year": 2030 + n, "items": [], "days": 0, "costs": {}}) for n in range(20)
    ]
    totals = Totals(days=0, costs={}, unpriced_items=0, certifications=0, specialist=0, renewals=0)
    plan = base.model_copy(update={"request": request, "years": years, "certificates": [], "totals": totals})
    checker = check(plan_to_html(plan, catalogue))
    assert "No courses planned." in checker.text


def chromium() -> str | None:
    return next((path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None)


def screenshot(browser: str, page: Path, png: Path, profile: Path, height: int = 1600) -> None:
    """Render ``page`` to ``png`` with headless Chromium, offline."""
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--screenshot={png}",
        f"--window-size=1200,{height}",
        page.as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=60)


@pytest.mark.slow
def test_renders_in_headless_chromium(catalogue: Catalogue, tmp_path: Path) -> None:
    browser = chromium()
    if browser is None:
        pytest.skip("Chromium is not installed (CI installs it in .ci/run); the HTML checks above still ran")
    page = tmp_path / "report.html"
    page.write_text(plan_to_html(sample_plan(), catalogue), encoding="utf-8")
    png = tmp_path / "report.png"
    screenshot(browser, page, png, tmp_path / "profile")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000


# A script run in the browser: it lists every timeline label, track name or header line whose text
# does not fit its box (wider or taller than shown, i.e. cut off or clipped), and says whether the
# page itself is wider than the window. The result is written into the DOM for --dump-dom.
MEASURE = """<script>
var cut = [];
document.querySelectorAll('.tl .chip, .tl-track, .tl-year, .tl-what, .tl-cell, dl.issue div').forEach(function (e) {
  if (e.getClientRects().length === 0) { return; }
  var style = getComputedStyle(e);
  var clipped = style.position === 'absolute' && e.clientWidth <= 1;  // visually hidden: read aloud only
  if (!clipped && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)) {
    cut.push(e.textContent);
  }
});
var wide = document.documentElement.scrollWidth > window.innerWidth;
document.body.setAttribute('data-measured', JSON.stringify({cut: cut, wide: wide}));
</script>"""


def measure_in_browser(browser: str, document: str, tmp_path: Path, width: int) -> dict[str, object]:
    """Load ``document`` at ``width`` px in headless Chromium and return what :data:`MEASURE` found."""
    import json

    # The test copy drops the policy so that the measuring script may run; the page itself is unchanged.
    measured = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", document)
    page = tmp_path / f"measure-{width}.html"
    page.write_text(measured.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    command += [f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={width},1200", "--dump-dom", page.as_uri()]
    dom = subprocess.run(command, check=True, capture_output=True, encoding="utf-8", timeout=120).stdout
    found = re.search(r'data-measured="([^"]*)"', dom)
    assert found is not None, "the measuring script did not run"
    result: dict[str, object] = json.loads(html.unescape(found.group(1)))
    return result


def _long_plan(catalogue: Catalogue) -> Plan:
    """A real six-year plan with a budget, and one very long course title (the case labels used to be cut)."""
    request = PlanRequest(current_level=2, target_level=3, years=6, start_year=2026, budget_per_year=1500)
    plan = build_plan(catalogue, request)
    first = plan.years[0]
    title = "Managing Successful Programmes Practitioner (Portfolio, Programme and Project Offices) " * 2
    long_item = first.items[0].model_copy(update={"title": title.strip()})
    return plan.model_copy(update={"years": [first.model_copy(update={"items": [long_item]}), *plan.years[1:]]})


def _header() -> ReportHeader:
    return ReportHeader(
        issued=date(2026, 12, 1),
        catalogue_seen=(date(2026, 5, 8), date(2026, 12, 1)),
        title="Aleksandra Wójcik-Fitzgerald-Oyelaran",
        profile="people/aleksandra-wojcik-fitzgerald-oyelaran-profile.yaml",
        assessed_on=date(2026, 11, 20),
    )


@pytest.mark.slow
@pytest.mark.parametrize("width", [375, 1280])
def test_no_timeline_label_is_cut_off_on_a_phone_or_a_desktop(catalogue: Catalogue, tmp_path: Path, width: int) -> None:
    browser = chromium()
    if browser is None:
        pytest.skip("Chromium is not installed (CI installs it in .ci/run); the HTML checks above still ran")
    result = measure_in_browser(browser, plan_to_html(_long_plan(catalogue), catalogue, _header()), tmp_path, width)
    assert result == {"cut": [], "wide": False}


@pytest.mark.slow
def test_the_cut_off_check_catches_labels_cut_to_one_line(catalogue: Catalogue, tmp_path: Path) -> None:
    """Not hollow: labels forced onto one clipped line, as the old chart drew them, are reported."""
    browser = chromium()
    if browser is None:
        pytest.skip("Chromium is not installed (CI installs it in .ci/run); the HTML checks above still ran")
    document = plan_to_html(_long_plan(catalogue), catalogue, _header())
    clipped = document.replace(
        "</style>", ".chip { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }</style>"
    )
    result = measure_in_browser(browser, clipped, tmp_path, 1280)
    cut = result["cut"]
    assert isinstance(cut, list) and any("Managing Successful Programmes Practitioner" in text for text in cut)

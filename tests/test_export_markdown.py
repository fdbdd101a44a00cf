"""The Markdown export: tables parse back to the plan's data; the whole document is pinned."""

from __future__ import annotations

import re

import pytest

from pmoplan.catalogue import Catalogue
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import Plan
from pmoplan.render.plan_markdown import CERTIFICATE_COLUMNS, YEAR_COLUMNS, md_text, plan_to_markdown
from tests.export_samples import AWKWARD_WHY, FORMULA_TITLE, LONG_TITLE, sample_plan, small_plan


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def split_row(line: str) -> list[str]:
    """Cells of a Markdown table row: split on pipes that no backslash escapes, then unescape."""
    cells, current, chars = [], [], iter(line.strip()[1:-1])
    for char in chars:
        if char == "\\":
            current += [char, next(chars)]
        elif char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
    cells.append("".join(current))
    return [unescape(cell.strip()) for cell in cells]


def unescape(cell: str) -> str:
    """Undo the export's escaping: backslash escapes, ``<br>`` line breaks, ``&lt;`` and ``&amp;``."""
    parts = re.split(r"(\\.|<br>|&lt;|&amp;)", cell)
    table = {"<br>": "\n", "&lt;": "<", "&amp;": "&"}
    return "".join(table.get(p, p[1:] if p.startswith("\\") and len(p) == 2 else p) for p in parts)


def parse_tables(markdown: str) -> list[list[list[str]]]:
    """Every table in the document as rows of cells (header row first, delimiter row dropped)."""
    tables: list[list[list[str]]] = []
    previous_was_table = False
    for line in markdown.splitlines():
        is_table = line.startswith("|")
        if is_table and not re.fullmatch(r"\|( --- \|)+", line):
            if not previous_was_table:
                tables.append([])
            tables[-1].append(split_row(line))
        previous_was_table = is_table
    return tables


def expected_year_rows(plan: Plan) -> list[list[list[str]]]:
    tables = []
    for year in plan.years:
        if not year.items:
            continue
        rows = [YEAR_COLUMNS]
        for item in year.items:
            cost = "no listed price" if item.cost is None else f"£{item.cost:,.0f}"
            renew_by = item.renew_by.isoformat() if item.renew_by else ""
            title = f"Renew {item.title}" if item.kind == "renewal" else item.title  # a renewal says so
            rows.append([title, item.course_id, item.kind, f"{item.days:g}", cost, renew_by])
        tables.append(rows)
    return tables


def test_year_tables_parse_back_to_the_plan_items(catalogue: Catalogue) -> None:
    plan = sample_plan()
    tables = parse_tables(plan_to_markdown(plan, catalogue))
    assert tables[:-1] == expected_year_rows(plan)
    assert [row[0] for row in tables[1][1:]] == [FORMULA_TITLE, LONG_TITLE]


def test_certificates_table_parses_back(catalogue: Catalogue) -> None:
    plan = sample_plan()
    certificates = parse_tables(plan_to_markdown(plan, catalogue))[-1]
    assert certificates == [
        CERTIFICATE_COLUMNS,
        ["PRINCE2 Foundation (7th edition)", "prince2-foundation", "2023-05-10", "2026-05-10", "held"],
        ["P3O Foundation", "p3o-foundation", "", "2029-03-31", "planned"],
    ]


def test_awkward_text_cannot_break_rows_or_inject_html(catalogue: Catalogue) -> None:
    text = plan_to_markdown(sample_plan(), catalogue)
    reasons = text.split("## Reasons\n\n")[1]
    line = next(line for line in reasons.splitlines() if line.startswith("- 2027, =HYPERLINK"))
    assert unescape(line.split(": ", 1)[1]) == AWKWARD_WHY
    assert "<b>" not in text and "</b>" not in text
    assert all(len(row) == len(YEAR_COLUMNS) for table in parse_tables(text)[:-1] for row in table)


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a|b", "a\\|b"),
        ("C:\\x", "C:\\\\x"),
        ("one\r\ntwo\rthree\nfour", "one<br>two<br>three<br>four"),
        ("<script>", "&lt;script>"),
        ("1 < 2 & 3", "1 < 2 & 3"),
        ("&amp; &#42;", "&amp;amp; &amp;#42;"),
        ("<br>", "&lt;br>"),
    ],
)
def test_md_text_escapes_what_would_change_the_rendering(raw: str, escaped: str) -> None:
    assert md_text(raw) == escaped
    assert unescape(escaped) == raw.replace("\r\n", "\n").replace("\r", "\n")


def test_summary_milestones_and_unscheduled(catalogue: Catalogue) -> None:
    text = plan_to_markdown(sample_plan(), catalogue)
    assert "- **Horizon:** 2026–2028 (3 years)\n" in text
    assert "- **Totals:** 6.5 days; £1,205 (plus 3 items with no listed price); 1 certification" in text
    assert "### 2028: Level 3: Managing a PMO\n\nNo courses planned this year.\n" in text
    assert "## Milestones\n\n- 2026: PRINCE2 Foundation assumed held since 2023-05-10.\n" in text
    assert "## Not scheduled\n\n- pmo-finance (skill finance), 2027: Over the 8-day limit.\n" in text
    assert "Certificate lapses on 2026-05-10. Route: CPD points.\n" in text


SMALL_PLAN_MARKDOWN = """\
# Personal development plan

- **Current level:** Level 2: Supporting Portfolios, Programmes and Projects
- **Target level:** Level 3: Managing a PMO
- **Horizon:** 2026 (1 year)
- **Capacity:** 8 training days a year; budget £2,000 a year
- **Totals:** 3 days; £1,205; 1 certification, 0 specialist courses, 0 renewals

## Plan by year

### 2026: Level 2: Supporting Portfolios, Programmes and Projects

| Course | ID | Kind | Days | Cost | Renew by |
| --- | --- | --- | --- | --- | --- |
| P3O Foundation | p3o-foundation | certification | 3 | £1,205 |  |

Year total: 3 days; £1,205.

## Milestones

None in this horizon.

## Certificates

| Certificate | ID | Awarded | Renew by | Status |
| --- | --- | --- | --- | --- |
| P3O Foundation | p3o-foundation |  | 2029-03-31 | planned |

## Reasons

- 2026, P3O Foundation: First certification: fits level 2 \\| closes the governance gap.

*Prices are indicative list prices; check them with the provider before booking.*
"""


def test_small_plan_snapshot(catalogue: Catalogue) -> None:
    assert plan_to_markdown(small_plan(), catalogue) == SMALL_PLAN_MARKDOWN

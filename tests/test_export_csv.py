"""The CSV export: Excel-safe (BOM, CRLF, no formula triggers) and read back to the same rows."""

from __future__ import annotations

import csv
import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmoplan.catalogue import Catalogue
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import Plan, PlanYear
from pmoplan.render.csv_out import neutralise_text
from pmoplan.render.plan_csv import PLAN_CSV_COLUMNS, plan_to_csv
from tests.export_samples import AWKWARD_WHY, FORMULA_TITLE, LONG_TITLE, item, sample_plan

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def read_back(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_rows_read_back_to_the_plan_items(catalogue: Catalogue) -> None:
    rows = read_back(plan_to_csv(sample_plan(), catalogue))
    assert rows == [
        PLAN_CSV_COLUMNS,
        [
            "2026",
            "2",
            "p3o-foundation",
            "P3O Foundation",
            "certification",
            "3",
            "1205",
            "GBP",
            "Why p3o-foundation.",
            "",
            "classroom",
            "1205",
            "GBP",
        ],
        [
            "2026",
            "2",
            "prince2-foundation",
            "Renew PRINCE2 Foundation (7th edition)",
            "renewal",
            "0.5",
            "",
            "",
            "Certificate lapses on 2026-05-10.",
            "2026-05-10",
            "",
            "",
            "",
        ],
        ["2027", "2", "pmo-reporting", "'" + FORMULA_TITLE, "specialist", "1", "", "", AWKWARD_WHY, "", "", "", ""],
        ["2027", "2", "data-viz", LONG_TITLE, "specialist", "2", "", "", "'-1 gap; @risk +2", "", "", "", ""],
    ]


def test_bom_and_crlf_record_ends(catalogue: Catalogue) -> None:
    text = plan_to_csv(sample_plan(), catalogue)
    assert text.startswith(
        "\ufeffyear,level,course_id,title,kind,days,cost,currency,why,renew_by,offering,budget_cost,budget_currency\r\n"
    )
    assert text.endswith("\r\n")
    outside_quotes = re.sub(r'"(?:[^"]|"")*"', "", text)
    assert "\n" not in outside_quotes.replace("\r\n", "")
    assert "\r" not in outside_quotes.replace("\r\n", "")


def test_no_cell_starts_with_a_formula_trigger(catalogue: Catalogue) -> None:
    for row in read_back(plan_to_csv(sample_plan(), catalogue)):
        assert not any(cell.startswith(TRIGGERS) for cell in row), row


def test_text_that_looks_like_a_negative_number_is_still_neutralised() -> None:
    assert neutralise_text("-1") == "'-1"
    assert neutralise_text("+44 20") == "'+44 20"
    assert neutralise_text("plain") == "plain"


def test_costs_are_plain_numbers(catalogue: Catalogue) -> None:
    plan = sample_plan()
    courses = [
        item("2026-a", "pmo-finance", "A", "specialist", 1.25, 1234567.5),
        item("2026-b", "data-viz", "B", "specialist", 2, 0),
    ]
    plan = plan.model_copy(
        update={"years": [PlanYear(year=2026, level=2, items=courses, days=3.25, costs={}, unpriced_items=0)]}
    )
    rows = read_back(plan_to_csv(plan, catalogue))
    assert [row[5:7] for row in rows[1:]] == [["1.25", "1234567.5"], ["2", "0"]]


def one_item_plan(title: str, why: str) -> Plan:
    course = item("2026-specialist-x", "pmo-finance", title, "specialist", 1, 300, why=why)
    year = PlanYear(year=2026, level=2, items=[course], days=1, costs={"GBP": 300}, unpriced_items=0)
    return sample_plan().model_copy(update={"years": [year]})


@given(title=st.text(), why=st.text())
def test_any_text_round_trips_neutralised(title: str, why: str) -> None:
    text = plan_to_csv(one_item_plan(title, why), load_catalogue())
    rows = read_back(text)
    assert len(rows) == 2
    assert rows[1][3] == neutralise_text(title)
    assert rows[1][8] == neutralise_text(why)
    assert not any(cell.startswith(TRIGGERS) for row in rows for cell in row)

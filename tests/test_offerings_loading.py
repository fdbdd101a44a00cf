"""Loading course offerings and currencies: prices, ranges, member prices, dates and declared currencies.

Each test writes an organisation folder with one in-house course and checks what the strict
loader makes of it, including the exact file position of every refused value.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pmoplan.errors import InputError, Problem
from pmoplan.loading import load_catalogue, validate_folder
from pmoplan.models import Offering

COURSE = (
    "courses:\n"
    "  - id: inhouse-reporting\n"
    '    title: "In-house reporting clinic"\n'
    "    kind: specialist\n"
    '    provider: "Acme Corp L&D"\n'
    "    levels: [1, 2]\n"
    "    days: 2\n"
    "    skills: [reporting]\n"
    "    source: https://intranet.example.com/courses/reporting\n"
    "    offerings:\n"
)
OFFERING_LINE = COURSE.count("\n") + 1  # the line of the first offering's "- mode:"


def offering(*fields: str, mode: str = "classroom") -> str:
    """One offering as YAML (8-space field indent), with seen and source unless given."""
    lines = [f"      - mode: {mode}\n"]
    names = {f.split(":")[0] for f in fields}
    if "seen" not in names:
        fields = (*fields, 'seen: "2026-12-01"')
    if "source" not in names:
        fields = (*fields, "source: https://intranet.example.com/prices")
    lines += [f"        {f}\n" for f in fields]
    return "".join(lines)


def folder_with(tmp_path: Path, text: str) -> Path:
    (tmp_path / "courses.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def only_problem(folder: Path) -> Problem:
    with pytest.raises(InputError) as caught:
        load_catalogue(folder)
    assert validate_folder(folder) == caught.value.problems
    assert len(caught.value.problems) == 1, caught.value.problems
    return caught.value.problems[0]


def loaded_offerings(tmp_path: Path, text: str) -> list[Offering]:
    return load_catalogue(folder_with(tmp_path, text)).course("inhouse-reporting").offerings


def test_offerings_load_with_single_prices_ranges_and_member_prices(tmp_path: Path) -> None:
    text = COURSE + offering(
        "days: 2", "price: 1205", "currency: GBP", "vat: excluded", "includes_exam: true", 'provider: "Acme"'
    )
    text += offering("price: 200", "price_high: 350", "currency: USD", mode="elearning")
    text += offering(
        "days: 0", "price: 300", "member_price: 225", 'member_of: "PMI"', "currency: USD", mode="exam-only"
    )
    classroom, elearning, exam = loaded_offerings(tmp_path, text)
    assert (classroom.mode, classroom.days, classroom.price, classroom.currency) == ("classroom", 2, 1205, "GBP")
    assert (classroom.vat, classroom.includes_exam, classroom.provider) == ("excluded", True, "Acme")
    assert classroom.seen == "2026-12-01"
    assert elearning.days is None  # the course's own days
    assert (elearning.price, elearning.price_high) == (200, 350)
    assert elearning.vat == "unknown"
    assert (exam.days, exam.price, exam.member_price, exam.member_of) == (0, 300, 225, "PMI")


def test_an_offering_without_a_price_is_unknown_not_zero(tmp_path: Path) -> None:
    (only,) = loaded_offerings(tmp_path, COURSE + offering("days: 1", mode="virtual"))
    assert only.price is None
    assert only.currency is None


@pytest.mark.parametrize(
    ("fields", "line", "path", "message"),
    [
        (("price: 100",), 0, "courses[0].offerings[0]", "an offering with a price needs a currency"),
        (
            ("price: 100", "member_price: 80", "currency: GBP"),
            0,
            "courses[0].offerings[0]",
            "a member price needs member_of (whose members pay it)",
        ),
        (
            ("price: 500", "price_high: 300", "currency: GBP"),
            0,
            "courses[0].offerings[0]",
            "price_high needs price as the low end of the range, not above it",
        ),
        (
            ("member_price_high: 300", 'member_of: "APM"', "currency: GBP"),
            0,
            "courses[0].offerings[0]",
            "member_price_high needs member_price as the low end of the range, not above it",
        ),
        (("price: -5", "currency: GBP"), 1, "courses[0].offerings[0].price", "greater than or equal to 0"),
        (('seen: "2026-02-30"',), 1, "courses[0].offerings[0].seen", "not a real date (YYYY-MM-DD)"),
        (('seen: "1 Dec 2026"',), 1, "courses[0].offerings[0].seen", "should match pattern"),
        (
            ("vat: maybe",),
            1,
            "courses[0].offerings[0].vat",
            "Input should be 'included', 'excluded', 'not-applicable' or 'unknown' (got 'maybe')",
        ),
        (("price: 100", "currency: gbp"), 2, "courses[0].offerings[0].currency", "should match pattern"),
    ],
)
def test_bad_offerings_are_refused_with_their_line(
    tmp_path: Path, fields: tuple[str, ...], line: int, path: str, message: str
) -> None:
    problem = only_problem(folder_with(tmp_path, COURSE + offering(*fields)))
    assert problem.path == path
    assert problem.line == OFFERING_LINE + line
    assert message in problem.message


def test_missing_seen_date_and_unknown_mode_are_refused(tmp_path: Path) -> None:
    text = COURSE + "      - mode: webinar\n        source: https://intranet.example.com/prices\n"
    with pytest.raises(InputError) as caught:
        load_catalogue(folder_with(tmp_path, text))
    found = {(p.path, p.line) for p in caught.value.problems}
    assert ("courses[0].offerings[0].mode", OFFERING_LINE) in found
    assert ("courses[0].offerings[0]", OFFERING_LINE) in found
    assert any("missing required field 'seen'" in p.message for p in caught.value.problems)


def test_an_undeclared_currency_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    problem = only_problem(folder_with(tmp_path, COURSE + offering("price: 100", "currency: GPB")))
    assert problem.path == "courses[0].offerings[0].currency"
    assert problem.line == OFFERING_LINE + 2
    assert problem.message == (
        "currency 'GPB' is not declared (did you mean 'GBP'?); declared: GBP, USD, EUR "
        "(an organisation adds one under 'currencies' in its courses.yaml)"
    )


def test_an_undeclared_course_currency_is_refused(tmp_path: Path) -> None:
    text = COURSE.replace("    offerings:\n", "    cost: 900\n    currency: CHF\n")
    problem = only_problem(folder_with(tmp_path, text))
    assert (problem.path, problem.line) == ("courses[0].currency", 11)
    assert problem.message.startswith("currency 'CHF' is not declared;")


def test_an_overlay_can_declare_a_new_currency(tmp_path: Path) -> None:
    text = "currencies: [CHF]\n" + COURSE + offering("price: 1800", "currency: CHF")
    catalogue = load_catalogue(folder_with(tmp_path, text))
    assert catalogue.currencies == ("GBP", "USD", "EUR", "CHF")
    assert catalogue.course("inhouse-reporting").offerings[0].currency == "CHF"


def test_an_overlay_currency_becomes_declared(tmp_path: Path) -> None:
    text = "currency: AUD\n" + COURSE + offering("price: 1800", "currency: AUD")
    catalogue = load_catalogue(folder_with(tmp_path, text))
    assert catalogue.currency == "AUD"
    assert "AUD" in catalogue.currencies


def test_shipped_offerings_have_a_date_a_source_and_a_declared_currency() -> None:
    catalogue = load_catalogue()
    offerings = [(c, o) for c in catalogue.courses for o in c.offerings]
    assert len(offerings) >= 3
    for course, item in offerings:
        assert item.seen and item.source.startswith("http"), course.id
        assert item.price is None or item.currency in catalogue.currencies, course.id
    capm = catalogue.course("pmi-capm").offerings[0]
    assert (capm.mode, capm.price, capm.member_price, capm.member_of, capm.currency) == (
        "exam-only",
        300,
        225,
        "PMI",
        "USD",
    )


def test_the_course_view_lists_each_offering_with_its_date_and_source() -> None:
    from pmoplan.render.catalogue_views import course_listing

    catalogue = load_catalogue()
    rows = course_listing(catalogue, catalogue.course("pmi-capm")).rows
    assert [
        "Offering",
        (
            "exam-only, 0 days: US$300 (VAT not stated); PMI members US$225; seen 2026-12-01 at "
            "https://pmtrainingclass.com/capm-certification-frequently-asked-questions/, unverified"
        ),
    ] in rows


def test_a_price_range_is_shown_as_a_range_and_a_missing_price_as_unknown() -> None:
    from pmoplan.render.catalogue_views import price_range_text

    assert price_range_text(900, 1200, "GBP") == "£900-£1,200"
    assert price_range_text(900, None, "EUR") == "€900"
    assert price_range_text(None, None, None) == "unknown"

"""A plain listing written without rich (``render/plain_table.py``) is byte for byte what rich prints.

For any listing (titles, cells and notes of words, long ids, web addresses, wide and accented
characters; columns kept whole or optional) at any width, the fast path either declines (None, and
rich prints it) or gives exactly rich's text. The commands' own tables are checked at the widths
people use, and a table with control or bidi characters is always left to rich (its sanitiser).
"""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmoplan.loading import load_catalogue
from pmoplan.render import catalogue_views as views
from pmoplan.render.listing import Listing
from pmoplan.render.plain_table import plain_listing_text
from pmoplan.render.table import listing_renderables
from pmoplan.safe_console import safe_console


def rich_text(listing: Listing, width: int, console_width: int) -> str:
    """What ``pmoplan`` prints through rich for a plain listing (as ``cli/output.py`` does)."""
    buffer = io.StringIO()
    console = safe_console(
        file=buffer, width=console_width, color_system=None, markup=False, highlight=False, emoji=False, soft_wrap=False
    )
    with console:
        for renderable in listing_renderables(listing, plain=True, width=width):
            console.print(renderable)
    return buffer.getvalue()


WORDS = st.sampled_from(
    [
        "PRINCE2",
        "p3o-foundation",
        "Portfolio,",
        "Programme",
        "and",
        "(exam)",
        "£1,205",
        "€2,463",
        "US$300",
        "1-2",
        "0.5",
        "-",
        "https://www.axelos.com/certifications/propath/p3o-portfolio-programme-project-offices",
        "Qualität",
        "café",
        "e\u0301",
        "日本語の研修",
        "a" * 45,
        "",
    ]
)
TEXT = st.lists(WORDS, max_size=8).map(" ".join) | st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30
)


@st.composite
def listings(draw: st.DrawFn) -> Listing:
    count = draw(st.integers(min_value=1, max_value=5))
    columns = draw(
        st.lists(
            st.sampled_from(["ID", "Title", "Levels", "Days", "Cost", "Provider", "Notes"]),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    rows = draw(st.lists(st.lists(TEXT, min_size=count, max_size=count), max_size=6))
    return Listing(
        title=draw(TEXT),
        columns=columns,
        rows=rows,
        notes=draw(st.lists(TEXT, max_size=2)),
        no_wrap=tuple(draw(st.sets(st.sampled_from(columns)))),
        optional=tuple(draw(st.sets(st.sampled_from(columns), max_size=count - 1))),
    )


@settings(max_examples=400, deadline=None)
@given(
    listing=listings(), width=st.integers(min_value=20, max_value=160), console=st.integers(min_value=20, max_value=160)
)
def test_the_plain_table_is_rich_s_or_declines(listing: Listing, width: int, console: int) -> None:
    text = plain_listing_text(listing, width, console)
    if text is not None:
        assert text == rich_text(listing, width, console)


@pytest.mark.parametrize("width", [60, 79, 80, 100, 120, 200])
def test_every_catalogue_table_comes_out_as_rich_prints_it(width: int) -> None:
    catalogue = load_catalogue()
    tables = [
        views.courses_listing(list(catalogue.courses), f"Courses ({len(catalogue.courses)})", show_kind=True),
        views.skills_listing(catalogue),
        views.ladder_listing(catalogue),
        views.level_listing(catalogue, catalogue.level(2)),
        views.compare_listing(catalogue, catalogue.level(2), catalogue.level(3)),
        *(views.course_listing(catalogue, course) for course in catalogue.courses),
    ]
    written = 0
    for listing in tables:
        text = plain_listing_text(listing, width, width)
        if text is not None:
            assert text == rich_text(listing, width, width), listing.title
            written += 1
    if width >= 80:
        assert written == len(tables), "at 80 columns and wider every catalogue table is written without rich"


@pytest.mark.parametrize("text", ["a\x1b[31mred", "line\nbreak", "tab\there", "\u202eevil", "bad \udcff byte"])
def test_text_the_sanitiser_must_see_is_left_to_rich(text: str) -> None:
    for listing in (
        Listing(text, ["ID"], [["x"]]),
        Listing("T", ["ID"], [[text]]),
        Listing("T", ["ID"], [["x"]], notes=[text]),
    ):
        assert plain_listing_text(listing, 100, 100) is None


class _Stream:
    """A stand-in for sys.stdout that is (or is not) a terminal."""

    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty

    def fileno(self) -> int:
        raise OSError("not a real stream")


@pytest.mark.parametrize(
    ("columns", "expected"), [("100", 100), ("132", 132), ("5", 80), ("abc", 80), (None, 80)], ids=repr
)
def test_the_plain_width_is_rich_s_width_for_a_pipe(
    monkeypatch: pytest.MonkeyPatch, columns: str | None, expected: int
) -> None:
    """COLUMNS as rich reads it (pmoplan's correction of unusable values included); 80 with no terminal."""
    from pmoplan.cli.output import plain_stdout_width

    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    if columns is not None:
        monkeypatch.setenv("COLUMNS", columns)
    for name in ("stdin", "stdout", "stderr"):
        monkeypatch.setattr(f"sys.{name}", _Stream(tty=False))
    assert plain_stdout_width() == expected
    assert safe_console(color_system=None).width == expected


@pytest.mark.parametrize("setting", ["tty", "FORCE_COLOR", "TTY_COMPATIBLE", "JUPYTER_COLUMNS"])
def test_rich_decides_the_width_where_it_is_not_plainly_known(monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    from pmoplan.cli.output import plain_stdout_width

    monkeypatch.setattr("sys.stdout", _Stream(tty=setting == "tty"))
    if setting != "tty":
        monkeypatch.setenv(setting, "1")
    assert plain_stdout_width() is None

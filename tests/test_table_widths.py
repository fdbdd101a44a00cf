"""Tables at every width from 40 to 200 columns: never a word or an id split; narrow layouts stack.

Snapshots of the catalogue listings at 40, 60, 80, 100, 120 and 200 columns live in
tests/snapshots/ (regenerate with ``pytest --update-snapshots``, review with ``git diff``). Every
output is also checked word by word against the data it shows: each word printed must be a whole
word of a cell, a title, a column name or a note. Web addresses are the one exception: a word
longer than the line can only fold.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from pmoplan.cli import app
from pmoplan.loading import load_catalogue
from pmoplan.render import catalogue_views as views
from pmoplan.render.listing import Listing
from tests.conftest import Snapshot

WIDTHS = [40, 60, 80, 100, 120, 200]
CAT = load_catalogue()
CERTIFICATIONS = [c for c in CAT.courses if c.kind == "certification"]
COMMANDS: dict[str, tuple[list[str], Listing]] = {
    "levels": (["levels"], views.ladder_listing(CAT)),
    "levels-2": (["levels", "2"], views.level_listing(CAT, CAT.level(2))),
    "compare-3-4": (["levels", "--compare", "3", "4"], views.compare_listing(CAT, CAT.level(3), CAT.level(4))),
    "certifications": (
        ["courses", "--certification"],
        views.courses_listing(CERTIFICATIONS, f"Certification courses ({len(CERTIFICATIONS)})", show_kind=False),
    ),
    "course-p3o-practitioner": (
        ["course", "p3o-practitioner"],
        views.course_listing(CAT, CAT.course("p3o-practitioner")),
    ),
    "skills": (["skills"], views.skills_listing(CAT)),
}
BORDER = re.compile(r"^[-+|=]+$")


def words_of(listing: Listing) -> set[str]:
    texts = [listing.title, *listing.columns, *listing.notes, *(cell for row in listing.rows for cell in row)]
    words = {word for text in texts for word in text.split()}
    labels = [*listing.columns, *(row[0] for row in listing.rows)]  # stacked rows print "Label:"
    return words | {word for label in labels for word in f"{label}:".split()} | {"-"}


def printed_words(output: str) -> list[str]:
    """Every word of the output with table borders removed."""
    return [word for line in output.splitlines() for word in line.replace("|", " ").split() if not BORDER.match(word)]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(COMMANDS))
def test_no_word_or_id_is_split_at_any_width(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, snapshot: Snapshot, name: str, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    args, listing = COMMANDS[name]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(len(line) <= width for line in lines), f"wider than {width} columns"
    known = words_of(listing)
    # A web address may fold (it can be longer than any column): its pieces are allowed, nothing else.
    too_long = [word for word in known if "://" in word]
    split = [
        word
        for word in printed_words(result.stdout)
        if word not in known and not any(word in address for address in too_long)
    ]
    assert split == [], f"split or unknown words at {width} columns"
    snapshot.check(f"width-{name}-{width}", "\n".join(line.rstrip() for line in lines) + "\n")


def test_the_word_check_catches_a_split_word() -> None:
    listing = Listing("T", ["ID", "Title"], [["p3o-practitioner", "Practitioner course"]])
    assert [
        w for w in printed_words("| p3o-pract | Practi |\n| itioner   | tioner |") if w not in words_of(listing)
    ] == [
        "p3o-pract",
        "Practi",
        "itioner",
        "tioner",
    ]


@pytest.mark.parametrize("name", ["certifications", "skills", "levels-2"])
def test_narrow_terminals_stack_the_rows_and_wide_ones_keep_the_table(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    args, _ = COMMANDS[name]
    monkeypatch.setenv("COLUMNS", "40")
    narrow = runner.invoke(app, args).stdout
    assert "|" not in narrow and "\nID:\n" in narrow or "\nName:\n" in narrow
    monkeypatch.setenv("COLUMNS", "120")
    assert "|" in runner.invoke(app, args).stdout

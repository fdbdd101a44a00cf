"""Bad team files (docs/bad-inputs.md, section B): one line naming file and line, exit 1, nothing written."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmoplan.cli import app

HEADER = "id,name,level,completed\n"
GOOD = HEADER + "p001,Ana,2,p3o-foundation@2024-05-14\np002,Ben,1,\n"


def run_bad(runner: CliRunner, folder: Path, name: str, data: bytes, *extra: str) -> tuple[str, str]:
    """Run ``team plan`` on a bad file in ``folder``; check exit 1, empty stdout, no file written."""
    path = folder / name
    path.write_bytes(data)
    before = sorted(os.listdir(folder))
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        result = runner.invoke(app, ["team", "plan", name, "--start", "2026", "--output", "out.json", *extra])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    assert sorted(os.listdir(folder)) == before  # nothing written, no temp file left
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("pmoplan: error: "), lines[0]
    return lines[0].removeprefix("pmoplan: error: "), result.stderr


CSV_CASES: list[tuple[str, bytes, str]] = [
    # B2: cp1252 (Excel's plain CSV)
    ("B2 cp1252", (HEADER + "p001,José,2,\n").encode("cp1252"), r"team\.csv:2:\d+: not valid UTF-8 \(byte 0xE9\)"),
    # B3: UTF-16 with BOM and tabs ("Unicode Text"): decoded, then the one-column header says which delimiter
    (
        "B3 utf-16 tabs",
        "id\tlevel\np001\t2\n".encode("utf-16"),
        r"team\.csv:1: header has 1 column and contains a tab; use --delimiter tab",
    ),
    # B4: semicolons
    (
        "B4 semicolon",
        b"id;name;level\np001;Ana;2\n",
        r"team\.csv:1: header has 1 column and contains ';'; use --delimiter ';'",
    ),
    # B5: a missing column (after normalising spelling), and an unknown one
    (
        "B5 missing",
        b" ID ,Name\np001,Ana\n",
        r"team\.csv:1: missing column 'level'; found: id, name; required: id, level",
    ),
    ("B5 unknown", b"id,level,e-mail\np001,2,a@x\n", r"team\.csv:1: unknown column 'e_mail'.*found: id, level, e_mail"),
    # B6: duplicate header
    (
        "B6 duplicate column",
        b"id,name,level,Name\np001,A,2,B\n",
        r"team\.csv:1: duplicate column 'name' \(columns 2 and 4\)",
    ),
    # B7: ragged rows, too many and too few
    ("B7 too many", (GOOD + "p003,Cy,2,,extra\n").encode(), r"team\.csv:4: expected 4 fields, got 5"),
    ("B7 too few", (GOOD + "p003,Cy\n").encode(), r"team\.csv:4: expected 4 fields, got 2"),
    # B8: unclosed quote swallowing the rest
    (
        "B8 unclosed quote",
        (HEADER + 'p001,"Ana,2,\np002,Ben,1,\np003,Cy,2,\n').encode(),
        r"team\.csv:2: unterminated quoted field \(record starting at line 2\)",
    ),
    # B9: a field over 128 KiB
    (
        "B9 huge field",
        (GOOD + "p003," + "x" * 140_000 + ",2,\n").encode(),
        r"team\.csv:4: field larger than 128 KiB",
    ),
    # B10: empty file
    ("B10 empty", b"", r"team\.csv: empty file"),
    # B11: header only, or a header and blank rows (documented: an error)
    ("B11 header only", HEADER.encode(), r"team\.csv:1: no people in the file, only a header"),
    ("B11 blank rows", (HEADER + "\n,,,\n\n").encode(), r"team\.csv:1: no people in the file, only a header"),
    # B12: the same person twice, both lines named (ids compared case-insensitively)
    (
        "B12 duplicate person",
        (GOOD + "P001,Ana again,2,\n").encode(),
        r"team\.csv:4: id: duplicate person 'P001' \(first at line 2\)",
    ),
    # B13: a quoted field with an embedded CRLF: the error line is the physical line
    (
        "B13 multi-line record",
        (HEADER + 'p001,"Ana\r\nSecond line",2,\r\np002,Ben,9,\r\n').encode(),
        r"team\.csv:4: level: expected a level from 1 to 4, got '9'",
    ),
    # B14: NUL and other control characters
    ("B14 NUL", (HEADER + "p001,A\x00na,2,\n").encode(), r"team\.csv:2:7: control character U\+0000 is not allowed"),
    ("B14 escape", (HEADER + "p001,\x1b]0;pwned\x07,2,\n").encode(), r"team\.csv:2:\d+: control character U\+001B"),
    # field checks
    ("level 0", (HEADER + "p001,A,0,\n").encode(), r"team\.csv:2: level: expected a level from 1 to 4, got '0'"),
    ("level text", (HEADER + "p001,A,two,\n").encode(), r"team\.csv:2: level: expected a level from 1 to 4, got 'two'"),
    (
        "unknown course",
        (HEADER + "p001,A,2,prince-foundation\n").encode(),
        r"team\.csv:2: completed: unknown course 'prince-foundation' \(did you mean 'prince2-foundation'\?\)",
    ),
    (
        "bad date",
        (HEADER + "p001,A,2,p3o-foundation@2025-02-30\n").encode(),
        r"team\.csv:2: completed: 'p3o-foundation@2025-02-30' has an impossible date",
    ),
    (
        "date format",
        (HEADER + "p001,A,2,p3o-foundation@14/05/2024\n").encode(),
        r"team\.csv:2: completed: 'p3o-foundation@14/05/2024' is not ID or ID@YYYY-MM-DD",
    ),
    (
        "unknown skill",
        b"id,level,focus\np001,2,reportin\n",
        r"team\.csv:2: focus: unknown skill 'reportin' \(did you mean 'reporting'\?\)",
    ),
    ("target below", b"id,level,target_level\np001,3,2\n", r"team\.csv:2: target_level: target level 2 is below"),
    ("days", b"id,level,days_per_year\np001,3,lots\n", r"team\.csv:2: days_per_year: expected a number from 0 to 100"),
    ("budget", b"id,level,budget_per_year\np001,3,-5\n", r"team\.csv:2: budget_per_year: expected a number from 0"),
    ("empty id", b"id,level\n,3\n", r"team\.csv:2: id: empty id"),
    (
        "counts the rest",
        (HEADER + "p001,A,7,\np002,B,8,\np003,C,9,\n").encode(),
        r"team\.csv:2: level: .* \(and 2 more problems in this file\)",
    ),
]


@pytest.mark.parametrize(("case", "data", "pattern"), CSV_CASES, ids=[c[0] for c in CSV_CASES])
def test_bad_csv_is_one_line_exit_1_nothing_written(
    runner: CliRunner, tmp_path: Path, case: str, data: bytes, pattern: str
) -> None:
    message, _ = run_bad(runner, tmp_path, "team.csv", data)
    assert re.match(pattern, message), (case, message)


def test_b1_bom_is_read(runner: CliRunner, tmp_path: Path) -> None:
    """B1: Excel's "CSV UTF-8" starts with a BOM; the first column is still ``id``."""
    (tmp_path / "team.csv").write_bytes("\ufeff".encode() + GOOD.encode())
    result = runner.invoke(app, ["team", "plan", str(tmp_path / "team.csv"), "--start", "2026", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert '"people_count": 2' in result.stdout


def test_b3_utf16_with_delimiter_is_read(runner: CliRunner, tmp_path: Path) -> None:
    """B3: a UTF-16 tab-separated export works once the delimiter is given."""
    (tmp_path / "team.csv").write_bytes("id\tlevel\np001\t2\n".encode("utf-16"))
    args = ["team", "plan", str(tmp_path / "team.csv"), "--delimiter", "tab", "--start", "2026", "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr


def test_b4_semicolon_with_delimiter_is_read(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "team.csv").write_text("id;name;level\np001;Ana;2\n", encoding="utf-8")
    args = ["team", "plan", str(tmp_path / "team.csv"), "--delimiter", ";", "--start", "2026", "--format", "json"]
    assert runner.invoke(app, args).exit_code == 0


def test_b5_header_spelling_is_normalised(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "team.csv").write_text(
        " ID , Name ,LEVEL,Target-Level,Days Per Year\np001,Ana,2,3,6\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["team", "plan", str(tmp_path / "team.csv"), "--start", "2026", "--format", "json"])
    assert result.exit_code == 0, result.stderr


def test_b15_formula_cells_are_read_and_neutralised_on_export(runner: CliRunner, tmp_path: Path) -> None:
    """B15: formula-looking cells are accepted as text and neutralised in the CSV export."""
    (tmp_path / "team.csv").write_text('id,name,level\n"=HYPERLINK(""http://x"")",+1,2\n@SUM,-2,1\n', encoding="utf-8")
    result = runner.invoke(app, ["team", "plan", str(tmp_path / "team.csv"), "--start", "2026", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    import csv
    import io

    rows = list(csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    people = {(row[0], row[1]) for row in rows[1:]}
    assert people == {('\'=HYPERLINK("http://x")', "'+1"), ("'@SUM", "'-2")}
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), cell


def test_bad_delimiter_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "team.csv").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["team", "plan", str(tmp_path / "team.csv"), "--delimiter", "::"])
    assert result.exit_code == 2
    assert result.stdout == ""


def test_missing_and_unknown_team_files(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["team", "plan", str(tmp_path / "nope.csv")])
    assert result.exit_code == 1
    assert result.stderr.endswith("nope.csv: no such file\n")
    (tmp_path / "team.ods").write_bytes(b"PK")
    result = runner.invoke(app, ["team", "plan", str(tmp_path / "team.ods")])
    assert result.exit_code == 1
    assert "unknown kind of team file" in result.stderr


# --- B16: the YAML variant goes through the same hardened loader -------------------------------

YAML_CASES: list[tuple[str, str, str]] = [
    ("A4 empty", "", r"team\.yaml:1:1: file is empty"),
    ("A5 mapping", "people: []\n", r"team\.yaml:1:1: expected a list of people at the top level, found a mapping"),
    ("A6 tab", "- id: p001\n\tlevel: 2\n", r"team\.yaml:2:1: .*tab"),
    (
        "A10 duplicate key",
        "- id: p001\n  level: 2\n  level: 3\n",
        r"team\.yaml:3:3: duplicate key 'level' \(first at line 2\)",
    ),
    ("A12 unknown field", "- id: p001\n  levle: 2\n", r"team\.yaml:1:3: \[0\]: missing required field 'level'"),
    (
        "A14 wrong type",
        "- id: p001\n  level: two\n",
        r"team\.yaml:2:10: \[0\]\.level: expected a whole number, got 'two'",
    ),
    ("A15 yes", "- id: p001\n  level: 2\n  days_per_year: yes\n", r"team\.yaml:3:18: \[0\]\.days_per_year"),
    ("A16 number id", "- id: 123\n  level: 2\n", r"team\.yaml:1:7: \[0\]\.id: expected text, got 123; quote the value"),
    (
        "A20 python tag",
        "- !!python/object/apply:os.system ['true']\n",
        r"team\.yaml:1:3: tag '!!python/object/apply:os\.system'",
    ),
    ("A22 alias", "- &a {id: p001, level: 2}\n- *a\n", r"team\.yaml:1:3: anchors and aliases are not allowed"),
    ("A25 latin-1", "- id: p001\n  name: Jos\xe9\n  level: 2\n", r"team\.yaml:2:\d+: not valid UTF-8"),
    ("A27 NUL", "- id: p001\n  name: A\x00\n  level: 2\n", r"team\.yaml:2:10: control character U\+0000"),
    ("level 5", "- id: p001\n  level: 5\n", r"team\.yaml:2:10: \[0\]\.level: "),
    (
        "unknown course",
        "- id: p001\n  level: 2\n  completed: [prince-foundation]\n",
        r"team\.yaml:3:\d+: \[0\]\.completed: unknown course 'prince-foundation' \(did you mean 'prince2-foundation",
    ),
    (
        "duplicate person",
        "- id: p001\n  level: 2\n- id: P001\n  level: 1\n",
        r"team\.yaml:3:7: \[1\]\.id: duplicate person 'P001' \(first at line 1\)",
    ),
]


@pytest.mark.parametrize(("case", "text", "pattern"), YAML_CASES, ids=[c[0] for c in YAML_CASES])
def test_bad_yaml_team_is_one_line_exit_1_nothing_written(
    runner: CliRunner, tmp_path: Path, case: str, text: str, pattern: str
) -> None:
    data = text.encode("latin-1") if "latin-1" in case else text.encode("utf-8")
    message, _ = run_bad(runner, tmp_path, "team.yaml", data)
    assert re.match(pattern, message), (case, message)


def test_min_group_with_csv_output_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "team.csv").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["team", "plan", str(tmp_path / "team.csv"), "--min-group", "3", "--format", "csv"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "cannot be shared with --min-group" in result.stderr

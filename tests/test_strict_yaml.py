"""Unit tests of the strict YAML reader: :func:`parse_yaml`, :func:`read_text`, :func:`decode_text`.

Bad-input rows (docs/bad-inputs.md, section A) are named in each test's docstring.
Assertions pin the ``line:col`` and a stable key phrase, never libyaml's own wording.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmoplan.errors import InputError, Problem
from pmoplan.strict_yaml import (
    MAX_FILE_BYTES,
    Located,
    decode_text,
    format_path,
    load_yaml_file,
    parse_yaml,
    read_text,
)

FILE = "courses.yaml"


def problem_of(text: str) -> Problem:
    """Parse ``text`` expecting an InputError; return its only problem."""
    with pytest.raises(InputError) as caught:
        parse_yaml(text, FILE)
    assert len(caught.value.problems) == 1
    problem = caught.value.problems[0]
    assert problem.file == FILE
    return problem


def read_problem(path: Path, **kwargs: int) -> Problem:
    """Read ``path`` expecting an InputError; return its only problem."""
    with pytest.raises(InputError) as caught:
        read_text(path, "shown.yaml", **kwargs)
    assert len(caught.value.problems) == 1
    problem = caught.value.problems[0]
    assert problem.file == "shown.yaml"
    return problem


# --- well-formed documents and positions ----------------------------------------------------------


def test_parses_plain_values_with_positions() -> None:
    located = parse_yaml("a:\n  b: [1, 2]\n  c: text\n", FILE)
    assert located.value == {"a": {"b": [1, 2], "c": "text"}}
    assert located.file == FILE
    assert located.values[("a", "b", 1)] == (2, 10)
    assert located.keys[("a", "c")] == (3, 3)
    assert located.position(("a", "b"), key=True) == (2, 3)
    # An unknown path falls back to its nearest located parent.
    assert located.position(("a", "b", 7)) == (2, 6)
    assert located.problem(("a", "c"), "bad") == Problem(FILE, "bad", 3, 6, "a.c")


def test_format_path() -> None:
    assert format_path(("courses", 2, "days")) == "courses[2].days"
    assert format_path((0, "a")) == "[0].a"
    assert format_path(()) == ""


def test_explicit_document_markers_are_one_document() -> None:
    assert parse_yaml("---\na: 1\n...\n", FILE).value == {"a": 1}


# --- A4 / A5: empty, comment-only, top-level list or scalar ---------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "   \n# c\n"])
def test_empty_or_comment_only_parses_to_none(text: str) -> None:
    """A4: the parser returns no value; validation reports 'file is empty' at 1:1 (see loading tests)."""
    assert parse_yaml(text, FILE).value is None


@pytest.mark.parametrize(("text", "value"), [("- a\n- b\n", ["a", "b"]), ("hello\n", "hello"), ("42\n", 42)])
def test_top_level_list_or_scalar_is_returned_as_is(text: str, value: object) -> None:
    """A5: the parser does not guess; the model layer refuses a non-mapping at 1:1."""
    assert parse_yaml(text, FILE).value == value


# --- A10: duplicate keys --------------------------------------------------------------------------


def test_duplicate_key_names_both_lines() -> None:
    problem = problem_of("code: a\nname: b\ncode: c\n")
    assert (problem.line, problem.column) == (3, 1)
    assert "duplicate key 'code'" in problem.message
    assert "first at line 1" in problem.message


def test_duplicate_key_far_apart_and_nested() -> None:
    text = "levels:\n  a: 1\n" + "".join(f"  k{i}: {i}\n" for i in range(200)) + "  a: 2\n"
    problem = problem_of(text)
    assert (problem.line, problem.column) == (203, 3)
    assert "duplicate key 'a' (first at line 2)" in problem.message


def test_quoted_and_plain_spelling_of_a_key_are_the_same_key() -> None:
    problem = problem_of('a: 1\n"a": 2\n')
    assert problem.line == 2
    assert "duplicate key 'a'" in problem.message


def test_same_key_in_different_mappings_is_fine() -> None:
    assert parse_yaml("x: {a: 1}\ny: {a: 2}\n", FILE).value == {"x": {"a": 1}, "y": {"a": 2}}


# --- A22 / A23 / A30: anchors, aliases, merge keys ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a: &x 1\n", 1, 4),
        ("a: &x 1\nb: *x\n", 1, 4),
        ("a: &a [*a]\n", 1, 4),
        ("a: 1\nb: [&x 2]\n", 2, 5),
    ],
)
def test_anchors_and_aliases_are_rejected(text: str, line: int, column: int) -> None:
    """A22/A23: an anchor is refused where it is defined, before any alias can expand it."""
    problem = problem_of(text)
    assert (problem.line, problem.column) == (line, column)
    assert "anchors and aliases are not allowed" in problem.message


def test_billion_laughs_is_rejected_quickly() -> None:
    """A22: nine levels of nested aliases (gigabytes if expanded) fail in well under a second."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    start = time.perf_counter()
    problem = problem_of("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 1.0
    assert (problem.line, problem.column) == (1, 5)
    assert "anchors and aliases" in problem.message


@pytest.mark.parametrize("text", ["x:\n  <<: {a: 1}\n  b: 2\n", "x: {<<: {a: 1}, <<: {b: 2}}\n"])
def test_merge_keys_are_rejected(text: str) -> None:
    """A30: '<<' is not supported (with or without anchors), and says so."""
    problem = problem_of(text)
    assert problem.line in (1, 2)
    assert "merge keys" in problem.message


def test_quoted_merge_key_is_plain_text() -> None:
    assert parse_yaml('"<<": 1\n', FILE).value == {"<<": 1}


# --- A20 / A21: tags ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("run: !!python/object/apply:os.system ['echo pwned']\n", "!!python/object/apply:os.system"),
        ("f: !!python/name:os.system ''\n", "!!python/name:os.system"),
        ("ref: !Ref other\n", "!Ref"),
        ("inc: !include /etc/passwd\n", "!include"),
        ("n: !!str 3\n", "!!str"),
    ],
)
def test_explicit_tags_are_rejected(text: str, shown: str) -> None:
    problem = problem_of(text)
    assert problem.line == 1
    assert problem.column is not None and problem.column > 1
    assert f"tag '{shown}' is not allowed" in problem.message


# --- A9: several documents ------------------------------------------------------------------------


def test_second_document_is_rejected_at_its_marker() -> None:
    problem = problem_of("a: 1\nb: 2\n---\nc: 3\n")
    assert problem.line == 3
    assert "more than one YAML document" in problem.message


# --- A6 / A7 / A8: tabs, unclosed quotes and brackets, indentation --------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("courses:\n\t- id: x\n", 2),
        ("exclude:\n  - a\n\t- b\n", 3),
        ("a:\n  b: 1\n\tc: 2\n", 3),
    ],
)
def test_tab_indentation_is_located(text: str, line: int) -> None:
    """A6: the error names the line with the tab, column 1."""
    problem = problem_of(text)
    assert (problem.line, problem.column) == (line, 1)


def test_tab_indentation_message_says_tab() -> None:
    """A6: the message should say that tabs are not allowed for indentation."""
    problem = problem_of("courses:\n\t- id: x\n")
    assert "tab" in problem.message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\nrank: [1\n", 3),
        ("a: 1\nrank: [1, 2\nb: 3\n", 3),
        ('a: 1\ntitle: "unclosed\n', 3),
        ("a: 1\ntitle: 'unclosed\nb: 2\n", 4),
        ("a: {b: 1\n", 2),
    ],
)
def test_unclosed_quote_or_bracket_is_located(text: str, line: int) -> None:
    """A7: the error carries the mark where the parser gave up (1-based)."""
    problem = problem_of(text)
    assert problem.line == line
    assert problem.column is not None


def test_broken_indentation_is_located() -> None:
    """A8."""
    problem = problem_of("exclude:\n  - a\n b: 1\n")
    assert (problem.line, problem.column) == (3, 2)


def test_complex_mapping_key_is_rejected() -> None:
    problem = problem_of("? [a, b]\n: 1\n")
    assert problem.line == 1
    assert "mapping keys must be plain text" in problem.message


# --- A15 / A16 / A17: YAML 1.2 core resolution ----------------------------------------------------


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("NO", "NO"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("true", True),
        ("False", False),
        ("0123", "0123"),
        ("0o17", "0o17"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("20260301", 20260301),
        ("-7", -7),
        ("1.10", 1.1),
        ("-0.5", -0.5),
        (".5", 0.5),
        ("2026-02-30", "2026-02-30"),
        ("2026-03-01", "2026-03-01"),
        ("12:30:00", "12:30:00"),
        ("~", None),
        ("null", None),
        ("1.0.2", "1.0.2"),
    ],
)
def test_plain_scalars_follow_yaml_1_2_core_rules(plain: str, value: object) -> None:
    """A15-A17: no 1.1 booleans, sexagesimals, octals or timestamps; impossible dates stay text."""
    result = parse_yaml(f"v: {plain}\n", FILE).value["v"]
    assert result == value
    assert type(result) is type(value)


@pytest.mark.parametrize("quoted", ['"yes"', "'0123'", '"1.10"', '"true"', "'~'"])
def test_quoted_scalars_stay_text(quoted: str) -> None:
    assert parse_yaml(f"v: {quoted}\n", FILE).value["v"] == quoted[1:-1]


def test_integer_longer_than_4300_digits_is_an_input_error() -> None:
    """A18: CPython's int() limit raises ValueError; it must become a located InputError."""
    problem = problem_of("a: 1\nx: " + "9" * 5000 + "\n")
    assert (problem.line, problem.column) == (2, 4)
    assert "too long" in problem.message


def test_integer_just_under_the_limit_parses() -> None:
    assert parse_yaml("x: " + "9" * 4300 + "\n", FILE).value["x"] == int("9" * 4300)


# --- A19: deep nesting ----------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [500, 5000])
def test_deep_flow_nesting_is_an_input_error(depth: int) -> None:
    """A19: never a RecursionError, with either our depth limit or libyaml's."""
    problem = problem_of("x: " + "[" * depth + "]" * depth + "\n")
    assert problem.line == 1
    assert "nesting" in problem.message


@pytest.mark.parametrize("depth", [500, 5000])
def test_deep_block_mapping_nesting_is_an_input_error(depth: int) -> None:
    text = "".join(" " * i + "k:\n" for i in range(depth)) + " " * depth + "v\n"
    problem = problem_of(text)
    assert problem.line is not None
    assert "nesting" in problem.message


def test_moderate_nesting_is_fine() -> None:
    value = parse_yaml("x: " + "[" * 50 + "]" * 50 + "\n", FILE).value["x"]
    for _ in range(49):
        value = value[0]
    assert value == []


# --- A25 / A26 / A27: encodings and control characters --------------------------------------------


def test_latin1_byte_is_located_by_line_and_column() -> None:
    """A25: the byte offset is turned into a line and column."""
    data = "courses:\n  - id: x\n    title: Jos\u00e9 Mart\u00ednez\n".encode("latin-1")
    with pytest.raises(InputError) as caught:
        decode_text(data, FILE)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (3, 15)
    assert "not valid UTF-8 (byte 0xE9)" in problem.message


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    """A26 (policy: accepted, BOM removed)."""
    path = tmp_path / FILE
    path.write_bytes(b"\xef\xbb\xbfa: caf\xc3\xa9\n")
    located = load_yaml_file(path, FILE)
    assert located.value == {"a": "caf\u00e9"}
    assert located.keys[("a",)] == (1, 1)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_bom_is_accepted(tmp_path: Path, encoding: str) -> None:
    """A26 (policy: UTF-16 is accepted when it starts with a BOM)."""
    path = tmp_path / FILE
    text = "a: caf\u00e9\nb: [1, 2]\n"
    data = text.encode(encoding) if encoding == "utf-16" else b"\xfe\xff" + text.encode(encoding)
    path.write_bytes(data)
    assert load_yaml_file(path, FILE).value == {"a": "caf\u00e9", "b": [1, 2]}


def test_utf16_without_bom_is_refused() -> None:
    """A26 (policy: no BOM means UTF-8; UTF-16 without a BOM fails on its NUL bytes, located)."""
    with pytest.raises(InputError) as caught:
        decode_text("a: 1\n".encode("utf-16-le"), FILE)
    assert caught.value.problems[0].line == 1


def test_truncated_utf16_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        decode_text(b"\xff\xfea\x00:", FILE)
    assert "UTF-16" in caught.value.problems[0].message


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9b"])
def test_control_characters_are_located(char: str) -> None:
    """A27 (and A28 at file level): C0, DEL and C1 characters are refused with line and column."""
    data = f"a: 1\nb: x{char}y\n".encode()
    with pytest.raises(InputError) as caught:
        decode_text(data, FILE)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (2, 5)
    assert f"U+{ord(char):04X}" in problem.message


@pytest.mark.parametrize("char", ["\t", "\r\n", "\u00e9", "\u2014", "\U0001f600"])
def test_ordinary_characters_are_allowed(char: str) -> None:
    text = f'a: "x{char}y"\n'
    assert decode_text(text.encode(), FILE) == text


def test_ansi_escape_inside_double_quotes_is_parsed_not_decoded() -> None:
    """A28: a YAML escape (\\e) makes an ESC only after decoding; the models refuse it (loading tests)."""
    assert parse_yaml('t: "\\e[31mred"\n', FILE).value == {"t": "\x1b[31mred"}


# --- A1 / A2 / A3 / A24: files --------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    """A1."""
    problem = read_problem(tmp_path / "nope.yaml")
    assert problem.message == "no such file"
    assert problem.line is None


def test_directory_is_refused(tmp_path: Path) -> None:
    """A2."""
    assert "is a directory" in read_problem(tmp_path).message


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    """A3."""
    path = tmp_path / FILE
    path.write_text("a: 1\n", encoding="utf-8")
    path.chmod(0)
    try:
        assert read_problem(path).message == "permission denied"
    finally:
        path.chmod(0o600)


def test_oversized_sparse_file_is_refused_without_reading(tmp_path: Path) -> None:
    """A24: a 6 MB (sparse) file is refused from its size alone."""
    path = tmp_path / FILE
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1024 * 1024)
    problem = read_problem(path)
    assert "exceeds the limit of 5 MB" in problem.message
    assert "6.0 MB" in problem.message


def test_size_limit_boundary(tmp_path: Path) -> None:
    path = tmp_path / FILE
    path.write_bytes(b"a: 12345\n")
    assert read_text(path, FILE, max_bytes=9) == "a: 12345\n"
    path.write_bytes(b"a: 123456\n")
    assert "exceeds the limit" in read_problem(path, max_bytes=9).message


def test_exactly_five_megabytes_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / FILE
    body = b"a: 1\n"
    path.write_bytes(body + b"#" * (MAX_FILE_BYTES - len(body) - 1) + b"\n")
    assert load_yaml_file(path, FILE).value == {"a": 1}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    """A24: a named pipe is never opened (opening it would block until a writer appears)."""
    path = tmp_path / FILE
    os.mkfifo(path)
    outcome: list[BaseException] = []

    def attempt() -> None:
        try:
            read_text(path, "shown.yaml")
        except BaseException as error:  # noqa: BLE001 - recorded for the assertion below
            outcome.append(error)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=5)
    if worker.is_alive():  # unblock the reader so the test run can finish, then fail
        with open(path, "wb"):
            pass
        pytest.fail("read_text blocked on a FIFO")
    assert len(outcome) == 1 and isinstance(outcome[0], InputError)
    assert "not a regular file" in outcome[0].problems[0].message


def test_dev_zero_is_refused() -> None:
    """A24: a character device is not a regular file."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    assert "not a regular file" in read_problem(Path("/dev/zero")).message


# --- totality -------------------------------------------------------------------------------------

YAML_ALPHABET = st.sampled_from(list("ab1 :-[]{},&*!|>'\"#%@`?~.\n\t\\") + ["<<", "---", "yes", "\u00e9", "\x00"])


def _outcome(run: object) -> None:
    """Call ``run``; only a Located result or an InputError with located problems is acceptable."""
    assert callable(run)
    try:
        result = run()
    except InputError as error:
        for problem in error.problems:
            assert problem.file == FILE
            assert problem.line is None or problem.line >= 1
            assert problem.column is None or problem.column >= 1
        return
    assert isinstance(result, Located)


@given(st.text())
def test_parse_yaml_is_total_on_any_text(text: str) -> None:
    _outcome(lambda: parse_yaml(text, FILE))


@given(st.lists(YAML_ALPHABET, max_size=60).map("".join))
def test_parse_yaml_is_total_on_yaml_like_text(text: str) -> None:
    _outcome(lambda: parse_yaml(text, FILE))


@given(st.binary())
def test_decode_and_parse_is_total_on_any_bytes(data: bytes) -> None:
    _outcome(lambda: parse_yaml(decode_text(data, FILE), FILE))


@given(st.lists(st.sampled_from([b"a: 1\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\xe9", b"\x00", b"- x\n", b"  "])))
def test_decode_and_parse_is_total_on_encoding_edge_bytes(parts: list[bytes]) -> None:
    _outcome(lambda: parse_yaml(decode_text(b"".join(parts), FILE), FILE))

"""Scoring, answer parsing and answers files (pure functions, shipped catalogue)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pmoplan.assessment import (
    CANCELLED,
    Answer,
    AnswerError,
    Question,
    ask,
    courses_for,
    load_answers_file,
    needed_for,
    normalise_answer,
    parse_answer,
    questions,
    questions_document,
    score,
)
from pmoplan.catalogue import Catalogue
from pmoplan.errors import InputError, Interrupted
from pmoplan.loading import load_catalogue, load_question_bank
from pmoplan.models import QuestionBank

CATALOGUE = load_catalogue()
BANK = load_question_bank(CATALOGUE)
STATEMENT = Question(id="s", kind="level", text="I do things.", level=1)
RATING = Question(id="r", kind="skill", text="Rate it.", skill="planning", labels=tuple(str(i) for i in range(6)))


def persona(
    agree: Callable[[int, int], bool],
    rating: Callable[[str], int],
    bank: QuestionBank = BANK,
) -> dict[str, Answer]:
    """Answers: ``agree(level, index within level)`` for statements, ``rating(skill)`` for ratings."""
    answers: dict[str, Answer] = {}
    seen: dict[int, int] = {}
    for statement in bank.statements:
        index = seen.get(statement.level, 0)
        seen[statement.level] = index + 1
        answers[statement.id] = agree(statement.level, index)
    for question in bank.ratings:
        answers[question.id] = rating(question.skill)
    return answers


def expected_at(level: int) -> Callable[[str], int]:
    return lambda skill: CATALOGUE.level(level).expected[skill]


# --- the persona-k cases -----------------------------------------------------------------


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_persona_agreeing_up_to_level_k_and_rated_at_k_is_placed_at_k_with_no_gaps(k: int) -> None:
    result = score(BANK, CATALOGUE, persona(lambda level, _: level <= k, expected_at(k)))

    assert result.level == k
    assert result.confidence == "high"
    assert [g.gap for g in result.gaps] == [0] * len(result.gaps)
    assert result.next_level == (k + 1 if k < 4 else None)
    # Every listed gap is one against the next level, and every such gap is listed.
    if k < 4:
        following = CATALOGUE.level(k + 1).expected
        current = CATALOGUE.level(k).expected
        wanted = {s: following[s] - current[s] for s in following if following[s] > current[s]}
        assert {g.skill: g.next_gap for g in result.gaps} == wanted
    else:
        assert result.gaps == []
    assert [t.mostly_met for t in result.statements] == [n <= k for n in range(1, 5)]


def test_persona_reasons_name_each_level_and_the_boundary() -> None:
    result = score(BANK, CATALOGUE, persona(lambda level, _: level <= 2, expected_at(2)))

    assert result.reasons == [
        "Level 1: you agreed with 8 of 8 statements (5 needed): met.",
        "Level 2: you agreed with 8 of 8 statements (5 needed): met.",
        "Level 3: you agreed with 0 of 8 statements (5 needed): not met, so you are placed at level 2.",
    ]
    assert [d.level for d in result.deciding] == [3] * 8
    assert not any(d.agreed for d in result.deciding)


# --- the rest of the scoring table -------------------------------------------------------

SCORING_TABLE = [
    pytest.param(
        lambda level, _: False,
        lambda skill: 0,
        1,
        "low",
        ["Level 1 statements are not yet mostly met.", "Most skill ratings are below what level 1 expects."],
        id="answers-no-to-everything",
    ),
    pytest.param(lambda level, _: True, lambda skill: 5, 4, "high", [], id="yes-to-everything-rated-5"),
    pytest.param(
        lambda level, i: (level == 1) or (level == 2 and i < 5) or (level == 3 and i < 4),
        expected_at(2),
        2,
        "low",
        ["Level 2 is only just met (5 of 8).", "Level 3 is nearly met (4 of 8)."],
        id="level-2-just-met-level-3-nearly",
    ),
    pytest.param(
        lambda level, i: level == 1 or (level == 2 and i < 4),
        expected_at(1),
        1,
        "medium",
        ["Level 2 is nearly met (4 of 8)."],
        id="four-of-eight-is-not-mostly",
    ),
    pytest.param(
        lambda level, _: level in (1, 3),
        expected_at(1),
        1,
        "medium",
        ["Level 3 statements are mostly met although level 2 statements are not."],
        id="skipped-level-is-inconsistent",
    ),
    pytest.param(
        lambda level, _: level <= 2,
        expected_at(3),
        2,
        "medium",
        ["Your skill ratings already meet every level 3 expectation."],
        id="ratings-ahead-of-statements",
    ),
    pytest.param(
        lambda level, _: level <= 3,
        lambda skill: 1,
        3,
        "medium",
        ["Most skill ratings are below what level 3 expects."],
        id="ratings-behind-statements",
    ),
    pytest.param(
        lambda level, i: level <= 3 or i < 6,
        expected_at(4),
        4,
        "high",
        [],
        id="six-of-eight-at-level-4",
    ),
    pytest.param(
        lambda level, _: level >= 2,
        lambda skill: 5,
        1,
        "low",
        [
            "Level 1 statements are not yet mostly met.",
            "Level 2 statements are mostly met although level 1 statements are not.",
            "Your skill ratings already meet every level 2 expectation.",
        ],
        id="everything-but-level-1",
    ),
]


@pytest.mark.parametrize(("agree", "rating", "level", "confidence", "warnings"), SCORING_TABLE)
def test_scoring_table(
    agree: Callable[[int, int], bool],
    rating: Callable[[str], int],
    level: int,
    confidence: str,
    warnings: list[str],
) -> None:
    result = score(BANK, CATALOGUE, persona(agree, rating))

    assert (result.level, result.confidence) == (level, confidence)
    tally_lines = [r for r in result.reasons if r.startswith("Level ") and ": you agreed" in r]
    assert result.reasons == tally_lines + warnings


def test_gaps_are_sorted_largest_first_then_by_next_level_gap_then_catalogue_order() -> None:
    ratings = {"reporting": 1, "planning": 2, "benefits": 0, "leadership": 0}
    result = score(BANK, CATALOGUE, persona(lambda level, _: level <= 2, lambda s: ratings.get(s, 5)))

    assert [(g.skill, g.rating, g.expected, g.next_expected, g.gap, g.next_gap) for g in result.gaps] == [
        ("reporting", 1, 4, 4, 3, 3),
        ("benefits", 0, 2, 3, 2, 3),
        ("leadership", 0, 1, 4, 1, 4),
        ("planning", 2, 3, 3, 1, 1),
    ]
    assert result.gaps[0].courses == ["projectpro-portfolios", "mosaic-evm", "pmo-reporting", "data-viz"]


def test_level_4_gaps_have_no_next_level() -> None:
    result = score(BANK, CATALOGUE, persona(lambda level, _: True, lambda skill: 4))

    assert result.level == 4
    assert [(g.skill, g.gap, g.next_expected, g.next_gap) for g in result.gaps] == [
        ("governance-assurance", 1, None, None),
        ("portfolio-prioritisation", 1, None, None),
        ("stakeholder-engagement", 1, None, None),
        ("pmo-design-value", 1, None, None),
        ("leadership", 1, None, None),
        ("strategy-alignment", 1, None, None),
    ]


def test_courses_prefer_the_placed_and_next_level_and_fall_back_to_any_specialist() -> None:
    assert courses_for(CATALOGUE, "benefits", 2) == ["pmol-benefits"]
    # No specialist capability course suits level 1 or 2: every capability course is offered.
    assert courses_for(CATALOGUE, "capability-development", 1) == ["capability"]
    assert courses_for(CATALOGUE, "reporting", 4) == [
        "projectpro-portfolios",
        "mosaic-evm",
        "pmo-reporting",
        "data-viz",
    ]


@pytest.mark.parametrize(("total", "needed"), [(1, 1), (2, 2), (4, 3), (5, 3), (8, 5), (10, 6)])
def test_mostly_met_needs_three_in_five(total: int, needed: int) -> None:
    assert needed_for(total) == needed


def test_score_refuses_incomplete_answers() -> None:
    answers = persona(lambda level, _: True, lambda skill: 3)
    del answers["rate-benefits"]
    with pytest.raises(ValueError, match="rate-benefits"):
        score(BANK, CATALOGUE, answers)


def test_score_is_deterministic() -> None:
    answers = persona(lambda level, i: (level + i) % 3 != 0, lambda skill: len(skill) % 6)
    assert score(BANK, CATALOGUE, answers) == score(BANK, CATALOGUE, dict(reversed(answers.items())))


# --- parsing typed answers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("y", True),
        ("Y", True),
        (" yes ", True),
        ("YES", True),
        ("true", True),
        ("1", True),
        ("ｙｅｓ", True),  # full-width letters
        ("１", True),  # full-width digit
        ("n", False),
        ("No", False),
        ("false", False),
        ("0", False),
        ("\tn\t", False),
    ],
)
def test_statement_answers_accepted(typed: str, expected: bool) -> None:
    assert parse_answer(STATEMENT, typed) is expected


@pytest.mark.parametrize("typed", ["", " ", "maybe", "si", "2", "yess", "ja", "oui", "y e s", "x" * 101])
def test_statement_answers_refused_with_what_is_valid(typed: str) -> None:
    with pytest.raises(AnswerError, match=r"^(that answer is too long; )?answer y \(yes\) or n \(no\)$"):
        parse_answer(STATEMENT, typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("0", 0), ("5", 5), (" 2 ", 2), ("02", 2), ("0003", 3), ("２", 2), ("３ ", 3), ("4\n", 4)],
)
def test_rating_answers_accepted(typed: str, expected: int) -> None:
    assert parse_answer(RATING, typed) == expected


@pytest.mark.parametrize("typed", ["", "6", "-1", "+2", "2.0", "2,0", "two", "1e0", "٣", "y", "10", "9" * 101])
def test_rating_answers_refused_with_what_is_valid(typed: str) -> None:
    with pytest.raises(AnswerError, match=r"answer a whole number from 0 to 5$"):
        parse_answer(RATING, typed)


@pytest.mark.parametrize(
    ("question", "value", "expected"),
    [
        (STATEMENT, True, True),
        (STATEMENT, False, False),
        (STATEMENT, 1, True),
        (STATEMENT, 0, False),
        (STATEMENT, "Yes", True),
        (RATING, 0, 0),
        (RATING, 5, 5),
        (RATING, "3", 3),
    ],
)
def test_file_values_accepted(question: Question, value: object, expected: Answer) -> None:
    assert normalise_answer(question, value) == expected
    assert type(normalise_answer(question, value)) is type(expected)


@pytest.mark.parametrize(
    ("question", "value", "message"),
    [
        (STATEMENT, 2, "expected yes or no (true/false), got 2"),
        (STATEMENT, 1.0, "expected yes or no (true/false), got 1.0"),
        (STATEMENT, None, "expected yes or no (true/false), got nothing"),
        (STATEMENT, ["yes"], 'expected yes or no (true/false), got ["yes"]'),
        (RATING, True, "expected a whole number from 0 to 5, got true"),
        (RATING, 6, "expected a whole number from 0 to 5, got 6"),
        (RATING, 2.0, "expected a whole number from 0 to 5, got 2.0"),
        (RATING, {"a": 1}, 'expected a whole number from 0 to 5, got {"a": 1}'),
    ],
)
def test_file_values_refused(question: Question, value: object, message: str) -> None:
    with pytest.raises(AnswerError) as error:
        normalise_answer(question, value)
    assert str(error.value) == message


# --- the asking loop with injected I/O ---------------------------------------------------

TWO = [
    Question(id="s1", kind="level", text="Statement one.", level=1),
    Question(
        id="r1", kind="skill", text="Rate planning.", skill="planning", skill_name="Planning", labels=("0 - a",) * 6
    ),
]


def scripted(lines: list[str | BaseException]) -> Callable[[], str]:
    feed: Iterator[str | BaseException] = iter(lines)

    def read_line() -> str:
        item = next(feed, EOFError())
        if isinstance(item, BaseException):
            raise item
        return item

    return read_line


def run_ask(lines: list[str | BaseException]) -> tuple[dict[str, Answer], str]:
    out: list[str] = []
    answers = ask(TWO, scripted(lines), out.append)
    return answers, "".join(out)


def test_ask_transcript_with_an_invalid_answer_and_going_back() -> None:
    answers, shown = run_ask(["maybe", "y", "b", "n", "7", "3"])

    assert answers == {"s1": False, "r1": 3}
    assert shown.split("\n")[2:] == [
        "",
        "1 of 2",
        "Statement one.",
        "Does this describe your work? [y/n, b = back]   answer y (yes) or n (no).",
        "Does this describe your work? [y/n, b = back] ",
        "2 of 2  Planning",
        "Rate planning.",
        *["  0 - a"] * 6,
        "Your rating [0-5, b = back] ",
        "1 of 2",
        "Statement one.",
        "Does this describe your work? [y/n, b = back] ",
        "2 of 2  Planning",
        "Rate planning.",
        *["  0 - a"] * 6,
        "Your rating [0-5, b = back]   answer a whole number from 0 to 5.",
        "Your rating [0-5, b = back] ",
        "",
    ]


def test_back_at_the_first_question_says_so() -> None:
    answers, shown = run_ask(["back", "yes", "0"])

    assert answers == {"s1": True, "r1": 0}
    assert "[y/n, b = back]   This is the first question.\n" in shown


@pytest.mark.parametrize("stop", [EOFError(), KeyboardInterrupt()], ids=["eof", "ctrl-c"])
def test_end_of_input_or_ctrl_c_cancels(stop: BaseException) -> None:
    with pytest.raises(Interrupted, match=f"^{CANCELLED}$"):
        run_ask(["y", stop])


def test_questions_document_lists_the_whole_bank() -> None:
    document = questions_document(questions(BANK))

    assert document["schema_version"] == 1
    items = document["questions"]
    assert len(items) == len(BANK.statements) + len(BANK.ratings) == 49
    assert items[0] == {
        "id": "l1-minutes-and-actions",
        "kind": "level",
        "level": 1,
        "text": "I take minutes at project meetings and keep the action log up to date.",
        "scale": {"min": 0, "max": 1, "labels": ["no", "yes"]},
    }
    assert items[32]["id"] == "rate-reporting"
    assert items[32]["kind"] == "skill" and items[32]["skill"] == "reporting" and "level" not in items[32]
    assert items[32]["scale"]["min"] == 0 and items[32]["scale"]["max"] == 5
    assert len(items[32]["scale"]["labels"]) == 6


# --- answers files -----------------------------------------------------------------------


def full_answers() -> dict[str, Answer]:
    return persona(lambda level, _: level <= 2, expected_at(2))


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def yaml_text(answers: dict[str, object]) -> str:
    lines = []
    for key, value in answers.items():
        shown = json.dumps(value) if not isinstance(value, bool) else ("true" if value else "false")
        lines.append(f"{key}: {shown}")
    return "\n".join(lines) + "\n"


def test_yaml_and_json_answers_files_give_the_same_answers(in_tmp: Path) -> None:
    answers = full_answers()
    (in_tmp / "a.yaml").write_text(yaml_text(dict(answers)), encoding="utf-8")
    (in_tmp / "a.json").write_text(json.dumps(answers, indent=2), encoding="utf-8")

    assert load_answers_file(in_tmp / "a.yaml", BANK) == answers
    assert load_answers_file(in_tmp / "a.json", BANK) == answers


def test_yes_no_text_in_a_yaml_file_is_read_like_a_typed_answer(in_tmp: Path) -> None:
    answers: dict[str, object] = dict(full_answers())
    answers["l1-raid-log"] = "yes"
    answers["l4-set-policy"] = "no"
    answers["rate-planning"] = "2"
    (in_tmp / "a.yaml").write_text(yaml_text(answers), encoding="utf-8")

    loaded = load_answers_file(in_tmp / "a.yaml", BANK)
    assert (loaded["l1-raid-log"], loaded["l4-set-policy"], loaded["rate-planning"]) == (True, False, 2)


def errors_of(path: Path) -> list[str]:
    with pytest.raises(InputError) as error:
        load_answers_file(path, BANK)
    return [str(p) for p in error.value.problems]


def test_unknown_question_id_suggests_the_closest(in_tmp: Path) -> None:
    answers: dict[str, object] = dict(full_answers())
    answers["l1-raid-logs"] = answers.pop("l1-raid-log")
    (in_tmp / "a.yaml").write_text(yaml_text(answers), encoding="utf-8")

    assert errors_of(in_tmp / "a.yaml") == [
        "a.yaml:1:1: no answer for 1 question(s): l1-raid-log",
        "a.yaml:49:1: l1-raid-logs: unknown question 'l1-raid-logs' (did you mean 'l1-raid-log'?)",
    ]


def test_wrong_types_are_located(in_tmp: Path) -> None:
    answers: dict[str, object] = dict(full_answers())
    answers["l1-raid-log"] = 3
    answers["rate-planning"] = "high"
    (in_tmp / "a.yaml").write_text(yaml_text(answers), encoding="utf-8")

    assert errors_of(in_tmp / "a.yaml") == [
        "a.yaml:2:14: l1-raid-log: expected yes or no (true/false), got 3",
        "a.yaml:35:16: rate-planning: answer a whole number from 0 to 5",
    ]


def test_missing_answers_are_listed_in_one_problem(in_tmp: Path) -> None:
    answers = {k: v for k, v in full_answers().items() if not k.startswith("rate-")}
    (in_tmp / "a.yaml").write_text(yaml_text(dict(answers)), encoding="utf-8")

    assert errors_of(in_tmp / "a.yaml") == [
        "a.yaml:1:1: no answer for 17 question(s): rate-reporting, rate-information-management, rate-planning, "
        "rate-risk-issue, rate-change-control, rate-financial-management, rate-resource-capacity, rate-benefits, "
        "rate-governance-assurance, rate-portfolio-prioritisation and 7 more"
    ]


def test_json_wrong_type_is_located(in_tmp: Path) -> None:
    answers: dict[str, object] = dict(full_answers())
    answers["rate-benefits"] = True
    (in_tmp / "a.json").write_text(json.dumps(answers, indent=2), encoding="utf-8")

    assert errors_of(in_tmp / "a.json") == [
        "a.json:41:20: rate-benefits: expected a whole number from 0 to 5, got true"
    ]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('{\n  "l1-raid-log": true,\n  "x": tru\n}\n', "a.json:3:8: invalid JSON: Expecting value"),
        ('{"l1-raid-log": true,}', "a.json:1:22: invalid JSON: "),  # wording varies by Python
        ('{"l1-raid-log": true, "l1-raid-log": false}', "a.json: invalid JSON: duplicate key 'l1-raid-log'"),
        ("[1, 2]", "a.json:1:1: expected a mapping of question id to answer, found a list"),
        ("", "a.json:1:1: invalid JSON: Expecting value"),
    ],
)
def test_bad_json_files(in_tmp: Path, text: str, error: str) -> None:
    (in_tmp / "a.json").write_text(text, encoding="utf-8")

    assert errors_of(in_tmp / "a.json")[0].startswith(error)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("l1-raid-log: true\nl1-raid-log: false\n", "a.yaml:2:1: duplicate key 'l1-raid-log' (first at line 1)"),
        ("- a\n", "a.yaml:1:1: expected a mapping of question id to answer, found a list"),
        ("", "a.yaml:1:1: expected a mapping of question id to answer, found nothing"),
        ("a: &x 1\nb: *x\n", "a.yaml:1:4: anchors and aliases are not allowed"),
    ],
)
def test_bad_yaml_files(in_tmp: Path, text: str, error: str) -> None:
    (in_tmp / "a.yaml").write_text(text, encoding="utf-8")

    assert errors_of(in_tmp / "a.yaml")[0] == error


def test_catalogue_fixture_is_the_shipped_one() -> None:
    assert isinstance(CATALOGUE, Catalogue)
    assert len(questions(BANK, CATALOGUE)) == 49

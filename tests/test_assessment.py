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
from pmoplan.catalogue_files import QuestionBank
from pmoplan.errors import InputError, Interrupted
from pmoplan.loading import load_catalogue, load_question_bank

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


def test_persona_reasons_name_each_level_and_the_placement() -> None:
    result = score(BANK, CATALOGUE, persona(lambda level, _: level <= 2, expected_at(2)))

    assert result.reasons == [
        "Level 1: you agreed with 8 of 8 statements (5 needed): met.",
        "Level 2: you agreed with 8 of 8 statements (5 needed): met.",
        "Level 3: you agreed with 0 of 8 statements (5 needed): not met.",
        "Level 4: you agreed with 0 of 8 statements (5 needed): not met.",
        "Placed at level 2: the highest level whose statements you mostly agree with.",
    ]
    assert [d.level for d in result.deciding] == [2] * 8
    assert all(d.agreed for d in result.deciding)


# --- the rest of the scoring table -------------------------------------------------------

NONE_MET = "No level is mostly met, so you are placed at level 1, where everyone starts."
IMPLIED = (
    "not mostly met: that work is taken as done, since people who have moved up usually no longer do it themselves."
)


def placed(level: int) -> str:
    return f"Placed at level {level}: the highest level whose statements you mostly agree with."


SCORING_TABLE = [
    pytest.param(
        lambda level, _: False,
        lambda skill: 0,
        (1, "low", True),
        [NONE_MET, "Level 1 statements are not yet mostly met.", "Most skill ratings are below what level 1 expects."],
        id="answers-no-to-everything",
    ),
    pytest.param(
        lambda level, _: True, lambda skill: 5, (4, "high", False), [placed(4)], id="yes-to-everything-rated-5"
    ),
    pytest.param(
        lambda level, i: (level == 1) or (level == 2 and i < 5) or (level == 3 and i < 4),
        expected_at(2),
        (2, "low", True),
        [placed(2), "Level 2 is only just met (5 of 8).", "Level 3 is nearly met (4 of 8)."],
        id="level-2-just-met-level-3-nearly",
    ),
    pytest.param(
        lambda level, i: level == 1 or (level == 2 and i < 4),
        expected_at(1),
        (1, "medium", False),
        [placed(1), "Level 2 is nearly met (4 of 8)."],
        id="four-of-eight-is-not-mostly",
    ),
    pytest.param(
        lambda level, _: level in (1, 3),
        expected_at(1),
        (3, "low", True),
        [
            placed(3),
            f"Level 2 {IMPLIED}",
            "Most skill ratings are below what level 3 expects.",
            "Your statements fit level 3 but your skill ratings fit level 1.",
        ],
        id="level-3-statements-with-level-1-ratings-is-asked",
    ),
    pytest.param(
        lambda level, _: level in (1, 3),
        expected_at(3),
        (3, "high", False),
        [placed(3), f"Level 2 {IMPLIED}"],
        id="skipped-level-with-level-3-ratings-is-level-3",
    ),
    pytest.param(
        lambda level, _: level <= 2,
        expected_at(3),
        (2, "medium", False),
        [placed(2), "Your skill ratings already meet every level 3 expectation."],
        id="ratings-ahead-of-statements",
    ),
    pytest.param(
        lambda level, _: level <= 3,
        lambda skill: 1,
        (3, "low", True),
        [
            placed(3),
            "Most skill ratings are below what level 3 expects.",
            "Your statements fit level 3 but your skill ratings fit level 1.",
        ],
        id="ratings-behind-statements",
    ),
    pytest.param(
        lambda level, i: level <= 3 or i < 6,
        expected_at(4),
        (4, "high", False),
        [placed(4)],
        id="six-of-eight-at-level-4",
    ),
    pytest.param(
        lambda level, _: level >= 2,
        lambda skill: 5,
        (4, "high", False),
        [placed(4), f"Level 1 {IMPLIED}"],
        id="everything-but-level-1-is-level-4",
    ),
    pytest.param(
        lambda level, _: level >= 3,
        expected_at(4),
        (4, "high", False),
        [placed(4), f"Levels 1 and 2 {IMPLIED}"],
        id="head-of-pmo-who-no-longer-does-levels-1-and-2",
    ),
    pytest.param(
        lambda level, i: level == 4 or (level == 3 and i < 2),
        expected_at(3),
        (4, "medium", True),
        [
            placed(4),
            f"Levels 1, 2 and 3 {IMPLIED}",
            "Level 4 statements are mostly met, but only 2 of 8 level 3 statements, and your skill ratings fit "
            "level 3.",
        ],
        id="level-4-without-level-3-is-asked",
    ),
    pytest.param(
        lambda level, i: level == 3 and i < 4,
        expected_at(3),
        (1, "low", True),
        [
            NONE_MET,
            "Level 1 statements are not yet mostly met.",
            "No level is mostly met, yet half or more of the level 3 statements are.",
            "Your skill ratings already meet every level 2 expectation.",
        ],
        id="nothing-met-but-half-of-level-3",
    ),
]


@pytest.mark.parametrize(("agree", "rating", "placement", "warnings"), SCORING_TABLE)
def test_scoring_table(
    agree: Callable[[int, int], bool],
    rating: Callable[[str], int],
    placement: tuple[int, str, bool],
    warnings: list[str],
) -> None:
    result = score(BANK, CATALOGUE, persona(agree, rating))

    assert (result.level, result.confidence, result.needs_confirmation) == placement
    assert result.suggested_level == result.level
    assert result.confirmed is False
    assert result.reasons[4:] == warnings


def test_a_confirmed_level_replaces_the_suggestion_and_measures_gaps_against_it() -> None:
    answers = persona(lambda level, i: level == 1 or (level == 4 and i < 5), expected_at(1))
    suggested = score(BANK, CATALOGUE, answers)
    confirmed = score(BANK, CATALOGUE, answers, confirmed_level=1)

    assert (suggested.level, suggested.needs_confirmation) == (4, True)
    assert (confirmed.level, confirmed.suggested_level, confirmed.confirmed) == (1, 4, True)
    assert confirmed.reasons[-1] == "You chose level 1; your statements suggested level 4."
    assert [g.gap for g in confirmed.gaps] == [0] * len(confirmed.gaps)
    assert confirmed.next_level == 2
    same = score(BANK, CATALOGUE, answers, confirmed_level=4)
    assert same.reasons[-1] == "You confirmed level 4."


def test_gaps_are_sorted_largest_first_then_by_next_level_gap_then_catalogue_order() -> None:
    ratings = {"reporting": 1, "planning": 2, "benefits": 0, "leadership": 0}
    result = score(BANK, CATALOGUE, persona(lambda level, _: level <= 2, lambda s: ratings.get(s, 5)))

    assert [(g.skill, g.rating, g.expected, g.next_expected, g.gap, g.next_gap) for g in result.gaps] == [
        ("reporting", 1, 3, 4, 2, 3),
        ("benefits", 0, 2, 3, 2, 3),
        ("leadership", 0, 1, 4, 1, 4),
        ("planning", 2, 3, 3, 1, 1),
    ]
    assert result.gaps[0].courses == ["projectpro-portfolios", "pmo-reporting", "data-viz"]


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


def test_courses_suit_the_placed_or_next_level_own_level_first_and_nothing_else() -> None:
    assert courses_for(CATALOGUE, "benefits", 2) == ["pmol-benefits"]
    assert courses_for(CATALOGUE, "reporting", 1) == [
        "pmo-reporting",
        "data-viz",
        "projectpro-portfolios",
    ]
    # No capability course suits level 1 or 2: none is offered rather than a level 3-4 course.
    assert courses_for(CATALOGUE, "capability-development", 1) == []
    assert courses_for(CATALOGUE, "reporting", 4) == []


def test_a_withdrawn_generic_topic_is_never_suggested_for_a_gap() -> None:
    """pmo-finance was replaced by named courses: the gap screen offers those, not the old topic."""
    assert CATALOGUE.course("pmo-finance").withdrawn
    assert courses_for(CATALOGUE, "financial-management", 2) == ["mosaic-evm", "empowerpm-cost"]
    assert courses_for(CATALOGUE, "portfolio-prioritisation", 3) == [
        "qa-p3o-overview",
        "tc-pmo-portfolio",
        "projectpro-portfolios",
        "cpm-portfolio",
        "orbital-agile-pmo",
    ]


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_every_suggested_course_suits_the_level_or_the_next(level: int) -> None:
    for skill in CATALOGUE.skills:
        for course_id in courses_for(CATALOGUE, skill.id, level):
            course = CATALOGUE.course(course_id)
            assert course.kind == "specialist" and skill.id in course.skills
            assert level in course.levels or level + 1 in course.levels


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
    assert len(items) == len(BANK.statements) + len(BANK.ratings) + len(BANK.experience) == 52
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
    assert items[49] == {
        "id": "exp-project-years",
        "kind": "experience",
        "months_in": "project",
        "unit": "years",
        "text": BANK.experience[0].text,
        "scale": {"min": 0, "max": 50, "labels": []},
    }


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
    assert len(questions(BANK, CATALOGUE)) == 52


# --- experience --------------------------------------------------------------------------

YEARS = Question(id="y", kind="experience", text="Years?", labels=(), months_in="project")


@pytest.mark.parametrize(
    ("typed", "months"), [("0", 0), ("4", 48), ("2.5", 30), (" 12 ", 144), ("50", 600), ("１", 12)]
)
def test_experience_is_typed_in_years_and_kept_in_months(typed: str, months: int) -> None:
    assert parse_answer(YEARS, typed) == months


@pytest.mark.parametrize("typed", ["", "-1", "51", "two", "2,5", "1e1", "y", "100"])
def test_experience_answers_refused_with_what_is_valid(typed: str) -> None:
    with pytest.raises(AnswerError, match=r"^answer a number of years from 0 to 50, such as 4 or 2.5$"):
        parse_answer(YEARS, typed)


def with_experience(project: object, programme: object, portfolio: object) -> dict[str, object]:
    answers: dict[str, object] = dict(full_answers())
    answers.update({"exp-project-years": project, "exp-programme-years": programme, "exp-portfolio-years": portfolio})
    return answers


def test_experience_in_an_answers_file_reaches_the_result_in_months(in_tmp: Path) -> None:
    (in_tmp / "a.yaml").write_text(yaml_text(with_experience(6, 2.5, 0)), encoding="utf-8")

    result = score(BANK, CATALOGUE, load_answers_file(in_tmp / "a.yaml", BANK))

    assert result.experience is not None
    assert result.experience.model_dump() == {"project_months": 72, "programme_months": 30, "portfolio_months": 0}


def test_experience_is_optional_in_an_answers_file(in_tmp: Path) -> None:
    (in_tmp / "a.yaml").write_text(yaml_text(dict(full_answers())), encoding="utf-8")
    (in_tmp / "b.yaml").write_text(yaml_text(with_experience(None, None, None)), encoding="utf-8")

    assert score(BANK, CATALOGUE, load_answers_file(in_tmp / "a.yaml", BANK)).experience is None
    assert score(BANK, CATALOGUE, load_answers_file(in_tmp / "b.yaml", BANK)).experience is None


def test_experience_is_all_or_none_and_checked(in_tmp: Path) -> None:
    (in_tmp / "a.yaml").write_text(yaml_text(with_experience(6, None, True)), encoding="utf-8")

    assert errors_of(in_tmp / "a.yaml") == [
        "a.yaml:1:1: give all experience answers or none; missing: exp-programme-years",
        "a.yaml:52:22: exp-portfolio-years: expected a number of years from 0 to 50, got true",
    ]


def test_few_years_for_a_managing_level_lowers_the_confidence_and_asks() -> None:
    answers = persona(lambda level, _: level <= 3, expected_at(3))
    seasoned = dict(answers, **{"exp-project-years": 96, "exp-programme-years": 24, "exp-portfolio-years": 0})
    new = dict(answers, **{"exp-project-years": 18, "exp-programme-years": 0, "exp-portfolio-years": 0})

    assert (score(BANK, CATALOGUE, answers).confidence, score(BANK, CATALOGUE, seasoned).confidence) == (
        "high",
        "high",
    )
    result = score(BANK, CATALOGUE, new)
    assert (result.level, result.confidence, result.needs_confirmation) == (3, "medium", True)
    assert result.warnings == [
        "You report 1.5 years in project-related roles; level 3 roles usually come after at least 2."
    ]

"""Scoring a self-assessment (pure): placement level, confidence, reasons and skill gaps.

The method, in the words the README uses:

* A level is **mostly met** when the person agrees with at least 60% of its statements
  (5 of 8 in the shipped bank; ``needed = ceil(0.6 * statements)``).
* The **placement** is the highest level that is mostly met; the levels below it are taken as
  done and not tested again (people who have moved up no longer do entry-level work). When no
  level is mostly met the placement is level 1, the entry level. Agreeing with more statements
  can never lower it.
* The skill ratings **corroborate**: the level they fit is the highest whose expected ratings
  are reached in 3 of 5 skills. The **confidence** is ``high``, ``medium`` or ``low``: it starts
  at high and drops one step for each warning (the placed level only just met, the next level
  nearly met, ratings mostly below the placed level, ratings already meeting every next-level
  expectation, an unusual pattern). An unusual pattern (statements and ratings far apart, or
  no level met while a higher one is half met) or a low confidence means the person is asked
  to confirm or pick the level (``needs_confirmation``); a confirmed level replaces the
  suggestion.
* A **skill gap** is ``expected - rating`` when positive, against the placed level (``gap``)
  and against the next one (``next_gap``), never against a lower level; expectations come from
  ``levels.yaml``. Gaps are listed largest first, each with the specialist courses for that
  skill that suit the placed or the next level (possibly none).

Answers are ``True``/``False`` for level statements, ``0``-``5`` for skill ratings and months
for the optional experience questions; the parsing functions here turn what a person types, or
what an answers file holds, into those.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from pmoplan.catalogue import Catalogue
from pmoplan.catalogue_files import QuestionBank
from pmoplan.errors import InputError, Interrupted, Problem, suggest
from pmoplan.models import Experience, FrozenModel
from pmoplan.strict_yaml import Located, parse_yaml, read_text

Answer = bool | int
Confidence = Literal["high", "medium", "low"]
QuestionKind = Literal["level", "skill", "experience"]

# "Mostly met": at least 3 in 5 statements of a level (5 of 8), in whole numbers.
MET_NUMERATOR, MET_DENOMINATOR = 3, 5
# At or above this share a level is comfortably met; below it "only just" (5 of 8 is 62%).
COMFORTABLE_SHARE = 0.75
# At or above this share an unmet level is "nearly met" (4 of 8).
NEARLY_SHARE = 0.5
RATING_MIN, RATING_MAX = 0, 5
YEARS_MAX = 50
# Managing or directing PMOs (levels 3-4) with less project-related experience than this is unusual.
SENIOR_MONTHS = 24
_YEARS = re.compile(r"[0-9]{1,2}(\.[0-9]{1,2})?")
MAX_ANSWER_LENGTH = 100
CANCELLED = "assessment cancelled, nothing saved"

_YES = frozenset({"y", "yes", "true", "1"})
_NO = frozenset({"n", "no", "false", "0"})
_BACK = frozenset({"b", "back"})
_DIGITS = re.compile(r"[0-9]+")
_CONFIDENCE_STEPS: tuple[Confidence, ...] = ("high", "medium", "low")


class ResultModel(FrozenModel):
    """Base for assessment results: built by code, frozen and closed."""


class LevelTally(ResultModel):
    """How many statements of one level the person agreed with."""

    level: int = Field(ge=1, le=4)
    name: str
    agreed: int = Field(ge=0)
    total: int = Field(ge=1)
    needed: int = Field(ge=1, description="Statements needed for the level to be mostly met.")
    mostly_met: bool


class DecidingStatement(ResultModel):
    """A statement of the level at the boundary of the placement, and the answer given."""

    id: str
    level: int = Field(ge=1, le=4)
    text: str
    agreed: bool


class Gap(ResultModel):
    """A skill rated below what the placed level (or the next level) expects."""

    skill: str
    name: str
    rating: int = Field(ge=RATING_MIN, le=RATING_MAX)
    expected: int = Field(description="Rating expected at the placed level.")
    next_expected: int | None = Field(description="Rating expected at the next level; null at level 4.")
    gap: int = Field(ge=0, description="expected - rating, or 0.")
    next_gap: int | None = Field(ge=0, description="next_expected - rating, or 0; null at level 4.")
    courses: list[str] = Field(
        description="Ids of specialist courses for this skill that suit the placed or next level; may be empty."
    )


class AssessmentResult(ResultModel):
    """The output of ``pmoplan assess --format json``."""

    schema_version: Literal[1] = 1
    level: int = Field(ge=1, le=4, description="The placement level (the confirmed level when one was given).")
    level_name: str
    next_level: int | None = Field(description="The level above the placement; null at level 4.")
    suggested_level: int = Field(ge=1, le=4, description="The level the statements alone suggest.")
    confidence: Confidence = Field(description="high, medium or low: one step down for each warning in reasons.")
    needs_confirmation: bool = Field(
        description="Low confidence or an unusual pattern: the person should confirm or pick the level."
    )
    confirmed: bool = Field(description="Whether the person confirmed or picked the level.")
    reasons: list[str]
    warnings: list[str] = Field(description="The reasons that lowered the confidence (also in reasons).")
    statements: list[LevelTally] = Field(description="Statements agreed per level.")
    deciding: list[DecidingStatement] = Field(description="The statements of the suggested level.")
    ratings: dict[str, int]
    ratings_level: int | None = Field(
        description="The highest level whose expected ratings are mostly met (3 in 5 skills); null if none."
    )
    experience: Experience | None = Field(description="Months of experience; null when not answered.")
    gaps: list[Gap] = Field(description="Skills with a gap against the placed or next level, largest first.")


@dataclass(frozen=True)
class Question:
    """One question as it is asked and printed: a level statement or a skill rating."""

    id: str
    kind: QuestionKind
    text: str
    level: int | None = None
    skill: str | None = None
    skill_name: str | None = None
    labels: tuple[str, ...] = ("no", "yes")
    months_in: str | None = None  # experience questions: project, programme or portfolio

    @property
    def scale(self) -> tuple[int, int]:
        """The lowest and highest answer, as numbers (no = 0, yes = 1; years for experience)."""
        if self.kind == "experience":
            return (0, YEARS_MAX)
        return (0, 1) if self.kind == "level" else (RATING_MIN, RATING_MAX)


class AnswerError(ValueError):
    """An answer that is not valid for its question; ``str()`` says what is valid."""


class _AnswersFileError(InputError):
    """Problems in an answers file (the hint differs from catalogue errors)."""

    def summary(self) -> str:
        """The first problem, and how many more there are."""
        first = str(self.problems[0])
        extra = len(self.problems) - 1
        return f"{first} (and {extra} more problem{'s' if extra > 1 else ''})" if extra else first


# --- questions ---------------------------------------------------------------------------


def questions(bank: QuestionBank, catalogue: Catalogue | None = None) -> list[Question]:
    """The bank as one list: level statements (in file order), skill ratings, then experience."""
    names = {s.id: s.name for s in catalogue.skills} if catalogue is not None else {}
    asked = [Question(id=s.id, kind="level", text=s.text, level=s.level) for s in bank.statements]
    for rating in bank.ratings:
        asked.append(
            Question(
                id=rating.id,
                kind="skill",
                text=rating.text,
                skill=rating.skill,
                skill_name=names.get(rating.skill),
                labels=tuple(rating.anchors),
            )
        )
    for item in bank.experience:
        asked.append(Question(id=item.id, kind="experience", text=item.text, labels=(), months_in=item.months_in))
    return asked


def scored_ids(bank: QuestionBank) -> list[str]:
    """The questions every assessment must answer: statements and ratings (experience is optional)."""
    return [s.id for s in bank.statements] + [r.id for r in bank.ratings]


def experience_of(bank: QuestionBank, answers: Mapping[str, Answer]) -> Experience | None:
    """The experience answers (months) as an :class:`Experience`; None unless all were given."""
    months = {f"{e.months_in}_months": answers.get(e.id) for e in bank.experience}
    if not months or any(not isinstance(v, int) or isinstance(v, bool) for v in months.values()):
        return None
    return Experience.model_validate(months)


def questions_document(asked: Sequence[Question]) -> dict[str, Any]:
    """The JSON of ``pmoplan assess --print-questions --format json``."""
    items: list[dict[str, Any]] = []
    for question in asked:
        item: dict[str, Any] = {"id": question.id, "kind": question.kind}
        if question.kind == "level":
            item["level"] = question.level
        elif question.kind == "skill":
            item["skill"] = question.skill
        else:
            item["months_in"] = question.months_in
            item["unit"] = "years"
        low, high = question.scale
        item["text"] = question.text
        item["scale"] = {"min": low, "max": high, "labels": list(question.labels)}
        items.append(item)
    return {"schema_version": 1, "questions": items}


# --- answers typed at a prompt -----------------------------------------------------------


def _clean(text: str) -> str:
    # NFKC folds full-width forms ("２", "ｙｅｓ") into ASCII; casefold handles "YES" and "Yes".
    return unicodedata.normalize("NFKC", text).strip().casefold()


def valid_answers_hint(question: Question) -> str:
    """What a valid answer to ``question`` looks like, for re-asking."""
    if question.kind == "level":
        return "answer y (yes) or n (no)"
    if question.kind == "experience":
        return f"answer a number of years from 0 to {YEARS_MAX}, such as 4 or 2.5"
    return f"answer a whole number from {RATING_MIN} to {RATING_MAX}"


def parse_answer(question: Question, text: str) -> Answer:
    """Turn typed text into an answer; raise :class:`AnswerError` saying what is valid.

    Statements take ``yes/y/true/1`` or ``no/n/false/0`` in any case; ratings take a whole
    number from 0 to 5 (leading zeros and spaces are ignored, so ``" 02 "`` is 2; ``2.0`` is
    refused); experience takes years (``4``, ``2.5``) and returns whole months. Full-width
    characters count as their ASCII forms.
    """
    if len(text) > MAX_ANSWER_LENGTH:
        raise AnswerError(f"that answer is too long; {valid_answers_hint(question)}")
    cleaned = _clean(text)
    if question.kind == "level":
        if cleaned in _YES:
            return True
        if cleaned in _NO:
            return False
    elif question.kind == "experience":
        if _YEARS.fullmatch(cleaned) and float(cleaned) <= YEARS_MAX:
            return round(float(cleaned) * 12)
    elif _DIGITS.fullmatch(cleaned) and RATING_MIN <= int(cleaned) <= RATING_MAX:
        return int(cleaned)
    raise AnswerError(valid_answers_hint(question))


def is_back(text: str) -> bool:
    """Whether the typed text asks to go back one question (``b`` or ``back``)."""
    return _clean(text) in _BACK


def normalise_answer(question: Question, value: object) -> Answer:
    """Turn a value from an answers file into an answer; raise :class:`AnswerError` if invalid.

    Text is read as if typed at the prompt. A statement also takes ``true``/``false`` or 1/0;
    a rating takes a whole number 0-5 (``true`` and ``2.5`` are refused).
    """
    if isinstance(value, str):
        return parse_answer(question, value)
    if question.kind == "experience":
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= YEARS_MAX:
            return round(value * 12)
        raise AnswerError(f"expected a number of years from 0 to {YEARS_MAX}, got {_shown(value)}")
    if question.kind == "level":
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return value == 1
        raise AnswerError(f"expected yes or no (true/false), got {_shown(value)}")
    if isinstance(value, int) and not isinstance(value, bool) and RATING_MIN <= value <= RATING_MAX:
        return value
    raise AnswerError(f"expected a whole number from {RATING_MIN} to {RATING_MAX}, got {_shown(value)}")


def _shown(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# --- the asking loop ---------------------------------------------------------------------


def introduction(asked: Sequence[Question]) -> str:
    """The short text shown before the first question."""
    statements = sum(1 for q in asked if q.kind == "level")
    ratings = sum(1 for q in asked if q.kind == "skill")
    years = len(asked) - statements - ratings
    also = f", then {years} questions about your years of experience" if years else ""
    return (
        f"PMO self-assessment: {statements} statements about your work (answer y or n) and "
        f"{ratings} skill ratings (0 to 5){also}.\n"
        "Answer for the work you do today. Type b to go back one question; Ctrl-C stops "
        "without changing your profile.\n"
    )


def _question_text(question: Question, number: int, total: int) -> str:
    if question.kind in ("level", "experience"):
        return f"\n{number} of {total}\n{question.text}\n"
    lines = [f"\n{number} of {total}  {question.skill_name or question.skill}", question.text]
    lines += [f"  {label}" for label in question.labels]
    return "\n".join(lines) + "\n"


def _prompt(question: Question) -> str:
    if question.kind == "level":
        return "Does this describe your work? [y/n, b = back] "
    if question.kind == "experience":
        return "Years [e.g. 4 or 2.5, 0 if none; b = back] "
    return f"Your rating [{RATING_MIN}-{RATING_MAX}, b = back] "


def ask(
    questions: Sequence[Question],
    read_line: Callable[[], str],
    write: Callable[[str], None],
    answers: dict[str, Answer] | None = None,
    *,
    intro: str | None = None,
    prompt: Callable[[Question], str] | None = None,
) -> dict[str, Answer]:
    """Ask every question in one loop and return the answers by question id.

    ``read_line`` returns one line without its newline and raises :class:`EOFError` at end of
    input; ``write`` shows text. An invalid answer is re-asked with what is valid; ``b`` goes
    back one question. ``answers`` may hold earlier answers (a resumed draft): the loop starts
    at the first question without one. It is filled in place, so after an interruption the
    caller still has the answers given so far. End of input or Ctrl-C raises
    :class:`Interrupted`; the caller saves the profile only after this returns. ``intro`` and
    ``prompt`` replace the self-assessment's wording (a manager rating someone else).
    """
    answers = {} if answers is None else answers
    prompt_for = prompt or _prompt
    total = len(questions)
    index = next((i for i, q in enumerate(questions) if q.id not in answers), total)
    show = True
    try:
        write(introduction(questions) if intro is None else intro)
        if answers and index < total:
            write(f"Resuming at question {index + 1} of {total}.\n")
        elif answers:
            write(f"All {total} questions were answered before you stopped.\n")
        while index < total:
            question = questions[index]
            if show:
                write(_question_text(question, index + 1, total))
            write(prompt_for(question))
            line = read_line()
            show = True
            if is_back(line):
                if index == 0:
                    write("  This is the first question.\n")
                    show = False
                    continue
                index -= 1
                answers.pop(questions[index].id, None)
                continue
            try:
                answers[question.id] = parse_answer(question, line)
            except AnswerError as error:
                write(f"  {error}.\n")
                show = False
                continue
            index += 1
        write("\n")
    except (EOFError, KeyboardInterrupt):
        write("\n")  # end the prompt's line, so the message that follows starts on its own
        raise Interrupted(CANCELLED) from None
    return {q.id: answers[q.id] for q in questions}


def confirm_level(suggested: int, read_line: Callable[[], str], write: Callable[[str], None], shown: str) -> int:
    """Show ``shown`` (why the placement is uncertain, and the levels) and read the person's level.

    Enter keeps ``suggested``; 1-4 picks a level; anything else is re-asked. End of input or
    Ctrl-C raises :class:`Interrupted`.
    """
    try:
        write(shown)
        while True:
            write(f"Your level [1-4, Enter = {suggested}] ")
            typed = _clean(read_line())
            if not typed:
                return suggested
            if typed in ("1", "2", "3", "4"):
                return int(typed)
            write(f"  answer 1, 2, 3 or 4, or press Enter to keep level {suggested}.\n")
    except (EOFError, KeyboardInterrupt):
        write("\n")
        raise Interrupted(CANCELLED) from None


# --- answers files -----------------------------------------------------------------------


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_answers_file(path: Path, bank: QuestionBank) -> dict[str, Answer]:
    """Read a YAML or JSON answers file (question id → answer) and check it against the bank.

    Every problem is reported with ``file:line:col``: unknown question ids (with the closest
    id suggested), invalid answers, and, in one problem, the questions left unanswered.
    """
    display = _display(path)
    text = read_text(path, display)
    document = _parse_json(text, display) if path.suffix.lower() == ".json" else parse_yaml(text, display)
    return check_answers(document, bank)


def _parse_json(text: str, display: str) -> Located:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                raise ValueError(f"duplicate key '{key}'")
            seen[key] = value
        return seen

    try:
        value = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as error:
        raise _AnswersFileError([Problem(display, f"invalid JSON: {error.msg}", error.lineno, error.colno)]) from None
    except (ValueError, RecursionError) as error:
        raise _AnswersFileError([Problem(display, f"invalid JSON: {error}")]) from None
    # JSON is YAML 1.2 flow syntax: the strict YAML parser finds each value's line and column.
    try:
        located = parse_yaml(text, display)
    except InputError:
        return Located(value=value, file=display)
    return located if located.value == value else Located(value=value, file=display)


def check_answers(document: Located, bank: QuestionBank) -> dict[str, Answer]:
    """Validate a parsed answers document against the bank; raise :class:`InputError` if bad."""
    if not isinstance(document.value, dict):
        found = "nothing" if document.value is None else "a list" if isinstance(document.value, list) else "a value"
        message = f"expected a mapping of question id to answer, found {found}"
        raise _AnswersFileError([Problem(document.file, message, 1, 1)])
    by_id = {q.id: q for q in questions(bank)}
    problems: list[Problem] = []
    answers: dict[str, Answer] = {}
    for key, value in document.value.items():
        name = str(key)
        question = by_id.get(name)
        if question is None:
            message = f"unknown question '{name}'{suggest(name, by_id)}"
            problems.append(document.problem((key,), message, key=True))
            continue
        if question.kind == "experience" and value is None:
            continue  # null: not known
        try:
            answers[name] = normalise_answer(question, value)
        except AnswerError as error:
            problems.append(document.problem((key,), str(error)))
    years = [q.id for q in by_id.values() if q.kind == "experience"]
    given = [qid for qid in years if document.value.get(qid) is not None]
    if given and len(given) < len(years):
        left = ", ".join(qid for qid in years if qid not in given)
        problems.append(Problem(document.file, f"give all experience answers or none; missing: {left}", 1, 1))
    required = set(scored_ids(bank))
    missing = [qid for qid in by_id if qid in required and qid not in answers and qid not in document.value]
    if missing:
        shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
        problems.append(Problem(document.file, f"no answer for {len(missing)} question(s): {shown}", 1, 1))
    if problems:
        raise _AnswersFileError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))
    return {qid: answers[qid] for qid in by_id if qid in answers}


# --- scoring -----------------------------------------------------------------------------


def needed_for(total: int) -> int:
    """Statements that must be agreed for a level of ``total`` statements to be mostly met."""
    return -(-total * MET_NUMERATOR // MET_DENOMINATOR)  # ceiling division, no floats


def score(
    bank: QuestionBank,
    catalogue: Catalogue,
    answers: Mapping[str, Answer],
    *,
    confirmed_level: int | None = None,
) -> AssessmentResult:
    """Place a person on the ladder and find their skill gaps, with the reasons.

    ``answers`` must hold an answer for every question (``True``/``False`` for statements,
    0-5 for ratings), as returned by :func:`ask` or :func:`load_answers_file`.
    ``confirmed_level`` is the level the person confirmed or picked when asked; it becomes
    the placement, and the gaps are measured against it.
    """
    missing = [qid for qid in scored_ids(bank) if qid not in answers]
    if missing:
        raise ValueError(f"no answer for: {', '.join(missing)}")
    tallies = _tallies(bank, catalogue, answers)
    suggested = _placement(tallies)
    ratings = {r.skill: int(answers[r.id]) for r in bank.ratings}
    experience = experience_of(bank, answers)
    warnings, unusual = _warnings(tallies, suggested, ratings, catalogue)
    short = _short_experience(experience, suggested)
    if short:
        warnings.append(short)
        unusual = True
    confidence = _CONFIDENCE_STEPS[min(len(warnings), len(_CONFIDENCE_STEPS) - 1)]
    level = suggested if confirmed_level is None else confirmed_level
    reasons = _tally_reasons(tallies, suggested) + warnings
    if confirmed_level is not None:
        reasons.append(_confirmed_reason(confirmed_level, suggested))
    next_level = level + 1 if level < 4 else None
    return AssessmentResult(
        level=level,
        level_name=catalogue.level(level).name,
        next_level=next_level,
        suggested_level=suggested,
        confidence=confidence,
        needs_confirmation=confidence == "low" or unusual,
        confirmed=confirmed_level is not None,
        reasons=reasons,
        warnings=warnings,
        statements=tallies,
        deciding=_deciding(bank, answers, suggested),
        ratings=ratings,
        ratings_level=ratings_fit(catalogue, ratings),
        experience=experience,
        gaps=_gaps(catalogue, ratings, level),
    )


def _confirmed_reason(confirmed: int, suggested: int) -> str:
    if confirmed == suggested:
        return f"You confirmed level {confirmed}."
    return f"You chose level {confirmed}; your statements suggested level {suggested}."


def _tallies(bank: QuestionBank, catalogue: Catalogue, answers: Mapping[str, Answer]) -> list[LevelTally]:
    tallies = []
    for level in catalogue.levels:
        own = [s for s in bank.statements if s.level == level.number]
        agreed = sum(1 for s in own if answers[s.id] is True)
        needed = needed_for(len(own))
        tallies.append(
            LevelTally(
                level=level.number,
                name=level.name,
                agreed=agreed,
                total=len(own),
                needed=needed,
                mostly_met=agreed >= needed,
            )
        )
    return tallies


def _placement(tallies: Sequence[LevelTally]) -> int:
    """The highest level whose statements are mostly met; level 1 when none is.

    Lower levels are not re-tested: a person who mostly does level-3 work is placed at level 3
    even if they no longer do the level-1 tasks themselves (SFIA's "levels of responsibility"
    work the same way). Agreeing with more statements can therefore never lower the placement.
    """
    met = [t.level for t in tallies if t.mostly_met]
    return max(met, default=1)


def _tally_reasons(tallies: Sequence[LevelTally], level: int) -> list[str]:
    reasons = []
    for tally in tallies:
        met = "met" if tally.mostly_met else "not met"
        reasons.append(
            f"Level {tally.level}: you agreed with {tally.agreed} of {tally.total} statements "
            f"({tally.needed} needed): {met}."
        )
    if not any(t.mostly_met for t in tallies):
        reasons.append("No level is mostly met, so you are placed at level 1, where everyone starts.")
        return reasons
    reasons.append(f"Placed at level {level}: the highest level whose statements you mostly agree with.")
    implied = [t.level for t in tallies if t.level < level and not t.mostly_met]
    if implied:
        shown = ", ".join(str(n) for n in implied[:-1]) + (" and " if len(implied) > 1 else "") + str(implied[-1])
        plural = "s" if len(implied) > 1 else ""
        reasons.append(
            f"Level{plural} {shown} not mostly met: that work is taken as done, since people who have moved "
            "up usually no longer do it themselves."
        )
    return reasons


def ratings_fit(catalogue: Catalogue, ratings: Mapping[str, int]) -> int | None:
    """The highest level whose expected ratings the person mostly meets (3 in 5 skills); None if none."""
    fitting = None
    for level in catalogue.levels:
        expected = level.expected
        meeting = sum(1 for skill, want in expected.items() if ratings.get(skill, 0) >= want)
        if meeting >= needed_for(len(expected)):
            fitting = level.number
    return fitting


def _warnings(
    tallies: Sequence[LevelTally], level: int, ratings: Mapping[str, int], catalogue: Catalogue
) -> tuple[list[str], bool]:
    """Each sign that the placement is uncertain (each lowers the confidence one step).

    The second value is whether the pattern is unusual enough to ask the person to confirm.
    """
    by_level = {t.level: t for t in tallies}
    placed = by_level[level]
    warnings: list[str] = []
    if not placed.mostly_met:
        warnings.append("Level 1 statements are not yet mostly met.")
    elif placed.agreed / placed.total < COMFORTABLE_SHARE:
        warnings.append(f"Level {level} is only just met ({placed.agreed} of {placed.total}).")
    above = by_level.get(level + 1)
    if above is not None and not above.mostly_met and above.agreed / above.total >= NEARLY_SHARE:
        warnings.append(f"Level {above.level} is nearly met ({above.agreed} of {above.total}).")
    expected = catalogue.level(level).expected
    at_level = sum(1 for skill, want in expected.items() if ratings.get(skill, 0) >= want)
    if at_level * 2 < len(expected):
        warnings.append(f"Most skill ratings are below what level {level} expects.")
    unusual = _unusual(by_level, level, ratings_fit(catalogue, ratings))
    if unusual:
        warnings.append(unusual)
    if level < 4:
        following = catalogue.level(level + 1).expected
        if all(ratings.get(skill, 0) >= want for skill, want in following.items()):
            warnings.append(f"Your skill ratings already meet every level {level + 1} expectation.")
    return warnings, bool(unusual)


def _unusual(by_level: Mapping[int, LevelTally], level: int, fit: int | None) -> str:
    """Why the statements and the ratings disagree enough to ask the person; "" when they agree.

    The ratings corroborate the statements: ratings that fit a level two or more below the
    statements, or one below when the level under the placement was hardly agreed with, make
    the pattern unusual.
    """
    placed, below = by_level[level], by_level.get(level - 1)
    fits = f"level {fit}" if fit else "no level yet"
    if not placed.mostly_met:  # no level is mostly met
        nearly = [t.level for t in by_level.values() if t.level > 1 and t.agreed / t.total >= NEARLY_SHARE]
        if nearly:
            return f"No level is mostly met, yet half or more of the level {nearly[-1]} statements are."
        if (fit or 0) >= 2:
            return f"No level is mostly met, yet your skill ratings fit level {fit}."
        return ""
    if level == 1:
        return ""
    if (fit or 0) <= level - 2:
        return f"Your statements fit level {level} but your skill ratings fit {fits}."
    if below is not None and below.agreed / below.total < NEARLY_SHARE and (fit or 0) < level:
        return (
            f"Level {level} statements are mostly met, but only {below.agreed} of {below.total} "
            f"level {below.level} statements, and your skill ratings fit {fits}."
        )
    return ""


def _short_experience(experience: Experience | None, level: int) -> str:
    """Why the years given are few for a managing or directing level; "" otherwise."""
    if experience is None or level < 3 or experience.project_months >= SENIOR_MONTHS:
        return ""
    years = f"{experience.project_months / 12:.1f}".removesuffix(".0")
    return (
        f"You report {years} years in project-related roles; level {level} roles usually come after "
        f"at least {SENIOR_MONTHS // 12}."
    )


def _deciding(bank: QuestionBank, answers: Mapping[str, Answer], level: int) -> list[DecidingStatement]:
    """The statements of the placed level: the ones that decided the placement."""
    return [
        DecidingStatement(id=s.id, level=s.level, text=s.text, agreed=answers[s.id] is True)
        for s in bank.statements
        if s.level == level
    ]


def _gaps(catalogue: Catalogue, ratings: Mapping[str, int], level: int) -> list[Gap]:
    """Skills rated below what the placed level or the next expects; nothing from lower levels."""
    current = catalogue.level(level).expected
    following = catalogue.level(level + 1).expected if level < 4 else None
    order = {s.id: index for index, s in enumerate(catalogue.skills)}
    gaps = []
    for skill in catalogue.skills:
        rating = ratings.get(skill.id, 0)
        expected = current.get(skill.id, 0)
        next_expected = following.get(skill.id, 0) if following is not None else None
        gap = max(0, expected - rating)
        next_gap = max(0, next_expected - rating) if next_expected is not None else None
        if gap == 0 and not next_gap:
            continue
        gaps.append(
            Gap(
                skill=skill.id,
                name=skill.name,
                rating=rating,
                expected=expected,
                next_expected=next_expected,
                gap=gap,
                next_gap=next_gap,
                courses=courses_for(catalogue, skill.id, level),
            )
        )
    return sorted(gaps, key=lambda g: (-g.gap, -(g.next_gap or 0), order[g.skill]))


def courses_for(catalogue: Catalogue, skill: str, level: int) -> list[str]:
    """Current specialist courses that develop ``skill`` and suit this level or the next.

    An empty list means no specialist course suits the person's level: the screens say so
    rather than offering a course meant for another level. Withdrawn courses (generic topics that
    named courses replaced) stay loadable for old profiles but are never suggested, as the planner
    never schedules them.
    """
    suited = [
        c
        for c in catalogue.courses
        if c.kind == "specialist"
        and not c.withdrawn
        and skill in c.skills
        and (level in c.levels or level + 1 in c.levels)
    ]
    # Courses for the person's own level first, then those that prepare for the next one.
    return [c.id for c in sorted(suited, key=lambda c: level not in c.levels)]


# --- a manager's ratings of someone else -------------------------------------------------


def manager_questions(bank: QuestionBank, catalogue: Catalogue | None = None) -> list[Question]:
    """The questions a manager answers about a person: the skill ratings only.

    The level statements describe the work a person does day to day, which they know best;
    their placement stays their own. The experience questions are about their history.
    """
    return [q for q in questions(bank, catalogue) if q.kind == "skill"]


def manager_ratings(bank: QuestionBank, answers: Mapping[str, Answer]) -> dict[str, int]:
    """Skill id → rating from a manager's answers (question id → 0-5)."""
    return {r.skill: int(answers[r.id]) for r in bank.ratings if r.id in answers}


def load_manager_answers(path: Path, bank: QuestionBank) -> dict[str, Answer]:
    """Read a manager's answers file (rating question id → 0-5) and check it against the bank.

    Every skill must be rated; a self-placement statement or an experience question is refused
    by name, since those are the person's own to answer. Problems carry ``file:line:col``.
    """
    display = _display(path)
    text = read_text(path, display)
    document = _parse_json(text, display) if path.suffix.lower() == ".json" else parse_yaml(text, display)
    return check_manager_answers(document, bank)


def check_manager_answers(document: Located, bank: QuestionBank) -> dict[str, Answer]:
    """Validate a parsed manager's answers document; raise :class:`InputError` if bad."""
    if not isinstance(document.value, dict):
        found = "nothing" if document.value is None else "a list" if isinstance(document.value, list) else "a value"
        message = f"expected a mapping of rating question id to a rating 0-5, found {found}"
        raise _AnswersFileError([Problem(document.file, message, 1, 1)])
    everything = {q.id: q for q in questions(bank)}
    asked = {q.id: q for q in manager_questions(bank)}
    problems: list[Problem] = []
    answers: dict[str, Answer] = {}
    for key, value in document.value.items():
        name = str(key)
        question = asked.get(name)
        if question is None:
            if name in everything:
                message = f"'{name}' is the person's own question; a manager's answers rate the skills only"
            else:
                message = f"unknown rating question '{name}'{suggest(name, asked)}"
            problems.append(document.problem((key,), message, key=True))
            continue
        try:
            answers[name] = normalise_answer(question, value)
        except AnswerError as error:
            problems.append(document.problem((key,), str(error)))
    missing = [qid for qid in asked if qid not in document.value]
    if missing:
        problems.append(Problem(document.file, f"no rating for {len(missing)} skill(s): {', '.join(missing)}", 1, 1))
    if problems:
        raise _AnswersFileError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))
    return {qid: answers[qid] for qid in asked if qid in answers}

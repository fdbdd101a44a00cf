"""Rules of the placement that hold for every answer sheet (Hypothesis)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pmoplan.assessment import Answer, score
from pmoplan.loading import load_catalogue, load_question_bank

CATALOGUE = load_catalogue()
BANK = load_question_bank(CATALOGUE)
STATEMENTS = [s.id for s in BANK.statements]
LEVEL_OF = {s.id: s.level for s in BANK.statements}

sheets = st.tuples(
    st.lists(st.booleans(), min_size=len(BANK.statements), max_size=len(BANK.statements)),
    st.lists(st.integers(0, 5), min_size=len(BANK.ratings), max_size=len(BANK.ratings)),
)


def answers_of(agreed: list[bool], ratings: list[int]) -> dict[str, Answer]:
    answers: dict[str, Answer] = dict(zip(STATEMENTS, agreed, strict=True))
    answers.update({r.id: value for r, value in zip(BANK.ratings, ratings, strict=True)})
    return answers


@given(sheets, st.data())
def test_agreeing_with_one_more_statement_never_lowers_the_placement(
    sheet: tuple[list[bool], list[int]], data: st.DataObject
) -> None:
    agreed, ratings = sheet
    unanswered = [i for i, yes in enumerate(agreed) if not yes]
    if not unanswered:
        return
    flipped = data.draw(st.sampled_from(unanswered))
    more = list(agreed)
    more[flipped] = True

    before = score(BANK, CATALOGUE, answers_of(agreed, ratings))
    after = score(BANK, CATALOGUE, answers_of(more, ratings))

    assert after.suggested_level >= before.suggested_level
    if LEVEL_OF[STATEMENTS[flipped]] > before.level:
        assert after.level >= before.level


@given(sheets)
def test_the_placement_is_the_highest_level_mostly_met_whatever_the_levels_below(
    sheet: tuple[list[bool], list[int]],
) -> None:
    result = score(BANK, CATALOGUE, answers_of(*sheet))

    met = [t.level for t in result.statements if t.mostly_met]
    assert result.level == max(met, default=1)
    # A clear level-4 sheet is a level-4 placement, never level 1, whatever the ratings say.
    if result.statements[3].agreed >= 6:
        assert result.level == 4
    if result.confidence == "low":
        assert result.needs_confirmation


@given(sheets, st.integers(1, 4) | st.none())
def test_gaps_are_only_against_the_placed_and_next_level(
    sheet: tuple[list[bool], list[int]], confirmed: int | None
) -> None:
    result = score(BANK, CATALOGUE, answers_of(*sheet), confirmed_level=confirmed)

    here = CATALOGUE.level(result.level).expected
    following = CATALOGUE.level(result.level + 1).expected if result.level < 4 else {}
    for gap in result.gaps:
        assert gap.expected == here[gap.skill]
        assert gap.gap == max(0, here[gap.skill] - gap.rating)
        assert gap.next_gap == (max(0, following[gap.skill] - gap.rating) if following else None)
        assert gap.gap > 0 or (gap.next_gap or 0) > 0
        for course_id in gap.courses:
            levels = CATALOGUE.course(course_id).levels
            assert result.level in levels or result.level + 1 in levels
    listed = {g.skill for g in result.gaps}
    for skill, want in here.items():
        rating = result.ratings[skill]
        if rating < want or rating < following.get(skill, 0):
            assert skill in listed


def test_expected_ratings_never_fall_as_the_level_rises() -> None:
    for skill in CATALOGUE.skills:
        wanted = [CATALOGUE.level(n).expected[skill.id] for n in (1, 2, 3, 4)]
        assert wanted == sorted(wanted), skill.id

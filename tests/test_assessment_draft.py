"""The private draft of a half-finished questionnaire: written safely, read forgivingly."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest

from pmoplan.assessment import questions
from pmoplan.assessment_draft import draft_path, load_draft, remove_draft, save_draft
from pmoplan.errors import OutputError
from pmoplan.loading import load_catalogue, load_question_bank

CATALOGUE = load_catalogue()
BANK = load_question_bank(CATALOGUE)
ASKED = questions(BANK, CATALOGUE)
TODAY = date(2026, 12, 1)


def test_the_draft_sits_next_to_the_profile(tmp_path: Path) -> None:
    assert draft_path(tmp_path / "me.yaml") == tmp_path / "me.yaml.assess-draft.json"


def test_a_saved_draft_is_private_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "new" / "profile.yaml.assess-draft.json"
    answers = {"l1-raid-log": True, "l2-own-service": False, "rate-planning": 3, "exp-project-years": 30}

    save_draft(path, answers, TODAY)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    draft = load_draft(path, ASKED)
    assert draft is not None
    assert (draft.saved_on, draft.answers) == (TODAY, answers)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        '{"schema_version": 2, "saved_on": "2026-12-01", "answers": {"l1-raid-log": true}}',
        '{"schema_version": 1, "saved_on": "yesterday", "answers": {"l1-raid-log": true}}',
        '{"schema_version": 1, "saved_on": "2026-12-01", "answers": []}',
        '{"schema_version": 1, "saved_on": "2026-12-01", "answers": {}}',
        '{"schema_version": 1, "answers": {"l1-raid-log": true}}',
        "[" * 100_000,
    ],
)
def test_an_unusable_draft_is_ignored(tmp_path: Path, text: str) -> None:
    path = tmp_path / "d.json"
    path.write_text(text, encoding="utf-8")

    assert load_draft(path, ASKED) is None


def test_answers_that_no_longer_fit_the_questions_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    stored = {
        "l1-raid-log": True,
        "l1-gone": True,  # a question removed since
        "l2-own-service": 1,  # not a yes/no
        "rate-planning": 6,  # out of range
        "rate-benefits": True,  # a boolean is not a rating
        "rate-reporting": 2,
        "exp-project-years": 601,  # more than 50 years, in months
    }
    path.write_text(json.dumps({"schema_version": 1, "saved_on": "2026-12-01", "answers": stored}), encoding="utf-8")

    draft = load_draft(path, ASKED)

    assert draft is not None
    assert draft.answers == {"l1-raid-log": True, "rate-reporting": 2}


def test_a_missing_draft_is_none_and_removing_it_is_harmless(tmp_path: Path) -> None:
    assert load_draft(tmp_path / "none.json", ASKED) is None
    remove_draft(tmp_path / "none.json")


def test_a_draft_that_cannot_be_removed_is_an_output_error(tmp_path: Path) -> None:
    folder = tmp_path / "is-a-folder.json"
    folder.mkdir()

    with pytest.raises(OutputError, match="cannot remove the assessment draft"):
        remove_draft(folder)

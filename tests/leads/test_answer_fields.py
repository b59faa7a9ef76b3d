"""Answers in plain words from data (criteria labels, coordinators' texts), and their REDCap coding."""

from __future__ import annotations

from bot.eligibility.loader import default_criteria
from bot.leads.answer_fields import answer_fields, given_words, plain_answers
from bot.texts import text

FIELDS = answer_fields(default_criteria())
STORED = {
    "age": 54,
    "recent_drugs": {"taken": "no", "drugs": []},
    "antibody": {"result": "positive", "names": ["PL-7"]},
    "ild_on_ct": "not sure",
    "checklist": {"applies": [3], "unsure": []},
    "old_question": "yes",
    "readings": {
        "age": 54,
        "recent_drugs": "clear",
        "antibody": "PL-7",
        "ild_on_ct": "unsure",
        "checklist": [3],
    },
}


def _row(question_start: str) -> dict[str, str]:
    return next(row for row in plain_answers(FIELDS, STORED) if row["question"].startswith(question_start))


def test_every_question_is_a_lower_snake_variable_with_a_label_from_the_criteria_file() -> None:
    criteria = default_criteria()
    assert [field.variable for field in FIELDS] == list(criteria.slot_names)
    for field in FIELDS:
        assert field.variable.isidentifier() and field.variable == field.variable.lower()
        assert field.label == criteria.slot(field.variable).question


def test_no_raw_python_values_reach_the_coordinator() -> None:
    for row in plain_answers(FIELDS, STORED):
        assert "{" not in row["given"] + row["read"] and "[" not in row["given"] + row["read"]
    assert given_words({"taken": "no", "drugs": []}) == "No"


def test_readings_are_said_in_words_from_the_texts_file() -> None:
    drugs = next(f for f in FIELDS if f.variable == "recent_drugs")
    assert _row(default_criteria().slot("recent_drugs").question[:20])["read"] == text("reading_clear")
    assert drugs.checks.startswith("No cyclophosphamide")
    assert _row(default_criteria().slot("ild_on_ct").question[:20])["read"] == text("reading_unsure")
    checklist = next(f for f in FIELDS if f.variable == "checklist")
    item_three = next(c for c in checklist.choices if c.code == "3")
    assert _row(default_criteria().slot("checklist").question[:20])["read"] == item_three.words


def test_answers_to_questions_no_longer_asked_are_still_shown() -> None:
    assert _row("Old question")["given"] == text("reading_yes")

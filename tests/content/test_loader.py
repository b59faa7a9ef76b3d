"""faq.yml validation: every error names the file, the entry and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.facts import load_trial
from bot.content.loader import MIN_QUESTIONS, ContentError, load_faq


def _problems(path: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_faq(path)
    return str(caught.value)


def test_valid_file_loads_into_entries(make_entry, write_faq) -> None:
    path = write_faq(make_entry("duration", related=["cost"]), make_entry("cost"))
    entries = load_faq(path)
    assert [entry.id for entry in entries] == ["duration", "cost"]
    assert entries[0].related == ("cost",)
    assert entries[0].intent == "faq/duration"
    assert entries[0].response_name == "utter_faq/duration"


def test_missing_field_error_names_file_entry_and_field(make_entry, write_faq) -> None:
    path = write_faq(make_entry("duration", answer=None))
    message = _problems(path)
    assert str(path) in message
    assert "entry 'duration'" in message
    assert "missing field 'answer'" in message


def test_duplicate_id_is_rejected(make_entry, write_faq) -> None:
    message = _problems(write_faq(make_entry("cost"), make_entry("cost")))
    assert "entry 'cost': duplicate id" in message


def test_too_few_questions_says_how_many_are_needed(make_entry, write_faq) -> None:
    message = _problems(write_faq(make_entry("cost", questions=["how much", "price?"])))
    assert "entry 'cost'" in message
    assert f"has 2 questions, needs at least {MIN_QUESTIONS}" in message


@pytest.mark.parametrize("bad_id", ["Duration", "study-duration", "2nd_visit", "faq/duration", "a__b", ""])
def test_id_that_is_not_snake_case_is_rejected(make_entry, write_faq, bad_id: str) -> None:
    message = _problems(write_faq(make_entry(bad_id)))
    assert "field 'id' must be snake_case" in message


def test_unknown_field_catches_a_typo(make_entry, write_faq) -> None:
    message = _problems(write_faq(make_entry("cost", anwser="typo")))
    assert "entry 'cost': unknown field 'anwser'" in message


def test_related_must_name_an_existing_entry(make_entry, write_faq) -> None:
    message = _problems(write_faq(make_entry("cost", related=["nowhere"])))
    assert "entry 'cost': field 'related' names unknown entry 'nowhere'" in message


def test_question_with_rasa_annotation_brackets_is_rejected(make_entry, write_faq) -> None:
    questions = [f"question {n}" for n in range(9)] + ["is [prograf](drug) used"]
    message = _problems(write_faq(make_entry("tacrolimus", questions=questions)))
    assert "entry 'tacrolimus': question 'is [prograf](drug) used'" in message


def test_entry_without_id_is_named_by_position(make_entry, write_faq) -> None:
    message = _problems(write_faq(make_entry("cost"), make_entry("x", id=None)))
    assert "entry #2: missing field 'id'" in message


def test_every_problem_is_reported_at_once(make_entry, write_faq) -> None:
    message = _problems(write_faq(make_entry("cost", topic=None), make_entry("Bad-Id")))
    assert "missing field 'topic'" in message
    assert "must be snake_case" in message


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    message = _problems(tmp_path / "nowhere.yml")
    assert "nowhere.yml: file not found" in message


def test_broken_yaml_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "faq.yml"
    path.write_text("entries:\n  - id: cost\n    topic: [unclosed\n", encoding="utf-8")
    message = _problems(path)
    assert "faq.yml: not valid YAML at line" in message


def test_file_without_entries_list_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "faq.yml"
    path.write_text("- id: cost\n", encoding="utf-8")
    assert "top-level 'entries:' list" in _problems(path)


def test_trial_file_missing_keys_names_them(tmp_path: Path) -> None:
    path = tmp_path / "trial.yml"
    path.write_text("acronym: TEST\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_trial(path)
    assert "trial.yml: missing key 'drugs'" in str(caught.value)
    assert "missing key 'recruitment'" in str(caught.value)

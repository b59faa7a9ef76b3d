"""Each content-check rule catches a bad example built in a temporary content folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.checks import check_content, count_sentences, normalise_question, unknown_drug_names
from bot.content.facts import load_trial
from bot.content.loader import load_faq
from bot.content.models import TrialFacts

SMALL_TRIAL = """\
acronym: TEST-1
identifiers: {clinicaltrials_gov: NCT00000001}
duration_weeks: 52
drugs:
  - name: tacrolimus
    brands: [Prograf]
source_documents:
  study-record.txt: the study page
recruitment: {last_checked: "2025-09"}
"""


@pytest.fixture
def small_trial(tmp_path: Path) -> TrialFacts:
    path = tmp_path / "trial.yml"
    path.write_text(SMALL_TRIAL, encoding="utf-8")
    return load_trial(path)


@pytest.fixture
def check(make_entry, write_faq, small_trial):
    """Write the given entries to a temporary faq.yml, load it and return the problems as text."""

    def run(*entries: dict) -> list[str]:
        return [str(problem) for problem in check_content(load_faq(write_faq(*entries)), small_trial)]

    return run


def test_good_entry_has_no_problems(check, make_entry) -> None:
    assert check(make_entry("duration")) == []


def test_answer_above_grade_10_is_a_problem(check, make_entry) -> None:
    hard = (
        "Participation necessitates comprehensive immunosuppressive pharmacotherapeutic administration "
        "alongside longitudinal multidisciplinary evaluation. Consultation remains recommended."
    )
    problems = check(make_entry("duration", answer=hard))
    assert any(problem.startswith("duration: answer reads at grade") for problem in problems)


def test_entry_without_source_is_a_problem(check, make_entry) -> None:
    assert check(make_entry("duration", source=None)) == [
        "duration: no source: say which part of the study record it comes from"
    ]


def test_source_must_name_a_known_source_document(check, make_entry) -> None:
    problems = check(make_entry("duration", source="a blog post"))
    assert problems == ["duration: source 'a blog post' names none of: study-record.txt"]


def test_question_claimed_by_two_entries_is_a_problem_ignoring_case_and_spaces(check, make_entry) -> None:
    first = make_entry("duration", questions=[f"q{n}" for n in range(9)] + ["How long  does it LAST?"])
    second = make_entry("cost", questions=[f"c{n}" for n in range(9)] + ["how long does it last"])
    assert check(first, second) == ["cost: question 'how long does it last' is also in entry 'duration'"]


def test_question_listed_twice_in_one_entry_is_a_problem(check, make_entry) -> None:
    questions = [f"q{n}" for n in range(9)] + ["Q1"]
    assert check(make_entry("duration", questions=questions)) == ["duration: question 'Q1' is listed twice"]


def test_answer_naming_a_drug_absent_from_the_facts_is_a_problem(check, make_entry) -> None:
    answer = "Some people take rituximab. A study coordinator can tell you more."
    assert check(make_entry("duration", answer=answer)) == [
        "duration: answer names the medicine 'rituximab', which the trial facts do not"
    ]


def test_answer_naming_a_trial_drug_or_its_brand_is_fine(check, make_entry) -> None:
    answer = "One group takes tacrolimus, also sold as Prograf. A study coordinator can tell you more."
    assert check(make_entry("duration", answer=answer)) == []


@pytest.mark.parametrize(
    ("answer", "number"), [("It lasts 60 weeks. Ask us.", "60"), ("It lasts sixty weeks. Ask.", "60")]
)
def test_answer_stating_a_number_absent_from_the_facts_is_a_problem(
    check, make_entry, answer, number
) -> None:
    assert check(make_entry("duration", answer=answer)) == [
        f"duration: answer states the number {number}, which the trial facts do not"
    ]


def test_answer_stating_a_fact_number_in_words_is_fine(check, make_entry) -> None:
    assert check(make_entry("duration", answer="It lasts fifty-two weeks. Ask a coordinator.")) == []


@pytest.mark.parametrize("answer", ["Ask a coordinator.", "One. Two. Three. Four. Five. Six."])
def test_answer_must_have_two_to_five_sentences(check, make_entry, answer: str) -> None:
    problems = check(make_entry("duration", answer=answer))
    assert any("sentences, keep it to 2-5" in problem for problem in problems)


def test_decimal_numbers_do_not_end_a_sentence() -> None:
    assert count_sentences("The dose is 0.5 mg. Ask the team") == 2


def test_questions_differing_only_in_case_spacing_or_question_mark_are_the_same() -> None:
    assert normalise_question("  Duration ? ") == normalise_question("duration")


def test_drug_like_words_are_found_unless_known() -> None:
    text = "Methotrexate, Solu-Medrol, aspirin and tacrolimus; see you in April."
    assert unknown_drug_names(text, frozenset({"tacrolimus", "solu-medrol"})) == {"Methotrexate", "aspirin"}

"""The CATR-PAT content itself: it passes the check and covers what patients ask."""

from __future__ import annotations

import calendar

import pytest

from bot.content.checks import MAX_GRADE, check_content
from bot.content.models import FaqEntry, TrialFacts
from bot.content.readability import grade

# Topics the assistant must be able to answer (the brief for the FAQ); more entries are welcome.
REQUIRED_IDS = [
    "study_purpose",
    "antisynthetase_syndrome",
    "interstitial_lung_disease",
    "antibodies",
    "treatment_groups",
    "cyclophosphamide",
    "azathioprine",
    "tacrolimus",
    "steroids",
    "brand_names",
    "duration",
    "randomisation",
    "open_label",
    "phase_3",
    "participant_numbers",
    "sponsor",
    "sites",
    "recruitment_status",
    "identifiers",
    "who_can_join",
    "age",
    "diagnosis_needed",
    "lung_function_tests",
    "previous_treatments",
    "pregnancy_breastfeeding",
    "contraception",
    "infections",
    "cancer",
    "heart_rhythm",
    "social_security",
    "cost",
    "visits",
    "side_effects",
    "leaving_study",
    "data_privacy",
    "contact_coordinator",
]


def _by_id(entries: list[FaqEntry]) -> dict[str, FaqEntry]:
    return {entry.id: entry for entry in entries}


def test_real_content_passes_the_content_check(real_entries, trial: TrialFacts) -> None:
    assert [str(problem) for problem in check_content(real_entries, trial)] == []


@pytest.mark.parametrize("entry_id", REQUIRED_IDS)
def test_required_topic_has_an_entry(real_entries, entry_id: str) -> None:
    assert entry_id in _by_id(real_entries)


def test_every_answer_reads_at_grade_10_or_below(real_entries) -> None:
    too_hard = {entry.id: grade(entry.answer) for entry in real_entries if grade(entry.answer) > MAX_GRADE}
    assert too_hard == {}


def test_recruitment_answer_names_both_sources_the_date_checked_and_a_coordinator(
    real_entries, trial: TrialFacts
) -> None:
    answer = _by_id(real_entries)["recruitment_status"].answer
    year, month = trial.recruitment_last_checked.split("-")
    assert "Not yet recruiting" in answer
    assert "registry" in answer
    assert f"checked in {calendar.month_name[int(month)]} {year}" in answer
    assert "coordinator" in answer


def test_answers_point_to_the_assistant_referral_not_to_invented_contacts(real_entries) -> None:
    entries = _by_id(real_entries)
    assert "talk to a person" in entries["contact_coordinator"].answer
    assert "delete my data" in entries["data_privacy"].answer
    for entry in real_entries:
        assert "@" not in entry.answer and "http" not in entry.answer.lower(), entry.id


def test_social_security_answer_warns_against_sharing_numbers_or_bank_details(real_entries) -> None:
    answer = _by_id(real_entries)["social_security"].answer
    assert "never ask" in answer and "bank details" in answer


def test_every_entry_has_at_least_ten_questions(real_entries) -> None:
    assert {entry.id for entry in real_entries if len(entry.questions) < 10} == set()

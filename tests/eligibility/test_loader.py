"""The criteria file: what it must contain, and errors that name the file, entry and problem."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.eligibility import CriteriaError, CriteriaSet, load_criteria

SLOT_ORDER = [  # the non-medical disqualifiers first: nobody hands over health data for nothing
    "age",
    "social_security",
    "antibody",
    "ild_on_ct",
    "recent_drugs",
    "drug_failed_before",
    "pregnancy",
    "checklist",
    "lung_function",
    "contraception",
]
FORBIDDEN = re.compile(r"you are eligible|you're eligible|enrolled", re.IGNORECASE)


def _criterion(raw: dict[str, Any], cid: str) -> dict[str, Any]:
    return next(entry for entry in raw["criteria"] if entry["id"] == cid)


def _person_texts(criteria: CriteriaSet) -> list[str]:
    texts = [criteria.texts.likely_eligible, criteria.texts.needs_review, criteria.texts.not_eligible]
    texts += [criteria.texts.alternatives, criteria.texts.review_intro]
    for spec in criteria.slots:
        texts += [spec.prompt, spec.why_we_ask, spec.reask]
    for criterion in criteria.criteria:
        texts += [criterion.label, criterion.why, criterion.not_eligible_text]
    return texts


def test_criteria_file_loads_with_a_version_string(criteria: CriteriaSet) -> None:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}\.\d+", criteria.version)
    assert criteria.trial == "NCT03770663"


def test_slots_come_in_the_agreed_order(criteria: CriteriaSet) -> None:
    assert list(criteria.slot_names) == SLOT_ORDER


def test_every_asked_criterion_cites_the_study_record(criteria: CriteriaSet) -> None:
    for criterion in criteria.criteria:
        assert re.match(r"study-record\.txt: (Inclusion|Exclusion) \d+", criterion.source), criterion.id


def test_every_slot_has_a_question_why_and_reask(criteria: CriteriaSet) -> None:
    for spec in criteria.slots:
        assert spec.question and spec.why_we_ask and spec.reask, spec.name


def test_checklist_prompt_lists_seven_numbered_items(criteria: CriteriaSet) -> None:
    prompt = criteria.slot("checklist").prompt
    for number in range(1, 8):
        assert f"\n{number}. " in prompt
    assert "potassium" in prompt and "prednisone" in prompt


def test_social_security_question_says_not_to_share_any_number(criteria: CriteriaSet) -> None:
    question = criteria.slot("social_security").question
    assert "don't share any number" in question


def test_lung_function_why_explains_fvc_and_dlco(criteria: CriteriaSet) -> None:
    why = criteria.slot("lung_function").why_we_ask
    assert "FVC is" in why and "DLCO is" in why


def test_no_text_promises_a_place_or_asks_for_money(criteria: CriteriaSet) -> None:
    for text in _person_texts(criteria):
        assert not FORBIDDEN.search(text), text
        assert not re.search(r"\b(bank|payment|iban)\b", text, re.IGNORECASE), text


def test_criteria_checked_by_the_study_team_have_no_slot(criteria: CriteriaSet) -> None:
    team = {c.id for c in criteria.criteria if c.slot is None}
    assert team == {"I2", "I7", "E2"}


def test_missing_file_error_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(CriteriaError, match=r"nowhere\.yml"):
        load_criteria(tmp_path / "nowhere.yml")


def test_bad_rule_error_names_the_file_and_criterion(
    raw_criteria: dict[str, Any], write_criteria: Callable[[dict[str, Any]], Path]
) -> None:
    _criterion(raw_criteria, "I1")["rule"] = {"min_age": "eighteen"}
    path = write_criteria(raw_criteria)
    with pytest.raises(CriteriaError) as error:
        load_criteria(path)
    assert str(path) in str(error.value)
    assert "criterion 'I1'" in str(error.value) and "min_age" in str(error.value)


@pytest.mark.parametrize(
    ("cid", "change", "expected"),
    [
        (
            "E8",
            {"rule": {"drugs": ["azathioprine"], "window_months": 6, "when_unknown": "maybe"}},
            "when_unknown",
        ),
        ("E1", {"rule": {"exclude_if": True}}, "exclude_if"),
        ("E1", {"kind": "sometimes"}, "kind"),
        ("E1", {"slot": "favourite_colour"}, "favourite_colour"),
        ("E1", {"why": ""}, "why"),
        ("E1", {"source": "my notes"}, "source"),
        ("E1", {"colour": "red"}, "unknown key"),
        ("E3", {"keywords": []}, "keywords"),
        ("E4", {"not_eligible_text": "Sorry, you are eligible after all"}, "you are eligible"),
    ],
)
def test_invalid_criterion_error_names_the_criterion_and_the_field(
    raw_criteria: dict[str, Any],
    write_criteria: Callable[[dict[str, Any]], Path],
    cid: str,
    change: dict[str, Any],
    expected: str,
) -> None:
    _criterion(raw_criteria, cid).update(change)
    with pytest.raises(CriteriaError, match=rf"criterion '{cid}'.*{expected}"):
        load_criteria(write_criteria(raw_criteria))


def test_duplicate_criterion_id_is_refused(
    raw_criteria: dict[str, Any], write_criteria: Callable[[dict[str, Any]], Path]
) -> None:
    raw_criteria["criteria"].append(dict(_criterion(raw_criteria, "I1")))
    with pytest.raises(CriteriaError, match="'I1' appears twice"):
        load_criteria(write_criteria(raw_criteria))


def test_unquoted_yes_no_phrase_keys_get_a_clear_message(
    tmp_path: Path, raw_criteria: dict[str, Any]
) -> None:
    import yaml

    text = yaml.safe_dump(raw_criteria, allow_unicode=True, sort_keys=False).replace("'yes':", "yes:")
    path = tmp_path / "criteria.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CriteriaError, match='quote the keys "yes" and "no"'):
        load_criteria(path)


def test_unquoted_version_is_refused(
    raw_criteria: dict[str, Any], write_criteria: Callable[[dict[str, Any]], Path]
) -> None:
    raw_criteria["version"] = 20261125
    with pytest.raises(CriteriaError, match="version must be a quoted string"):
        load_criteria(write_criteria(raw_criteria))


def test_checklist_items_must_be_numbered_without_gaps(
    raw_criteria: dict[str, Any], write_criteria: Callable[[dict[str, Any]], Path]
) -> None:
    _criterion(raw_criteria, "E7")["item"] = 9
    with pytest.raises(CriteriaError, match=r"slot 'checklist': checklist items must be numbered 1\.\.7"):
        load_criteria(write_criteria(raw_criteria))


def test_slot_without_any_criterion_is_refused(
    raw_criteria: dict[str, Any], write_criteria: Callable[[dict[str, Any]], Path]
) -> None:
    raw_criteria["criteria"] = [c for c in raw_criteria["criteria"] if c["id"] != "I3"]
    with pytest.raises(CriteriaError, match="slot 'social_security': no criterion uses this slot"):
        load_criteria(write_criteria(raw_criteria))

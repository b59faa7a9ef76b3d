"""The check before saving: how a reply to "here is what you told me, is that right?" is read."""

from __future__ import annotations

from datetime import date

import pytest

from bot.eligibility import default_criteria
from bot.eligibility.answers import parse_answer
from bot.eligibility.summary import (
    PICK,
    STEP_SLOT,
    SUMMARY_SLOT,
    check_events,
    pick_buttons,
    read_check,
    summary_buttons,
    summary_text,
)
from tests.eligibility.conftest import GOOD_REPLIES

TODAY = date(2026, 12, 1)
GIVEN = {**GOOD_REPLIES, "pregnancy": "not applicable", "lung_function": "FVC 65%"}


@pytest.fixture(scope="module")
def answers() -> dict:
    criteria = default_criteria()
    return {slot: parse_answer(slot, text, TODAY, criteria) for slot, text in GIVEN.items()}


def test_the_summary_lists_every_answer_as_the_rules_read_it_numbered_in_order(answers) -> None:
    shown = summary_text(default_criteria(), answers, TODAY)
    assert (
        "1. Age: 54\n2. French social security cover: Yes\n3. Antibody found by the blood test: Jo-1\n"
        in shown
    )
    assert "5. Study medicines in the last 6 months: None taken" in shown
    assert "9. Breathing tests lower than expected: Yes" in shown  # FVC 65% read as lower
    assert shown.rstrip().endswith('for example "my age is 46".')
    assert "{" not in shown and "'status'" not in shown  # no raw values


def test_the_french_summary_is_in_french_with_english_button_words(answers) -> None:
    shown = summary_text(default_criteria(), answers, TODAY, "fr")
    assert (
        "1. Âge : 54" in shown and "Sécurité sociale française : Oui" in shown and "Est-ce juste ?" in shown
    )
    buttons = summary_buttons("fr")
    assert [b["title"] for b in buttons] == ["Oui, c'est juste", "Changer une réponse"]
    assert [b["payload"] for b in buttons] == ["Yes, that's right", "Change an answer"]


def test_only_the_answered_questions_are_listed_and_offered_for_a_change() -> None:
    criteria = default_criteria()
    answers = {"age": parse_answer("age", "17", TODAY, criteria)}
    assert "1. Age: 17\n\n" in summary_text(criteria, answers, TODAY)
    titles = [b["title"] for b in pick_buttons(criteria, answers, "fr")]
    payloads = [b["payload"] for b in pick_buttons(criteria, answers, "fr")]
    assert titles == ["Âge", "Tout garder"] and payloads == ["Age", "Keep them all"]


@pytest.mark.parametrize(
    ("reply", "language", "kind", "slot"),
    [
        ("Yes, that's right", "en", "confirmed", None),
        ("yes", "en", "confirmed", None),
        ("yep all good", "en", "confirmed", None),
        ("thats all correct thank you", "en", "confirmed", None),
        ("oui c'est bon", "fr", "confirmed", None),
        ("no", "en", "change", None),
        ("Change an answer", "en", "change", None),
        ("non", "fr", "change", None),
        ("Age", "en", "pick", "age"),  # a pick button sends the English topic
        ("3", "en", "pick", "antibody"),  # a line's number
        ("the 2nd one", "en", "pick", "social_security"),
        ("the scan one is wrong", "en", "pick", "ild_on_ct"),
        ("yes but my age is wrong", "en", "pick", "age"),
        ("changer l'âge", "fr", "pick", "age"),
        ("my age is 46", "en", "correction", "age"),
        ("I'm 46", "en", "correction", "age"),
        ("no wait im 45", "en", "correction", "age"),
        ("no the antibody is PL-7", "en", "correction", "antibody"),
        ("my age is wrong, I'm 45 not 54", "en", "correction", "age"),  # the value beside "wrong"
        ("the antibody is wrong, it's PL-7 not Jo-1", "en", "correction", "antibody"),
        ("the antibody is wrong", "en", "pick", "antibody"),  # no value: asked again
        ("the social security one is wrong", "en", "pick", "social_security"),  # a "wrong" is no "no"
        ("no my scan was normal", "en", "correction", "ild_on_ct"),
        ("Non, j'ai 46 ans", "fr", "correction", "age"),
        ("what does DLCO mean?", "en", "unclear", None),  # a question: answered, then asked again
        ("hmm", "en", "unclear", None),
        ("not sure", "en", "unclear", None),
    ],
)
def test_a_reply_to_the_summary_is_read_for_what_it_says(answers, reply, language, kind, slot) -> None:
    check = read_check(reply, default_criteria(), answers, TODAY, language)
    assert (check.kind, check.slot) == (kind, slot)


def test_a_correction_carries_the_new_answer(answers) -> None:
    check = read_check("my age is 46", default_criteria(), answers, TODAY)
    assert check.answer is not None and check.answer.value == 46
    assert check_events(check) == {"age": check.answer.to_dict(), STEP_SLOT: None}


def test_saying_the_answer_already_shown_is_no_correction(answers) -> None:
    assert read_check("yes I'm 54", default_criteria(), answers, TODAY).kind == "confirmed"


@pytest.mark.parametrize(("reply", "kind"), [("Keep them all", "keep"), ("no", "keep"), ("5", "pick")])
def test_while_picking_nothing_to_change_goes_back_to_the_summary(answers, reply, kind) -> None:
    assert read_check(reply, default_criteria(), answers, TODAY, picking=True).kind == kind


def test_what_each_reply_sets() -> None:
    from bot.eligibility.summary import Check

    assert check_events(Check("confirmed")) == {SUMMARY_SLOT: "yes", STEP_SLOT: None}
    assert check_events(Check("change")) == {STEP_SLOT: PICK}
    assert check_events(Check("pick", "age")) == {"age": None, STEP_SLOT: None}  # asked again
    assert check_events(Check("unclear")) == {}

"""Dated history, general questions, readings, and how the classifier's verdict is chosen.

Messages here are written for the tests, never taken from the held-out sets.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import ClassVar

import pytest

from bot.safety import classifier, screen
from bot.safety.classifier import Guess
from bot.safety.lexicon import LexiconError, load_lexicons, min_risk

screen_module = importlib.import_module("bot.safety.screen")


@pytest.mark.parametrize(
    "text",
    [
        "had febrile fits as a toddler, nothing since",
        "my mum collapsed once in 2012 from low sugar, she's diabetic, can she still join",
        "they put me in intensive care in 2019 when my lungs first flared",
        "mon pere a fait un infarctus en 2014, ca compte ?",
    ],
)
def test_dated_history_told_for_the_record_does_not_trigger(text: str) -> None:
    assert screen(text, learned=False) is None


def test_a_new_event_after_the_history_still_triggers() -> None:
    verdict = screen("he had a seizure in 2015 and he is fitting again right now", learned=False)
    assert verdict is not None and verdict.category == "emergency"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("white cells came back at 1.1 on today's bloods, they were 4 last month", "urgent"),
        ("creatinine 190 sur le bilan d hier, il etait a 80 le mois dernier", "urgent"),
    ],
)
def test_a_recent_word_next_to_the_trigger_outweighs_a_past_phrase(text: str, category: str) -> None:
    verdict = screen(text, learned=False)
    assert verdict is not None and verdict.category == category


def test_a_new_event_said_again_outweighs_a_reassurance_that_reads_like_history() -> None:
    verdict = screen("collapsed on the stairs again this evening, totally fine though", learned=False)
    assert verdict is not None and verdict.category == "emergency"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("temp 38.6 on tacrolimus", "emergency"),
        ("fever 101.5 since lunch", "emergency"),
        ("temperature 38.2 tonight", "urgent"),
        ("j ai 38,4 de fievre ce soir", "urgent"),
    ],
)
def test_a_high_fever_on_these_medicines_starts_at_38_5(text: str, category: str) -> None:
    verdict = screen(text, learned=False)
    assert verdict is not None and verdict.category == category


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("potassium 6.9 on today's bloods", "emergency"),
        ("kaliémie à 5,8 sur le bilan", "urgent"),
        ("potassium came back at 2.9", "urgent"),
    ],
)
def test_a_potassium_reading_is_read_in_mmol_per_litre(text: str, category: str) -> None:
    verdict = screen(text, learned=False)
    assert verdict is not None and verdict.category == category


@pytest.mark.parametrize(
    "text",
    [
        "our dog had a seizure at christmas, the vet says he is fine. what do the visits involve?",
        "my brother drives an ambulance, can he bring me to the hospital for the visits",
        "imaginons que j'aie de la fièvre pendant les vacances, je contacte qui ?",
    ],
)
def test_a_pet_a_job_or_a_supposition_is_not_a_danger(text: str) -> None:
    assert screen(text, learned=False) is None


def test_a_firm_trigger_is_not_discounted_by_a_general_phrase() -> None:
    """ "! <pattern>" (lexicon): a plan to stop a medicine all at once, asked "just to know", still
    gets the advice reply; the same words without the mark are discounted."""
    verdict = screen("if someone stopped their prograf abruptly would it be bad, just curious", learned=False)
    assert verdict is not None and verdict.category == "advice"
    verdict = screen("si on arrête l'imurel d'un coup c'est dangereux ? juste pour savoir", learned=False)
    assert verdict is not None and verdict.category == "advice"
    assert (
        screen(
            "can you overdose on azathioprine in general, just wondering how they keep people safe",
            learned=False,
        )
        is None
    )


@pytest.mark.parametrize(
    "text",
    [
        "suddenly i cant see anything out of my left eye",
        "il voit plus rien de l oeil gauche depuis ce matin",
    ],
)
def test_sight_lost_suddenly_is_an_emergency(text: str) -> None:
    verdict = screen(text, learned=False)
    assert verdict is not None and verdict.category == "emergency"


def test_something_read_about_an_overdose_is_a_general_question() -> None:
    assert (
        screen("i read that an overdose of azathioprine hurts the liver, how do they check", learned=False)
        is None
    )


def test_a_past_phrase_alone_still_discounts_an_old_lab_value() -> None:
    assert screen("my white cells were a bit low last month, all fine now", learned=False) is None


@pytest.mark.parametrize(
    "text",
    [
        "can you overdose on azathioprine in general, just wondering how they keep people safe",
        "what tacrolimus level do they target in the protocol",
        "is 15 the number for an ambulance in paris",
        "le taux cible de prograf dans l essai c combien",
    ],
)
def test_general_and_study_questions_do_not_trigger(text: str) -> None:
    assert screen(text, learned=False) is None


def test_a_general_question_never_hides_a_crisis() -> None:
    verdict = screen("just curious, how much tacrolimus would be lethal for me", learned=False)
    assert verdict is not None and verdict.category == "self_harm"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("worse since 2h, sats 86 on the clip", "emergency"),
        ("tension 19/11 ce soir sous tacrolimus", "emergency"),
        ("feeling hot, 38.3 on the thermometer", "urgent"),
    ],
)
def test_a_reading_is_read_whatever_number_comes_before_it(text: str, category: str) -> None:
    verdict = screen(text, learned=False)
    assert verdict is not None and verdict.category == category, verdict


@pytest.mark.parametrize(
    "text",
    [
        "is it okay to come off the prednisone before the trial starts",
        "would it be sensible to switch my tacrolimus to the evening",
        "my fvc is 61, is that a big drop from 70",
    ],
)
def test_multi_word_alternatives_written_as_groups_match(text: str) -> None:
    verdict = screen(text, learned=False)
    assert verdict is not None and verdict.category == "advice", verdict


def test_a_crisis_the_model_finds_nearly_as_likely_as_advice_gets_the_crisis_reply(monkeypatch) -> None:
    monkeypatch.setattr(screen_module, "guess", lambda _: Guess("self_harm", 0.97, ("self_harm", "advice")))
    verdict = screen_module._learned("any text", load_lexicons())
    assert verdict is not None and verdict.category == "self_harm"


def test_every_category_nearly_as_likely_as_the_top_one_is_a_candidate_most_serious_first(
    monkeypatch,
) -> None:
    class Model:
        classes_: ClassVar[list[str]] = ["advice", "emergency", "none", "self_harm", "urgent"]

    monkeypatch.setattr(classifier, "_model", Model)
    monkeypatch.setattr(classifier, "predict_proba", lambda model, text: [0.50, 0.05, 0.03, 0.30, 0.12])
    found = classifier.guess("any text")
    assert found is not None and found.candidates == ("self_harm", "advice") and found.category == "self_harm"
    assert found.risk == pytest.approx(0.97)


def test_each_category_is_answered_from_its_own_minimum_risk(monkeypatch) -> None:
    risk = (min_risk("emergency") + min_risk("advice")) / 2
    assert min_risk("emergency") < risk < min_risk("advice")
    monkeypatch.setattr(screen_module, "guess", lambda _: Guess("emergency", risk, ("emergency",)))
    assert screen_module._learned("any text", load_lexicons()).category == "emergency"
    monkeypatch.setattr(screen_module, "guess", lambda _: Guess("advice", risk, ("advice",)))
    assert screen_module._learned("any text", load_lexicons()) is None


def test_a_minimum_risk_for_an_unknown_category_is_refused(tmp_path: Path) -> None:
    (tmp_path / "classifier.yml").write_text("min_risk: 0.9\nmin_risk_by_category: {panic: 0.5}\n")
    with pytest.raises(LexiconError, match="min_risk_by_category"):
        min_risk("emergency", tmp_path)


def test_the_classifier_reads_a_message_as_its_pipeline_does() -> None:
    """The shortcut past the pipeline's job scheduling gives the pipeline's own probabilities."""
    model = classifier._model()
    for text in ("i cant breathe", "jpp respirer depuis ce matin", "how long is the study", "x"):
        expected = model.predict_proba([text])[0]
        assert list(classifier.predict_proba(model, text)) == pytest.approx(list(expected), abs=1e-12)


@pytest.mark.parametrize(
    "text",
    [
        "mon père a 102F de fièvre depuis ce matin et il tremble",
        "sat 85 sur l'oxymètre de mon mari, il est tout gris",
    ],
)
def test_a_french_message_gets_the_french_reply_whichever_lexicon_caught_it(text: str) -> None:
    verdict = screen(text)
    french = next(lexicon for lexicon in load_lexicons() if lexicon.language == "fr")
    assert verdict is not None and verdict.category == "emergency"
    assert (verdict.language, verdict.reply) == ("fr", french.replies["emergency"])


def test_a_reading_too_short_to_tell_its_language_keeps_the_reply_of_what_caught_it() -> None:
    verdict = screen("sats 84")
    assert verdict is not None and verdict.category == "emergency" and verdict.language in ("en", "fr")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a negated list stops at a word of doubt, and never hides a crisis
        ("no clue whether it's the flu or pneumonia, i think i have pneumonia", "urgent"),
        ("not sure if he fainted or had a seizure, he's not waking up properly", "emergency"),
        ("never had a fever or suicidal thoughts before, but now i want to end my life", "self_harm"),
        # a negation ends with its sentence
        ("no fever. cant breathe properly since lunch and my lips look grey", "emergency"),
        ("nope not that. i keep thinking everyone would be better off without me", "self_harm"),
        # a year of birth is no dated history
        ("born in 1951 and I'm so breathless I can't get off the floor", "emergency"),
        ("née en 1950, je suis par terre et j'arrive plus à me relever", "emergency"),
    ],
)
def test_a_red_flag_is_read_past_what_only_looks_like_a_discount(text: str, category: str) -> None:
    verdict = screen(text)
    assert verdict is not None and verdict.category == category


def test_a_question_mark_does_not_cut_a_general_question_from_its_context() -> None:
    assert (
        screen("chest pain is a side effect to report, right? just reading the leaflet, all fine here")
        is None
    )

"""Answer first: a pending question decides what a message means (bot/eligibility/routing.py)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.eligibility import default_criteria
from bot.eligibility.conversation import contact_in_text, person_agrees, speaks_for_other, wants_to_take_part
from bot.eligibility.routing import State, is_explicit_yes, route

TODAY = date(2026, 12, 1)
CRITERIA = default_criteria()


def _route(text: str, intent: str = "faq", **state: str | None) -> str | None:
    full = {"active_loop": None, "requested_slot": None, "last_action": None, **state}
    return route(State(**full), text, intent, CRITERIA, TODAY)


def test_a_breathing_test_figure_is_an_answer_not_a_study_question() -> None:
    assert (
        _route("my dlco came back at 55", active_loop="prescreen_form", requested_slot="lung_function")
        == "inform"
    )


def test_a_real_question_mid_prescreen_stays_a_question() -> None:
    assert _route("where is the hospital?", active_loop="prescreen_form", requested_slot="age") is None


def test_stop_is_never_read_as_an_answer() -> None:
    state = {"active_loop": "prescreen_form", "requested_slot": "pregnancy"}
    assert _route("stop please", intent="stop_prescreen", **state) is None


@pytest.mark.parametrize(
    ("text", "slot"),
    [
        ("Funnel Tester", "contact_name"),
        ("Marie Dupont", "contact_name"),
        ("54", "age"),
        ("none", "checklist"),
    ],
)
def test_an_answer_the_model_reads_as_stop_is_an_answer(text: str, slot: str) -> None:
    """Measured: "Funnel Tester" at the name question was read as stop_prescreen (0.79) and lost."""
    loop = "contact_form" if slot.startswith("contact_") else "prescreen_form"
    assert _route(text, intent="stop_prescreen", active_loop=loop, requested_slot=slot) == "inform"


@pytest.mark.parametrize(
    "text", ["stop", "Stop, I'll finish later", "arrête", "je veux plus continuer", "cancel this"]
)
def test_a_stop_word_keeps_stop_even_at_a_question(text: str) -> None:
    state = {"active_loop": "contact_form", "requested_slot": "contact_name"}
    assert _route(text, intent="stop_prescreen", **state) is None


def test_an_email_at_the_contact_offer_is_a_yes() -> None:
    assert _route("reach me at bob.k@example.net", last_action="utter_offer_contact") == "affirm"


@pytest.mark.parametrize("intent", ["human_handoff", "stop_prescreen", "faq", "greet"])
def test_a_name_at_the_contact_offer_is_a_yes_whatever_the_model_read(intent: str) -> None:
    assert _route("Thomas Müller", intent=intent, last_action="utter_offer_contact") == "affirm"


def test_asking_for_a_person_at_the_contact_offer_is_kept() -> None:
    text = "can I talk to a real person"
    assert _route(text, intent="human_handoff", last_action="utter_offer_contact") is None


@pytest.mark.parametrize("text", ["gdpr?", "how do i reset my iphone"])
def test_a_start_reading_with_no_word_of_joining_is_not_acted_on(text: str) -> None:
    assert _route(text, intent="start_prescreen") == "nlu_fallback"


@pytest.mark.parametrize(
    "text",
    ["am i eligable", "pre-screen", "i'd like to volunteer", "inscrivez moi", "how do i get into this study"],
)
def test_a_start_reading_with_a_word_of_joining_is_kept(text: str) -> None:
    assert _route(text, intent="start_prescreen") in (None, "start_prescreen")


def test_a_start_reading_naming_the_disease_is_kept() -> None:
    text = "coucou, g une myosite avec anti jo-1, on m'a dit que c'etait que pour les adultes l'etude?"
    assert _route(text, intent="start_prescreen") in (None, "start_prescreen")


def test_a_name_read_as_start_at_the_contact_offer_is_a_yes() -> None:
    assert _route("Karim Benali", intent="start_prescreen", last_action="utter_offer_contact") == "affirm"


def test_asking_what_a_word_means_in_a_story_is_not_a_wish_to_be_checked() -> None:
    text = "my mum has scarring in her lungs and they call it ild, whats that"
    assert _route(text, intent="nlu_fallback") is None


def test_no_thanks_at_the_contact_offer_is_a_no() -> None:
    assert _route("no thank you", intent="deny", last_action="utter_offer_contact") == "deny"


@pytest.mark.parametrize(
    "text",
    [
        "my grandmother was found to have anti-PL12 and lung scarring, could she enter the trial?",
        "I've got jo1 and my pulmonologist told me about your study",
        "is it possible for me to take part? I have antisynthetase",
    ],
)
def test_wanting_to_take_part_starts_consent_even_inside_a_story(text: str) -> None:
    assert wants_to_take_part(text)
    assert _route(text) == "start_prescreen"


@pytest.mark.parametrize("text", ["what does the study involve?", "how many visits are there", "hello"])
def test_plain_questions_do_not_start_the_prescreen(text: str) -> None:
    assert not wants_to_take_part(text)


def test_a_relative_is_recognised_and_their_agreement_too() -> None:
    assert speaks_for_other("my uncle has jo-1 with ild, can he join?")
    assert not speaks_for_other("I have jo-1 with ild, can I join?")
    assert person_agrees("yes, he told me he's fine with it")
    assert not person_agrees("yes")


def test_name_and_phone_in_one_message_are_both_kept() -> None:
    found = contact_in_text("Bea Schmidt, +33 6 55 44 33 21")
    assert found.name == "Bea Schmidt" and found.phone == "+33 6 55 44 33 21" and found.email is None


def test_a_refusal_is_not_a_name() -> None:
    assert not contact_in_text("no thanks, not now").any


@pytest.mark.parametrize(
    ("text", "intent"),
    [("yes that's right", "affirm"), ("no", "deny"), ("oui c'est bon", "affirm"), ("my age is 46", "faq")],
)
def test_a_reply_to_the_check_before_saving_is_an_answer_to_it(text: str, intent: str) -> None:
    state = {"active_loop": "prescreen_form", "requested_slot": "answers_checked"}
    assert _route(text, intent=intent, **state) == "inform"


def test_a_study_question_at_the_check_before_saving_stays_a_question() -> None:
    state = {"active_loop": "prescreen_form", "requested_slot": "answers_checked"}
    assert _route("how long does the study last?", intent="faq", **state) is None
    assert _route("stop", intent="stop_prescreen", **state) is None


def test_an_answer_the_model_reads_as_asking_for_a_person_is_an_answer() -> None:
    state = {"active_loop": "prescreen_form", "requested_slot": "contraception"}
    assert _route("I'd have to talk to my partner first", intent="human_handoff", **state) == "inform"
    assert _route("can I talk to a coordinator", intent="human_handoff", **state) is None


def test_an_opening_the_model_reads_as_asking_for_a_person_starts_the_prescreen() -> None:
    opening = "hello, jo1 positive, short of breath, is this study for me"
    assert _route(opening, intent="human_handoff") == "start_prescreen"
    assert _route("i want to speak to someone", intent="human_handoff") is None
    assert _route("je voudrais parler à quelqu'un", intent="human_handoff") is None


@pytest.mark.parametrize(
    "opening",
    [
        "bonjour, j'ai un syndrome des antisynthétases avec atteinte pulmonaire, je peux faire l'essai ?",
        "c'est pour ma mère, elle a la myosite avec anti-synthétase, elle pourrait être prise ?",
        "je suis intéressée par l'essai CATR-PAT",
        "est ce que je rentre dans les critères",
        "slt jai une pneumopathie interstitielle et un anti pl12 c possible pour moi",
        "bjr mon mari a des poumons abimés a cause de la maladie des antisynthetases, il peut venir ?",
    ],
)
def test_a_french_opening_that_wants_to_take_part_is_read_so(opening: str) -> None:
    assert wants_to_take_part(opening)


@pytest.mark.parametrize(
    "question",
    [
        "combien de temps dure l'essai",
        "c'est quoi une PID",
        "est-ce que l'étude est payante",
        "où se passe l'étude",
    ],
)
def test_a_french_study_question_is_not_a_wish_to_take_part(question: str) -> None:
    assert not wants_to_take_part(question)


@pytest.mark.parametrize("intent", ["greet", "nlu_fallback", "out_of_scope", "inform"])
def test_a_story_about_ones_own_disease_the_model_has_no_answer_for_offers_the_prescreen(intent: str) -> None:
    assert (
        _route("bonjour, ma mère a un anti-PL7 et une fibrose pulmonaire", intent=intent) == "start_prescreen"
    )
    assert _route("hi, my husband has jo-1 and ILD", intent=intent) == "start_prescreen"
    assert _route("bonjour", intent=intent) is None  # no story: as the model reads it
    assert _route("what is ILD?", intent="faq") is None  # a question the model knows stays one


def test_a_story_the_faq_reader_is_not_sure_about_offers_the_prescreen() -> None:
    state = State(None, None, None)
    story = "mon pere a une myosite anti-jo1 avec les poumons touchés"
    assert route(state, story, "faq", CRITERIA, TODAY, unsure=True) == "start_prescreen"
    assert route(state, story, "faq", CRITERIA, TODAY) is None  # a sure answer stays the answer


@pytest.mark.parametrize(
    "answer",
    ["il a arrêté l'advagraf l'an dernier", "j'ai arrêté l'imurel début mai", "stopped imurel in may"],
)
def test_a_medicine_stopped_is_an_answer_not_a_wish_to_stop(answer: str) -> None:
    state = {"active_loop": "prescreen_form", "requested_slot": "recent_drugs"}
    assert _route(answer, intent="stop_prescreen", **state) == "inform"


def test_stopping_the_questions_is_still_stopping_when_a_medicine_is_named() -> None:
    state = {"active_loop": "prescreen_form", "requested_slot": "recent_drugs"}
    assert _route("stop, i dont want to talk about my prograf", intent="stop_prescreen", **state) is None
    assert _route("arrêtez les questions", intent="stop_prescreen", **state) is None


def test_an_answer_the_model_reads_as_erasing_is_an_answer_unless_it_says_erase() -> None:
    state = {"active_loop": "prescreen_form", "requested_slot": "recent_drugs"}
    answer = "azathioprine pendant 2 ans, je sais plus quand j'ai arrêté, faudrait que je regarde"
    assert _route(answer, intent="delete_data", **state) == "inform"
    assert _route("supprimez mes données", intent="delete_data", **state) is None
    assert _route("delete my data", intent="delete_data", **state) is None


@pytest.mark.parametrize(
    ("typed", "name"),
    [("Sophie Martin (sa fille)", "Sophie Martin"), ("Anna Smith (her daughter)", "Anna Smith")],
)
def test_a_name_with_an_aside_about_who_writes_is_the_name(typed: str, name: str) -> None:
    assert contact_in_text(typed).name == name


@pytest.mark.parametrize(
    "opening",
    [
        "bonjour, mon rhumatologue m'a parlé de cet essai",
        "je voudrais me renseigner sur l'étude pour mon mari",
        "my rheumatologist suggested I look at this trial",
    ],
)
def test_being_sent_by_a_doctor_or_asking_about_the_study_for_oneself_is_interest(opening: str) -> None:
    assert wants_to_take_part(opening)


@pytest.mark.parametrize(
    ("text", "agrees"),
    [("he's fine with it", True), ("she agrees", True), ("not happy with that", False), ("I'm fine", False)],
)
def test_a_relative_agreeing_in_other_words_is_a_yes(text: str, agrees: bool) -> None:
    assert is_explicit_yes(text) is agrees

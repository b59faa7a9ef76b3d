"""Answer first: which intent a message really carries, given the question the person was asked.

NLU reads a message on its own; a pending question changes what it means ("FVC 65%" answers
the breathing-test question, an e-mail typed at the contact offer is a yes). The Rasa hook
(rasa_addons/prescreen_hook.py) asks ``route`` after NLU and before the rules, with the state of
the conversation; None keeps NLU's reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.eligibility.answers import parse_answer, yes_no_reading
from bot.eligibility.conversation import (
    asks_for_a_person,
    asks_to_delete,
    asks_to_start,
    asks_what_it_is,
    contact_in_text,
    says_no,
    says_stop,
    stopped_a_medicine_only,
    tells_own_disease,
    wants_to_take_part,
)
from bot.eligibility.corrections import detect_correction
from bot.eligibility.models import CriteriaSet
from bot.eligibility.summary import SUMMARY_SLOT, read_check
from bot.eligibility.volunteered import volunteered_answers

# Whatever the question, these keep their meaning: the person wants out, or a person, or safety.
ALWAYS_KEPT = frozenset({"stop_prescreen", "human_handoff", "delete_data", "emergency", "medical_advice"})
WANTS_OUT = frozenset({"stop_prescreen", "human_handoff", "delete_data"})
# Real questions while a question is pending: answered, then the question comes back.
QUESTIONS = frozenset({"faq", "why_ask", "bot_challenge"})
# What the model makes of a message it has no answer for: a greeting with a story, or nothing.
NOT_UNDERSTOOD = frozenset({"greet", "nlu_fallback", "out_of_scope"})
CONSENT_QUESTIONS = frozenset({"action_ask_consent", "action_ask_handoff_consent"})
CONTACT_OFFERS = frozenset({"utter_offer_contact"})
PRESCREEN_FORM, CONTACT_FORM, PROXY_SLOT = "prescreen_form", "contact_form", "proxy_agrees"
SPOKEN_LANGUAGES = ("en", "fr")  # the lexicons a yes or a no to the conversation's own questions is read with


@dataclass(frozen=True)
class State:
    """What the hook knows of the conversation: the open form, its question, the last bot action."""

    active_loop: str | None
    requested_slot: str | None
    last_action: str | None


def is_explicit_yes(text: str) -> bool:
    """A plain yes in either language we speak ("oui d'accord" was read as a goodbye)."""
    readings = [yes_no_reading(text, language) for language in SPOKEN_LANGUAGES]
    said_yes = any(r.value == "yes" for r in readings)
    return said_yes and not any(r.hedged or r.value in ("no", "unsure") for r in readings)


def _answers_prescreen(state: State, text: str, criteria: CriteriaSet, today: date) -> bool:
    slot = state.requested_slot or ""
    if slot == PROXY_SLOT:
        return any(yes_no_reading(text, language).value is not None for language in SPOKEN_LANGUAGES)
    if slot == SUMMARY_SLOT:  # the check before saving: the answers are not known here
        return any(
            read_check(text, criteria, {}, today, language).kind != "unclear" for language in SPOKEN_LANGUAGES
        )
    if slot not in criteria.slot_names:
        return False
    if parse_answer(slot, text, today, criteria).usable:
        return True
    if detect_correction(text, today, criteria, current_slot=slot) is not None:
        return True
    return bool(volunteered_answers([text], today, criteria))


def _answers_pending(state: State, text: str, criteria: CriteriaSet, today: date) -> bool:
    """The message answers the question the open form asked."""
    if not state.requested_slot:
        return False
    if state.active_loop == PRESCREEN_FORM:
        return _answers_prescreen(state, text, criteria, today)
    return state.active_loop == CONTACT_FORM and contact_in_text(text).any


def route(
    state: State, text: str, intent: str, criteria: CriteriaSet, today: date, unsure: bool = False
) -> str | None:
    """The intent to use instead of NLU's, or None to keep it. ``unsure``: the FAQ reader was not
    sure which study question this is ("is your question about one of these?")."""
    if not text or text.startswith("/"):
        return None
    details = contact_in_text(text)
    at_contact_step = state.active_loop == CONTACT_FORM or state.last_action in CONTACT_OFFERS
    if at_contact_step and (details.email or details.phone) and intent not in WANTS_OUT:
        return "inform" if state.active_loop == CONTACT_FORM else "affirm"  # an address is never an emergency
    asked_here = state.last_action in CONTACT_OFFERS | CONSENT_QUESTIONS  # their own readings below
    if (
        intent == "start_prescreen"
        and state.active_loop is None
        and not asked_here
        and not asks_to_start(text)
    ):
        return "nlu_fallback"  # "gdpr?" read as "check me": an honest "I didn't get that" instead
    medicine_stopped = intent == "stop_prescreen" and stopped_a_medicine_only(text)
    if intent == "stop_prescreen" and (not says_stop(text) or medicine_stopped):  # an answer read as "stop"
        if _answers_pending(state, text, criteria, today):  # "Funnel Tester" at the name question
            return "inform"
        if state.last_action in CONTACT_OFFERS and details.any:  # a name typed at the offer
            return "affirm"
    if (
        intent == "delete_data"
        and not asks_to_delete(text)
        and _answers_pending(state, text, criteria, today)
    ):
        return "inform"  # "la date d'arrêt je l'ai plus en tête": an answer, not an erasure
    if intent == "human_handoff" and not asks_for_a_person(text):  # the model read an answer as "a person"
        if _answers_pending(state, text, criteria, today):  # "I'd have to talk to my partner first"
            return "inform"
        if state.last_action in CONTACT_OFFERS and details.any:  # "Thomas Müller" at the offer
            return "affirm"
        if state.active_loop is None and wants_to_take_part(text):  # "is this study for me"
            return "start_prescreen"
    if intent in ALWAYS_KEPT:
        return None
    if state.active_loop == PRESCREEN_FORM and state.requested_slot:
        if _answers_prescreen(state, text, criteria, today):
            return "inform"
        return None if intent in QUESTIONS else "inform"  # anything else is an unusable answer
    if state.active_loop == CONTACT_FORM and state.requested_slot:
        if intent in QUESTIONS and not contact_in_text(text).any:
            return None
        return "inform"
    if state.last_action in CONSENT_QUESTIONS:
        if is_explicit_yes(text):
            return "affirm"
        return "deny" if says_no(text) else None
    if state.last_action in CONTACT_OFFERS:
        if contact_in_text(text).any or is_explicit_yes(text):
            return "affirm"
        return "deny" if says_no(text) else None
    if intent != "start_prescreen" and wants_to_take_part(text):
        return "start_prescreen"
    # an answer with no question pending ("a man of 34 with anti-OJ ILD") has no reply of its own
    not_understood = intent in NOT_UNDERSTOOD or intent == "inform" or (unsure and intent == "faq")
    if state.active_loop is None and not_understood and tells_own_disease(text) and not asks_what_it_is(text):
        return "start_prescreen"  # "hello, my mother has anti-PL7 and lung fibrosis": why they came
    return None

"""What every action shares: settings, criteria, consent texts and the database, loaded once per process."""

from __future__ import annotations

from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any

from rasa_sdk import Tracker

from bot.eligibility import Answer, CriteriaSet, default_criteria
from bot.leads.consent import ConsentTexts, load_consent
from bot.leads.crypto import Cipher, load_cipher
from bot.settings import Settings, get_settings
from bot.storage.db import Database, get_database
from bot.texts import DEFAULT_LANGUAGE, LANGUAGE

# Messages that are never an answer to a question, whatever the question.
NEVER_AN_ANSWER = frozenset(
    {"emergency", "medical_advice", "stop_prescreen", "human_handoff", "delete_data", "bot_challenge"}
)
# Messages that are an answer only when they parse as one (e.g. a question that names a drug).
# Not "out_of_scope": mostly keyboard mash (data/nlu/gibberish.yml), which in a question is an
# unusable answer: the question's own re-ask, counted towards offering a coordinator.
MAYBE_AN_ANSWER = frozenset({"faq", "why_ask", "greet", "goodbye", "thanks", "start_prescreen"})
# Button payloads like "/affirm" carry no text to parse: read them as the words they stand for.
PAYLOAD_WORDS = {"affirm": "yes", "deny": "no", "not_sure": "not sure"}


def settings() -> Settings:
    return get_settings()


@lru_cache(maxsize=1)
def criteria() -> CriteriaSet:
    return default_criteria()


@lru_cache(maxsize=1)
def consent_texts() -> ConsentTexts:
    return load_consent(settings().content_dir / "consent.yml", settings().retention_days)


def database() -> Database:
    return get_database(settings())


@lru_cache(maxsize=1)
def cipher() -> Cipher:
    return load_cipher(settings())


def today() -> date:
    """UTC today, unless CATR_PRESCREEN_TODAY pins it (tests replaying the frozen profiles)."""
    return settings().prescreen_today or datetime.now(timezone.utc).date()


def now() -> datetime:
    return datetime.now(timezone.utc)


def latest_intent(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


def latest_text(tracker: Tracker) -> str:
    """The person's words; for a button payload such as "/affirm", the word it stands for."""
    text = (tracker.latest_message.get("text") or "").strip()
    if text.startswith("/"):
        return PAYLOAD_WORDS.get(text[1:].split("{")[0], "")
    return text


def answers_from(tracker: Tracker) -> dict[str, Answer]:
    """The pre-screen answers given so far, as the domain's Answer objects."""
    answers: dict[str, Answer] = {}
    for name in criteria().slot_names:
        value: Any = tracker.get_slot(name)
        if isinstance(value, dict):
            answers[name] = Answer.from_dict(value)
    return answers


def language(tracker: Tracker) -> str:
    """The conversation's language for texts said by id (English until a ``language`` slot says otherwise)."""
    value = tracker.get_slot("language")
    return value if isinstance(value, str) and LANGUAGE.fullmatch(value) else DEFAULT_LANGUAGE

"""What every action shares: settings, criteria, consent texts and the database, loaded once per process;
and the conversation's language, which picks the texts (criteria and consent) an action says."""

from __future__ import annotations

from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any

from rasa_sdk import Tracker

from bot.chat.language import SPOKEN
from bot.eligibility import Answer, CriteriaSet, default_criteria, parse_answer
from bot.leads.consent import ConsentTexts, load_consent
from bot.leads.crypto import Cipher, load_cipher
from bot.settings import Settings, get_settings
from bot.storage.db import Database, get_database

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


DEFAULT_LANGUAGE = "en"
LANGUAGE_SLOT = "language"


def language(tracker: Tracker) -> str:
    """The conversation's language (the `language` slot, set by rasa_addons/language_hook.py)."""
    value = tracker.get_slot(LANGUAGE_SLOT)
    return value if value in SPOKEN else DEFAULT_LANGUAGE


@lru_cache(maxsize=4)
def criteria(language: str = DEFAULT_LANGUAGE) -> CriteriaSet:
    """The criteria with the texts of ``language`` (data/eligibility/<language>/criteria_texts.yml);
    the rules are the same in every language."""
    return default_criteria().in_language(language)


@lru_cache(maxsize=4)
def consent_texts(language: str = DEFAULT_LANGUAGE) -> ConsentTexts:
    """The consent wording and its version in ``language`` (data/content/<language>/consent.yml)."""
    folder = settings().content_dir
    translated = folder / language / "consent.yml"
    path = translated if language != DEFAULT_LANGUAGE and translated.is_file() else folder / "consent.yml"
    return load_consent(path, settings().retention_days)


def read_answer(slot: str, text: str, language: str = DEFAULT_LANGUAGE) -> Answer:
    """The reply to ``slot``'s question, read in the conversation's language; a re-ask in it."""
    return parse_answer(slot, text, today(), criteria(), language=language)


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

"""The parts of a reply that depend on the answer decision (rasa_addons/answer_hook.py), added by
the NLG: the "I'm not sure, is it one of these?" reply with the likeliest topics as buttons, an
entry's own suggestion buttons, and a line naming the other questions of a long message.

Texts and button labels are content (data/content/answering.yml, faq.yml), re-read when they
change, so staff edits reach the next message without a retrain.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasa.shared.core.trackers import DialogueStateTracker

from bot.content.answering import NOT_SURE_ID, AnsweringConfig, load_answering, translated_texts
from bot.content.loader import FAQ_FILENAME, FAQ_PAYLOAD_PREFIX, load_faq
from bot.content.models import RESPONSE_PREFIX, FaqEntry, entry_id_from_response
from bot.settings import get_settings

ANSWER_KEY = "answer"
SOMETHING_ELSE_PAYLOAD = "/nlu_fallback"  # Rasa's own fallback intent: "ask it another way"
NOT_SURE_RESPONSE = f"{RESPONSE_PREFIX}{NOT_SURE_ID}"
LANGUAGE_SLOT = "language"


def _stamp(path: Path) -> float:
    return path.stat().st_mtime if path.exists() else 0.0


@lru_cache(maxsize=4)
def _entries(path: Path, _stamp: float) -> dict[str, FaqEntry]:
    return {entry.id: entry for entry in load_faq(path)}


@lru_cache(maxsize=4)
def _answering(content_dir: Path, _stamp: float) -> AnsweringConfig:
    return load_answering(content_dir)


@lru_cache(maxsize=4)
def _texts(content_dir: Path, language: str, _stamps: tuple[float, float]) -> dict[str, str]:
    return translated_texts(content_dir, language, load_answering(content_dir))


def content(language: str | None = None) -> tuple[dict[str, FaqEntry], AnsweringConfig]:
    """The FAQ entries (for button titles) and the reply texts in ``language`` (English when unset
    or without a data/content/<language>/ folder)."""
    content_dir = get_settings().content_dir
    answering = content_dir / "answering.yml"
    config = _answering(content_dir, _stamp(answering))
    faq = content_dir / (language or "") / FAQ_FILENAME
    if not language or language == "en" or not faq.is_file():
        return _entries(content_dir / FAQ_FILENAME, _stamp(content_dir / FAQ_FILENAME)), config
    texts = _texts(
        content_dir, language, (_stamp(answering), _stamp(content_dir / language / "answering.yml"))
    )
    return _entries(faq, _stamp(faq)), replace(config, texts=texts)


def language_of(tracker: DialogueStateTracker) -> str | None:
    value = tracker.get_slot(LANGUAGE_SLOT)
    return value if isinstance(value, str) else None


def decision_of(tracker: DialogueStateTracker) -> dict[str, Any]:
    message = tracker.latest_message
    record = message.parse_data.get(ANSWER_KEY) if message is not None else None  # type: ignore[union-attr]
    return record if isinstance(record, dict) else {}


def topic_button(entries: dict[str, FaqEntry], entry_id: str) -> dict[str, str] | None:
    entry = entries.get(entry_id)
    return {"title": entry.label, "payload": f"{FAQ_PAYLOAD_PREFIX}{entry_id}"} if entry else None


def not_sure_reply(tracker: DialogueStateTracker) -> dict[str, Any]:
    """The honest "I'm not sure" with the likeliest topics, and a way out: "Something else"."""
    entries, config = content(language_of(tracker))
    candidates = decision_of(tracker).get("candidates") or []
    buttons = [button for entry_id in candidates if (button := topic_button(entries, str(entry_id)))]
    buttons.append({"title": config.texts["something_else"], "payload": SOMETHING_ELSE_PAYLOAD})
    return {"text": config.texts["not_sure"], "buttons": buttons}


def with_extras(message: dict[str, Any], utter_action: str, tracker: DialogueStateTracker) -> dict[str, Any]:
    """An FAQ answer plus its entry's own buttons, and the other questions asked, named with a
    button each ("You also asked about: ...")."""
    entry_id = entry_id_from_response(utter_action)
    if entry_id is None:
        return message
    entries, config = content(language_of(tracker))
    entry = entries.get(entry_id)
    message = dict(message)
    buttons = list(message.get("buttons") or [])
    if entry is not None and not buttons:
        buttons = [{"title": button.title, "payload": button.payload} for button in entry.buttons]
    record = decision_of(tracker)
    also = [str(other) for other in record.get("also") or []] if record.get("entry") == entry_id else []
    others = [button for other in also if (button := topic_button(entries, other))]
    if others:
        topics = ", ".join(button["title"] for button in others)
        message["text"] = f"{message.get('text', '')}\n\n{config.texts['also_asked'].format(topics=topics)}"
        buttons += others
    if buttons:
        message["buttons"] = buttons
    return message

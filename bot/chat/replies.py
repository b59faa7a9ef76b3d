"""What the chat says when it answers without the assistant: empty, too long, another language,
too many messages, or a technical problem. The sentences are in data/texts/en/chat.yml; the
emergency line is written there once and added here to the replies that need it.
"""

from __future__ import annotations

from typing import Any

from bot.chat.language import Language
from bot.texts import text

MAX_MESSAGE_CHARS = 2000


def with_emergency(text_id: str, **values: Any) -> str:
    return f"{text(text_id, **values)} {text('chat_emergency')}"


EMERGENCY = text("chat_emergency")
EMPTY_TEXT = text("chat_empty")
TOO_LONG_TEXT = text("chat_too_long", max_chars=MAX_MESSAGE_CHARS)
ENGLISH_ONLY_TEXT = with_emergency("chat_english_only")
NO_WORDS_TEXT = text("chat_no_words")
# In the person's language first (with its own emergency number), then in English.
OTHER_LANGUAGE_TEXTS: dict[Language, str] = {
    **{
        language: f"{text(f'chat_english_only_in_{language}')}\n\n{ENGLISH_ONLY_TEXT}"
        for language in ("fr", "es", "de", "it", "pt")
    },
    "other": ENGLISH_ONLY_TEXT,
}
RATE_LIMITED_TEXT = with_emergency("chat_rate_limited")
NO_REPLY_TEXT = with_emergency("chat_no_reply")
UNAVAILABLE_TEXT = with_emergency("chat_unavailable")

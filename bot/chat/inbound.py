"""Reading one chat request: who sends it, what they wrote, and whether to answer it here.

A malformed request is refused with a reason for the developer (``BadRequest``, a 400). A
well-formed message is tidied (control characters, lone surrogates and text-direction overrides
removed, Unicode normalised) and answered here, kindly, when it is empty, too long, has no words
(only emoji or symbols) or is in a language the assistant does not speak (English and French go
to the assistant, which answers in the conversation's language).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.chat.language import SPOKEN, guess_other_language
from bot.chat.replies import (
    EMPTY_TEXT,
    MAX_MESSAGE_CHARS,
    NO_WORDS_TEXT,
    OTHER_LANGUAGE_TEXTS,
    TOO_LONG_TEXT,
)
from bot.request_body import BadRequest
from bot.safety import Verdict, screen

# Random ids from the widget (32 hex digits) and test ids fit; "default" (Rasa's shared
# conversation for requests without a sender) and anything path- or markup-like do not.
SENDER_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,64}")
# Overrides and isolates can make text display in another order than it was typed (spoofing).
DIRECTION_CONTROLS = frozenset(chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_SPACES = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class ChatMessage:
    sender: str
    text: str
    reply: str | None = None  # set when the message is answered here, without the assistant
    safety: Verdict | None = None  # what the safety layer found in a message answered here
    language: str | None = None  # the page's language, when the widget says it and we speak it


def tidy(text: str) -> str:
    """What the assistant reads: printable text, one space between words, NFC-normalised."""
    kept = []
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if category == "Cs" or char in DIRECTION_CONTROLS:
            continue
        kept.append(" " if category == "Cc" else char)
    return _SPACES.sub(" ", "".join(kept)).strip()


def read_message(body: object) -> ChatMessage:
    """``{"sender": "<8-64 letters, digits, - or _>", "message": "<text>", "lang": "fr"}`` as a
    ChatMessage; ``lang`` (the page's language, optional) is kept only for a language we speak."""
    if not isinstance(body, dict):
        raise BadRequest("The request body must be a JSON object.")
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not SENDER_PATTERN.fullmatch(sender):
        raise BadRequest("'sender' must be 8-64 letters, digits, '-' or '_'.")
    if not isinstance(message, str):
        raise BadRequest("'message' must be text.")
    page = body.get("lang")
    language = page if isinstance(page, str) and page in SPOKEN else None  # anything else: unsaid
    text = tidy(message)
    if not text:
        return ChatMessage(sender, text, EMPTY_TEXT)
    if len(text) > MAX_MESSAGE_CHARS:
        return ChatMessage(sender, text, TOO_LONG_TEXT)
    if not any(char.isalnum() for char in text):  # only emoji, symbols, punctuation
        return ChatMessage(sender, text, NO_WORDS_TEXT)
    other = guess_other_language(text)
    if other is not None and other not in SPOKEN:
        # Answered here, so Rasa's safety hook never sees it: the safety layer reads it here.
        verdict = screen(text)
        return ChatMessage(sender, text, with_safety_first(verdict, OTHER_LANGUAGE_TEXTS[other]), verdict)
    return ChatMessage(sender, text, language=language)


def with_safety_first(verdict: Verdict | None, reply: str) -> str:
    """The safety reply before ``reply``; a crisis reply alone."""
    if verdict is None:
        return reply
    if verdict.category == "self_harm":
        return verdict.reply
    return f"{verdict.reply}\n\n{reply}"

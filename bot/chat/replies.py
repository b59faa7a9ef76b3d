"""What the chat says when it answers without the assistant: empty, too long, another language,
too many messages, or a technical problem. Written for the person; emergencies always get numbers.
"""

from __future__ import annotations

from bot.chat.language import Language

MAX_MESSAGE_CHARS = 2000
EMERGENCY = "If this is an emergency, call 15 or 112 (France) or 911 (US)."

EMPTY_TEXT = "It looks like that message was empty. What would you like to ask?"
TOO_LONG_TEXT = (
    f"That message is very long. Could you ask in a shorter way (under {MAX_MESSAGE_CHARS} characters)? "
    "One question at a time works best."
)
ENGLISH_ONLY_TEXT = (
    "Sorry, for now I only understand English, written in Latin letters. Could you write your "
    "message in English? " + EMERGENCY
)
NO_WORDS_TEXT = (
    "I can only read words for now, not emoji or symbols on their own. Could you write it in words? "
    'For example "yes", "no" or your question about the study.'
)
OTHER_LANGUAGE_TEXTS: dict[Language, str] = {
    "fr": "Désolé, pour l'instant je ne comprends que l'anglais. Pourriez-vous écrire en anglais ? "
    "En cas d'urgence, appelez le 15 ou le 112.\n\n" + ENGLISH_ONLY_TEXT,
    "es": "Lo siento, por ahora solo entiendo inglés. ¿Podría escribir en inglés? "
    "En caso de urgencia, llame al 112.\n\n" + ENGLISH_ONLY_TEXT,
    "de": "Entschuldigung, im Moment verstehe ich nur Englisch. Könnten Sie auf Englisch schreiben? "
    "Im Notfall rufen Sie die 112 an.\n\n" + ENGLISH_ONLY_TEXT,
    "it": "Mi dispiace, per ora capisco solo l'inglese. Potrebbe scrivere in inglese? "
    "In caso di emergenza, chiami il 112.\n\n" + ENGLISH_ONLY_TEXT,
    "pt": "Desculpe, por enquanto só entendo inglês. Poderia escrever em inglês? "
    "Em caso de emergência, ligue para o 112.\n\n" + ENGLISH_ONLY_TEXT,
    "other": ENGLISH_ONLY_TEXT,
}
RATE_LIMITED_TEXT = (
    "You're sending messages faster than I can answer them. Please wait a few seconds, then send "
    "your message again. " + EMERGENCY
)
NO_REPLY_TEXT = (
    "I'm sorry: a technical problem on my side stopped me from answering, so I couldn't save what "
    "you just sent. What you told me before is kept in this conversation. Please send your last "
    "message again in a few minutes. " + EMERGENCY
)
UNAVAILABLE_TEXT = "Sorry, I can't answer right now. Please try again in a minute. " + EMERGENCY

"""Reading a chat request: malformed ones refused with a reason, hostile text tidied, some answered here."""

from __future__ import annotations

import json

import pytest

from bot.chat.inbound import BadRequest, read_message, tidy
from bot.chat.replies import EMPTY_TEXT, MAX_MESSAGE_CHARS, NO_WORDS_TEXT, OTHER_LANGUAGE_TEXTS, TOO_LONG_TEXT

SENDER = "0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize("body", [None, [], "hello", 42, [{"sender": SENDER, "message": "hi"}]], ids=repr)
def test_json_that_is_not_an_object_is_refused(body: object) -> None:
    with pytest.raises(BadRequest, match="JSON object"):
        read_message(body)


@pytest.mark.parametrize(
    "sender",
    [None, 12345678, "", "default", "short", "a" * 65, "../../etc/passwd", "<script>x</script>",
     "abc def ghi", "abcdefgh\n", "abcdefgh\u0000", "ab'; DROP TABLE x;--", "ábcdefghij"],
    ids=repr,
)  # fmt: skip
def test_a_missing_or_forged_sender_id_is_refused(sender: object) -> None:
    with pytest.raises(BadRequest, match="sender"):
        read_message({"sender": sender, "message": "hello"})


@pytest.mark.parametrize("message", [None, 42, ["hi"], {"text": "hi"}], ids=repr)
def test_a_message_that_is_not_text_is_refused(message: object) -> None:
    with pytest.raises(BadRequest, match="message"):
        read_message({"sender": SENDER, "message": message})


@pytest.mark.parametrize("text", ["", "   ", "\n\t\r", "\u0000\u0007", "\u202e\u202d"], ids=repr)
def test_an_empty_message_is_answered_here(text: str) -> None:
    assert read_message({"sender": SENDER, "message": text}).reply == EMPTY_TEXT


def test_a_message_over_the_limit_is_answered_here() -> None:
    assert read_message({"sender": SENDER, "message": "a" * MAX_MESSAGE_CHARS}).reply is None
    assert read_message({"sender": SENDER, "message": "word " * 4000}).reply == TOO_LONG_TEXT


@pytest.mark.parametrize("text", ["🙂", "👍👍", "?", "...", "!!!", "👨\u200d👩\u200d👧 ❤️"], ids=repr)
def test_only_emoji_or_symbols_are_answered_here_asking_for_words(text: str) -> None:
    assert read_message({"sender": SENDER, "message": text}).reply == NO_WORDS_TEXT


@pytest.mark.parametrize(
    ("text", "language", "word"),
    [
        ("¿Puedo participar en el estudio?", "es", "inglés"),
        ("Kann ich an der Studie teilnehmen?", "de", "Englisch"),
        ("Posso partecipare allo studio?", "it", "inglese"),
        ("Posso participar do estudo?", "pt", "inglês"),
    ],
)
def test_another_european_language_is_answered_here_in_that_language_and_in_english(
    text: str, language: str, word: str
) -> None:
    reply = read_message({"sender": SENDER, "message": text}).reply
    assert reply == OTHER_LANGUAGE_TEXTS[language] and word in reply and "English" in reply  # type: ignore[index]


@pytest.mark.parametrize(
    "text", ["Est-ce que je peux participer à l'étude ?", "c quoi le tacrolimus et ca dure combien"]
)
def test_french_goes_to_the_assistant(text: str) -> None:
    message = read_message({"sender": SENDER, "message": text})
    assert message.reply is None and message.text == text


def test_control_characters_surrogates_and_direction_overrides_are_removed() -> None:
    raw = json.loads('"how\\u0000 long\\u0007 does the\\u202e study\\ud800 last?\\n"')
    assert tidy(raw) == "how long does the study last?"


def test_emoji_accents_and_right_to_left_letters_are_kept() -> None:
    text = "Zoé 👨\u200d👩\u200d👧 שלום مرحبا"
    assert tidy(text) == text


def test_markup_and_sql_like_text_pass_as_plain_text() -> None:
    for text in ("<script>alert(1)</script>", "'; DROP TABLE screenings; --", "{{7*7}} ${7*7}"):
        message = read_message({"sender": SENDER, "message": text})
        assert message.text == text and message.reply is None


@pytest.mark.parametrize(
    ("lang", "kept"), [("fr", "fr"), ("en", "en"), ("de", None), (5, None), ("<b>", None)]
)
def test_the_pages_language_is_kept_only_for_a_language_we_speak(lang: object, kept: str | None) -> None:
    message = read_message({"sender": "abcdef123456", "message": "bonjour", "lang": lang})
    assert message.reply is None and message.language == kept

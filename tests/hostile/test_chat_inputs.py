"""Hostile and odd chat input through both ways in (Rasa's REST webhook and the widget's /api/chat),
against the real servers: kind answers or a 4xx, never a 5xx, a stack trace or silence."""

from __future__ import annotations

import json

import pytest

from bot.chat.replies import EMPTY_TEXT, NO_WORDS_TEXT, OTHER_LANGUAGE_TEXTS, TOO_LONG_TEXT
from tests.hostile.chat_client import ChatEndpoint, new_sender, ok

pytestmark = pytest.mark.servers


@pytest.mark.parametrize("message", ["", "   ", "\n\t\r\n"], ids=repr)
def test_an_empty_message_gets_a_kind_prompt(endpoint: ChatEndpoint, message: str) -> None:
    assert ok(endpoint.send(message)) == EMPTY_TEXT.lower()


def test_a_20000_character_message_is_refused_kindly(endpoint: ChatEndpoint) -> None:
    assert ok(endpoint.send("Is this study for me? " * 910)) == TOO_LONG_TEXT.lower()


@pytest.mark.parametrize("message", ["🙂", "👍👍👍", "🫁💊🩺❓", "👨\u200d👩\u200d👧", "..."])
def test_a_message_of_only_emoji_or_symbols_gets_a_kind_request_for_words(
    endpoint: ChatEndpoint, message: str
) -> None:
    assert ok(endpoint.send(message)) == NO_WORDS_TEXT.lower()


def test_a_lone_emoji_or_foreign_word_never_counts_as_consent(endpoint: ChatEndpoint) -> None:
    """The model reads input it has no feature for as "yes" (measured: 0.67 for any lone emoji)."""
    sender = new_sender()
    assert "do you agree" in ok(endpoint.send("can I join the study?", sender=sender))
    for message in ("👍", "Привет", "شكرا"):
        assert "how old" not in ok(endpoint.send(message, sender=sender))
    assert "how old are you" in ok(endpoint.send("yes", sender=sender))


@pytest.mark.parametrize(
    "message",
    ["مرحبا، هل يمكنني المشاركة في الدراسة؟", "שלום, האם אני יכול להשתתף במחקר?"],
    ids=["arabic", "hebrew"],
)
def test_right_to_left_sentences_get_the_kind_english_only_answer(
    endpoint: ChatEndpoint, message: str
) -> None:
    assert ok(endpoint.send(message)) == OTHER_LANGUAGE_TEXTS["other"].lower()


def test_mixed_scripts_with_english_are_answered_as_english(endpoint: ChatEndpoint) -> None:
    assert "52 weeks" in ok(endpoint.send("How long does the study last? شكرا 🙂 Спасибо"))


@pytest.mark.parametrize(
    ("message", "language", "word"),
    [
        ("Hola, ¿cuánto dura el estudio y puedo participar?", "es", "inglés"),
        ("Kann ich an der Studie teilnehmen?", "de", "englisch"),  # before: an answer about sites
        ("Posso partecipare allo studio? Quanto dura?", "it", "inglese"),
        ("Olá, posso participar do estudo?", "pt", "inglês"),
    ],
    ids=["spanish", "german", "italian", "portuguese"],
)
def test_a_european_language_gets_a_kind_answer_saying_english_for_now(
    endpoint: ChatEndpoint, message: str, language: str, word: str
) -> None:
    text = ok(endpoint.send(message))
    assert text == OTHER_LANGUAGE_TEXTS[language].lower()  # type: ignore[index]
    assert word in text and "only understand english" in text and "112" in text


def test_french_is_answered_in_french_through_both_channels(endpoint: ChatEndpoint) -> None:
    """French is no longer refused: it reaches the assistant, which answers in French."""
    text = ok(endpoint.send("Bonjour, est-ce que je peux participer à cette étude ?"))
    assert "only understand english" not in text
    assert "êtes-vous d'accord" in text or "étude" in text


@pytest.mark.parametrize(
    "message",
    [
        '<script>alert("x")</script>',
        "<img src=x onerror=alert(1)> how long is the study?",
        "{{7*7}} ${7*7} <%= 7*7 %>",
    ],
)
def test_markup_in_a_message_is_never_sent_back(endpoint: ChatEndpoint, message: str) -> None:
    text = ok(endpoint.send(message))
    assert "<script" not in text and "onerror" not in text and "49" not in text


@pytest.mark.parametrize(
    "message", ["'; DROP TABLE screenings; --", "1' OR '1'='1", 'Robert"); DELETE FROM events;--']
)
def test_sql_like_text_is_only_text(endpoint: ChatEndpoint, live_stack, message: str) -> None:  # type: ignore[no-untyped-def]
    from bot.storage.db import Database

    ok(endpoint.send(message))
    assert "52 weeks" in ok(endpoint.send("how long does the study last?"))
    database = Database(live_stack.database_url)
    try:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM screenings").scalar() is not None
    finally:
        database.dispose()


def test_control_characters_surrogates_and_direction_overrides_are_stripped(endpoint: ChatEndpoint) -> None:
    body = (
        b'{"sender": "%s", "message": "how\\u0000 long\\u0007 does the \\u202estudy\\ud800 last?\\u001b[31m"}'
    )
    assert "52 weeks" in ok(endpoint.post(body % new_sender().encode()))


@pytest.mark.parametrize(
    "body",
    [b"", b"{", b"not json", b"\xff\xfe\x00{", b'{"sender": "abcdefgh1", "message": "\xff\xfe"}',
     b"[]", b"null", b'"hello"', b"42", b"[" * 50_000],
    ids=["empty", "truncated", "text", "utf16-bom", "bad-utf8", "list", "null", "string", "number", "deep"],
)  # fmt: skip
def test_malformed_json_gets_a_400_with_a_reason(endpoint: ChatEndpoint, body: bytes) -> None:
    answer = endpoint.post(body)
    assert answer.status == 400 and "error" in answer.json
    assert b"Traceback" not in answer.body


@pytest.mark.parametrize(
    "body",
    [{"message": "hello"}, {"sender": new_sender()}, {"sender": 12345678, "message": "hi"},
     {"sender": new_sender(), "message": 42}, {"sender": new_sender(), "message": ["hi"]}],
    ids=["no-sender", "no-message", "number-sender", "number-message", "list-message"],
)  # fmt: skip
def test_missing_or_wrongly_typed_fields_get_a_400(endpoint: ChatEndpoint, body: dict) -> None:
    answer = endpoint.post(json.dumps(body).encode())
    assert answer.status == 400 and "error" in answer.json


@pytest.mark.parametrize(
    "sender",
    ["default", "../../etc/passwd", "<script>x</script>", "a" * 65, "short", "abc def ghi", "abcdefgh\n",
     "x'; DROP TABLE events;--"],
)  # fmt: skip
def test_forged_sender_ids_are_refused(endpoint: ChatEndpoint, sender: str) -> None:
    answer = endpoint.send("hello", sender=sender)
    assert answer.status == 400 and "sender" in answer.json["error"]


def test_an_unknown_sender_id_starts_its_own_conversation_and_sees_nobody_elses(
    endpoint: ChatEndpoint,
) -> None:
    someone = new_sender()
    endpoint.send("can I join the study?", sender=someone)
    assert "how old are you" in ok(endpoint.send("yes", sender=someone))
    stranger = ok(endpoint.send("54", sender=new_sender()))  # a fresh id: no pre-screen going on
    assert "social security" not in stranger
    assert "social security" in ok(endpoint.send("54", sender=someone))  # the next question


def test_a_form_encoded_body_is_refused(endpoint: ChatEndpoint) -> None:
    answer = endpoint.post(
        b"sender=abcdefgh123&message=hello", content_type="application/x-www-form-urlencoded"
    )
    assert answer.status in (400, 415)


def test_json_sent_as_plain_text_is_refused_by_the_widget_endpoint_only(live_stack) -> None:  # type: ignore[no-untyped-def]
    """A text/plain POST needs no CORS preflight: the widget's endpoint takes JSON only, so other
    sites cannot post to it from a browser. Rasa's webhook keeps Rasa's contract (JSON whatever the type)."""
    body = json.dumps({"sender": new_sender(), "message": "hello"}).encode()
    widget = ChatEndpoint("widget", live_stack.web_port, "/api/chat")
    rest = ChatEndpoint("rest", live_stack.rasa_port, "/webhooks/rest/webhook")
    assert widget.post(body, content_type="text/plain").status == 415
    assert widget.post(body, content_type=None).status == 415
    assert rest.post(body, content_type="text/plain").status == 200

"""A flood of chat messages is slowed kindly, per sender and per client address, without slowing
anyone else (the web app of tests/hostile/conftest.py, with a stand-in Rasa)."""

from __future__ import annotations

from bot.chat.replies import RATE_LIMITED_TEXT
from bot.web.chat import PER_ADDRESS, PER_SENDER
from tests.hostile.chat_client import ChatEndpoint, new_sender
from tests.web.fake_rasa import FakeRasa
from tests.web.server import WebServer


def _endpoint(web: WebServer, source: str = "127.0.0.1") -> ChatEndpoint:
    return ChatEndpoint("widget", web.settings.web_port, "/api/chat", source=source)


def test_a_flood_from_one_sender_is_slowed_with_a_kind_message(web: WebServer, fake_rasa: FakeRasa) -> None:
    chat, sender, burst = _endpoint(web), new_sender(), int(PER_SENDER["capacity"])
    answers = [chat.send(f"message {n}", sender=sender) for n in range(burst + 15)]
    statuses = [answer.status for answer in answers]
    assert statuses[:burst] == [200] * burst
    assert 429 in statuses[burst : burst + 3] and statuses.count(429) >= 12
    refused = next(answer for answer in answers if answer.status == 429)
    assert refused.json == [{"text": RATE_LIMITED_TEXT}] and int(refused.headers["retry-after"]) >= 1
    forwarded = [message for message in fake_rasa.messages if message.get("sender") == sender]
    assert len(forwarded) == statuses.count(200)  # what was refused never reached Rasa


def test_another_conversation_is_answered_during_a_senders_flood(web: WebServer) -> None:
    chat, flooder = _endpoint(web), new_sender()
    for n in range(int(PER_SENDER["capacity"]) + 5):
        chat.send(f"flood {n}", sender=flooder)
    assert chat.send("hello", sender=flooder).status == 429
    other = chat.send("how long is the study?", sender=new_sender())
    assert other.status == 200 and "52 weeks" in other.text


def test_a_flood_from_one_address_with_ever_new_senders_is_slowed_and_other_addresses_are_not(
    web: WebServer,
) -> None:
    flood, other = _endpoint(web, source="127.0.0.3"), _endpoint(web, source="127.0.0.4")
    statuses = [flood.send("hello").status for _ in range(int(PER_ADDRESS["capacity"]) + 20)]
    assert statuses.count(429) >= 15 and statuses[-1] == 429
    assert other.send("hello").status == 200

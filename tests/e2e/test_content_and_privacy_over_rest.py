"""End to end: a staff edit is served on the next message; "delete my data" and "talk to a person"."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import replace

import pytest

from bot import texts
from bot.content.loader import load_faq
from bot.content.writer import save_faq
from bot.runtime.rest_chat import Conversation

pytestmark = pytest.mark.servers


def test_an_answer_edit_is_served_on_the_next_message_without_retraining(live_stack) -> None:
    path = live_stack.content_dir / "faq.yml"
    original = path.read_bytes()
    entries = load_faq(path)
    edited = [replace(e, answer=e.answer + " Edited.") if e.id == "duration" else e for e in entries]
    try:
        save_faq(edited, path)
        text = Conversation(live_stack.rasa_url).text("how long does the study last?")
        assert "52 weeks" in text and "edited." in text
    finally:
        path.write_bytes(original)


def _tracker_events(live_stack, sender: str) -> int:
    with sqlite3.connect(live_stack.tracker_db_path) as connection:
        return connection.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0]


def test_delete_my_data_asks_first_then_erases_lead_and_conversation(live_stack) -> None:
    chat = Conversation(live_stack.rasa_url)
    chat.say("can I join?")
    chat.say("yes")
    chat.say("17")  # a finished (anonymous) pre-screen
    assert _tracker_events(live_stack, chat.sender) > 0
    assert "type delete" in chat.text("delete my data")  # nothing is erased without a confirmation
    assert _tracker_events(live_stack, chat.sender) > 0
    assert "deleted" in chat.text("DELETE")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _tracker_events(live_stack, chat.sender) > 0:
        time.sleep(0.5)
    assert _tracker_events(live_stack, chat.sender) == 0, "the conversation was not erased"


def test_talk_to_a_person_asks_consent_then_contact_and_creates_a_handoff(live_stack) -> None:
    from bot.leads.crypto import load_cipher
    from bot.leads.export import export_leads
    from bot.storage.db import get_database

    chat = Conversation(live_stack.rasa_url)
    said = chat.say("I want to talk to a real person")
    consent = " ".join(reply.get("text", "") for reply in said).lower()
    assert "coordinator" in consent and "do you agree" in consent and "{" not in consent
    buttons = [button["title"] for reply in said for button in reply.get("buttons", [])]
    assert buttons == [texts.text("consent_button_yes"), texts.text("consent_button_no")]  # from data/texts
    assert "name" in chat.text("yes")
    assert "email" in chat.text("Sam Handoff")
    assert "good time" in chat.text("+33 6 12 34 56 78")
    assert "passed your details" in chat.text("any time")
    with get_database(live_stack).session_scope() as session:
        rows = [
            r
            for r in export_leads(session, load_cipher(live_stack), actor="test")
            if r["conversation_ref"] == load_cipher(live_stack).reference(chat.sender)
        ]
    assert len(rows) == 1 and rows[0]["contact"]["phone"] == "+33612345678"

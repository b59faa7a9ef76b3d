"""A contact name with markup, a formula and SQL in it, typed in the chat: stored as typed, shown
inert in the coordinator's inbox, and neutralised in the CSV export (end to end, real servers)."""

from __future__ import annotations

import csv
import io
import re

import pytest

from bot.runtime.rest_chat import Conversation
from bot.storage.db import Database
from tests.e2e.test_prescreen_over_rest import ELIGIBLE_ANSWERS
from tests.web.staff import StaffClient, add_account

pytestmark = pytest.mark.servers

NAME = '=HYPERLINK("x")<script>alert(1)</script> Marie\'; DROP TABLE contacts;--'


def test_a_hostile_contact_name_is_stored_as_typed_and_shown_inert_in_the_inbox_and_csv(live_stack) -> None:  # type: ignore[no-untyped-def]
    chat = Conversation(live_stack.rasa_url)
    chat.say("can I join the study?")
    chat.say("yes")
    for answer in ELIGIBLE_ANSWERS:
        chat.say(answer)
    assert "name" in chat.text("yes please")
    assert "email" in chat.text(NAME)
    chat.say("marie.hostile@example.org")
    assert "passed your details" in chat.text("<b>evenings</b>")

    database = Database(live_stack.database_url)
    try:
        coordinator = StaffClient(f"http://127.0.0.1:{live_stack.web_port}").signed_in(
            add_account(database, "coordinator")
        )
    finally:
        database.dispose()
    listing = coordinator.get("/inbox").text
    references = re.findall(r'href="/inbox/referrals/(\d+)"', listing)
    page = next(
        text
        for text in (coordinator.get(f"/inbox/referrals/{reference}").text for reference in references)
        if "marie.hostile@example.org" in text
    )
    assert "<script>alert(1)</script>" not in page and "<b>evenings</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;evenings&lt;/b&gt;" in page
    rows = list(
        csv.DictReader(io.StringIO(coordinator.post("/inbox/export.csv").content.decode("utf-8-sig")))
    )
    (row,) = [row for row in rows if row["contact_email"] == "marie.hostile@example.org"]
    assert row["contact_name"] == "'" + NAME  # a spreadsheet shows it, never runs it

"""Privacy on the web side (issue 19): the inbox's erasure empties the leads database AND the
conversation store (SQLite and PostgreSQL), exports and the API show a keyed reference instead of
the sender id, and odd paths answer 404 instead of 500."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from bot.storage.models import Screening
from tests.db_fixtures import store_lead
from tests.tracker_fixtures import SECRET_ANSWER, count_events, store_conversation
from tests.web.conftest import ARTIFACTS
from tests.web.fake_rasa import FakeRasa
from tests.web.server import WebServer, start_web
from tests.web.staff import StaffClient, add_account, add_api_token

TOO_BIG = "99999999999999999999"


async def test_inbox_erasure_removes_the_leads_and_the_stored_conversation(
    database_url: str, tmp_path: Path, fake_rasa: FakeRasa
) -> None:
    tracker_url = f"sqlite:///{tmp_path / 'web' / 'data' / 'tracker.db'}"
    if not database_url.startswith("sqlite"):
        tracker_url = database_url
    server = start_web(
        tmp_path / "web",
        ARTIFACTS / "logs",
        RASA_URL=fake_rasa.url,
        DATABASE_URL=database_url,
        TRACKER_DATABASE_URL=tracker_url,
    )
    try:
        reference = store_lead(server.database, server.cipher, "inbox-erase-sender")
        await store_conversation(tracker_url, "inbox-erase-sender", server.cipher)
        coordinator = StaffClient(server.url).signed_in(add_account(server.database, "coordinator"))
        coordinator.get(f"/inbox/referrals/{reference}")
        answer = coordinator.post(f"/inbox/referrals/{reference}/erase", {"confirm": "erase"})
        assert answer.status_code == 303
        with server.database.session_scope() as session:
            assert session.execute(select(Screening)).first() is None
        assert count_events(tracker_url, "inbox-erase-sender") == 0
        if database_url.startswith("sqlite"):
            raw = b"".join(p.read_bytes() for p in (tmp_path / "web" / "data").glob("*.db*"))
            assert b"inbox-erase-sender" not in raw and SECRET_ANSWER.encode() not in raw
    finally:
        server.stop()


def test_exports_and_the_api_show_a_keyed_reference_not_the_sender_id(
    web: WebServer, coordinator: StaffClient, lead
) -> None:  # type: ignore[no-untyped-def]
    reference = lead(conversation_id="bearer-secret-sender")
    coordinator.get("/inbox")
    exported = coordinator.post("/inbox/export.csv").content.decode("utf-8-sig")
    assert "bearer-secret-sender" not in exported
    row = next(r for r in csv.DictReader(io.StringIO(exported)) if r["record_id"] == str(reference))
    assert row["conversation_ref"] == web.cipher.reference("bearer-secret-sender")
    token = add_api_token(web.database, add_account(web.database, "coordinator").email)
    detail = requests.get(
        f"{web.url}/api/v1/referrals/{reference}", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    assert "bearer-secret-sender" not in detail.text
    assert detail.json()["conversation_ref"] == web.cipher.reference("bearer-secret-sender")


@pytest.mark.parametrize("path", ["/static/", "/static/widget.js%00.png", "/static/..%2fapp.py", "/static/x"])
def test_odd_static_paths_are_not_found(web: WebServer, path: str) -> None:
    assert requests.get(web.url + path, timeout=10).status_code == 404


def test_the_widget_files_are_still_served(web: WebServer) -> None:
    answer = requests.get(f"{web.url}/static/widget.js", timeout=10)
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("application/javascript")


def test_out_of_range_referral_ids_are_not_found(web: WebServer, coordinator: StaffClient) -> None:
    assert coordinator.get(f"/inbox/referrals/{TOO_BIG}").status_code == 404
    assert coordinator.get("/inbox/referrals/-1").status_code == 404
    coordinator.get("/inbox")
    assert coordinator.post(f"/inbox/referrals/{TOO_BIG}", {"status": "contacted"}).status_code == 404
    assert coordinator.post(f"/inbox/referrals/{TOO_BIG}/erase", {"confirm": "erase"}).status_code == 404
    token = add_api_token(web.database, add_account(web.database, "coordinator").email)
    answer = requests.get(
        f"{web.url}/api/v1/referrals/{TOO_BIG}", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    assert answer.status_code == 404


def _chat(web: WebServer, sender: str, message: str) -> None:
    answer = requests.post(f"{web.url}/api/chat", json={"sender": sender, "message": message}, timeout=10)
    assert answer.status_code == 200


def _history(web: WebServer, sender: object) -> requests.Response:
    return requests.post(f"{web.url}/api/chat/history", json={"sender": sender}, timeout=10)


def test_the_history_is_given_only_to_the_holder_of_the_sender_id(web: WebServer, recorded: None) -> None:
    holder = "a" * 16 + "0123456789abcdef"
    _chat(web, holder, "my email is zoe@example.org")
    _chat(web, holder, "/faq_duration")
    messages = _history(web, holder).json()["messages"]
    assert [m["who"] for m in messages] == ["user", "bot", "user", "bot"]
    assert messages[0]["text"] == "my email is zoe@example.org"
    assert messages[2]["text"] == "How long is the study?"  # a button shows as its title
    assert _history(web, "b" * 32).json() == {"messages": []}
    for bad in ("short", "../../etc/passwd", 42, None):
        assert _history(web, bad).status_code == 400

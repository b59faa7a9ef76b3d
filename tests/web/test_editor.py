"""The staff content editor over HTTP: save, validation next to the field, versions, rollback,
the live grade, and the NLG endpoint serving a saved answer on the very next request."""

from __future__ import annotations

import pytest
import requests
from sqlalchemy import select

from bot.content.readability import grade
from bot.storage.models import FaqEdit
from tests.web.server import WebServer
from tests.web.staff import StaffClient, add_account, found

ENTRY = "duration"
NEW_ANSWER = "The study lasts 52 weeks. Your study team can tell you what happens after that."
QUESTIONS = "\n".join(f"where can i park my car option {n}" for n in range(10))


def _form(client: StaffClient, entry_id: str) -> dict[str, str]:
    """The edit form as the page fills it (hidden fields included)."""
    page = client.get(f"/editor/entries/{entry_id}").text
    values = {name: found(rf'name="{name}" value="([^"]*)"', page) for name in ("base", "topic", "source")}
    for name in ("answer", "questions"):
        values[name] = found(rf'<textarea id="{name}"[^>]*>([^<]*)</textarea>', page)
    return values


def _nlg(web: WebServer, entry_id: str) -> requests.Response:
    return requests.post(f"{web.url}/nlg", json={"response": f"utter_faq/{entry_id}"}, timeout=10)


def _edits(web: WebServer, entry_id: str) -> list[FaqEdit]:
    with web.database.session_scope() as session:
        statement = select(FaqEdit).where(FaqEdit.entry_id == entry_id).order_by(FaqEdit.id)
        return list(session.execute(statement).scalars())


@pytest.fixture
def editing(restore_faq, staff: StaffClient) -> StaffClient:  # type: ignore[no-untyped-def]
    return staff


def test_a_saved_answer_is_served_by_the_nlg_endpoint_on_the_very_next_request(
    web: WebServer, editing: StaffClient
) -> None:
    assert _nlg(web, ENTRY).json()["text"] != NEW_ANSWER
    answer = editing.post(f"/editor/entries/{ENTRY}", {**_form(editing, ENTRY), "answer": NEW_ANSWER})
    assert answer.status_code == 303, answer.text[:2000]
    assert _nlg(web, ENTRY).json()["text"] == NEW_ANSWER
    assert NEW_ANSWER in web.faq_path.read_text(encoding="utf-8").replace("\n    ", " ")


def test_every_save_is_versioned_with_who_before_and_after(web: WebServer, editing: StaffClient) -> None:
    before = _nlg(web, ENTRY).json()["text"]
    editing.post(f"/editor/entries/{ENTRY}", {**_form(editing, ENTRY), "answer": NEW_ANSWER})
    edit = _edits(web, ENTRY)[-1]
    assert editing.account is not None and edit.actor == editing.account.email
    assert (edit.action, edit.before["answer"], edit.after["answer"]) == ("edited", before, NEW_ANSWER)


def test_one_click_rollback_restores_the_previous_answer_and_is_itself_versioned(
    web: WebServer, editing: StaffClient
) -> None:
    original = _nlg(web, ENTRY).json()["text"]
    editing.post(f"/editor/entries/{ENTRY}", {**_form(editing, ENTRY), "answer": NEW_ANSWER})
    edit = _edits(web, ENTRY)[-1]
    editing.get(f"/editor/history?entry={ENTRY}")
    answer = editing.post(f"/editor/edits/{edit.id}/rollback")
    assert answer.status_code == 303
    assert _nlg(web, ENTRY).json()["text"] == original
    last = _edits(web, ENTRY)[-1]
    assert (last.action, last.rollback_of, last.after["answer"]) == ("rolled_back", edit.id, original)


def test_validation_errors_are_shown_next_to_the_field_and_nothing_is_written(
    web: WebServer, editing: StaffClient
) -> None:
    saved = web.faq_path.read_bytes()
    hard = (
        "Participants demonstrating immunosuppressive contraindications necessitate comprehensive "
        "multidisciplinary evaluation."
    )
    answer = editing.post(
        f"/editor/entries/{ENTRY}",
        {**_form(editing, ENTRY), "answer": hard, "questions": "too few\nquestions"},
    )
    assert answer.status_code == 422
    answer_errors = found(r'<ul class="error" id="answer-error">(.*?)</ul>', answer.text)
    assert "reads at grade" in answer_errors and "sentences" in answer_errors
    assert "needs at least 10" in found(r'id="questions-error">(.*?)</ul>', answer.text)
    assert 'aria-invalid="true" aria-describedby="answer-error' in answer.text
    assert web.faq_path.read_bytes() == saved


def test_a_new_entry_is_added_and_rolling_back_its_creation_removes_it(
    web: WebServer, editing: StaffClient
) -> None:
    editing.get("/editor/entries/new")
    form = {
        "id": "parking",
        "topic": "visits",
        "answer": "Ask the study team where to park. They will tell you before your first visit.",
        "questions": QUESTIONS,
        "source": "assistant: how visits are arranged",
        "base": "",
    }
    answer = editing.post("/editor/entries/new", form)
    assert answer.status_code == 303, answer.text[:3000]
    assert _nlg(web, "parking").json()["text"].startswith("Ask the study team")
    editing.get("/editor/history")
    editing.post(f"/editor/edits/{_edits(web, 'parking')[-1].id}/rollback")
    assert _nlg(web, "parking").status_code == 404


def test_saving_over_someone_elses_newer_edit_is_refused(editing: StaffClient) -> None:
    stale = _form(editing, ENTRY)
    editing.post(f"/editor/entries/{ENTRY}", {**_form(editing, ENTRY), "answer": NEW_ANSWER})
    answer = editing.post(
        f"/editor/entries/{ENTRY}", {**stale, "answer": "The study lasts 52 weeks. Ask the team."}
    )
    assert answer.status_code == 422 and "Someone saved this entry" in answer.text


def test_the_grade_preview_endpoint_gives_the_same_grade_as_the_content_check(staff: StaffClient) -> None:
    staff.get("/editor/entries/new")
    text = "The study lasts 52 weeks. You will see the study doctor often."
    answer = staff.http.post(
        staff.base + "/editor/api/grade",
        json={"text": text},
        headers={"X-CSRF-Token": staff.csrf},
        timeout=10,
    )
    assert answer.status_code == 200
    assert answer.json()["grade"] == grade(text) and answer.json()["sentences"] == 2


def test_without_a_rasa_token_the_editor_says_deploy_is_off(staff: StaffClient) -> None:
    page = staff.get("/editor").text
    assert "RASA_AUTH_TOKEN</code> is not set" in page and ">Retrain</button>" in page


def test_with_a_rasa_token_the_editor_offers_retrain_and_deploy(web_behind_tls: WebServer) -> None:
    client = StaffClient(web_behind_tls.url, tls_offloaded=True).signed_in(
        add_account(web_behind_tls.database, "staff")
    )
    page = client.get("/editor").text
    assert ">Retrain and deploy</button>" in page and "is not set" not in page


def test_saving_an_entry_keeps_what_the_form_does_not_show(web: WebServer, editing: StaffClient) -> None:
    from bot.content.loader import load_faq

    before = {entry.id: entry for entry in load_faq(web.faq_path)}["capabilities"]
    assert before.title and before.buttons, "the capabilities entry has a button title and suggestions"
    saved = editing.post("/editor/entries/capabilities", _form(editing, "capabilities"))
    assert saved.status_code == 303, saved.text[:2000]
    after = {entry.id: entry for entry in load_faq(web.faq_path)}["capabilities"]
    assert (after.title, after.buttons, after.related) == (before.title, before.buttons, before.related)

"""End to end over Rasa's REST channel with the real action server, leads database and SMTP server."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from bot.runtime.rest_chat import Conversation

pytestmark = pytest.mark.servers

CHECKED = "Yes, that's right"  # what the button of the check before saving sends
ELIGIBLE_ANSWERS = [  # age and French social security cover first (criteria.yml sets the order)
    "54", "yes", "Jo-1", "yes", "no", "no", "not applicable", "none", "yes", "yes", CHECKED,
]  # fmt: skip


def _start(live_stack) -> Conversation:
    chat = Conversation(live_stack.rasa_url)
    consent = chat.text("can I join the study?")
    assert "do you agree" in consent and "coordinators" in consent and "delete my data" in consent
    assert re.search(r"up to \d+ months", consent)  # the retention period filled in by the action
    assert "how old are you" in chat.text("yes")
    return chat


def _leads(live_stack) -> list[dict]:
    from bot.leads.crypto import load_cipher
    from bot.leads.export import export_leads
    from bot.storage.db import get_database

    with get_database(live_stack).session_scope() as session:
        return export_leads(session, load_cipher(live_stack), actor="test")


def _of(live_stack, sender: str) -> list[dict]:  # type: ignore[no-untyped-def]
    """The exported leads of one conversation (exports name it by a keyed reference, not its id)."""
    from bot.leads.crypto import load_cipher

    reference = load_cipher(live_stack).reference(sender)
    return [row for row in _leads(live_stack) if row["conversation_ref"] == reference]


def test_full_prescreen_with_contact_leaves_one_lead_and_emails_the_coordinator(
    live_stack, smtp_inbox
) -> None:
    chat = _start(live_stack)
    for answer in ELIGIBLE_ANSWERS[:-2]:
        assert chat.say(answer), f"no reply to {answer!r}"
    summary = chat.text(ELIGIBLE_ANSWERS[-2])
    assert "before i save anything" in summary and "1. age: 54\n" in summary and "is that right?" in summary
    assert _of(live_stack, chat.sender) == []  # nothing saved before the person has checked
    corrected = chat.text("sorry, I'm actually 55")
    assert "updated that answer" in corrected and "1. age: 55\n" in corrected
    outcome = chat.text(CHECKED)
    assert "may be able to take part" in outcome and "coordinator" in outcome
    assert "you are eligible" not in outcome and "enrolled" not in outcome
    assert "name" in chat.text("yes please")  # the contact offer, then consent is already given
    assert "email" in chat.text("Marie Curie-Test")
    assert "good time" in chat.text("marie.test@example.org")
    assert "passed your details" in chat.text("weekday mornings")
    (lead,) = _of(live_stack, chat.sender)
    assert lead["outcome"] == "likely_eligible" and lead["answers"]["age"] == 55
    assert lead["contact"]["email"] == "marie.test@example.org" and lead["consent_version"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not smtp_inbox.messages:
        time.sleep(1)
    assert smtp_inbox.messages, "the coordinator's email did not arrive within a minute"
    email = smtp_inbox.messages[-1]
    assert "/inbox/referrals/" in email
    assert "Marie" not in email and "marie.test@example.org" not in email and "Jo-1" not in email


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (["17"], "probably not a fit"),
        (["54", "no, I live in Ohio"], "probably not a fit"),
        (["54", "yes", "none of these"], "probably not a fit"),
        (["54", "yes", "Jo-1", "no"], "probably not a fit"),
        (["54", "yes", "PL7", "yes", "yes Imurel, stopped 2 months ago"], "probably not a fit"),
        (["54", "yes", "Jo-1", "yes", "no", "no", "yes I'm pregnant"], "probably not a fit"),
        (["54", "yes", "Jo-1", "yes", "no", "no", "no", "1"], "probably not a fit"),
    ],
    ids=[
        "age-17",
        "outside-france",
        "no-antibody",
        "no-ild",
        "azathioprine-2-months-ago",
        "pregnant",
        "fever",
    ],
)
def test_a_hard_exclusion_stops_at_once_and_explains(live_stack, answers: list[str], expected: str) -> None:
    chat = _start(live_stack)
    for answer in answers[:-1]:
        chat.say(answer)
    summary = chat.text(answers[-1])  # no more questions: the answers given, for a check
    assert "before i save anything" in summary and f"{len(answers)}. " in summary and expected not in summary
    text = chat.text(CHECKED)
    assert expected in text and "own doctor" in text
    (lead,) = _of(live_stack, chat.sender)
    assert lead["outcome"] == "not_eligible" and not any(lead["contact"].values())


def test_not_sure_answers_lead_to_review_never_forced(live_stack) -> None:
    chat = _start(live_stack)
    answers = ["54", "yes", "not sure", "yes", "no", "no", "no", "none", "I don't know", "yes"]
    for answer in answers:
        chat.say(answer)
    text = chat.text("yes")  # to the check of the answers
    assert "coordinator" in text and "can't tell yet" in text


def test_study_question_mid_prescreen_is_answered_then_the_question_returns(live_stack) -> None:
    chat = _start(live_stack)
    text = chat.text("how long does the study last?")
    assert "52 weeks" in text and "how old are you" in text


def test_why_do_you_ask_explains_the_current_question(live_stack) -> None:
    chat = _start(live_stack)
    text = chat.text("why do you ask?")
    assert "adults" in text and "how old are you" in text


def test_the_second_ask_offers_not_sure_and_a_coordinator(live_stack) -> None:
    chat = _start(live_stack)
    text = chat.text("abc")
    assert "coordinator" in text and "age" in text and "not sure" in text


def test_stop_ends_the_prescreen_and_keeps_nothing(live_stack) -> None:
    chat = _start(live_stack)
    chat.say("54")
    assert "did not keep your answers" in chat.text("stop")
    assert _of(live_stack, chat.sender) == []


def test_no_consent_means_no_health_question(live_stack) -> None:
    chat = Conversation(live_stack.rasa_url)
    chat.say("am I eligible?")
    text = chat.text("no")
    assert "won't ask any health questions" in text and "how old" not in text


def test_logs_never_contain_personal_data(live_stack) -> None:
    chat = _start(live_stack)
    for answer in ELIGIBLE_ANSWERS:
        chat.say(answer)
    for message in ("yes please", "Zelda Quiverfish", "zelda.quiverfish@example.org", "evenings"):
        chat.say(message)
    logs = Path(__file__).resolve().parents[2] / "test-artifacts" / "logs"
    text = "\n".join(path.read_text(errors="replace") for path in logs.glob("*.log"))
    assert text, "the servers wrote no logs at all"
    for secret in ("Zelda", "Quiverfish", "zelda.quiverfish@example.org"):
        assert secret not in text

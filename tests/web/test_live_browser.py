"""The whole product in Debian's chromium: real Rasa, action server and web app (``live_stack``).

A patient chats through the widget to a finished pre-screen and leaves contact details; a
coordinator then finds the referral in the inbox. Staff edit an answer; the widget shows the new
text on the next question (through Rasa's NLG endpoint, no retrain).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from bot.storage.db import Database
from bot.users.accounts import create_user
from tests.web.browser import screenshot
from tests.web.staff import PASSWORD

pytestmark = [pytest.mark.servers, pytest.mark.browser]
REPLY_TIMEOUT_MS = 30_000
PATIENT_NAME = "Camille Testpatient"

# (what the assistant's last message must contain, what the patient answers)
PRESCREEN = [
    ("", "I would like to check if I can take part in the study"),
    ("do you agree", "yes"),
    ("how old are you", "54"),
    ("social security", "yes"),
    ("antibod", "Jo-1"),
    ("ct scan", "yes"),
    ("last 6 months", "no"),
    ("did not work", "no"),
    ("pregnant", "not applicable"),
    ("do any of these apply", "none"),
    ("breathing tests", "not sure"),
    ("birth control", "yes"),
    ("is that right", "Yes, that's right"),
    ("contact you", "Yes, please contact me"),
    ("name should the coordinator use", PATIENT_NAME),
    ("email address or phone", "camille.testpatient@example.org"),
    ("good time to contact you", "weekday mornings"),
]


@pytest.fixture(scope="module")
def stack(live_stack):  # type: ignore[no-untyped-def]
    """The live stack plus a coordinator and a staff account in its database."""
    database = Database(live_stack.database_url)
    with database.session_scope() as session:
        for role in ("coordinator", "staff"):
            create_user(session, f"live-{role}@example.org", PASSWORD, role)
    yield live_stack
    database.dispose()


def _base(settings) -> str:  # type: ignore[no-untyped-def]
    return f"http://127.0.0.1:{settings.web_port}"


def _say(page: Page, text: str) -> None:
    """Answer with the quick-reply button when there is one, else by typing (as a patient would)."""
    button = page.locator(".cpw-quick", has_text=re.compile(f"^{re.escape(text)}$", re.I))
    if button.count():
        button.first.click()
    else:
        page.get_by_label("Your message").fill(text)
        page.keyboard.press("Enter")


def _last_bot_text(page: Page, count_before: int) -> str:
    replies = page.locator(".cpw-bot:not(.cpw-welcome)")
    expect(replies).not_to_have_count(count_before, timeout=REPLY_TIMEOUT_MS)
    page.wait_for_function("!document.querySelector('.cpw-typing').textContent", timeout=REPLY_TIMEOUT_MS)
    return page.locator(".cpw-bot:not(.cpw-welcome)").last.inner_text().lower()


def _sign_in(page: Page, base: str, email: str, start: str) -> None:
    page.goto(base + start)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(base + start)


@pytest.fixture
def widget(browser: Browser, stack) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(_base(stack) + "/")
    page.get_by_role("button", name="Questions? Chat with us").click()
    yield page
    context.close()


def test_a_patient_prescreen_in_the_widget_arrives_in_the_coordinators_inbox(
    browser: Browser, stack, widget: Page
) -> None:  # type: ignore[no-untyped-def]
    last = ""
    for step, (expected, answer) in enumerate(PRESCREEN):
        assert expected in last, f"step {step}: expected the assistant to say {expected!r}, it said {last!r}"
        count = widget.locator(".cpw-bot:not(.cpw-welcome)").count()
        _say(widget, answer)
        last = _last_bot_text(widget, count)
    screenshot(widget, "live-patient-prescreen-finished")

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    inbox = context.new_page()
    _sign_in(inbox, _base(stack), "live-coordinator@example.org", "/inbox")
    inbox.goto(_base(stack) + "/inbox?q=camille.testpatient%40example.org")  # other tests refer people too
    inbox.locator('a[href^="/inbox/referrals/"]').first.click()
    expect(inbox.get_by_text(PATIENT_NAME)).to_be_visible()
    expect(inbox.get_by_text("camille.testpatient@example.org")).to_be_visible()
    screenshot(inbox, "live-inbox-referral")
    context.close()


@pytest.fixture
def faq_file(stack) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """The live web app's faq.yml, restored afterwards whatever the test did."""
    path = stack.content_dir / "faq.yml"
    original = path.read_bytes()
    yield path
    path.write_bytes(original)


def test_staff_edit_an_answer_and_the_widget_shows_it_on_the_next_question(
    browser: Browser, stack, widget: Page, faq_file: Path
) -> None:  # type: ignore[no-untyped-def]
    new_answer = "The study lasts 52 weeks, about one year. Your study team can tell you more."
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    editor = context.new_page()
    _sign_in(editor, _base(stack), "live-staff@example.org", "/editor")
    editor.goto(_base(stack) + "/editor/entries/duration")
    editor.get_by_label("Answer (2 to 5 short sentences)").fill(new_answer)
    editor.get_by_role("button", name="Save").click()
    expect(editor.locator("p.notice")).to_contain_text("Saved.")
    context.close()

    count = widget.locator(".cpw-bot:not(.cpw-welcome)").count()
    _say(widget, "how long does the study last?")
    assert new_answer.lower() in _last_bot_text(widget, count)
    screenshot(widget, "live-widget-edited-answer")

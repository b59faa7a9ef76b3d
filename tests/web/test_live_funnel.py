"""The funnel counts what really happened: conversations played over the whole stack (real Rasa,
action server, leads database) move the funnel page's numbers by exactly what was played."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from bot.eligibility.loader import load_criteria
from bot.leads.funnel_stats import counts_by_period
from bot.leads.queries import funnel_report
from bot.runtime.rest_chat import Conversation
from bot.storage.db import Database
from bot.users.accounts import create_user
from tests.web.browser import axe_violations, screenshot
from tests.web.staff import PASSWORD

pytestmark = [pytest.mark.servers, pytest.mark.browser]

CHECKED = "Yes, that's right"  # to the check of all answers before anything is saved
ELIGIBLE = ["54", "yes", "Jo-1", "yes", "no", "no", "not applicable", "none", "yes", "yes", CHECKED]
CONTACT = ["yes please", "Funnel Tester", "funnel.tester@example.org", "weekday mornings"]


@pytest.fixture(scope="module")
def stack(live_stack) -> Iterator[object]:  # type: ignore[no-untyped-def]
    database = Database(live_stack.database_url)
    with database.session_scope() as session:
        create_user(session, "funnel-coordinator@example.org", PASSWORD, "coordinator")
    yield live_stack
    database.dispose()


def _snapshot(database: Database) -> tuple[dict, dict]:
    with database.session_scope() as session:
        report = funnel_report(session)
        weekly = {p.start: p.counts for p in counts_by_period(session, "week")}
    return report, weekly


def _play(rasa_url: str, messages: list[str]) -> Conversation:
    chat = Conversation(rasa_url)
    for message in messages:
        assert chat.say(message), f"no reply to {message!r}"
    return chat


def test_conversations_played_over_the_stack_move_the_funnel_by_exactly_that(browser: Browser, stack) -> None:  # type: ignore[no-untyped-def]
    database = Database(stack.database_url)
    slots = list(load_criteria().slot_names)
    before, weekly_before = _snapshot(database)

    start = ["can I join the study?", "yes"]
    played = {
        "faq only": [_play(stack.rasa_url, ["how long does the study last?"]) for _ in range(3)],
        "eligible with contact": [_play(stack.rasa_url, [*start, *ELIGIBLE, *CONTACT]) for _ in range(2)],
        "too young": [_play(stack.rasa_url, [*start, "15", CHECKED])],
        "left after age": [_play(stack.rasa_url, [*start, "54"])],
    }
    after, weekly_after = _snapshot(database)

    def grew(name: str) -> int:
        return after["steps"][name] - before["steps"][name]

    conversations = sum(len(chats) for chats in played.values())
    assert grew("conversation_started") == conversations == 7
    assert grew("consent_given") == grew("prescreen_started") == 4
    assert grew("prescreen_finished") == 3  # two eligible, one too young; the one who left did not finish
    assert grew("contact_given") == 2
    outcomes = {k: after["outcomes"][k] - before["outcomes"][k] for k in after["outcomes"]}
    assert outcomes == {"likely_eligible": 2, "not_eligible": 1, "needs_review": 0, "handoff": 0}

    answered_before = {q["question"]: q["answered"] for q in before["questions"]}
    answered = Counter(
        {q["question"]: q["answered"] - answered_before.get(q["question"], 0) for q in after["questions"]}
    )
    expected = Counter({slot: 2 for slot in slots})
    expected["age"] = 4  # the two eligible, the one too young, the one who left after it
    assert +answered == expected, "every question answered counts once per conversation"

    week = max(weekly_after)
    assert (
        weekly_after[week]["conversation_started"]
        - weekly_before.get(week, {}).get("conversation_started", 0)
        == 7
    )

    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    base = f"http://127.0.0.1:{stack.web_port}"
    page.goto(base + "/inbox/funnel")
    page.get_by_label("Email").fill("funnel-coordinator@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(base + "/inbox/funnel")
    steps = page.get_by_role("table", name="Conversations reaching each step", exact=True)
    for step, count in after["steps"].items():
        row = steps.get_by_role("row", name=re.compile("^" + step.replace("_", " ").capitalize()))
        expect(row.get_by_role("cell")).to_have_text(str(count))
    expect(page.locator("#chart-started")).to_be_visible()
    screenshot(page, "live-funnel-page")
    assert axe_violations(page, "live-funnel-page") == []
    phone = browser.new_context(viewport={"width": 320, "height": 800}, storage_state=context.storage_state())
    small = phone.new_page()
    small.goto(base + "/inbox/funnel?period=week")
    assert small.evaluate("document.documentElement.scrollWidth <= 320"), "the funnel page scrolls sideways"
    screenshot(small, "live-funnel-page-320px")
    phone.close()
    context.close()
    database.dispose()

"""A patient on a phone (390x844) in Debian's chromium against the whole product: the welcome,
a numbered pre-screen, and at the end what happens next with a reference to quote."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from bot.eligibility.loader import load_criteria
from bot.leads.crypto import load_cipher
from tests.web.browser import axe_violations, screenshot
from tests.web.test_live_browser import PRESCREEN, _last_bot_text, _say

pytestmark = [pytest.mark.servers, pytest.mark.browser]


def test_a_patient_on_a_phone_sees_progress_and_leaves_with_a_reference(browser: Browser, live_stack) -> None:  # type: ignore[no-untyped-def]
    total = len(load_criteria().slot_names)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, bypass_csp=True
    )
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{live_stack.web_port}/")
    page.get_by_role("button", name="Questions? Chat with us").click()
    expect(page.locator(".cpw-welcome")).to_contain_text("automated")
    screenshot(page, "live-phone-welcome")
    numbers: list[int] = []
    last = ""
    for expected, answer in PRESCREEN:
        assert expected in last, f"expected {expected!r}, the assistant said {last!r}"
        count = page.locator(".cpw-bot:not(.cpw-welcome)").count()
        _say(page, answer)
        last = _last_bot_text(page, count)
        said = " ".join(page.locator(".cpw-bot:not(.cpw-welcome)").all_inner_texts()[count:]).lower()
        numbers += [int(n) for n in re.findall(rf"question (\d+) of {total}\b", said)]
        if numbers and numbers[-1] == 4:
            screenshot(page, "live-phone-progress")
        if "is that right?" in last:  # the answers checked before anything is saved
            screenshot(page, "live-phone-summary")
    assert numbers[:3] == [1, 2, 3] and numbers == sorted(numbers) and len(numbers) >= total - 1
    reference = load_cipher(live_stack).short_reference(
        page.evaluate("sessionStorage.getItem('catrpat-chat')")
    )
    final = page.locator(".cpw-bot:not(.cpw-welcome)").last
    expect(final).to_contain_text(reference)
    expect(final).to_contain_text(f"within {live_stack.coordinator_reply_days} working days")
    expect(final).to_be_in_viewport()
    screenshot(page, "live-phone-reference")
    assert axe_violations(page, "live-phone-reference", ".cpw") == []
    context.close()

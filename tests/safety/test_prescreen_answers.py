"""Pre-screen answers are ordinary messages: none may get a safety reply unless its profile is about
danger (a crisis reply comes alone, so a false one stops the profile)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml

from bot.safety import screen

PROFILES = Path(__file__).resolve().parents[1] / "prescreen" / "heldout" / "profiles_en.yml"
# Profiles whose answers tell of something to act on today: a fever now on immunosuppressants, a
# possible pregnancy (a late period). Their urgent reply comes before the pre-screen goes on.
ABOUT_DANGER = {"en-44-fever-now", "en-54-period-late"}


def answers(profile: dict) -> Iterator[str]:
    yield profile["opening"]
    for key in ("consent", "contact"):
        value = profile.get(key)
        yield from [value] if isinstance(value, str) else value or []
    for values in (profile.get("answers") or {}).values():
        yield from values


def test_no_profile_answer_triggers_unless_the_profile_is_about_danger() -> None:
    profiles = yaml.safe_load(PROFILES.read_text(encoding="utf-8"))["profiles"]
    triggered = [
        (profile["id"], text, verdict.category)
        for profile in profiles
        if profile["id"] not in ABOUT_DANGER
        for text in answers(profile)
        if (verdict := screen(text)) is not None
    ]
    assert triggered == []


def test_no_french_profile_answer_gets_the_crisis_reply() -> None:
    """The crisis reply comes alone and the answer is lost; the other safety replies come before the
    pre-screen goes on. Measured 2026-12-02: besides the profiles about danger (pregnant now, maybe
    pregnant), five French answers get an urgent, advice or emergency reply first (a known cost)."""
    french = PROFILES.with_name("profiles_fr.yml")
    profiles = yaml.safe_load(french.read_text(encoding="utf-8"))["profiles"]
    crises = [
        (profile["id"], text)
        for profile in profiles
        for text in answers(profile)
        if (verdict := screen(text)) is not None and verdict.category == "self_harm"
    ]
    assert crises == []


def test_what_the_simulated_patient_says_of_its_own_triggers_nothing() -> None:
    from bot.runtime.simulated_patient import FALLBACKS

    said = [text for words in FALLBACKS.values() for text in words.values()]
    assert [text for text in said if screen(text) is not None] == []

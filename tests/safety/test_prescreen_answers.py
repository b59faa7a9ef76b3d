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

"""The pre-screen's part of the Rasa domain, generated from the criteria file by `python -m bot build`.

One slot per question (the parsed Answer as JSON, filled by the form's own extraction), the form
asking them in the file's order, and one ``action_ask_<slot>`` per question (actions/
prescreen_questions.py asks from the same file). A new question is then a data change only.
"""

from __future__ import annotations

from typing import Any

from bot.eligibility.answer_types import type_of
from bot.eligibility.models import CriteriaSet
from bot.eligibility.summary import SUMMARY_SLOT

FORM = "prescreen_form"
RASA_FORMAT_VERSION = "3.1"


def ask_action(slot: str) -> str:
    return f"action_ask_{slot}"


def prescreen_domain(criteria: CriteriaSet) -> dict[str, Any]:
    """Slots, form and ask actions for every question, then the check of all answers before
    saving (bot/eligibility/summary.py); a question whose answer type has no reader in the
    registry raises here, at build time, instead of being accepted unread in a chat."""
    slots: dict[str, Any] = {
        name: {
            "type": type_of(criteria, name).slot_type,
            "influence_conversation": False,
            "mappings": [{"type": "custom"}],
        }
        for name in criteria.slot_names
    }
    slots[SUMMARY_SLOT] = {"type": "text", "influence_conversation": False, "mappings": [{"type": "custom"}]}
    asked = [*criteria.slot_names, SUMMARY_SLOT]
    return {
        "version": RASA_FORMAT_VERSION,
        "slots": slots,
        "forms": {FORM: {"required_slots": asked}},
        "actions": [ask_action(name) for name in asked],
    }


def hand_written_overlap(domain: dict[str, Any], generated: dict[str, Any]) -> list[str]:
    """What a hand-written domain file defines that the criteria file owns (it would shadow it)."""
    clashes = [f"slot {name!r}" for name in generated["slots"] if name in (domain.get("slots") or {})]
    clashes += [f"form {name!r}" for name in generated["forms"] if name in (domain.get("forms") or {})]
    clashes += [f"action {name!r}" for name in generated["actions"] if name in (domain.get("actions") or [])]
    return clashes

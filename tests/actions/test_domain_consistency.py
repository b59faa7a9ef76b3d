"""The hand-written domain and the data files agree, and every custom action the domain names exists."""

from __future__ import annotations

from rasa_sdk import Action

import actions.consent
import actions.contact_form
import actions.pending
import actions.prescreen_form
import actions.prescreen_outcome
import actions.prescreen_questions
import actions.privacy
import actions.referral  # noqa: F401 - imported so every action class is registered
from actions import context


def _implemented() -> set[str]:
    def subclasses(cls: type) -> set[type]:
        found = set(cls.__subclasses__())
        return found.union(*(subclasses(sub) for sub in found)) if found else found

    names = set()
    for cls in subclasses(Action):
        if cls.__module__.startswith("actions.") and not getattr(cls, "__abstractmethods__", None):
            names.add(cls().name())
    return names


def test_prescreen_form_asks_exactly_the_criteria_questions_in_order(domain) -> None:
    assert tuple(domain["forms"]["prescreen_form"]["required_slots"]) == context.criteria().slot_names


def test_every_criteria_question_has_a_slot_and_an_ask_action(domain) -> None:
    for slot in context.criteria().slot_names:
        assert slot in domain["slots"]
        assert f"action_ask_{slot}" in domain["actions"]


def test_every_custom_action_in_the_domain_is_implemented(domain) -> None:
    custom = {name for name in domain["actions"] if not name.startswith("utter_")}
    assert custom - _implemented() == set()


def test_no_action_is_implemented_that_the_domain_does_not_list(domain) -> None:
    assert _implemented() - set(domain["actions"]) == set()

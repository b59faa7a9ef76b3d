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


def test_prescreen_form_asks_exactly_the_criteria_questions_in_order_then_checks_them(domain) -> None:
    required = tuple(domain["forms"]["prescreen_form"]["required_slots"])
    assert required == (*context.criteria().slot_names, "answers_checked")


def test_every_criteria_question_has_a_slot_and_an_ask_action(domain) -> None:
    for slot in context.criteria().slot_names:
        assert slot in domain["slots"]
        assert f"action_ask_{slot}" in domain["actions"]


def test_every_custom_action_in_the_domain_is_implemented(domain) -> None:
    custom = {name for name in domain["actions"] if not name.startswith("utter_")}
    assert custom - _implemented() == set()


def test_no_action_is_implemented_that_the_domain_does_not_list(domain) -> None:
    assert _implemented() - set(domain["actions"]) == set()


def _said_by_actions() -> set[str]:
    """Every response id written in actions/ and in the contact checks (bot/leads/contact.py)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    files = [*sorted((root / "actions").glob("*.py")), root / "bot" / "leads" / "contact.py"]
    return {
        node.value
        for path in files
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if node.value.startswith("utter_") and "/" not in node.value
    } - {"utter_action"}  # Rasa's metadata key naming the response a bot message came from


def test_every_response_an_action_says_is_in_data_texts_or_the_domain(domain) -> None:
    from bot.runtime.build import CONSENT_RESPONSES, text_responses
    from bot.settings import get_settings
    from bot.texts import load_texts

    known = {*text_responses(load_texts(get_settings().texts_dir)), *CONSENT_RESPONSES, *domain["responses"]}
    said = _said_by_actions()
    assert {"utter_contact_saved", "utter_save_failed", "utter_contact_phone_invalid"} <= said
    assert said - known == set()


def test_the_contact_form_asks_with_responses_not_actions(domain) -> None:
    from bot.runtime.build import text_responses
    from bot.settings import get_settings
    from bot.texts import load_texts

    responses = text_responses(load_texts(get_settings().texts_dir))
    for slot in domain["forms"]["contact_form"]["required_slots"]:
        assert f"utter_ask_{slot}" in responses and f"action_ask_{slot}" not in domain["actions"]

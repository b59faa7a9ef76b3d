"""A new pre-screen question is a data change: added to a copy of data/, built with the real build,
then asked, re-asked and evaluated by the action server's own code, with no Python edited."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions import context
from actions.prescreen_form import ValidatePrescreenForm
from actions.prescreen_outcome import ActionPrescreenOutcome
from actions.prescreen_questions import ask
from bot.eligibility import CriteriaError, default_criteria
from bot.runtime import build
from bot.settings import get_settings, scoped_environment
from tests.actions.conftest import REPO_ROOT, make_tracker, merged_domain

QUESTION = "Do you live within 2 hours of Paris?"
REASK = 'Sorry, I didn\'t get that. Please answer "yes", "no" or "not sure".'
NOT_ELIGIBLE = "The study can only include people who live within 2 hours of Paris."
NEW_SLOT = {
    "slot": "near_paris",
    "answer_type": "yes_no",
    "question": QUESTION,
    "topic": "Living near Paris",
    "reask": REASK,
    "buttons": ["Yes", "No", "Not sure"],
}
NEW_CRITERION = {
    "id": "I10",
    "kind": "inclusion",
    "slot": "near_paris",
    "label": "Lives within 2 hours of Paris",
    "why": "The study visits take place in Paris every month.",
    "rule": {"exclude_if": "no"},
    "not_eligible_text": NOT_ELIGIBLE,
    "source": "study-record.txt: Inclusion 10 (an example for this test)",
}


def _forget_loaded_data() -> None:
    get_settings.cache_clear()
    default_criteria.cache_clear()
    context.criteria.cache_clear()


def _copy_of_data(root: Path, slot: dict[str, Any], criterion: dict[str, Any]) -> Path:
    """data/ copied, with ``slot`` asked right after the age and ``criterion`` added."""
    data = root / "data"
    shutil.copytree(REPO_ROOT / "data", data)
    criteria_file = data / "eligibility" / "criteria.yml"
    document = yaml.safe_load(criteria_file.read_text(encoding="utf-8"))
    document["slots"].insert(1, slot)
    document["criteria"].append(criterion)
    criteria_file.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return data


def _environment(root: Path, data: Path) -> dict[str, str]:
    return {
        "CATR_CRITERIA_FILE": str(data / "eligibility" / "criteria.yml"),
        "CATR_CONTENT_DIR": str(data / "content"),
        "CATR_BUILD_DIR": str(root / "build"),
    }


@contextmanager
def _settings_for(root: Path, data: Path) -> Iterator[None]:
    """Settings (and everything loaded from them) point at ``data`` and build into ``root``."""
    with scoped_environment(_environment(root, data)):
        _forget_loaded_data()
        try:
            yield
        finally:
            _forget_loaded_data()
    _forget_loaded_data()


@pytest.fixture(scope="module")
def built_trial(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of data/ with the new question, built once by the real build: (data, build root)."""
    root = tmp_path_factory.mktemp("trial")
    data = _copy_of_data(root, NEW_SLOT, NEW_CRITERION)
    for reused in ("spacy", "lexical", "safety"):  # reused when current (same stamp), as `bot build` does
        if (REPO_ROOT / "build" / reused).is_dir():
            shutil.copytree(REPO_ROOT / "build" / reused, root / "build" / reused)
    with _settings_for(root, data):
        build.prepare(get_settings())
    return data, root


@pytest.fixture
def trial_with_new_question(built_trial: tuple[Path, Path]) -> Iterator[Path]:
    """The settings point at the built copy for one test; yields its build dir."""
    data, root = built_trial
    with _settings_for(root, data):
        yield root / "build"


def _slots(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


def _texts(dispatcher: CollectingDispatcher) -> list[str]:
    return [message["text"] for message in dispatcher.messages]


async def test_a_question_added_to_the_data_is_asked_read_and_evaluated(
    trial_with_new_question: Path,
) -> None:
    domain = merged_domain(trial_with_new_question / "domain")
    assert domain["forms"]["prescreen_form"]["required_slots"][:2] == ["age", "near_paris"]
    assert "near_paris" in domain["slots"] and "action_ask_near_paris" in domain["actions"]

    # the age is answered and kept; Rasa's form then requests the first empty required slot
    form, dispatcher = ValidatePrescreenForm(), CollectingDispatcher()
    slots = _slots(await form.run(dispatcher, make_tracker("54", slots={"requested_slot": "age"}), domain))
    assert slots["age"]["value"] == 54
    required = domain["forms"]["prescreen_form"]["required_slots"]
    assert next(name for name in required if name not in slots) == "near_paris"
    asked = {"requested_slot": "near_paris", "age": slots["age"]}
    dispatcher = CollectingDispatcher()
    asked.update(_slots(ask("near_paris", dispatcher, make_tracker("54", slots=asked))))
    # numbered from the criteria: the ten questions plus the one added as data
    assert _texts(dispatcher) == [f"Question 2 of 11\n\n{QUESTION}"]
    assert [button["title"] for button in dispatcher.messages[0]["buttons"]] == ["Yes", "No", "Not sure"]

    # an unreadable answer is not kept, and the question's own re-ask comes next
    dispatcher = CollectingDispatcher()
    slots = _slots(await form.run(dispatcher, make_tracker("purple monkey dishwasher", slots=asked), domain))
    assert slots["near_paris"] is None and slots["reask_text"] == REASK
    dispatcher = CollectingDispatcher()
    ask("near_paris", dispatcher, make_tracker("purple monkey dishwasher", slots={**asked, **slots}))
    assert _texts(dispatcher)[0] == f"Question 2 of 11\n\n{REASK}"

    # "no" is read by the yes/no reader and ends the questions: the answers are checked, under
    # the new question's own topic, before the outcome gives the new reason
    dispatcher = CollectingDispatcher()
    slots = _slots(await form.run(dispatcher, make_tracker("no", slots=asked), domain))
    assert slots["near_paris"]["value"] == "no" and slots["requested_slot"] == "answers_checked"
    answered = {"age": asked["age"], "near_paris": slots["near_paris"]}
    dispatcher = CollectingDispatcher()
    ask(
        "answers_checked",
        dispatcher,
        make_tracker("no", slots={**answered, "requested_slot": "answers_checked"}),
    )
    assert "1. Age: 54\n2. Living near Paris: No\n" in _texts(dispatcher)[0]
    checking = {**answered, "requested_slot": "answers_checked", "asked_slot": "answers_checked"}
    slots = _slots(await form.run(CollectingDispatcher(), make_tracker("yes", slots=checking), domain))
    assert slots["answers_checked"] == "yes" and slots["requested_slot"] is None
    dispatcher = CollectingDispatcher()
    events = await ActionPrescreenOutcome().run(dispatcher, make_tracker("no", slots=answered), domain)
    assert _slots(events)["prescreen_outcome"] == "not_eligible"
    assert NOT_ELIGIBLE in _texts(dispatcher)[0]


def test_the_action_server_registers_an_ask_action_for_the_new_question(
    trial_with_new_question: Path,
) -> None:
    """What `rasa_sdk` registers at start, in a process started with the copied data."""
    script = (
        "import json\nfrom rasa_sdk.executor import ActionExecutor\nexecutor = ActionExecutor()\n"
        "executor.register_package('actions')\nprint(json.dumps(sorted(executor.actions)))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    registered = json.loads(result.stdout.strip().splitlines()[-1])
    assert "action_ask_near_paris" in registered and "validate_prescreen_form" in registered


def test_a_question_of_a_type_without_a_reader_stops_the_build(tmp_path: Path) -> None:
    root = tmp_path / "trial"
    data = _copy_of_data(root, {**NEW_SLOT, "answer_type": "postcode"}, NEW_CRITERION)
    expected = r"criteria\.yml: slot 'near_paris': answer_type must be one of"
    with _settings_for(root, data), pytest.raises(CriteriaError, match=expected):
        build.prepare(get_settings())
    assert not (root / "build" / "domain" / "prescreen_questions.yml").exists()


def test_a_hand_written_copy_of_a_generated_question_stops_the_build(tmp_path: Path) -> None:
    settings = get_settings()
    domain_dir = tmp_path / "domain"
    domain_dir.mkdir()
    hand_written = {"version": "3.1", "slots": {"age": {"type": "text", "mappings": [{"type": "custom"}]}}}
    (domain_dir / "extra.yml").write_text(yaml.safe_dump(hand_written), encoding="utf-8")
    with pytest.raises(ValueError, match=r"extra\.yml defines slot 'age'"):
        build.write_prescreen_domain(settings, domain_dir)


def test_the_generated_form_asks_the_criteria_questions_and_is_not_hand_written() -> None:
    from bot.eligibility.rasa_export import prescreen_domain

    generated = prescreen_domain(context.criteria())
    required = generated["forms"]["prescreen_form"]["required_slots"]
    assert required == [*context.criteria().slot_names, "answers_checked"]  # then the check before saving
    # each answer slot holds the parsed Answer as JSON, filled by the form's own extraction
    assert {generated["slots"][name]["type"] for name in context.criteria().slot_names} == {"any"}
    assert {slot["mappings"][0]["type"] for slot in generated["slots"].values()} == {"custom"}
    hand_written = merged_domain(REPO_ROOT / "domain")
    assert not set(context.criteria().slot_names) & set(hand_written["slots"])
    assert "prescreen_form" not in hand_written["forms"]

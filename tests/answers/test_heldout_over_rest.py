"""The frozen held-out questions through the served model over REST: right answers, honest "not
sure" replies and confident wrong answers, with the floors of tests/answers/floors.yml."""

from __future__ import annotations

import pytest

from bot.runtime.answer_scoring import floor_problems, load_questions, render
from bot.runtime.evaluate_answers import HELDOUT, SECTION_TITLE, load_floors, measure

pytestmark = pytest.mark.servers


def test_heldout_answers_meet_the_floors(live_stack) -> None:
    questions = load_questions(live_stack.repo_root / HELDOUT)
    result = measure(live_stack.rasa_url, live_stack.content_dir, live_stack.repo_root, questions)
    floors = load_floors(live_stack.repo_root)
    print("\n" + "\n".join(render(result, floors, SECTION_TITLE)))
    assert floor_problems(result, floors) == []

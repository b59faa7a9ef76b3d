"""The frozen held-out questions of each language through the served model over REST: right
answers, honest "not sure" replies and confident wrong answers, with the floors of
tests/answers/floors.yml."""

from __future__ import annotations

import pytest

from bot.runtime.answer_scoring import floor_problems, load_questions, render
from bot.runtime.evaluate_answers import OPENINGS, heldout_file, load_floors, measure, section_title

pytestmark = pytest.mark.servers


@pytest.mark.parametrize("language", sorted(OPENINGS))
def test_heldout_answers_meet_the_floors(live_stack, language: str) -> None:
    questions = load_questions(live_stack.repo_root / heldout_file(language))
    result = measure(
        live_stack.rasa_url,
        live_stack.content_dir,
        live_stack.repo_root,
        questions,
        language,
        OPENINGS[language],
    )
    floors = load_floors(live_stack.repo_root, language)
    print("\n" + "\n".join(render(result, floors, section_title(language))))
    assert floor_problems(result, floors) == []

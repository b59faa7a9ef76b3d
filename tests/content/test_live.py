"""Live answers for the NLG endpoint follow edits to faq.yml without a restart."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.content.live import LiveFaqAnswers
from bot.content.loader import ContentError
from bot.content.writer import save_faq


@pytest.fixture
def faq_path(entry, tmp_path: Path) -> Path:
    path = tmp_path / "faq.yml"
    save_faq([entry("duration"), entry("cost", answer="Ask a coordinator. They know.")], path)
    return path


def test_returns_the_answer_for_a_faq_response_name(faq_path: Path) -> None:
    live = LiveFaqAnswers(faq_path)
    assert live.answer("utter_faq/cost") == "Ask a coordinator. They know."


@pytest.mark.parametrize("name", ["utter_faq/unknown", "utter_greet", "utter_faq/", "faq/cost"])
def test_unknown_or_non_faq_names_return_none(faq_path: Path, name: str) -> None:
    assert LiveFaqAnswers(faq_path).answer(name) is None


def test_picks_up_an_edited_file(entry, faq_path: Path) -> None:
    live = LiveFaqAnswers(faq_path)
    save_faq([entry("duration", answer="It lasts a year. Ask us.")], faq_path)
    assert live.answer("utter_faq/duration") == "It lasts a year. Ask us."
    assert live.answer("utter_faq/cost") is None


def test_picks_up_an_edit_made_in_place(faq_path: Path) -> None:
    live = LiveFaqAnswers(faq_path)
    text = faq_path.read_text(encoding="utf-8").replace("They know.", "They can help.")
    faq_path.write_text(text, encoding="utf-8")
    assert live.answer("utter_faq/cost") == "Ask a coordinator. They can help."


def test_broken_edit_keeps_serving_the_last_good_answers(faq_path: Path, caplog) -> None:
    live = LiveFaqAnswers(faq_path)
    faq_path.write_text("entries: [unclosed\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert live.answer("utter_faq/cost") == "Ask a coordinator. They know."
    assert "event=faq_reload_failed" in caplog.text


def test_broken_file_at_startup_fails_loudly(tmp_path: Path) -> None:
    path = tmp_path / "faq.yml"
    path.write_text("entries: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError):
        LiveFaqAnswers(path)


def test_the_french_answer_is_served_for_a_french_conversation_and_english_otherwise(
    entry, tmp_path: Path
) -> None:
    from bot.content.live import LiveAnswersByLanguage

    save_faq([entry("duration", answer="It lasts a year. Then it ends.")], tmp_path / "faq.yml")
    (tmp_path / "fr").mkdir()
    save_faq([entry("duration", answer="Elle dure un an. Puis elle finit.")], tmp_path / "fr" / "faq.yml")
    live = LiveAnswersByLanguage(tmp_path)
    assert live.answer("utter_faq/duration", "fr") == "Elle dure un an. Puis elle finit."
    assert live.answer("utter_faq/duration", None) == "It lasts a year. Then it ends."
    assert live.answer("utter_faq/duration", "de") == "It lasts a year. Then it ends."

"""The FAQ's second reader: it ranks entries from their questions, and its vote blends with the
ResponseSelector's in the share answering.yml sets."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.content.lexical import (
    blend,
    digest,
    fit_reader,
    load_reader,
    questions_of,
    reader_questions,
    save_reader,
)
from bot.content.models import FaqEntry
from bot.content.phrasings import load_phrasings
from bot.settings import get_settings


def _entry(entry_id: str, *questions: str) -> FaqEntry:
    return FaqEntry(id=entry_id, topic="t", questions=questions, answer="An answer.")


ENTRIES = (
    _entry("duration", "how long is the study", "how many weeks does it last", "study length"),
    _entry("cost", "does it cost money", "do i have to pay", "is it free"),
    _entry("side_effects", "what are the side effects", "is tacrolimus safe", "risks of the drugs"),
    _entry("assistant_identity", "are you a bot", "am i talking to a human", "who are you"),
)


def test_the_reader_ranks_a_misspelt_question_on_its_entry() -> None:
    reader = fit_reader(questions_of(ENTRIES))
    ranking = reader.rank("wat r the side efects")
    assert max(ranking, key=ranking.get) == "side_effects"
    assert abs(sum(ranking.values()) - 1) < 1e-6


def test_entries_answered_by_their_own_intent_are_left_out() -> None:
    assert (
        "assistant_identity" not in fit_reader(questions_of(ENTRIES, skip={"assistant_identity"})).entry_ids
    )
    # answering.yml maps bot_challenge to assistant_identity: the real reader never names it
    assert "assistant_identity" not in reader_questions(get_settings().content_dir)


def test_the_real_reader_learns_the_phrasings_of_faq_phrasings_yml_too() -> None:
    content_dir = get_settings().content_dir
    questions = reader_questions(content_dir)
    phrasings = load_phrasings(content_dir, set(questions) | {"assistant_identity"})
    entry_id, more = next((key, texts) for key, texts in phrasings.items() if key in questions)
    assert set(more) <= set(questions[entry_id])
    assert len(questions[entry_id]) > len(more)  # faq.yml's own questions are there as well


def test_blend_weighs_both_readers_and_keeps_the_best_first() -> None:
    blended = blend((("duration", 0.5), ("cost", 0.45)), {"duration": 0.1, "cost": 0.8, "visits": 0.1}, 0.5)
    assert [entry for entry, _ in blended] == ["cost", "duration", "visits"]
    assert blended[0][1] == 0.625


def test_a_zero_share_is_the_response_selector_alone() -> None:
    assert blend((("duration", 0.7), ("cost", 0.2)), {"cost": 1.0}, 0.0)[:2] == (
        ("duration", 0.7),
        ("cost", 0.2),
    )


def test_a_saved_reader_is_used_only_for_the_questions_it_was_fitted_on(tmp_path: Path) -> None:
    stamp = digest(questions_of(ENTRIES))
    target = save_reader(fit_reader(questions_of(ENTRIES)), tmp_path / "reader.pickle", stamp)
    assert load_reader(target, stamp) is not None
    new_answer = (replace(ENTRIES[0], answer="A new answer."), *ENTRIES[1:])
    assert load_reader(target, digest(questions_of(new_answer))) is not None  # staff edit answers live
    new_question = (replace(ENTRIES[0], questions=("how long",)), *ENTRIES[1:])
    assert load_reader(target, digest(questions_of(new_question))) is None
    assert load_reader(tmp_path / "missing.pickle", stamp) is None


def test_the_reader_learns_the_french_questions_of_each_entry_too() -> None:
    """French questions train the same entries, so a French question is ranked like an English one."""
    from bot.content.loader import load_faq_every_language

    entries = load_faq_every_language(get_settings().content_dir)
    duration = next(entry for entry in entries if entry.id == "duration")
    assert any("combien" in question for question in duration.questions)  # from data/content/fr/faq.yml
    some = [entry for entry in entries[:12] if entry.id != "duration"] + [duration]  # quick to fit
    ranked = fit_reader(questions_of(some)).rank("ca dure combien de temps cette etude")
    assert max(ranked, key=ranked.__getitem__) == "duration"


def test_ranking_one_message_gives_the_pipeline_s_own_probabilities() -> None:
    """rank() stacks the vectorizers itself (bot/nlp/text_classifier.py): same numbers, faster."""
    reader = fit_reader(questions_of(ENTRIES))
    for text in ("wat r the side efects", "is it free", "how many weeks", ""):
        expected = reader.model.predict_proba([text])[0]
        assert list(reader.rank(text).values()) == pytest.approx(list(expected), abs=1e-12)


def test_an_entry_the_response_selector_never_saw_keeps_its_whole_lexical_confidence() -> None:
    """Staff added "parking" after the last training: the ResponseSelector cannot vote for it, so
    its lexical confidence is not cut by the selector's share (else it could never be answered)."""
    answers, lexical = (("duration", 0.6), ("cost", 0.3)), {"parking": 0.9, "duration": 0.2}
    blended = dict(blend(answers, lexical, 0.6, trained={"duration", "cost"}))
    assert blended["parking"] == 0.9
    assert blended["duration"] == 0.4 * 0.6 + 0.6 * 0.2
    assert dict(blend(answers, lexical, 0.6))["parking"] == 0.6 * 0.9  # no list of trained entries

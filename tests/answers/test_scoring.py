"""How replies are counted: right, honest "not sure" / "don't know", or confident wrong."""

from __future__ import annotations

import pytest
import yaml

from bot.content.loader import load_faq
from bot.runtime.answer_scoring import (
    DEFERRAL,
    DONT_KNOW,
    HANDOFF,
    NOT_SURE,
    OUT_OF_SCOPE,
    PRESCREEN,
    Question,
    floor_problems,
    outcome,
    reply_book,
    tally,
)
from bot.settings import REPO_ROOT

CONTENT = REPO_ROOT / "data" / "content"


@pytest.mark.parametrize(
    ("expect", "kinds", "result"),
    [
        ("duration", ["duration"], "correct"),
        ("duration", ["reply:other", "duration"], "correct"),  # a safety note, then the answer
        ("duration", [NOT_SURE], "not_sure"),
        ("duration", [DONT_KNOW], "not_sure"),
        ("current_medicines", [DEFERRAL], "not_sure"),  # "ask your own doctor" states no fact
        ("duration", ["visits"], "wrong"),
        ("duration", [OUT_OF_SCOPE], "wrong"),  # a study question is not out of scope
        ("out_of_scope", [OUT_OF_SCOPE], "correct"),
        ("out_of_scope", ["sites"], "wrong"),
        ("unknown", ["not_covered"], "correct"),
        ("unknown", [DONT_KNOW], "correct"),
        ("unknown", [OUT_OF_SCOPE], "not_sure"),
        ("unknown", ["cost"], "wrong"),
        ("contact_coordinator", [HANDOFF], "correct"),
        ("who_can_join", [PRESCREEN], "correct"),  # "can I join?": the pre-screen answers it
        ("duration", [PRESCREEN], "wrong"),  # any other question is not answered by it
        ("duration", [], "wrong"),  # silence is never right
    ],
)
def test_replies_are_counted_by_what_the_person_reads(expect: str, kinds: list[str], result: str) -> None:
    assert outcome(expect, kinds) == result


def test_replies_are_recognised_from_the_content_they_come_from() -> None:
    book = reply_book(CONTENT, REPO_ROOT)
    duration = next(entry.answer for entry in load_faq(CONTENT / "faq.yml") if entry.id == "duration")
    assert book.kind(f"{duration}\n\nYou also asked about: Who runs the study.") == "duration"
    assert book.kind("I'm not sure I understood. Is your question about one of these?") == NOT_SURE
    assert book.kind("Something nobody wrote") == "reply:other"
    consent = yaml.safe_load((CONTENT / "consent.yml").read_text(encoding="utf-8"))
    assert book.kind(consent["request"]) == PRESCREEN


def test_french_replies_are_recognised_in_a_french_count_and_english_ones_are_not() -> None:
    book = reply_book(CONTENT, REPO_ROOT, "fr")
    french = next(entry.answer for entry in load_faq(CONTENT / "fr" / "faq.yml") if entry.id == "duration")
    english = next(entry.answer for entry in load_faq(CONTENT / "faq.yml") if entry.id == "duration")
    assert book.kind(french) == "duration"
    assert book.kind(english) == "reply:other"  # an English answer to a French question is not read
    assert (
        book.kind("Je ne suis pas sûr d'avoir compris. Votre question porte-t-elle sur l'un de ces sujets ?")
        == NOT_SURE
    )


def test_floors_name_what_is_missed() -> None:
    results = [(Question("q1", "duration"), ["visits"]), (Question("q2", "duration"), ["duration"])]
    problems = floor_problems(tally(results), {"correct_min": 0.9, "confident_wrong_max": 0.03})
    assert problems == ["answers: correct 0.500 is below 0.9", "answers: confident wrong 0.500 is above 0.03"]


def test_not_sure_replies_that_offered_the_right_topic_are_counted() -> None:
    results = [
        (Question("q1", "duration"), [NOT_SURE, "offered:duration", "offered:visits"]),
        (Question("q2", "duration"), [NOT_SURE, "offered:visits"]),
    ]
    assert tally(results).offered == 1

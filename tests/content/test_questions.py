"""Long messages: the story is not the question, and every question asked is answered or named."""

from __future__ import annotations

import pytest

from bot.content.answering import Reading, Thresholds
from bot.content.questions import choose, looks_like_question, split_questions

THRESHOLDS = Thresholds(answer=0.5, margin=0.1, offer=0.1)


def _sure(entry_id: str) -> Reading:
    return Reading("faq", 0.95, ((entry_id, 0.95), ("other", 0.01)), 0.95)


def _vague() -> Reading:
    return Reading("faq", 0.4, (("a", 0.3), ("b", 0.3)), 0.4)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "my dad got his jo-1 result in may and walks slowly now, how many weeks is the study",
            ["my dad got his jo-1 result in may and walks slowly now", "how many weeks is the study"],
        ),
        ("what are the groups and how do they pick mine", ["what are the groups", "how do they pick mine"]),
        ("Hello. Is there a placebo? Thanks", ["Hello.", "Is there a placebo?", "Thanks"]),
        ("is it safe and free", ["is it safe and free"]),
        ("hi there, what is it", ["hi there, what is it"]),  # too short to cut
        (  # French: a question opener read without its accent ("ça"), after a comma
            "mon père a une fibrose depuis 2021, ça dure combien de temps l'étude",
            ["mon père a une fibrose depuis 2021", "ça dure combien de temps l'étude"],
        ),
        (
            "elle a 58 ans et elle est essoufflée, est-ce qu'elle peut participer",
            ["elle a 58 ans et elle est essoufflée", "est-ce qu'elle peut participer"],
        ),
        ("il tousse beaucoup et il est fatigué", ["il tousse beaucoup et il est fatigué"]),  # no question
    ],
)
def test_messages_are_cut_before_each_question(text: str, parts: list[str]) -> None:
    assert split_questions(text) == parts


def test_questions_are_recognised_without_a_question_mark() -> None:
    assert looks_like_question("how long would it take")
    assert looks_like_question("placebo?")
    assert looks_like_question("and who runs it")
    assert not looks_like_question("my husband has ild")
    assert looks_like_question("Combien ça coûte")
    assert looks_like_question("et quand est-ce que ça commence")
    assert not looks_like_question("mon mari a une PID")


def test_a_story_then_a_question_is_answered_on_the_question() -> None:
    parts = [("my wife has jo-1 and her lungs are worse", _sure("interstitial_lung_disease")),
             ("how long is the study", _sure("duration"))]  # fmt: skip
    decision = choose(_sure("interstitial_lung_disease"), parts, THRESHOLDS)
    assert (decision.kind, decision.entry_id, decision.also) == ("answer", "duration", ())


def test_two_questions_answer_the_first_and_name_the_second() -> None:
    parts = [
        ("what are the groups", _sure("treatment_groups")),
        ("how do they pick mine", _sure("randomisation")),
    ]
    decision = choose(_vague(), parts, THRESHOLDS)
    assert (decision.entry_id, decision.also) == ("treatment_groups", ("randomisation",))


def test_the_same_topic_asked_twice_is_answered_once() -> None:
    parts = [("placebo?", _sure("open_label")), ("is it blind", _sure("open_label"))]
    assert choose(_vague(), parts, THRESHOLDS).also == ()


def test_without_a_sure_question_the_whole_message_decides() -> None:
    parts = [("my mum is 70", _sure("age")), ("what about her", _vague())]
    assert choose(_vague(), parts, THRESHOLDS).kind == "not_sure"

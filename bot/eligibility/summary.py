"""The last check before anything is saved: "Here is what you told me... Is that right?".

After the last question the person sees every answer as the rules read it, one numbered line
each, and confirms, or changes one: by tapping "Change an answer" and then the answer, by typing
its number or its topic ("the scan one"), or by saying the right answer ("my age is 46"). The
form (actions/prescreen_form.py) asks this as its last slot, ``answers_checked``, so a question
asked here ("why do you ask?") is answered and the check comes back, like any question.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.eligibility.answer_types import type_of
from bot.eligibility.answers import only_a_question, parse_answer, yes_no_reading
from bot.eligibility.corrections import detect_correction, slot_named
from bot.eligibility.lexicon import ENGLISH, lexicon, pick
from bot.eligibility.models import Answer, CriteriaSet
from bot.eligibility.parsers.text import find_numbers, find_phrase, normalise
from bot.eligibility.readings import reading
from bot.texts import text

SUMMARY_SLOT = "answers_checked"
STEP_SLOT = "summary_step"  # "pick" while the person chooses which answer to change
PICK = "pick"
CONFIRMED, KEPT = "yes", "unconfirmed"  # the slot's values: checked, or kept after two unclear replies
BUTTON_IDS = ("button_answers_right", "button_change_answer", "button_change_none")
# "that's wrong", "change the age": the person wants to change something (French in words.yml)
CHANGE = re.compile(
    r"\b(change|changes|changing|wrong|fix|edit|mistake|incorrect|not right|isn'?t right|"
    r"not correct|not quite|update|redo|go back)\b"
)
# "all good", "that's correct": the answers are right (French in words.yml)
RIGHT = re.compile(
    r"\b(right|correct|all good|looks good|all fine|that'?s it|exactly|perfect|accurate|"
    r"yes|yep|yeah|yup|ok|okay|fine|confirm|confirmed|good)\b"
)


# "no, ..." in front of the right answer ("no the antibody is PL-7"): the "no" is about the summary
LEADING_NO = re.compile(r"^(?:no|nope|nah|non|not quite|wrong)\b[\s,.!:;-]*")
ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|e|er|ère|ere|eme|ème)\b")


@dataclass(frozen=True)
class Check:
    """What a reply to the summary says.

    kind: "confirmed" (all right), "change" (something is wrong, not said which), "pick" (this
    slot is wrong: ask it again), "correction" (this slot's right answer), "keep" (nothing to
    change after all: show the summary again) or "unclear".
    """

    kind: str
    slot: str | None = None
    answer: Answer | None = None


def answered_slots(criteria: CriteriaSet, answers: Mapping[str, Answer]) -> list[str]:
    """The answered questions in the order they were asked: the summary's numbered lines."""
    return [name for name in criteria.slot_names if name in answers]


def answer_words(criteria: CriteriaSet, slot: str, answer: Answer, today: date, language: str) -> str:
    """One answer in plain words in ``language``: what the rules read, not the raw value."""
    value = reading(criteria, slot, answer, today)
    if isinstance(value, bool) or value is None:
        return text("summary_unsure", language)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        if not value:
            return text("summary_no_items", language)
        items = {item.item: item.label for item in criteria.in_language(language).slot(slot).items}
        return "; ".join(items.get(number, str(number)) for number in value)
    if value in ("yes", "no", "not_applicable", "unsure", "none", "clear", "excludes", "review"):
        return text(f"summary_{value}", language)
    return str(value)  # an antibody's name


def summary_text(
    criteria: CriteriaSet, answers: Mapping[str, Answer], today: date, language: str = ENGLISH
) -> str:
    shown = criteria.in_language(language)
    lines = [
        text(
            "prescreen_summary_line",
            language,
            number=number,
            topic=shown.slot(slot).topic,
            answer=answer_words(criteria, slot, answers[slot], today, language),
        )
        for number, slot in enumerate(answered_slots(criteria, answers), start=1)
    ]
    return text("prescreen_summary", language, lines="\n".join(lines))


def summary_buttons(language: str = ENGLISH) -> list[dict[str, str]]:
    """ "Yes, that's right" and "Change an answer": titles in ``language``, English words sent."""
    return [{"title": text(i, language), "payload": text(i)} for i in BUTTON_IDS[:2]]


def pick_buttons(
    criteria: CriteriaSet, answers: Mapping[str, Answer], language: str = ENGLISH
) -> list[dict[str, str]]:
    """One button per answer (its topic; the English topic is sent), then "Keep them all"."""
    shown = criteria.in_language(language)
    buttons = [
        {"title": shown.slot(slot).topic, "payload": criteria.slot(slot).topic}
        for slot in answered_slots(criteria, answers)
    ]
    return [*buttons, {"title": text("button_change_none", language), "payload": text("button_change_none")}]


def _is_button(said: str, text_id: str) -> bool:
    return said == normalise(text(text_id))


def _slot_by_topic(said: str, criteria: CriteriaSet, language: str) -> str | None:
    """A topic's own words, as the pick buttons send them (English) or as shown (the language)."""
    for shown in (criteria, criteria.in_language(language)):
        for spec in shown.slots:
            if said == normalise(spec.topic):
                return spec.name
    return None


def _topic_within(said: str, criteria: CriteriaSet, language: str) -> str | None:
    """A topic named inside a longer reply ("changer l'âge"), accents or not."""
    words = lexicon(language)
    for shown in (criteria, criteria.in_language(language)):
        for spec in shown.slots:
            topic = normalise(spec.topic)
            if find_phrase(said, topic) >= 0 or (
                words and find_phrase(words.prepare(said), words.prepare(topic)) >= 0
            ):
                return spec.name
    return None


def _slot_by_number(said: str, slots: list[str], language: str) -> str | None:
    """ "3", "number 3", "the 3rd one": a line of the summary."""
    if len(said) > 20:
        return None
    ordinal = ORDINAL.search(said)
    numbers = find_numbers(said, lexicon(language))
    if ordinal is None and len(numbers) != 1:
        return None
    number = int(ordinal.group(1)) if ordinal else int(numbers[0].value)
    return slots[number - 1] if 1 <= number <= len(slots) else None


def _says(said: str, name: str, english: re.Pattern[str], language: str) -> bool:
    words = lexicon(language)
    return bool(pick(words, name, english).search(words.prepare(said) if words else said))


def read_check(
    reply: str,
    criteria: CriteriaSet,
    answers: Mapping[str, Answer],
    today: date,
    language: str = ENGLISH,
    picking: bool = False,
) -> Check:
    """What ``reply`` says to the summary (or, ``picking``, to "which one?"). Never raises."""
    said = normalise(reply).strip(" .!")
    slots = answered_slots(criteria, answers)
    if _is_button(said, "button_answers_right"):
        return Check("confirmed")
    if _is_button(said, "button_change_answer"):
        return Check("change")
    if _is_button(said, "button_change_none"):
        return Check("keep")
    chosen = _slot_by_topic(said, criteria, language) or _slot_by_number(said, slots, language)
    if chosen is not None:
        return Check("pick", chosen)
    if only_a_question(said, lexicon(language)):
        return Check("unclear")  # "what does DLCO mean?": answered, then the check again
    correction = detect_correction(reply, today, criteria, previous=answers, language=language)
    if correction is not None:
        return Check("correction", *correction)
    wants_change = _says(said, "change_answer", CHANGE, language)
    named = slot_named(said, criteria, language) or _topic_within(said, criteria, language)
    new = _new_answer(LEADING_NO.sub("", said), named, criteria, answers, today, language)
    if new is not None and (not wants_change or _names_its_value(criteria, *new)):
        return Check("correction", *new)
    if named is not None and (wants_change or picking):
        return Check("pick", named)
    yes_no = yes_no_reading(reply, language)
    if wants_change or yes_no.value == "no":
        return Check("keep") if picking and yes_no.value == "no" and not wants_change else Check("change")
    plain_yes = yes_no.value == "yes" and not yes_no.hedged
    if plain_yes or (yes_no.value is None and _says(said, "answers_right", RIGHT, language)):
        return Check("keep") if picking else Check("confirmed")
    return Check("unclear")


def _new_answer(
    said: str,
    named: str | None,
    criteria: CriteriaSet,
    answers: Mapping[str, Answer],
    today: date,
    language: str,
) -> tuple[str, Answer] | None:
    """The right answer given straight away: to the question named ("my age is 46"), or an age
    said on its own ("I'm 46"); only when it reads differently from the answer shown."""
    ages = [spec.name for spec in criteria.slots if type_of(criteria, spec.name).whole_number]
    slot = named or (ages[0] if ages and ages[0] in answers else None)
    if slot is None:
        return None
    answer = parse_answer(slot, said, today, criteria, language)
    if not answer.usable or (named is None and answer.hedged):
        return None
    if reading(criteria, slot, answer, today) == reading(criteria, slot, answers.get(slot), today):
        return None
    return slot, answer


def _names_its_value(criteria: CriteriaSet, slot: str, answer: Answer) -> bool:
    """An age or an antibody's name typed beside "wrong" is the right one ("his age is wrong, he's 63
    not 36"); a yes or a no there may be the "wrong" itself, so that question is asked again."""
    if answer.status != "ok" or answer.hedged:
        return False
    named = isinstance(answer.value, dict) and bool(answer.value.get("names"))
    return type_of(criteria, slot).whole_number or named


def check_events(check: Check) -> dict[str, Any]:
    """The slots a reply to the summary sets (the form turns them into events)."""
    if check.kind == "confirmed":
        return {SUMMARY_SLOT: CONFIRMED, STEP_SLOT: None}
    if check.kind == "change":
        return {STEP_SLOT: PICK}
    if check.kind == "keep":
        return {STEP_SLOT: None}
    if check.kind == "pick" and check.slot:
        return {check.slot: None, STEP_SLOT: None}  # the form asks that question again
    if check.kind == "correction" and check.slot and check.answer is not None:
        return {check.slot: check.answer.to_dict(), STEP_SLOT: None}
    return {}

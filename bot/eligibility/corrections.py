"""Spot "actually I'm 45" / "sorry, I meant 45" / "wait, I'm not pregnant" mid-conversation.

People fix earlier answers without being asked; the form should update that slot rather than
read the fix as an answer to the current question. Only messages that start like a correction
and clearly name an earlier topic count; anything else returns None.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from bot.eligibility.answer_types import answer_type, type_of
from bot.eligibility.answers import parse_answer
from bot.eligibility.lexicon import ENGLISH, Lexicon, lexicon, pick
from bot.eligibility.loader import default_criteria
from bot.eligibility.models import Answer, CriteriaSet
from bot.eligibility.parsers.checklist import read_checklist
from bot.eligibility.parsers.entities import find_entities
from bot.eligibility.parsers.inline import apply_inline_corrections
from bot.eligibility.parsers.text import find_numbers, find_phrase, normalise, sentences

TRIGGER = re.compile(
    r"^\W*(actually|sorry|oops|wait|hold on|correction|my mistake|my bad|i made a mistake|"
    r"scratch that|no wait|i meant to say|i meant|i mean|let me correct( that| myself)?|"
    r"to correct( that)?|i want to change my answer( to)?|change my answer( to)?|"
    r"that's wrong|that was wrong|i was wrong)\b\W*"
)
BARE_AGE_RANGE = range(10, 121)  # "sorry, I meant 4" is far likelier a checklist number than an age
AGE_FILLER = re.compile(
    r"\b(i'?m|i am|im|it'?s|it is|age|aged|now|just|turned|years?|old|yo|y/o|yrs?|and|typo|sorry|oops|"
    r"my bad)\b"
)


def _remainder(text: str, words: Lexicon | None = None) -> str | None:
    """The message without its leading correction words, or None if it does not start with one."""
    rest, found = text, False
    trigger = pick(words, "correction_trigger", TRIGGER)
    while True:
        match = trigger.match(rest)
        if not match or not match.group(0):
            break
        rest, found = rest[match.end() :], True
    return rest.strip() if found and rest.strip() else None


def _is_bare_age(text: str, words: Lexicon | None = None) -> bool:
    numbers = find_numbers(text, words)
    if len(numbers) != 1 or int(numbers[0].value) not in BARE_AGE_RANGE:
        return False
    leftover = text[: numbers[0].start] + " " + text[numbers[0].end :]
    return not pick(words, "age_filler", AGE_FILLER).sub(" ", leftover).strip(" .,!")


def _slot_by_words(text: str, criteria: CriteriaSet) -> str | None:
    """The earlier question this text names: the longest cue wins, then recognised names."""
    best: tuple[int, int, str] | None = None
    for order, spec in enumerate(criteria.slots):
        cues = list(spec.correction_cues) + [k for item in spec.items for k in item.keywords]
        for cue in cues:
            if find_phrase(text, cue) >= 0 and (best is None or (len(cue), -order) > best[:2]):
                best = (len(cue), -order, spec.name)
    if best is not None:
        return best[2]
    for entity in find_entities(text):
        for spec in criteria.slots:
            if entity.label == answer_type(spec.answer_type).entity:
                return spec.name
            if entity.label == "DRUG" and entity.canonical in criteria.rules_for(spec.name).get("drugs", ()):
                return spec.name
    return None


def slot_named(text: str, criteria: CriteriaSet, language: str = ENGLISH) -> str | None:
    """The question ``text`` (in ``language``) names by its cue words ("my age", "the scan"), if any."""
    words = lexicon(language)
    clean = normalise(text) if words is None else words.prepare(normalise(text))
    try:
        return _slot_by_words(clean, criteria.in_language(language))
    except Exception:  # recognising a topic must never break the conversation
        return None


def corrections_before_the_answer(
    text: str,
    today: date,
    criteria: CriteriaSet,
    current_slot: str,
    previous: Mapping[str, Answer],
    language: str = ENGLISH,
) -> tuple[dict[str, Answer], str]:
    """The sentences of ``text`` that correct an earlier answer, and what is left of it, which
    answers the question asked ("sorry typo, I'm 56 not 65. and yes I have a carte vitale")."""
    parts = sentences(text)
    if len(parts) < 2:
        return {}, text
    fixes: dict[str, Answer] = {}
    rest: list[str] = []
    for sentence in parts:
        found = detect_correction(sentence, today, criteria, current_slot, previous, language)
        if found is not None and found[0] != current_slot and previous.get(found[0]) is not None:
            fixes[found[0]] = found[1]
        else:
            rest.append(sentence)
    return (fixes, " ".join(rest)) if fixes else ({}, text)


def _age_it_denies(text: str, criteria: CriteriaSet, previous: Mapping[str, Answer] | None) -> str | None:
    """The age question, when ``text`` denies the age given to it ("61 ans pas 67" after "67"),
    whatever else its words could answer ("j'ai" reads as a yes)."""
    ages = [spec.name for spec in criteria.slots if answer_type(spec.answer_type).whole_number]
    given = (previous or {}).get(ages[0]) if ages else None
    if given is None or not isinstance(given.value, int):
        return None
    return ages[0] if re.search(rf"\b(?:not|pas|non)\s+{given.value}\b", text) else None


def _bare_age_slot(
    text: str, today: date, criteria: CriteriaSet, current_slot: str | None, language: str = ENGLISH
) -> str | None:
    """A lone number ("sorry, I meant 45") is an age, unless it answers the current question."""
    age_slots = [spec.name for spec in criteria.slots if answer_type(spec.answer_type).whole_number]
    if not age_slots or not _is_bare_age(text, lexicon(language)) or current_slot == age_slots[0]:
        return None
    answer = parse_answer(current_slot, text, today, criteria, language) if current_slot is not None else None
    if answer is not None and answer.status != "invalid":
        return None
    return age_slots[0]


def _merged_checklist(
    text: str, new: Answer, old: Answer | None, criteria: CriteriaSet, slot: str, words: Lexicon | None = None
) -> Answer:
    """A checklist fix changes only the items it mentions ("wait, I do have a fever")."""
    if old is None or old.status == "invalid" or not isinstance(old.value, dict):
        return new
    applies, unsure, mentioned = read_checklist(text, criteria.slot(slot).items, words=words)
    kept_applies = set(old.value.get("applies", ())) - mentioned
    kept_unsure = set(old.value.get("unsure", ())) - mentioned
    value = {"applies": sorted(kept_applies | applies), "unsure": sorted((kept_unsure | unsure) - applies)}
    return Answer(status="ok", value=value, hedged=new.hedged)


def detect_correction(
    text: str,
    today: date,
    criteria: CriteriaSet | None = None,
    current_slot: str | None = None,
    previous: Mapping[str, Answer] | None = None,
    language: str = ENGLISH,
) -> tuple[str, Answer] | None:
    """(slot, new answer) when ``text`` (in ``language``) corrects an earlier answer, else None.
    Never raises.

    ``current_slot`` keeps "sorry, I meant 4" for the question being asked; ``previous`` lets a
    checklist fix keep the items it does not mention.
    """
    criteria = (criteria or default_criteria()).in_language(language)
    words = lexicon(language)
    clean = normalise(text) if words is None else words.prepare(normalise(text))
    rest = _remainder(clean, words)
    if rest is None:
        return None
    denied_age = _age_it_denies(clean, criteria, previous)
    rest = apply_inline_corrections(rest, words)  # "sorry, I meant 45 not 44"
    try:
        slot = (
            _slot_by_words(rest, criteria)
            or denied_age
            or _bare_age_slot(rest, today, criteria, current_slot, language)
        )
    except Exception:  # recognising a topic must never break the conversation
        return None
    if slot is None:
        return None
    answer = parse_answer(slot, rest, today, criteria, language)
    if answer.status == "invalid":
        return None
    if type_of(criteria, slot).itemised:
        answer = _merged_checklist(rest, answer, (previous or {}).get(slot), criteria, slot, words)
    return slot, answer

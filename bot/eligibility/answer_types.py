"""Every kind of answer a pre-screen question can take, in one table.

A slot in criteria.yml names its ``answer_type``; this registry says, for that type, how a reply
is read, what the criterion's rule must hold, what an answer means for a criterion, its short
reading, what a story may answer of it, and how the form stores it. A new question of an
existing type is a data change; a new type is one entry here (the loader refuses any other).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.eligibility import schema, statements, verdicts
from bot.eligibility.lexicon import Lexicon
from bot.eligibility.models import Answer, CriteriaSet, Criterion, SlotSpec, Verdict
from bot.eligibility.parsers.age import parse_age
from bot.eligibility.parsers.antibody import parse_antibody
from bot.eligibility.parsers.checklist import parse_checklist
from bot.eligibility.parsers.drugs import parse_drug_history
from bot.eligibility.parsers.lung import parse_lung_function
from bot.eligibility.parsers.yes_no import parse_yes_no

UNSURE = "unsure"
DRUG_READINGS = {"meets": "clear", "excluded": "excludes", "unknown": "review"}

# (reply, slot, criteria in the reply's language, today, that language's words or None for English)
Reader = Callable[[str, SlotSpec, CriteriaSet, date, "Lexicon | None"], Answer]
Meaning = Callable[[Answer, Sequence[Verdict]], Any]


def plain_meaning(answer: Answer, found: Sequence[Verdict]) -> Any:
    """yes / no / not_applicable as read; hedged or unsure answers read "unsure"."""
    return UNSURE if answer.status != "ok" or answer.hedged else answer.value


def age_meaning(answer: Answer, found: Sequence[Verdict]) -> Any:
    return UNSURE if answer.status != "ok" or "unknown" in found else int(answer.value)


def antibody_meaning(answer: Answer, found: Sequence[Verdict]) -> Any:
    value = answer.value or {}
    if answer.status != "ok" or answer.hedged:
        return UNSURE
    if value.get("result") == "negative":
        return "none"
    names = value.get("names") or []
    return names[0] if len(names) == 1 else UNSURE


def drug_meaning(answer: Answer, found: Sequence[Verdict]) -> Any:
    worst = "excluded" if "excluded" in found else "unknown" if "unknown" in found else "meets"
    return DRUG_READINGS[worst]


def checklist_meaning(answer: Answer, found: Sequence[Verdict]) -> Any:
    value = answer.value or {}
    if answer.status != "ok" or answer.hedged or value.get("unsure"):
        return UNSURE
    return sorted(int(item) for item in value.get("applies", ()))


@dataclass(frozen=True)
class AnswerType:
    """How one kind of answer is read, checked, evaluated, said back and stored."""

    read: Reader  # the person's reply (normalised) -> Answer; "invalid" means ask again
    check_rule: Callable[[Criterion, str], None]  # load time: the rule has what ``verdict`` reads
    verdict: Callable[[Criterion, Answer, date], Verdict]  # one usable answer against one criterion
    meaning: Meaning = plain_meaning  # the short reading coordinators and the held-out sets use
    volunteered: Callable[[SlotSpec, str, statements.Read, Lexicon | None], Answer | None] = (
        statements.nothing
    )
    itemised: bool = False  # one question, several numbered criteria (the checklist)
    # a whole number (an age): stored for coordinators as a number, or empty; and a lone number
    # in a correction ("sorry, I meant 45") is taken as this answer
    whole_number: bool = False
    entity: str = ""  # a name of this label in a correction ("actually it was PL-7") is about this slot
    slot_type: str = "any"  # the Rasa slot type the form stores the Answer dict in


REGISTRY: dict[str, AnswerType] = {
    "age": AnswerType(
        read=lambda text, spec, criteria, today, words: parse_age(
            text, today, spec, criteria.date_order, words
        ),
        check_rule=schema.age_rule,
        verdict=verdicts.age,
        meaning=age_meaning,
        volunteered=statements.age,
        whole_number=True,
    ),
    "yes_no": AnswerType(
        read=lambda text, spec, criteria, today, words: parse_yes_no(
            text, spec, words, criteria.rules_for(spec.name)
        ),
        check_rule=schema.yes_no_rule,
        verdict=verdicts.yes_no,
        volunteered=statements.yes_no,
    ),
    "antibody": AnswerType(
        read=lambda text, spec, criteria, today, words: parse_antibody(
            text, spec, criteria.rules_for(spec.name), words
        ),
        check_rule=schema.antibody_rule,
        verdict=verdicts.antibody,
        meaning=antibody_meaning,
        volunteered=statements.antibody,
        entity="ANTIBODY",
    ),
    "drug_history": AnswerType(
        read=lambda text, spec, criteria, today, words: parse_drug_history(
            text, today, spec, criteria.rules_for(spec.name), criteria.date_order, words
        ),
        check_rule=schema.drug_history_rule,
        verdict=verdicts.drug_history,
        meaning=drug_meaning,
        volunteered=statements.drug_history,
    ),
    "checklist": AnswerType(
        read=lambda text, spec, criteria, today, words: parse_checklist(text, spec, today, words),
        check_rule=schema.checklist_rule,
        verdict=verdicts.checklist_item,
        meaning=checklist_meaning,
        itemised=True,
    ),
    "lung_function": AnswerType(
        read=lambda text, spec, criteria, today, words: parse_lung_function(
            text, spec, criteria.rules_for(spec.name), words
        ),
        check_rule=schema.lung_function_rule,
        verdict=verdicts.yes_no,
        volunteered=statements.lung_function,
    ),
}
ANSWER_TYPES = tuple(REGISTRY)


def answer_type(name: str) -> AnswerType:
    """The registry entry for ``name``; a name without one is a developer error that says the fix."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(
            f"answer type {name!r} has no entry in bot/eligibility/answer_types.py REGISTRY "
            f"(known: {', '.join(ANSWER_TYPES)})"
        ) from None


def type_of(criteria: CriteriaSet, slot: str) -> AnswerType:
    """The answer type of one slot of ``criteria`` (KeyError naming the file for an unknown slot)."""
    return answer_type(criteria.slot(slot).answer_type)

"""What an answer *means* for its question, in the words the held-out sets and coordinators use.

A parsed ``Answer`` keeps the detail (names, date ranges, hedges); a reading is the short
verdict-like value a person would check it against: an age, "yes" / "no" / "unsure" /
"not_applicable", an antibody name or "none", "clear" / "excludes" / "review" for medicines,
and the checklist items that apply. Hedged answers read "unsure": they never exclude.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.eligibility.evaluate import check
from bot.eligibility.models import Answer, CriteriaSet

UNSURE = "unsure"
DRUG_READINGS = {"meets": "clear", "excluded": "excludes", "unknown": "review"}


def _age(criteria: CriteriaSet, slot: str, answer: Answer, today: date) -> Any:
    verdicts = {check(criteria, c, answer, today) for c in criteria.criteria_for(slot)}
    if answer.status != "ok" or "unknown" in verdicts:
        return UNSURE
    return int(answer.value)


def _antibody(answer: Answer) -> Any:
    value = answer.value or {}
    if answer.status != "ok" or answer.hedged:
        return UNSURE
    if value.get("result") == "negative":
        return "none"
    names = value.get("names") or []
    return names[0] if len(names) == 1 else UNSURE


def _checklist(answer: Answer) -> Any:
    value = answer.value or {}
    if answer.status != "ok" or answer.hedged or value.get("unsure"):
        return UNSURE
    return sorted(int(item) for item in value.get("applies", ()))


def reading(criteria: CriteriaSet, slot: str, answer: Answer | None, today: date) -> Any:
    """The short meaning of ``answer`` to ``slot``'s question; None when it was not understood."""
    if answer is None or answer.status == "invalid":
        return None
    answer_type = criteria.slot(slot).answer_type
    if answer_type == "age":
        return _age(criteria, slot, answer, today)
    if answer_type == "antibody":
        return _antibody(answer)
    if answer_type == "checklist":
        return _checklist(answer)
    if answer_type == "drug_history":
        verdicts = [check(criteria, c, answer, today) for c in criteria.criteria_for(slot)]
        worst = "excluded" if "excluded" in verdicts else "unknown" if "unknown" in verdicts else "meets"
        return DRUG_READINGS[worst]
    if answer.status != "ok" or answer.hedged:
        return UNSURE
    return answer.value

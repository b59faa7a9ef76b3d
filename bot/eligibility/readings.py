"""What an answer *means* for its question, in the words the held-out sets and coordinators use.

A parsed ``Answer`` keeps the detail (names, date ranges, hedges); a reading is the short
verdict-like value a person would check it against: an age, "yes" / "no" / "unsure" /
"not_applicable", an antibody name or "none", "clear" / "excludes" / "review" for medicines,
and the checklist items that apply. Hedged answers read "unsure": they never exclude. Each
answer type's meaning is in the registry (bot/eligibility/answer_types.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.eligibility.answer_types import UNSURE, type_of
from bot.eligibility.evaluate import check
from bot.eligibility.models import Answer, CriteriaSet

__all__ = ["UNSURE", "reading"]


def reading(criteria: CriteriaSet, slot: str, answer: Answer | None, today: date) -> Any:
    """The short meaning of ``answer`` to ``slot``'s question; None when it was not understood."""
    if answer is None or answer.status == "invalid":
        return None
    found = [check(criteria, criterion, answer, today) for criterion in criteria.criteria_for(slot)]
    return type_of(criteria, slot).meaning(answer, found)
